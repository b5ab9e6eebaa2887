/**
 * The refund loop in process (batch/refund-run.ts): entries read, priced under the law of their
 * entry date, written as they come, rejections counted with their line, and the totals — the same
 * with every row on the full path (fastPath false) as through the fast path.
 *
 * Hand-worked IEEPA duty (9503.00.00 toys: MFN free, no 301; test/cli/refund.test.ts, reference §1;
 * the program's window 2025-02-04 – 2026-02-23; no interest table given, so no interest):
 *   B1 CN 10,000.00 on 2025-02-03: before the window, outside (nothing refundable)
 *   B2 CN 10,000.00 on 2025-02-04: fentanyl 10% (EO 14195) = 1,000.00
 *   B4 CN 10,000.00 on 2025-04-10: fentanyl 20% (EO 14228) + reciprocal 125% (EO 14266) = 14,500.00
 *   X3 VN 10,000.00 on 2025-06-01: reciprocal baseline 10% (EO 14257) = 1,000.00
 *   R1 no entry date: rejected (line 6)
 * refundable 3 entries, 1,000 + 14,500 + 1,000 = 16,500.00; by month 2025-02 1,000.00,
 * 2025-04 14,500.00, 2025-06 1,000.00.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { refundRows, type RefundRunState } from '../../../src/batch/refund-run.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { RefundProgram, ResolvedScenario } from '../../../src/core/types.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';
import { testRun } from './run-context.js';

const index = bundledIndexFast();
const scenario = chooseScenario(index.schedule.scenarios, AS_ENTERED, {}) as ResolvedScenario;
const program = index.schedule.refunds[0] as RefundProgram;

const dir = mkdtempSync(join(tmpdir(), 'tariff-refund-run-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'entries.csv');
writeFileSync(
  file,
  `${[
    'entry_number,hts,origin,value,date',
    'B1,9503.00.00,CN,10000,2025-02-03',
    'B2,9503.00.00,CN,10000,2025-02-04',
    'B4,9503.00.00,CN,10000,2025-04-10',
    'X3,9503.00.00,VN,10000,2025-06-01',
    'R1,9503.00.00,CN,10000,',
  ].join('\n')}\n`,
);

async function refundOf(format: string, fastPath: boolean) {
  const run = testRun({ fastPath });
  const sink = run.sink();
  const state: RefundRunState = {
    opts: { input: file },
    ctx: run.ctx,
    f: { format, asOf: '2026-05-01', refundDate: '2026-05-01', basis: 'corporate' },
    schedule: index.schedule,
    index,
    scenario,
    program,
    interestCalc: null,
    notes: [],
    runOut: null,
    defaults: {},
    sink,
    cape: null,
  };
  const totals = await refundRows(state);
  await sink.commit();
  return { totals, out: run.out(), err: run.err() };
}

describe('refundRows: the entries and their totals', () => {
  it.each([
    ['csv', true],
    ['csv', false],
    ['ndjson', true],
    ['json', true],
  ])('--format %s (fast path %s): 3 refundable entries, 16,500.00', async (format, fastPath) => {
    const { totals: t, err } = await refundOf(format, fastPath);
    expect([t.read, t.reported, t.rejected, t.refundable]).toEqual([5, 4, 1, 3]);
    expect(t.total).toBe(1650000);
    expect(t.interest).toBe(0);
    expect(t.byMonth).toEqual({ '2025-02': 100000, '2025-04': 1450000, '2025-06': 100000 });
    expect(err).toContain(`${file}:6:`);
  });

  it('the CSV rows are the same bytes through the fast path and the full path', async () => {
    const fast = await refundOf('csv', true);
    const full = await refundOf('csv', false);
    expect(fast.out).toBe(full.out);
    // a header and the four entries read (the rejected one is not written)
    expect(fast.out.trimEnd().split('\n')).toHaveLength(5);
  });

  it('NDJSON: one line an entry, each with its own IEEPA duty', async () => {
    const { out } = await refundOf('ndjson', true);
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    // NDJSON gives amounts in dollars as JSON numbers (render/refund.ts refundEntryJson)
    expect(lines.map((l) => [l.status, l.ieepaDuty])).toEqual([
      ['outside-window', 0],
      ['refundable', 1000],
      ['refundable', 14500],
      ['refundable', 1000],
    ]);
  });
});
