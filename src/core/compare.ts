/**
 * Scenarios (or origins) side by side: the change of each column's landed cost against the
 * baseline's, its effective rate, and the gates of `compare` (--fail-above, --max-effective-rate).
 * All on integer minor units; the ratios printed are exact decimals rounded half-up to 6 places,
 * the gates compare the exact ratios.
 */
import { pow10, ratioDec, type Dec } from './decimal.js';
import { dutyRateExceeds } from './gates.js';
import type { Breakdown, ResolvedScenario } from './types.js';

/** One compared column: a scenario's (or origin's) totals, for one shipment or a batch. */
export interface Column {
  id: string;
  asOf: string | null;
  whatIf: boolean;
  currency: string;
  minorDigits: number;
  customsValue: number;
  dutyByAuthority: Readonly<Record<string, number>>;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
}

export interface Delta {
  delta: number;
  /** landed-cost change ÷ baseline landed cost, exact to 6 decimals (a fraction); null when the baseline is 0 */
  deltaPct: Dec | null;
}

export function delta(col: Column, base: Column): Delta {
  const d = col.landedCost - base.landedCost;
  if (base.landedCost === 0) return { delta: d, deltaPct: null };
  // the magnitude is rounded, then signed: a fall rounds as a rise of the same size does
  const frac = ratioDec(Math.abs(d), base.landedCost, 6);
  return { delta: d, deltaPct: d < 0 ? { n: -frac.n, s: frac.s } : frac };
}

/** Duty ÷ customs value, to 6 decimals (0 when there is no customs value). */
export function effectiveRate(c: Pick<Column, 'duty' | 'customsValue'>): Dec {
  return ratioDec(c.duty, c.customsValue, 6);
}

/**
 * --fail-above: the column's landed cost is more than `limit` (a fraction) above the baseline's,
 * compared exactly in integers — Δ / base > n / 10^s ⇔ Δ · 10^s > n · base (base > 0) — never on
 * the 6-decimal ratio the output prints, so a rise a millionth of a percent above the limit fails
 * (as --max-effective-rate does, core/gates.ts). A fall never fails; the baseline never fails
 * against itself, and nothing fails against a baseline of 0.
 */
export function aboveBaseline(col: Column, base: Column, limit: Dec): boolean {
  if (col === base || base.landedCost === 0) return false;
  const d = col.landedCost - base.landedCost;
  return BigInt(d) * BigInt(pow10(limit.s)) > BigInt(limit.n) * BigInt(base.landedCost);
}

/**
 * --max-effective-rate: duty ÷ customs value above the limit, compared exactly — the one gate
 * semantics of every command (core/gates.ts), so a rate a millionth above fails calc and compare alike.
 */
export function rateAbove(col: Pick<Column, 'duty' | 'customsValue'>, limit: Dec): boolean {
  return dutyRateExceeds(col.duty, col.customsValue, limit);
}

/** A column from a scenario and its figures (one shipment's breakdown, or a batch's totals). */
export function columnOf(
  s: Pick<ResolvedScenario, 'id' | 'asOf' | 'whatIf'>,
  b: Pick<Breakdown, 'currency' | 'minorDigits' | 'customsValue' | 'dutyByAuthority' | 'duty' | 'fees' | 'taxes' | 'landedCost'>,
): Column {
  return {
    id: s.id,
    asOf: s.asOf,
    whatIf: s.whatIf,
    currency: b.currency,
    minorDigits: b.minorDigits,
    customsValue: b.customsValue,
    dutyByAuthority: b.dutyByAuthority,
    duty: b.duty,
    fees: b.fees,
    taxes: b.taxes,
    landedCost: b.landedCost,
  };
}
