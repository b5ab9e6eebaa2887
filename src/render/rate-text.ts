/**
 * One rule for computed rates (effective rate, deltas): in CSV a fraction with exactly six
 * decimals ("0.300000"), in tables a percentage with at most two decimals ("33.33%"). Rates of
 * the law itself ("7.5%", "0.37 $/kg") are printed as the schedule states them, not through here.
 */
import { decToString, divHalfUp, percentString, pow10, type Dec } from '../core/decimal.js';

/** n/10^s rounded half-up (away from zero) to `digits` decimals. */
function roundTo(d: Dec, digits: number): Dec {
  if (d.s <= digits) return d;
  const div = pow10(d.s - digits);
  const q = divHalfUp(Math.abs(d.n), div);
  return { n: d.n < 0 ? -q : q, s: digits };
}

/** A fraction with exactly 6 decimals, for CSV: 0.3 → "0.300000". */
export function fraction6(d: Dec): string {
  const r = roundTo(d, 6);
  return decToString({ n: r.n * pow10(6 - r.s), s: 6 });
}

/** A percentage with at most two decimals, for tables: 0.333333 → "33.33%". */
export function percent2(d: Dec): string {
  return percentString(roundTo(d, 4));
}
