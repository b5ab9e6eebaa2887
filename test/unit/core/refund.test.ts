/**
 * The refund rules of src/core/refund.ts, case by case. The program below has the windows of the
 * bundled schedule's CBP CAPE phase 1 (data/schedule.json, refunds[0]): IEEPA entries from
 * 2025-02-04 (the first IEEPA fentanyl duty, EO 14195) up to, not including, 2026-02-24 (the end
 * of IEEPA collection), and entries liquidated within 80 days (CSMS 68315804).
 */
import { describe, expect, it } from 'vitest';
import {
  addToRefundTotals,
  declaredDifference,
  emptyRefundTotals,
  inRefundWindow,
  liquidationPhase,
  refundByAuthority,
  refundedLines,
  refundStatus,
  windowReason,
} from '../../../src/core/refund.js';
import type { AppliedLine, Breakdown, NotApplied, RefundProgram } from '../../../src/core/types.js';

const CAPE: RefundProgram = {
  id: 'cape-1',
  title: 'CAPE phase 1',
  importer: 'US',
  authorities: ['ieepa-fentanyl', 'ieepa-reciprocal'],
  entryFrom: '2025-02-04',
  entryTo: '2026-02-24',
  phase: 'phase 1',
  phaseFrom: '2026-04-20',
  liquidatedWithinDays: 80,
  sources: [],
  note: null,
};

const line = (authority: string, amount: number, extra: Partial<AppliedLine> = {}): AppliedLine =>
  ({ measure: `m-${authority}`, authority, amount, title: `${authority} title`, ref: `ref-${authority}`, rateText: '0%', ...extra }) as AppliedLine;

/** The fields of a breakdown the refund rules read; the rest does not matter to them. */
function entry(date: string, lines: AppliedLine[], notApplied: Partial<NotApplied>[] = []): Breakdown {
  return { date, origin: 'CN', hts: '9503.00.00', lines, notApplied } as unknown as Breakdown;
}

describe('refundStatus: the entry window [2025-02-04, 2026-02-24)', () => {
  // MFN 500 + fentanyl 1000 + reciprocal 2000 cents: the refund is 1000 + 2000 = 3000, never the MFN
  const lines = [line('mfn', 500), line('ieepa-fentanyl', 1000), line('ieepa-reciprocal', 2000)];
  it.each([
    // [entry date, status, reason]; the last day of the window is 2026-02-24 − 1 day = 2026-02-23
    ['2025-02-03', 'outside-window', 'entered 2025-02-03, outside 2025-02-04 – 2026-02-23'],
    ['2025-02-04', 'refundable', 'entered 2025-02-04, inside 2025-02-04 – 2026-02-23'],
    ['2025-06-15', 'refundable', 'entered 2025-06-15, inside 2025-02-04 – 2026-02-23'],
    ['2026-02-23', 'refundable', 'entered 2026-02-23, inside 2025-02-04 – 2026-02-23'],
    ['2026-02-24', 'outside-window', 'entered 2026-02-24, outside 2025-02-04 – 2026-02-23'],
  ])('entered %s: %s', (date, status, reason) => {
    const r = refundStatus(entry(date, lines), CAPE);
    expect(r).toEqual({ status, reason, ieepa: 3000 });
  });

  it('no IEEPA duty: the zero-rated lines and the layers not applied, in that order', () => {
    const b = entry(
      '2025-06-15',
      [line('mfn', 500), line('ieepa-reciprocal', 0, { title: 'Reciprocal', ref: '9903.01.25', rateText: '0%' })],
      [
        { authority: 'ieepa-fentanyl', reason: 'applies to origins CN, HK only' },
        { authority: 's301', reason: 'not on a list' },
      ],
    );
    expect(refundStatus(b, CAPE)).toEqual({
      status: 'no-ieepa',
      reason: 'IEEPA reciprocal: Reciprocal (9903.01.25) at 0%; IEEPA fentanyl: applies to origins CN, HK only',
      ieepa: 0,
    });
  });

  it('no IEEPA line at all: says no measure covers the origin', () => {
    expect(refundStatus(entry('2025-06-15', [line('mfn', 500)]), CAPE)).toEqual({
      status: 'no-ieepa',
      reason: 'no IEEPA measure covers origin CN for 9503.00.00 in the schedule',
      ieepa: 0,
    });
  });

  it('the window is judged before the amount: an entry outside it with no IEEPA duty is outside-window', () => {
    expect(refundStatus(entry('2024-12-31', [line('mfn', 500)]), CAPE).status).toBe('outside-window');
  });
});

describe('inRefundWindow and windowReason: the one rule and words of the window (the batch fast path calls them too)', () => {
  it.each([
    // half-open [2025-02-04, 2026-02-24): the first day is in, the end day is out
    ['2025-02-03', false],
    ['2025-02-04', true],
    ['2026-02-23', true],
    ['2026-02-24', false],
  ])('%s in the window: %s', (date, inside) => {
    expect(inRefundWindow(date, CAPE)).toBe(inside);
  });

  it('the words name the last day, 2026-02-24 − 1 day = 2026-02-23, whichever side the date is on', () => {
    expect(windowReason('2025-06-15', CAPE, true)).toBe('entered 2025-06-15, inside 2025-02-04 – 2026-02-23');
    expect(windowReason('2026-03-01', CAPE, false)).toBe('entered 2026-03-01, outside 2025-02-04 – 2026-02-23');
  });
});

describe('refunded lines and their sum by authority', () => {
  it('keeps the program authorities only, summing lines of one authority (1000 + 500 = 1500)', () => {
    const b = entry('2025-06-15', [line('ieepa-fentanyl', 1000), line('s301', 2500), line('ieepa-reciprocal', 2000), line('ieepa-fentanyl', 500)]);
    const lines = refundedLines(b, CAPE);
    expect(lines.map((l) => l.amount)).toEqual([1000, 2000, 500]);
    expect(refundByAuthority(lines)).toEqual({ 'ieepa-fentanyl': 1500, 'ieepa-reciprocal': 2000 });
    expect(Object.keys(refundByAuthority(lines))).toEqual(['ieepa-fentanyl', 'ieepa-reciprocal']);
  });
});

describe('liquidationPhase: as of 2026-05-01, within 80 days', () => {
  // 2026-02-10 + 80 days: +18 → 02-28, +1 → 03-01 (19), +31 → 04-01 (50), +30 → 05-01 (80)
  it.each([
    ['', 'unliquidated'],
    ['2026-05-02', 'unliquidated'], // a liquidation date after as-of has not happened yet
    ['2026-05-01', 'in-phase'], // liquidated on the day: 0 days
    ['2026-02-10', 'in-phase'], // exactly 80 days: 2026-02-10 + 80 = 2026-05-01 ≥ as-of
    ['2026-02-09', 'outside-phase'], // 81 days: 2026-02-09 + 80 = 2026-04-30 < as-of
    ['2025-06-30', 'outside-phase'],
  ])('liquidated %j: %s', (liq, phase) => {
    expect(liquidationPhase(liq, '2026-05-01', CAPE)).toBe(phase);
  });

  it.each([
    // a leap day: 2024-02-29 + 1 = 2024-03-01 (in), 2024-02-28 + 1 = 2024-02-29 < 2024-03-01 (out)
    ['2024-02-29', 1, 'in-phase'],
    ['2024-02-28', 1, 'outside-phase'],
    // no day limit: every liquidated entry is in the phase
    ['2019-01-01', null, 'in-phase'],
  ] as const)('liquidated %s, %s days, as of 2024-03-01: %s', (liq, days, phase) => {
    expect(liquidationPhase(liq, '2024-03-01', { liquidatedWithinDays: days })).toBe(phase);
  });
});

describe('declaredDifference: computed − declared, flagged beyond one cent', () => {
  it.each([
    [3000, null, null, false],
    [3000, 3000, 0, false],
    [3000, 2999, 1, false], // a cent of rounding either way is not a discrepancy
    [3000, 3001, -1, false],
    [3000, 2998, 2, true],
    [3000, 3002, -2, true],
    [0, 125_000, -125_000, true], // declared an IEEPA payment the law of the date did not charge
  ])('computed %i, declared %j: %j, flagged %s', (computed, declared, difference, flagged) => {
    expect(declaredDifference(computed, declared)).toEqual({ difference, flagged });
  });
});

describe('addToRefundTotals: only refundable entries add duty; every entry is reported', () => {
  it('three entries: two refundable in two months, one outside the window but flagged', () => {
    const t = emptyRefundTotals();
    addToRefundTotals(t, {
      status: 'refundable',
      flagged: false,
      ieepaDuty: 3000,
      byAuthority: { 'ieepa-fentanyl': 1000, 'ieepa-reciprocal': 2000 },
      date: '2025-05-14',
      interest: { amount: 25 },
    });
    addToRefundTotals(t, {
      status: 'outside-window',
      flagged: true,
      ieepaDuty: 9999,
      byAuthority: { 'ieepa-fentanyl': 9999 },
      date: '2026-03-01',
      interest: { amount: 999 },
    });
    addToRefundTotals(t, {
      status: 'refundable',
      flagged: false,
      ieepaDuty: 1450,
      byAuthority: { 'ieepa-fentanyl': 1450 },
      date: '2025-04-10',
      interest: null,
    });
    // total 3000 + 1450 = 4450; fentanyl 1000 + 1450 = 2450; interest 25 + 0 = 25; the 9999 (and its 999) outside the window count nowhere
    expect(t).toEqual({
      read: 0, // rows read are counted by the reader, rejected ones too
      reported: 3,
      rejected: 0,
      refundable: 2,
      flagged: 1,
      total: 4450,
      interest: 25,
      byLayer: { 'ieepa-fentanyl': 2450, 'ieepa-reciprocal': 2000 },
      byMonth: { '2025-05': 3000, '2025-04': 1450 },
    });
  });
});
