/**
 * refund, compare --input and timeline run each row's program without the audit trail (issue #21):
 * in process, for batches drawn by fast-check from the bundled tariff, the light runs give what
 * the full path (a breakdown with its trail per row and date) gives —
 *   - refund (batch/refund-pricer.ts): each entry's date, origin, HTS, duty, refunded lines
 *     (authority, measure, ref, rate, base, amount) and status with its reason, and the same
 *     rejection for a row the full path rejects;
 *   - compare (batch/scenario-rows.ts): each row's landed cost under every scenario, the first
 *     rejection, and the totals per scenario (sums and the order of the authorities);
 *   - timeline (batch/timeline-runs.ts): each date's total of the batch (BreakdownSum.total()).
 * `light: false` (`fastPath: false`; TARIFF_FAST_PATH=0 from the CLI) is the full path, as the CLI's differential runs use it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../../src/batch/columns.js';
import { BatchPricer, type BatchTotals } from '../../../src/batch/pricer.js';
import { RefundPricer } from '../../../src/batch/refund-pricer.js';
import type { Row } from '../../../src/batch/row-source.js';
import { ScenarioRows } from '../../../src/batch/scenario-rows.js';
import { TimelineRuns } from '../../../src/batch/timeline-runs.js';
import { BreakdownSum } from '../../../src/core/breakdown-sum.js';
import { landedCost } from '../../../src/core/landed-cost.js';
import { lawAndRateDates, lawChangeDates } from '../../../src/core/law-changes.js';
import { refundStatus, refundedLines } from '../../../src/core/refund.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { Measure, ResolvedScenario, Shipment } from '../../../src/core/types.js';
import { parseShipment } from '../../../src/io/shipment-input.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { allUsCodes } from '../../fast-path-corpus.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const schedule = index.schedule;
const TODAY = '2026-05-01';
const numRuns = Number(process.env.FC_RUNS) > 0 ? Number(process.env.FC_RUNS) : 40;
const CODES = allUsCodes();
const HEADER = ['id', 'hts', 'origin', 'value', 'freight', 'insurance', 'mode', 'date', 'qty', 'unit'];
const cols = mapColumns(HEADER, {});
const asEntered = chooseScenario(schedule.scenarios, AS_ENTERED, {});
const scenarios = [asEntered, ...schedule.scenarios.slice(0, 2).map((s) => chooseScenario(schedule.scenarios, s.id, {}))];
const program = schedule.refunds[0] as (typeof schedule.refunds)[number];

const isoDay = (n: number): string => new Date(Date.UTC(2024, 6, 1) + n * 86_400_000).toISOString().slice(0, 10);
const money = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

/** a CSV row of the header above: codes of the tariff, origins with and without IEEPA duty, values at the de minimis and informal edges */
const row: fc.Arbitrary<string[]> = fc
  .record({
    hts: fc.oneof({ weight: 12, arbitrary: fc.nat(CODES.length - 1).map((i) => CODES[i] as string) }, { weight: 1, arbitrary: fc.constant('0000.00.00') }),
    origin: fc.constantFrom('CN', 'CN', 'HK', 'VN', 'MX', 'CA', 'DE', 'JP', 'IN', 'BR', 'GB', 'RU'),
    value: fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: Math.log(100), max: Math.log(50_000_000), noNaN: true }).map((x) => Math.round(Math.exp(x))) },
      { weight: 1, arbitrary: fc.constantFrom(80_000, 80_001, 250_000, 250_001, 0) },
    ),
    freight: fc.integer({ min: 0, max: 200_000 }),
    mode: fc.constantFrom('', 'ocean', 'air', 'truck', 'postal'),
    date: fc.oneof({ weight: 12, arbitrary: fc.nat(760).map(isoDay) }, { weight: 1, arbitrary: fc.constant('') }),
    qty: fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 500 }).map(String)),
    unit: fc.constantFrom('', 'kg', 'No.'),
    id: fc.nat(999),
  })
  .map((r) => [`S${r.id}`, r.hts, r.origin, money(r.value), money(r.freight), '', r.mode, r.date, r.qty, r.qty === '' ? '' : r.unit]);

const rows = (records: string[][]): Row[] => records.map((fields, i) => ({ line: i + 2, fields }));

describe('the light runs agree with the full path (refund, compare, timeline)', () => {
  it('refund: each entry (lines, amounts, status, reason) or its rejection', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (records) => {
        const pricer = (): BatchPricer => new BatchPricer(index, asEntered, cols, {}, { today: TODAY, detail: true });
        const light = new RefundPricer(pricer(), program, true);
        const full = new RefundPricer(pricer(), program, false);
        for (const r of rows(records)) {
          const a = light.price(r);
          const b = full.price(r);
          expect(a.ok).toBe(b.ok);
          if (!a.ok || !b.ok) {
            if (!a.ok && !b.ok) expect(a.rejection).toEqual(b.rejection);
            continue;
          }
          const shape = (e: typeof a.entry) => ({
            date: e.date,
            origin: e.origin,
            hts: e.hts,
            duty: e.duty,
            minorDigits: e.minorDigits,
            lines: refundedLines(e, program).map((l) => ({
              authority: l.authority,
              measure: l.measure,
              ref: l.ref,
              rate: l.rateText,
              base: l.base,
              amount: l.amount,
            })),
            status: refundStatus(e, program),
          });
          expect(shape(a.entry)).toEqual(shape(b.entry));
        }
      }),
      { numRuns },
    );
  });

  it('compare: landed costs, the first rejection and the totals per scenario', () => {
    const run = (records: string[][], light: boolean) => {
      const s = new ScenarioRows(index, scenarios, cols, {}, { today: TODAY, fastPath: light });
      const out = rows(records).map((r) => s.price(r));
      s.settle();
      const totals = s.totals.map((t: BatchTotals) => [...t.byCurrency.values()].map((c) => ({ ...c, dutyByAuthority: [...c.dutyByAuthority] })));
      return { out, totals, priced: s.totals.map((t) => t.priced) };
    };
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (records) => {
        expect(run(records, true)).toEqual(run(records, false));
      }),
      { numRuns },
    );
  });

  it("timeline: each date's total of the batch", () => {
    const dates = lawChangeDates(index, asEntered, '2024-06-01', '2026-06-30').filter((_, i, all) => i % Math.ceil(all.length / 12) === 0);
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 8 }), (records) => {
        const shipments = records.map((fields) => timelineShipment(fields, '', ''));
        expect(timelineTotals(shipments, dates, true)).toEqual(timelineTotals(shipments, dates, false));
      }),
      { numRuns },
    );
  });

  // a row's run is reused on the dates that leave its plan as it was (batch/timeline-runs.ts), except
  // where the law date reaches the figures another way: the yuan's rate changes on 2025-08-28 (the
  // schedule's fx table), and informal entry's $250 Chapter 99 limit ends on 2025-04-30 (values at
  // $250 and $2,500 and their next cent below); every date a timeline of the span prices, none skipped
  it("timeline: each date's total of the batch, in yuan and dollars, entry types given and assumed", () => {
    const dates = lawAndRateDates(index, asEntered, '2025-03-01', '2026-03-31');
    expect(dates).toContain('2025-08-28');
    expect(dates.some((d) => d < '2025-04-30') && dates.some((d) => d >= '2025-04-30')).toBe(true);
    expect(dates.some((d) => d < '2025-08-28') && dates.some((d) => d >= '2025-08-28')).toBe(true);
    const entry = fc.record({
      fields: row,
      // cents at the dollar edges, and yuan fen that convert onto them: ¥1,792.93 × 0.139437 = $250.0008 →
      // $250.00, ¥1,793.00 → $250.0105 → $250.01, ¥17,929.24 → $2,499.9994 → $2,500.00, ¥17,929.30 →
      // $2,500.0078 → $2,500.01; at 0.14072 (from 2025-08-28) ¥1,776.58 → $250.0003 → $250.00,
      // ¥17,765.78 → $2,500.0006 → $2,500.00
      value: fc.option(fc.constantFrom(24_999, 25_000, 25_001, 249_999, 250_000, 250_001, 179_293, 179_300, 1_792_924, 1_792_930, 177_658, 1_776_578), {
        nil: undefined,
      }),
      currency: fc.constantFrom('', '', 'CNY', 'USD'),
      entryType: fc.constantFrom('', '', 'formal', 'informal'),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 2, maxLength: 8 }), (records) => {
        const shipments = records.map((r) => {
          const fields = [...r.fields];
          if (r.value !== undefined) fields[3] = money(r.value);
          return timelineShipment(fields, r.currency, r.entryType);
        });
        expect(timelineTotals(shipments, dates, true)).toEqual(timelineTotals(shipments, dates, false));
      }),
      { numRuns },
    );
  });
});

/** a row of the header above as a shipment (currency and entry type: '' for none), or null when it does not parse */
function timelineShipment(fields: readonly string[], currency: string, entryType: string): Shipment | null {
  const parsed = parseShipment(
    {
      hts: fields[1],
      origin: fields[2],
      value: fields[3],
      freight: fields[4],
      mode: fields[6] || undefined,
      qty: fields[8] || undefined,
      unit: fields[9] || undefined,
      currency: currency || undefined,
      entryType: entryType || undefined,
    },
    (f) => f,
    { importer: 'US', minorDigits: 2 },
  );
  return parsed.ok ? parsed.value : null;
}

/**
 * The timeline's totals of the shipments on each date, as batch/timeline-rows.ts takes them: the
 * first priced with its trail on every date, the others by the light run (`light`) when it prices
 * them on every date, else with the trail; a shipment not priced on some date is left out.
 */
function timelineTotals(shipments: readonly (Shipment | null)[], dates: readonly string[], light: boolean) {
  const sums = dates.map(() => new BreakdownSum());
  const runs = new TimelineRuns(index, asEntered as ResolvedScenario, dates);
  const touching = new Set<Measure>();
  let first = true;
  let taken = 0;
  for (const sh of shipments) {
    if (sh === null) continue;
    if (!first && light && runs.add(sh, sums, touching)) {
      taken++;
      continue;
    }
    const priced = dates.map((date) => landedCost({ ...sh, date }, asEntered, index));
    if (priced.some((p) => !p.ok)) continue;
    for (const [i, p] of priced.entries()) if (p.ok) (sums[i] as BreakdownSum).add(p.value);
    first = false;
    taken++;
  }
  return { taken, totals: sums.map((s) => (s.count === 0 ? null : s.total())) };
}
