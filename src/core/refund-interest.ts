/**
 * Interest on refunded duty: what CBP adds to the principal of an IEEPA refund.
 *
 * The rule, and where it is written:
 * - 19 U.S.C. 1505(c): interest paid by the United States on excess moneys deposited accrues from
 *   the date the importer of record deposits the estimated duties, at the rate the Secretary of
 *   the Treasury determines.
 * - CBP's quarterly notices ("Quarterly IRS Interest Rates Used in Calculating Interest on Overdue
 *   Accounts and Refunds of Customs Duties", e.g. FR Doc 2025-02228, 90 FR 9036): "Pursuant to
 *   19 U.S.C. 1505 and Treasury Decision 85-93 (50 FR 21832), the interest rate paid on applicable
 *   overpayments or underpayments of customs duties must be in accordance with the Internal
 *   Revenue Code rate established under 26 U.S.C. 6621 and 6622." Section 6621 gives one
 *   overpayment rate for corporations and one for non-corporations, set each calendar quarter.
 * - 26 U.S.C. 6622(a): such interest "shall be compounded daily". So interest is compound, not
 *   simple: each day's interest earns interest the next day, across quarter boundaries too.
 * - 19 CFR 24.3a (CBP bills; interest assessment) could not be read here (only its title): the
 *   rule above rests on the statute and CBP's notices.
 *
 * The computation, exact and rounded once: a day d with `from <= d < to` accrues at the annual
 * rate r of the quarter that contains d, divided by the days of d's year (365; 366 in a leap year,
 * which no quarter of the bundled table falls in). Over the whole run the principal P grows to
 * P × Π (1 + r_q / Y_q)^(days in quarter q); the interest is that minus P, as an exact fraction
 * of BigInts, rounded half-up to the cent in one step. The IRS rule for corporate overpayments
 * above $10,000 (26 U.S.C. 6621(a)(1), last sentence) is not in CBP's notices and is not applied.
 */
import { addDays } from './dates.js';
import { parsePercent, ratioRound } from './decimal.js';
import type { InterestQuarter, InterestTable } from './types.js';

/** Which of the two overpayment rates of CBP's notice: the importer of record is a corporation or not. */
export type InterestBasis = 'corporate' | 'non-corporate';
export const INTEREST_BASES: readonly InterestBasis[] = ['corporate', 'non-corporate'];

/** One stretch of the run inside one quarter: [from, to), its days and the quarter's rate. */
export interface InterestPeriod {
  from: string;
  to: string;
  days: number;
  /** the annual rate, "6%" */
  rate: string;
  /** the Federal Register notice of the quarter */
  ref: string;
}

export interface InterestOf {
  /** minor units (cents) */
  amount: number;
  /** the deposit date: interest accrues from it */
  from: string;
  /** the end of the run actually computed: the refund date, or the end of the table if that comes first */
  to: string;
  days: number;
  periods: readonly InterestPeriod[];
}

const DAY_MS = 86_400_000;

function utc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Whole days from a to b (b later): the days d with a <= d < b. */
export function daysBetween(a: string, b: string): number {
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/**
 * The compound factor of a deposit date to the run's end, num/den, with the periods it spans, its
 * days, and the interest per unit (num − den)/den as a fixed-point number of FIXED_BITS bits,
 * rounded down: `scaled` = floor((num − den) · 2^FIXED_BITS / den).
 */
interface Factor {
  num: bigint;
  den: bigint;
  periods: InterestPeriod[];
  days: number;
  scaled: bigint;
}

/**
 * num and den run to thousands of bits (372^450 for a 7% rate over 450 days): one exact division
 * per entry cost more than the entry's pricing. P · (num − den)/den lies in
 * [P·scaled, P·scaled + P) / 2^FIXED_BITS, so when both ends round to the same cent that cent is
 * the exact half-up rounding; otherwise (within P/2^96 of a half cent) the exact division decides.
 */
const FIXED_BITS = 96n;
const HALF = 1n << (FIXED_BITS - 1n);

/** P · F − P = P·(num − den)/den rounded half-up to the minor unit, exactly. */
function interestOn(principal: number, f: Factor): number {
  if (principal === 0) return 0;
  const p = BigInt(principal);
  // a negative amount or rate: the exact division (none in the bundled table)
  if (principal < 0 || f.scaled < 0n) return ratioRound(p * (f.num - f.den), f.den);
  const x = p * f.scaled;
  const lo = (x + HALF) >> FIXED_BITS;
  const hi = (x + p + HALF) >> FIXED_BITS;
  if (lo === hi) return Number(lo);
  return ratioRound(p * (f.num - f.den), f.den);
}

/** The interest of a run, or why it cannot be computed (a message for the row). */
export type InterestResult = { ok: true; interest: InterestOf } | { ok: false; message: string };

/**
 * The interest of every entry of a run to one refund date, on one basis. The compound factor of a
 * deposit date is kept (entries share few dates), so a million entries cost a million products.
 */
export class InterestCalculator {
  /** the last day the table covers, exclusive: the `to` of its last quarter */
  readonly tableEnd: string;
  readonly tableStart: string;
  /** the end of every run: the refund date, or the table's end when the refund date is past it */
  readonly end: string;
  /** the refund date is past the table: interest is computed to `tableEnd` only */
  readonly ranOut: boolean;
  private readonly factors = new Map<string, Factor>();

  constructor(
    readonly table: InterestTable,
    readonly basis: InterestBasis,
    readonly refundDate: string,
  ) {
    const qs = table.quarters;
    this.tableStart = (qs[0] as InterestQuarter).from;
    this.tableEnd = (qs[qs.length - 1] as InterestQuarter).to;
    this.ranOut = refundDate > this.tableEnd;
    this.end = this.ranOut ? this.tableEnd : refundDate;
  }

  /** the rate of a quarter on this basis */
  rateOf(q: InterestQuarter): string {
    return this.basis === 'corporate' ? q.corporate : q.nonCorporate;
  }

  /** The compound factor from `from` to the run's end, as num/den, with the periods it spans. */
  private factor(from: string): Factor {
    const hit = this.factors.get(from);
    if (hit) return hit;
    let num = 1n;
    let den = 1n;
    const periods: InterestPeriod[] = [];
    for (const q of this.table.quarters) {
      // the stretch of [from, end) inside [q.from, q.to); dates compare as strings
      let a = from;
      if (q.from > a) a = q.from;
      let b = this.end;
      if (q.to < b) b = q.to;
      if (a >= b) continue;
      const days = daysBetween(a, b);
      const rate = this.rateOf(q);
      const r = parsePercent(rate);
      if (r === undefined) throw new RangeError(`interest rate "${rate}" of ${q.ref} is not a percent`);
      // (1 + r/Y) = (Y·10^s + n) / (Y·10^s), with r = n / 10^s
      const base = BigInt(daysInYear(Number(a.slice(0, 4)))) * 10n ** BigInt(r.s);
      const step = BigInt(days);
      num *= (base + BigInt(r.n)) ** step;
      den *= base ** step;
      periods.push({ from: a, to: b, days, rate, ref: q.ref });
    }
    const f: Factor = { num, den, periods, days: daysBetween(from, this.end), scaled: ((num - den) << FIXED_BITS) / den };
    this.factors.set(from, f);
    return f;
  }

  /**
   * Interest on `principal` (cents) deposited on `paidDate`, to the run's end. A deposit before the
   * table starts or after the refund date cannot be computed: the message says which.
   */
  interest(principal: number, paidDate: string): InterestResult {
    if (paidDate < this.tableStart)
      return {
        ok: false,
        message: `deposit date ${paidDate} is before the interest table (from ${this.tableStart}): interest cannot be estimated for it`,
      };
    if (paidDate > this.refundDate)
      return { ok: false, message: `deposit date ${paidDate} is after the refund date ${this.refundDate}: check paid_date, or give a later --refund-date` };
    const from = paidDate > this.end ? this.end : paidDate;
    const f = this.factor(from);
    // P·F − P = P·(num − den)/den, rounded once
    return { ok: true, interest: { amount: interestOn(principal, f), from: paidDate, to: this.end, days: f.days, periods: f.periods } };
  }

  /** The note of a refund date past the table (the CLI repeats it on stderr). */
  runOutNote(): string | null {
    if (!this.ranOut) return null;
    const last = addDays(this.tableEnd, -1);
    return `the schedule's ${this.table.table} table has no rate after ${last} (last quarter: ${
      this.table.quarters[this.table.quarters.length - 1]?.ref
    }): interest is computed for the days to ${last}, not to the refund date ${this.refundDate} — the interest of the later days is missing, not zero`;
  }
}
