/**
 * The timeline's loop in process (batch/timeline-rows.ts): shipments taken on every date (the
 * light run and the full path alike), the rows of an input read, rejected with their line, and
 * the timeline's rows with each date's total.
 *
 * Hand-worked duty (9503.00.00 toys: MFN free, no 301; rates as in test/cli/refund.test.ts,
 * reference §1): from China, IEEPA fentanyl 10% from 2025-02-04 (EO 14195), 20% from 2025-03-04
 * (EO 14228, 90 FR 11463); reciprocal 84% on 2025-04-09 (EO 14259), 125% from 2025-04-10 (EO 14266,
 * 90 FR 15625), 10% from 2025-05-14 (EO 14298). From Vietnam: no
 * fentanyl duty; the reciprocal 10% baseline from 2025-04-05 (EO 14257; the country rate paused
 * on 2025-04-10, EO 14266).
 *   CN 10,000.00: 2025-02-04 10% = 1,000.00; 2025-04-10 20% + 125% = 14,500.00; 2025-05-14 20% + 10% = 3,000.00
 *   VN 10,000.00: 2025-02-04 0;              2025-04-10 10% = 1,000.00;          2025-05-14 10% = 1,000.00
 *   both:         1,000.00                   15,500.00                           4,000.00
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readShipments, timelineRows, timelineRun, TimelineTotals } from '../../../src/batch/timeline-rows.js';
import { DataError, TariffError } from '../../../src/errors.js';
import { lawChangeDates } from '../../../src/core/law-changes.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { ResolvedScenario, Shipment } from '../../../src/core/types.js';
import { parseShipment } from '../../../src/io/shipment-input.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';
import { testRun } from './run-context.js';

const index = bundledIndexFast();
const asEntered = chooseScenario(index.schedule.scenarios, AS_ENTERED, {}) as ResolvedScenario;
const DATES = ['2025-02-04', '2025-04-10', '2025-05-14'];

function shipment(origin: string, value: string, hts = '9503.00.00'): Shipment {
  const p = parseShipment({ hts, origin, value }, (f) => f, { importer: 'US', minorDigits: 2 });
  if (!p.ok) throw new Error(p.issue.message);
  return p.value;
}

/** each date's total duty, in cents */
const duties = (t: TimelineTotals): number[] => t.sums.map((s) => s.total().duty);

describe('TimelineTotals: each shipment on every date', () => {
  it.each([
    ['the full path', false],
    ['the light run after the first row', true],
  ])('%s: CN and VN toys sum to 1,000.00, 15,500.00, 4,000.00', (_, light) => {
    const t = new TimelineTotals(index, asEntered, DATES, light);
    expect(t.take(shipment('CN', '10000'))).toBeNull();
    expect(duties(t)).toEqual([100000, 1450000, 300000]);
    expect(t.take(shipment('VN', '10000'))).toBeNull();
    expect(duties(t)).toEqual([100000, 1550000, 400000]);
    expect(t.count).toBe(2);
    // the first shipment heads the timeline
    expect(t.shipment?.origin).toBe('CN');
  });

  it('a shipment not priceable is refused and left out of every total', () => {
    const t = new TimelineTotals(index, asEntered, DATES, true);
    t.take(shipment('CN', '10000'));
    const failed = t.take(shipment('CN', '10000', '0000.00.00'));
    expect(failed?.code).toBeTruthy();
    // its failure on the first date is its own: no "on DATE:" before it
    expect(failed?.message).not.toMatch(/^on 2025-/);
    expect(duties(t)).toEqual([100000, 1450000, 300000]);
    expect(t.count).toBe(1);
  });
});

describe('readShipments and timelineRows: an input on the timeline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-timeline-rows-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'rows.csv');
  writeFileSync(
    file,
    `${['id,hts,origin,value', 'A,9503.00.00,CN,10000', 'B,9503.00.00,VN,10000', 'C,9503.00.00,CN,ten', 'D,9503.00.00,CN,10000'].join('\n')}\n`,
  );

  it('counts the rows read, taken and rejected, and sums the taken ones', async () => {
    const { ctx, err, sink: openSink } = testRun();
    const sink = openSink();
    // every date the law can change on between the first date and the last, as the command takes them
    const dates = lawChangeDates(index, asEntered, '2025-02-04', '2025-05-14');
    expect(dates).toEqual(expect.arrayContaining([...DATES, '2025-03-04']));
    const t = new TimelineTotals(index, asEntered, dates, true);
    const { batch, name } = await readShipments({ input: file }, ctx, index.schedule, (s) => t.take(s), sink);
    expect(name).toBe(file);
    await sink.commit();
    // 4 rows: A, B and D taken; C (value "ten", line 4) rejected
    expect(batch.rows).toEqual({ read: 4, priced: 3, rejected: 1 });
    expect(batch.rejected.map((r) => [r.line, r.id])).toEqual([[4, 'C']]);
    expect(err()).toContain(`${file}:4:`);
    expect(err()).toContain('tariff: rows read 4, on the timeline 3, rejected 1\n');
    // A + B + D: 2025-02-04 1,000 + 0 + 1,000 = 2,000.00; 2025-03-04 (fentanyl 20%) 2,000 + 0 + 2,000 = 4,000.00;
    // 2025-04-10 14,500 + 1,000 + 14,500 = 30,000.00; 2025-05-14 3,000 + 1,000 + 3,000 = 7,000.00
    const on = (date: string): number => duties(t)[dates.indexOf(date)] as number;
    expect(['2025-02-04', '2025-03-04', '2025-04-10', '2025-05-14'].map(on)).toEqual([200000, 400000, 3000000, 700000]);

    const rows = timelineRows(t, { from: DATES[0] as string, to: '2025-05-14', verified: '2026-10-07', staleFrom: null, input: file });
    // the first date, and each date on which a measure reaching the toys changes
    expect(rows[0]?.date).toBe('2025-02-04');
    expect(rows[0]?.events).toEqual(['(start of the timeline)']);
    const byDate = new Map(rows.map((r) => [r.date, r.b.duty]));
    expect(byDate.get('2025-03-04')).toBe(400000);
    expect(byDate.get('2025-04-10')).toBe(3000000);
    expect(byDate.get('2025-05-14')).toBe(700000);
  });
});

describe('timelineRun: the one call of the command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-timeline-run-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, lines: string[]): string => {
    const f = join(dir, name);
    writeFileSync(f, `${lines.join('\n')}\n`);
    return f;
  };
  const base = { index, scenario: asEntered, dates: DATES, light: true };

  it('one shipment (the flags): its totals on every date, no batch', async () => {
    const { ctx, sink } = testRun();
    const run = await timelineRun({ ...base, one: shipment('CN', '10000') }, ctx, index.schedule, sink());
    // CN 10,000.00: 1,000.00, 14,500.00, 3,000.00 (the header's arithmetic)
    expect('totals' in run ? duties(run.totals) : null).toEqual([100000, 1450000, 300000]);
    expect('batch' in run ? run.batch : undefined).toBeUndefined();
  });

  it('one shipment that cannot be priced is an error with its problem', async () => {
    const { ctx, sink } = testRun();
    const one = shipment('CN', '10000', '0000.00.00');
    await expect(timelineRun({ ...base, one }, ctx, index.schedule, sink())).rejects.toBeInstanceOf(TariffError);
  });

  it('an input with a header and no rows: nothing to put on a timeline (its name), not an error', async () => {
    const { ctx, sink } = testRun();
    const input = write('header.csv', ['hts,origin,value']);
    expect(await timelineRun({ ...base, input: { input } }, ctx, index.schedule, sink())).toEqual({ headerOnly: input });
  });

  it('an input whose every row is rejected is an error', async () => {
    const { ctx, sink } = testRun();
    const input = write('bad.csv', ['hts,origin,value', '9503.00.00,CN,ten', '9503.00.00,CN,']);
    const run = timelineRun({ ...base, input: { input } }, ctx, index.schedule, sink());
    await expect(run).rejects.toBeInstanceOf(DataError);
    await expect(run).rejects.toThrow('no shipment to put on a timeline: every row was rejected');
  });

  it('an input of two rows: their totals and the batch counts', async () => {
    const { ctx, sink } = testRun();
    const input = write('two.csv', ['hts,origin,value', '9503.00.00,CN,10000', '9503.00.00,VN,10000']);
    const run = await timelineRun({ ...base, input: { input } }, ctx, index.schedule, sink());
    // CN + VN: 1,000.00, 15,500.00, 4,000.00 (the header's arithmetic)
    expect('totals' in run ? duties(run.totals) : null).toEqual([100000, 1550000, 400000]);
    expect('batch' in run ? run.batch?.rows : null).toEqual({ read: 2, priced: 2, rejected: 0 });
  });
});
