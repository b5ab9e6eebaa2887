/**
 * A running total of breakdowns in one currency (a batch on one date of a timeline): the sums,
 * not the breakdowns, so a batch of any size takes the same memory. The total's effective rate is
 * total duty ÷ total customs value (not an average of rates).
 */
import { ratioDec } from './decimal.js';
import type { Breakdown } from './types.js';

export class BreakdownSum {
  private first: Breakdown | null = null;
  private n = 0;
  private mixedCurrencies = false;
  private goodsValue = 0;
  private freight = 0;
  private insurance = 0;
  private customsValue = 0;
  private duty = 0;
  private fees = 0;
  private taxes = 0;
  private landedCost = 0;
  private readonly dutyByAuthority: Record<string, number> = {};
  /** the first pricing failure on this date (message NUL hint) */
  error: string | undefined;

  add(b: Breakdown): void {
    this.first ??= b;
    this.n++;
    if (b.currency !== this.first.currency) this.mixedCurrencies = true;
    this.goodsValue += b.goodsValue;
    this.freight += b.freight;
    this.insurance += b.insurance;
    this.customsValue += b.customsValue;
    this.duty += b.duty;
    this.fees += b.fees;
    this.taxes += b.taxes;
    this.landedCost += b.landedCost;
    for (const [k, v] of Object.entries(b.dutyByAuthority)) this.dutyByAuthority[k] = (this.dutyByAuthority[k] ?? 0) + v;
  }

  /** amounts in different currencies cannot be added: the caller says so before asking a total */
  get mixed(): boolean {
    return this.mixedCurrencies;
  }

  get count(): number {
    return this.n;
  }

  /** One breakdown is its own total; several read as "N shipments", without lines. Needs one added. */
  total(): Breakdown {
    const first = this.first as Breakdown;
    if (this.n === 1) return first;
    return {
      ...first,
      hts: `${this.n} shipments`,
      description: 'batch total',
      goodsValue: this.goodsValue,
      freight: this.freight,
      insurance: this.insurance,
      customsValue: this.customsValue,
      duty: this.duty,
      fees: this.fees,
      taxes: this.taxes,
      landedCost: this.landedCost,
      effectiveRate: ratioDec(this.duty, this.customsValue, 6),
      dutyByAuthority: { ...this.dutyByAuthority },
      lines: [],
      notApplied: [],
    };
  }
}
