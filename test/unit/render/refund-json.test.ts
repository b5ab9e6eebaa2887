/**
 * The refund JSON is streamed in parts (head, entries, tail) so that memory stays flat; joined,
 * the parts must be exactly the document JSON.stringify writes in one go, for any number of entries.
 */
import { describe, expect, it } from 'vitest';
import type { RefundProgram, Schedule } from '../../../src/core/types.js';
import { refundDocument, refundJson, type RefundEntry, type RefundTotals } from '../../../src/render/refund.js';

const schedule = { meta: { version: 'v1', verifiedThrough: '2026-06-30' }, hash: 'abc' } as unknown as Schedule;
const program: RefundProgram = {
  id: 'p',
  title: 'Program',
  importer: 'US',
  authorities: ['ieepa-fentanyl'],
  entryFrom: '2025-02-04',
  entryTo: '2026-02-24',
  phase: 'phase 1',
  phaseFrom: '2026-04-20',
  liquidatedWithinDays: 80,
  sources: ['https://example.org/"quoted"'],
  note: null,
};
const entry = (n: number): RefundEntry => ({
  line: n + 1,
  entryNumber: n % 2 ? `E${n}` : null,
  id: null,
  date: '2025-06-01',
  origin: 'CN',
  hts: '9503.00.00',
  status: 'refundable',
  reason: 'entered 2025-06-01, inside\n"the window"',
  ieepaDuty: 100_000 + n,
  byAuthority: { 'ieepa-fentanyl': 100_000 + n },
  lines: [{ authority: 'ieepa-fentanyl', measure: 'm', ref: '9903.01.24', rate: '10%', base: 1_000_000, amount: 100_000 + n }],
  otherDuty: 0,
  paidDate: n % 2 ? '2025-06-03' : null,
  interest:
    n % 2
      ? {
          amount: 1_234 + n,
          from: '2025-06-03',
          to: '2025-08-01',
          days: 59,
          periods: [
            { from: '2025-06-03', to: '2025-07-01', days: 28, rate: '6%', ref: 'Q2' },
            { from: '2025-07-01', to: '2025-08-01', days: 31, rate: '6%', ref: 'Q3' },
          ],
        }
      : null,
  liquidationDate: null,
  liquidation: null,
  declared: n % 2 ? 100_000 : null,
  difference: n % 2 ? n : null,
  flagged: n > 1,
  fields: [],
});

describe('refundJson parts join to the whole document', () => {
  it.each([0, 1, 3])('%i entries', (count) => {
    const entries = Array.from({ length: count }, (_, i) => entry(i));
    const totals: RefundTotals = {
      read: count + 1,
      reported: count,
      rejected: 1,
      refundable: count,
      flagged: 0,
      total: 12_345,
      interest: 678,
      byLayer: { 'ieepa-fentanyl': 12_345 },
      byMonth: { '2025-06': 12_345 },
    };
    const interest = { refundDate: '2025-08-01', basis: 'non-corporate' as const };
    const notes = ['a "quoted" note'];
    const streamed =
      refundJson.head(schedule, '2026-05-01', program, interest) +
      entries.map((e, i) => refundJson.entry(e, i + 1)).join('') +
      refundJson.tail(totals, [], notes);
    expect(streamed).toBe(`${JSON.stringify(refundDocument(schedule, '2026-05-01', program, entries, totals, [], interest, notes), null, 2)}\n`);
    // and it is JSON: 12345 cents is 123.45 dollars
    expect(JSON.parse(streamed).summary.ieepaDuty).toBe(123.45);
  });
});
