/**
 * The bundled refund-interest table (data/src/refunds.json → refunds[0].interest) at its 2026 end
 * (issue #20): where its last sourced quarter is, what a refund across a quarter boundary earns on
 * the bundled rates, and that the warning begins the day after the last sourced quarter — never a
 * made-up rate after it.
 *
 * Sources of the rows: CBP's Federal Register notices "Quarterly IRS Interest Rates Used in
 * Calculating Interest on Overdue Accounts and Refunds of Customs Duties" — 2025 Q1 FR Doc 2025-02228
 * (90 FR 9036), Q2 2025-07451, Q3 2025-12241, Q4 2025-18772, 2026 Q1 FR Doc 2026-01175 (22 Jan 2026:
 * "the interest rate for overpayments will be 7 percent for non-corporations and 6 percent for
 * corporations"). No primary text (CBP notice, IRS news release or Revenue Ruling) for 2026 Q2 or
 * later could be read when this was written (2026-12-06), so the table stops at 2026-04-01.
 *
 * Arithmetic, as in test/unit/core/refund-interest.test.ts: interest = P × ((1 + r/365)^days − 1),
 * rounded once half-up to the cent; (1 + x)^n − 1 = n·x + C(n,2)·x² + C(n,3)·x³ + …, x = r/365:
 *   6%: x = 0.000164383561643836; x² = 2.70219553e-8; x³ = 4.44196526e-12; x⁴ = 7.3019e-16
 *   7%: x = 0.000191780821917808; x² = 3.67798837e-8; x³ = 7.05367632e-12; x⁴ = 1.3528e-15
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates.js';
import { InterestCalculator } from '../../../src/core/refund-interest.js';
import type { InterestTable } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast } from '../../helpers.js';

let ix: ScheduleIndex;
let table: InterestTable;
beforeAll(() => {
  ix = bundledIndexFast();
  const t = ix.schedule.refunds[0]?.interest;
  if (!t) throw new Error('the bundled schedule has no refund interest table');
  table = t;
});

const interestOf = (basis: 'corporate' | 'non-corporate', refundDate: string, principal: number, paid: string) => {
  const r = new InterestCalculator(table, basis, refundDate).interest(principal, paid);
  if (!r.ok) throw new Error(r.message);
  return r.interest;
};

describe('the bundled table: every quarter from a CBP Federal Register notice', () => {
  it('2025 Q1 – 2026 Q1 are the five notices, 6% corporate / 7% non-corporate', () => {
    expect(table.quarters.slice(0, 5).map((q) => [q.from, q.to, q.corporate, q.nonCorporate, q.ref.match(/FR Doc (\d{4}-\d{5})/)?.[1]])).toEqual([
      ['2025-01-01', '2025-04-01', '6%', '7%', '2025-02228'],
      ['2025-04-01', '2025-07-01', '6%', '7%', '2025-07451'],
      ['2025-07-01', '2025-10-01', '6%', '7%', '2025-12241'],
      ['2025-10-01', '2026-01-01', '6%', '7%', '2025-18772'],
      ['2026-01-01', '2026-04-01', '6%', '7%', '2026-01175'],
    ]);
  });

  it('each quarter cites its notice on federalregister.gov (or an irs.gov release), with the FR Doc / IR number in ref', () => {
    for (const q of table.quarters) {
      expect(q.sources.length, q.ref).toBeGreaterThan(0);
      for (const s of q.sources) expect(s, q.ref).toMatch(/^https:\/\/www\.(federalregister\.gov\/documents|irs\.gov)\//);
      expect(q.ref).toMatch(/FR Doc \d{4}-\d{5}|IR-\d{4}-\d+|Rev\. Rul\. \d{4}-\d+/);
    }
  });
});

describe('interest across a quarter boundary on the bundled rates', () => {
  it('$10,000.00 deposited 2025-12-15, refunded 2026-01-15: 17 days (2025 Q4) + 14 days (2026 Q1) compounded as 31', () => {
    // Dec 15–31 = 17 days at 6% (FR Doc 2025-18772), Jan 1–14 = 14 days at 6% (FR Doc 2026-01175): (1 + x)^17 · (1 + x)^14 = (1 + x)^31
    // 31x + 465x² + 4495x³ + 31465x⁴ = 0.005095890411 + 0.000012565209 + 0.000000019967 + 0.000000000023 = 0.005108475610
    //   × 1,000,000 cents = 5,108.476 → 5,108 cents ($51.08)
    const i = interestOf('corporate', '2026-01-15', 1_000_000, '2025-12-15');
    expect(i.amount).toBe(5108);
    expect(i.days).toBe(31);
    expect(i.periods.map((p) => [p.from, p.to, p.days, p.rate])).toEqual([
      ['2025-12-15', '2026-01-01', 17, '6%'],
      ['2026-01-01', '2026-01-15', 14, '6%'],
    ]);
  });

  it('the same at the non-corporate rate, 7%', () => {
    // 31x + 465x² + 4495x³ + 31465x⁴ = 0.005945205479 + 0.000017102646 + 0.000000031706 + 0.000000000043 = 0.005962339874
    //   × 1,000,000 = 5,962.340 → 5,962 cents
    expect(interestOf('non-corporate', '2026-01-15', 1_000_000, '2025-12-15').amount).toBe(5962);
  });
});

describe('the end of the table: the warning starts the day after the last sourced quarter', () => {
  it('a refund date on the end of the table computes to it with no warning; one day later warns', () => {
    const end = table.quarters[table.quarters.length - 1]?.to as string;
    const last = table.quarters[table.quarters.length - 1];
    const inside = new InterestCalculator(table, 'corporate', end);
    expect(inside.ranOut).toBe(false);
    expect(inside.runOutNote()).toBeNull();
    const past = new InterestCalculator(table, 'corporate', addDays(end, 1));
    expect(past.ranOut).toBe(true);
    expect(past.end).toBe(end);
    expect(past.runOutNote()).toContain(`has no rate after ${addDays(end, -1)} (last quarter: ${last?.ref})`);
    expect(past.runOutNote()).toContain('the interest of the later days is missing, not zero');
    // a deposit after the last sourced day earns nothing computed (no rate is invented), and the note says it is missing
    expect(past.interest(1_000_000, end)).toMatchObject({ ok: true, interest: { amount: 0, days: 0, periods: [] } });
  });

  it("meta.notModelled names the table's last sourced day", () => {
    const end = table.quarters[table.quarters.length - 1]?.to as string;
    const entry = ix.schedule.meta.notModelled.find((n) => n.startsWith('Refund interest:'));
    expect(entry).toBeDefined();
    expect(entry).toContain(addDays(end, -1));
    expect((entry as string).length).toBeLessThanOrEqual(500);
  });

  it('$10,000.00 deposited 2026-03-15, refunded 2026-07-15: only 17 days (to 2026-03-31) are computed, and warned about', () => {
    // The bundled table's last sourced quarter is 2026 Q1 (FR Doc 2026-01175, to 2026-04-01). Mar 15–31 = 17 days at 6%:
    // 17x + 136x² + 680x³ + 2380x⁴ = 0.002794520548 + 0.000003674986 + 0.000000003021 + 0.000000000002 = 0.002798198557
    //   × 1,000,000 = 2,798.199 → 2,798 cents; the 105 days from 2026-04-01 to 2026-07-14 have no sourced rate.
    // When a 2026 Q2 quarter is added with its primary source, this case must be worked again by hand.
    const c = new InterestCalculator(table, 'corporate', '2026-07-15');
    expect(c.ranOut).toBe(true);
    const r = c.interest(1_000_000, '2026-03-15');
    expect(r).toMatchObject({ ok: true, interest: { amount: 2798, from: '2026-03-15', to: '2026-04-01', days: 17 } });
    expect(c.runOutNote()).toBe(
      "the schedule's us-cbp-overpayment-interest table has no rate after 2026-03-31 (last quarter: CBP notice of 22 Jan 2026 (FR Doc 2026-01175)): interest is computed for the days to 2026-03-31, not to the refund date 2026-07-15 — the interest of the later days is missing, not zero",
    );
    // non-corporate, 7%: 17x + 136x² + 680x³ + 2380x⁴ = 0.003260273973 + 0.000005002064 + 0.000000004797 + 0.000000000003
    //   = 0.003265280837 × 1,000,000 = 3,265.281 → 3,265 cents
    expect(interestOf('non-corporate', '2026-07-15', 1_000_000, '2026-03-15').amount).toBe(3265);
  });
});
