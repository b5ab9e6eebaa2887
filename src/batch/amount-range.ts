/**
 * The one range check on totals. Each priced row is within the exact range (the core refuses one
 * that is not), but a sum of many may pass MAX_EXACT_MINOR, beyond which a total is no longer
 * printed exactly to the cent (40 rows of 3,000,000,000,000.01 summed as floats print .20, not
 * .40). Every command that prints a total asks here first: exit 65, as for a row out of range.
 */
import { centsToPlain, exactAmount, MAX_EXACT_MINOR } from '../core/decimal.js';
import { DataError } from '../errors.js';

export interface Totals {
  currency: string;
  minorDigits: number;
  /** the amounts to be printed, by what they are */
  amounts: Iterable<number>;
}

/**
 * Throws DataError (65) when an amount of `t` is beyond the exact range: "<where>: the <what> in
 * USD are beyond 9,999,999,999,999.99, the largest figure printed exactly to the cent".
 */
export function checkTotals(where: string, what: string, t: Totals, hint = 'split the input into smaller batches'): void {
  for (const n of t.amounts) {
    if (!exactAmount(n)) {
      throw new DataError(
        `${where}: the ${what} in ${t.currency} are beyond ${centsToPlain(MAX_EXACT_MINOR, t.minorDigits)}, the largest figure printed exactly to the cent`,
        [hint],
      );
    }
  }
}

/** The amounts of a breakdown-shaped total (a batch, a date of a timeline, a compared scenario). */
export function totalAmounts(t: {
  customsValue: number;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  dutyByAuthority?: Readonly<Record<string, number>> | ReadonlyMap<string, number>;
}): number[] {
  const byAuthority = t.dutyByAuthority instanceof Map ? [...t.dutyByAuthority.values()] : Object.values(t.dutyByAuthority ?? {});
  return [t.customsValue, t.duty, t.fees, t.taxes, t.landedCost, ...byAuthority];
}
