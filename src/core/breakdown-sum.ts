/**
 * A running total of breakdowns in one currency (a batch on one date of a timeline): the sums,
 * not the breakdowns, so a batch of any size takes the same memory. The total's effective rate is
 * total duty ÷ total customs value (not an average of rates).
 */
import { ratioDec } from './decimal.js';
import type { Money, Run, Step } from './program.js';
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

  /**
   * A shipment run without the audit trail (core/program.ts, with its duty lines recorded) after
   * at least one breakdown: the same sums as `add` of its breakdown, authority by authority in the
   * order its lines were charged.
   */
  addRun(r: Run, money: Money): void {
    const imp = r.program.importer;
    this.n++;
    if (imp.currency !== (this.first as Breakdown).currency) this.mixedCurrencies = true;
    this.goodsValue += money.goods;
    this.freight += money.freight;
    this.insurance += money.insurance;
    this.customsValue += money.customsValue;
    this.duty += r.duty;
    this.fees += r.fees;
    this.taxes += r.taxes;
    this.landedCost += r.landedCost;
    if (r.exempt) return;
    const lines = r.dutyLines as NonNullable<Run['dutyLines']>;
    const steps = r.program.duties;
    const by = this.dutyByAuthority;
    for (let i = 0; i < steps.length; i++) {
      const a = lines.amount[i] as number;
      if (a < 0) continue;
      const k = (steps[i] as Step).authority;
      by[k] = (by[k] ?? 0) + a;
    }
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
