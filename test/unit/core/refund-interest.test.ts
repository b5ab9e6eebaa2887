/**
 * Interest on refunded duty (src/core/refund-interest.ts), worked by hand.
 *
 * The rule: 19 U.S.C. 1505(c) (interest from the deposit), at the quarterly overpayment rates of
 * 26 U.S.C. 6621 that CBP publishes, compounded daily (26 U.S.C. 6622, as CBP's notices say):
 * interest = P × ((1 + r/365)^days − 1), one rounding half-up to the cent.
 *
 * (1 + x)^n − 1 is worked by the binomial series n·x + C(n,2)·x² + C(n,3)·x³ + …, x = r/365:
 *   6%: x = 0.06/365 = 0.000164383561643836; x² = 2.70219553e-8; x³ = 4.44196526e-12
 *   7%: x = 0.07/365 = 0.000191780821917808; x² = 3.67798837e-8; x³ = 7.05367632e-12
 *   8%: x = 0.08/365 = 0.000219178082191781; x² = 4.80390317e-8; x³ = 1.05291028e-11
 * The rates are those of the bundled table (6% corporate, 7% non-corporate in every quarter of
 * 2025 Q1–2026 Q1: FR Docs 2025-02228, 2025-07451, 2025-12241, 2025-18772, 2026-01175); the 8%
 * quarter below is made up, to show a change of rate at a quarter boundary.
 */
import { describe, expect, it } from 'vitest';
import { daysBetween, InterestCalculator } from '../../../src/core/refund-interest.js';
import type { InterestTable } from '../../../src/core/types.js';

const quarter = (from: string, to: string, corporate: string, nonCorporate: string, ref: string) => ({ from, to, corporate, nonCorporate, ref, sources: [] });

/** The bundled table's first two quarters (data/src/refunds.json). */
const CBP: InterestTable = {
  table: 'us-cbp-overpayment-interest',
  basis: '19 U.S.C. 1505(c)',
  sources: [],
  quarters: [quarter('2025-01-01', '2025-04-01', '6%', '7%', 'FR Doc 2025-02228'), quarter('2025-04-01', '2025-07-01', '6%', '7%', 'FR Doc 2025-07451')],
};

/** A made-up table whose second quarter pays 8%: the rate changes at 2025-04-01. */
const CHANGING: InterestTable = {
  ...CBP,
  table: 'test-changing',
  quarters: [quarter('2025-01-01', '2025-04-01', '6%', '7%', 'Q1'), quarter('2025-04-01', '2025-07-01', '8%', '9%', 'Q2')],
};

const interestOf = (t: InterestTable, basis: 'corporate' | 'non-corporate', refundDate: string, principal: number, paid: string) => {
  const r = new InterestCalculator(t, basis, refundDate).interest(principal, paid);
  if (!r.ok) throw new Error(r.message);
  return r.interest;
};

describe('daysBetween: the days d with from <= d < to', () => {
  it.each([
    ['2025-02-04', '2025-03-06', 30], // 25 (Feb 4–28) + 5 (Mar 1–5) = 30
    ['2025-03-17', '2025-04-01', 15], // Mar 17–31 = 31 − 17 + 1 = 15
    ['2025-02-04', '2025-04-16', 71], // 25 (Feb 4–28) + 31 (Mar) + 15 (Apr 1–15; the 16th is the end) = 71
    ['2025-02-04', '2026-04-01', 421], // 2025-02-04 → 2026-02-04 = 365, + 25 (Feb 4–28) + 31 (Mar) = 421
    ['2024-02-28', '2024-03-01', 2], // Feb 28 and the leap day Feb 29
  ])('%s → %s: %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });
});

describe('InterestCalculator: compounded daily, rounded once', () => {
  it('one quarter: $10,000.00 from 2025-02-04 to 2025-03-06, 30 days at 6% (corporate)', () => {
    // (1 + x)^30 − 1 = 30x + 435x² + 4060x³ + … = 0.004931506849 + 0.000011754551 + 0.000000018034 + 0.00000000002
    //   = 0.004943279454; × 1,000,000 cents = 4,943.279 → 4,943 cents ($49.43)
    // (simple interest would be 1,000,000 × 0.06 × 30/365 = 4,931.51 → 4,932: daily compounding adds 11 cents)
    const i = interestOf(CBP, 'corporate', '2025-03-06', 1_000_000, '2025-02-04');
    expect(i).toEqual({
      amount: 4943,
      from: '2025-02-04',
      to: '2025-03-06',
      days: 30,
      periods: [{ from: '2025-02-04', to: '2025-03-06', days: 30, rate: '6%', ref: 'FR Doc 2025-02228' }],
    });
  });

  it('the same at the non-corporate rate, 7%', () => {
    // 30x + 435x² + 4060x³ = 0.005753424658 + 0.000015999249 + 0.000000028638 + 0.00000000004 = 0.005769452585
    //   × 1,000,000 = 5,769.453 → 5,769 cents
    expect(interestOf(CBP, 'non-corporate', '2025-03-06', 1_000_000, '2025-02-04').amount).toBe(5769);
  });

  it('two quarters at the same rate: compounding runs on across the boundary (15 + 15 days = 30 days)', () => {
    // 2025-03-17 → 2025-04-01 (15 days, FR Doc 2025-02228) and 2025-04-01 → 2025-04-16 (15 days, FR Doc 2025-07451), both 6%:
    // (1 + x)^15 · (1 + x)^15 = (1 + x)^30: the same 4,943 cents as one quarter of 30 days
    const i = interestOf(CBP, 'corporate', '2025-04-16', 1_000_000, '2025-03-17');
    expect(i.amount).toBe(4943);
    expect(i.periods).toEqual([
      { from: '2025-03-17', to: '2025-04-01', days: 15, rate: '6%', ref: 'FR Doc 2025-02228' },
      { from: '2025-04-01', to: '2025-04-16', days: 15, rate: '6%', ref: 'FR Doc 2025-07451' },
    ]);
  });

  it('two quarters with different rates: 15 days at 6%, then 15 days at 8% (made-up table)', () => {
    // (1 + a)^15 = 1 + 15a + 105a² + 455a³ = 1 + 0.002465753425 + 0.000002837305 + 0.000000002021 = 1.002468592752 (a = 0.06/365)
    // (1 + b)^15 = 1 + 15b + 105b² + 455b³ = 1 + 0.003287671233 + 0.000005044098 + 0.000000004791 = 1.003292720125 (b = 0.08/365)
    // product − 1 = 0.002468592752 + 0.003292720125 + 0.002468592752 × 0.003292720125 (= 0.000008128385) = 0.005769441262
    //   × 1,000,000 = 5,769.441 → 5,769 cents; not 4,943 (6% all through) nor 6,596 (8% all through)
    const i = interestOf(CHANGING, 'corporate', '2025-04-16', 1_000_000, '2025-03-17');
    expect(i.amount).toBe(5769);
    expect(i.periods.map((p) => [p.days, p.rate, p.ref])).toEqual([
      [15, '6%', 'Q1'],
      [15, '8%', 'Q2'],
    ]);
  });

  it('paid on the refund date: no days, no interest', () => {
    expect(interestOf(CBP, 'corporate', '2025-03-06', 1_000_000, '2025-03-06')).toMatchObject({ amount: 0, days: 0, periods: [] });
  });

  it('a refund date past the table: interest to the end of the table, and a note that says so', () => {
    // 2025-06-01 → 2025-07-01 (the end of the table) = 30 days at 6%: 4,943 cents, as in the first case
    const c = new InterestCalculator(CBP, 'corporate', '2025-12-31');
    expect(c.ranOut).toBe(true);
    expect(c.end).toBe('2025-07-01');
    const r = c.interest(1_000_000, '2025-06-01');
    expect(r).toMatchObject({ ok: true, interest: { amount: 4943, to: '2025-07-01', days: 30 } });
    expect(c.runOutNote()).toBe(
      "the schedule's us-cbp-overpayment-interest table has no rate after 2025-06-30 (last quarter: FR Doc 2025-07451): interest is computed for the days to 2025-06-30, not to the refund date 2025-12-31 — the interest of the later days is missing, not zero",
    );
    // a refund date inside the table: no note
    expect(new InterestCalculator(CBP, 'corporate', '2025-07-01').runOutNote()).toBeNull();
  });

  it('a deposit before the table or after the refund date is refused with the reason', () => {
    const c = new InterestCalculator(CBP, 'corporate', '2025-05-01');
    expect(c.interest(100, '2024-12-31')).toEqual({
      ok: false,
      message: 'deposit date 2024-12-31 is before the interest table (from 2025-01-01): interest cannot be estimated for it',
    });
    expect(c.interest(100, '2025-05-02')).toEqual({
      ok: false,
      message: 'deposit date 2025-05-02 is after the refund date 2025-05-01: check paid_date, or give a later --refund-date',
    });
  });

  it('exact at the largest amount printed: $9,999,999,999,999.99 for 30 days at 6% rounds once', () => {
    // 10^15 cents × 0.004943279454294235 = 4,943,279,454,294.235; one cent less takes 0.004943 off:
    // 4,943,279,454,294.230 → 4,943,279,454,294 cents (the product has ~2,900 digits: BigInt, no double)
    expect(interestOf(CBP, 'corporate', '2025-03-06', 999_999_999_999_999, '2025-02-04').amount).toBe(4_943_279_454_294);
  });
});
