/**
 * The two ways of running the one engine agree, in process: the batch fast path (the plan's program
 * of src/core/program.ts run without a trail, as src/batch/fast-rows.ts runs it) and the full path
 * (`planShipment` + `price` of src/core/landed-cost.ts, as src/batch/pricer.ts calls it) give the
 * same customs value, duty, fees, taxes, landed cost, duty per authority and notes — and the same
 * CSV row bytes (the report_hts cell too, which is also held to the JSON's reportHts of the priced-with-trail breakdown) (`CsvRows.fastRow` vs `CsvRows.row`) and batch totals (`BatchTotals.addFast` vs
 * `add`) — for every shipment the fast path takes. A shipment the
 * full path rejects, the fast path must decline.
 *
 * Shipments are drawn by fast-check from the bundled tariff: any 8- or 10-digit line of the line
 * shards, origins from China to Canada (and the Chinese importer with US goods), dates across
 * 2024–2026 (every change of 2025–2026, and after verifiedThrough), values log-uniform and at the
 * de minimis, informal-entry and exact-range edges, freight and insurance, modes, and the columns
 * the fast path does not read (entry type, quantity and unit of a specific line, a USMCA claim):
 * those rows it declines, as FastRows declines a non-empty cell there.
 *
 * The byte-level differential of whole files (CSV reading, declines, rejections) is
 * fast-path-chunks.test.ts, in process; test/cli/calc-fast-path.test.ts keeps a few runs of the
 * built CLI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchTotals } from '../../../src/batch/pricer.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { planShipment, price } from '../../../src/core/landed-cost.js';
import { emptyRun, programOf, runProgram } from '../../../src/core/program.js';
import { reportCell, reportHts } from '../../../src/core/report-hts.js';
import type { ResolvedScenario, Shipment } from '../../../src/core/types.js';
import { ByteOut } from '../../../src/io/byte-out.js';
import { CsvRows, dutyAuthorities } from '../../../src/render/batch-output.js';
import { allUsCodes } from '../../fast-path-corpus.js';
import { bundledIndexFast, ROOT } from '../../helpers.js';

const index = bundledIndexFast();
const schedule = index.schedule;
const VERIFIED = schedule.meta.verifiedThrough;
const TODAY = '2026-05-01';
const SCENARIOS = new Map(schedule.scenarios.map((s) => [s.id, chooseScenario(schedule.scenarios, s.id, {})]));
const csv = new CsvRows(dutyAuthorities(schedule), true, []);
const numRuns = Number(process.env.FC_RUNS) > 0 ? Number(process.env.FC_RUNS) : 0;

/** What both engines say about one shipment: the figures of a CSV row. */
interface Figures {
  customsValue: number;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  dutyByAuthority: Record<string, number>;
  notes: readonly string[];
  /** the CSV row (input echo and result columns) as the batch writes it */
  row: string;
}

interface Shipped {
  sh: Shipment;
  /** the input record as the batch would read it (id,hts,origin,value,freight,insurance,mode,date) */
  record: string;
}

type Outcome = {
  full: { ok: true; figures: Figures; add: (t: BatchTotals) => void } | { ok: false; code: string };
  fast: { figures: Figures; add: (t: BatchTotals) => void } | null;
};

/**
 * THE GLUE to the two engines — the only code here that knows their API (keep it in one place:
 * src/core is being refactored). The full path as BatchPricer.priceFields runs it, the fast path
 * as FastRows.row / planOn run it; null for the fast path = declined (the full path prices it).
 */
function engines(scenario: ResolvedScenario, { sh, record }: Shipped): Outcome {
  const lawDate = scenario.asOf ?? sh.date ?? TODAY;
  const full = { ...sh };
  if (scenario.asOf === null && full.date === undefined) full.date = lawDate;
  const plan = planShipment(index, scenario, {
    importer: sh.importer,
    hts: sh.hts,
    origin: sh.origin,
    date: lawDate,
    mode: sh.mode ?? null,
    elections: sh.elections,
    mfnRate: sh.mfnRate,
  });
  const fields = record.split(',');
  let fullOut: Outcome['full'];
  const priced = plan.ok ? price(index, plan.value, full, { lawDate, detail: false }) : plan;
  if (!priced.ok) fullOut = { ok: false, code: priced.issue.code };
  else {
    const b = priced.value;
    // the CSV's report_hts cell (from the lines charged without a trail) is the JSON's reportHts (from the trail's lines)
    const detailed = plan.ok ? price(index, plan.value, full, { lawDate, detail: true }) : plan;
    if (detailed.ok) expect(reportCell(reportHts(b)), record).toBe(reportCell(reportHts(detailed.value)));
    fullOut = {
      ok: true,
      figures: {
        customsValue: b.customsValue,
        duty: b.duty,
        fees: b.fees,
        taxes: b.taxes,
        landedCost: b.landedCost,
        dutyByAuthority: { ...b.dutyByAuthority },
        notes: [...b.notes],
        row: csv.row(fields, fields.length, b),
      },
      add: (t) => t.add(b),
    };
  }
  // the cells FastRows does not read send a row to the full path; so do other currencies' importers
  const unread = sh.qty !== undefined || sh.unit !== undefined || sh.entryType !== undefined || sh.elections !== undefined || sh.currency !== undefined;
  if (unread || !plan.ok || (schedule.importers.get(sh.importer)?.minorDigits ?? 2) !== 2) return { full: fullOut, fast: null };
  // as FastRows.planOn: a program whose lines depend on more than the row's value is the full path's
  const lp = programOf(plan.value);
  if (!lp.uniform) return { full: fullOut, fast: null };
  const r = emptyRun();
  const customsValue = lp.importer.valuation === 'cif' ? sh.value + sh.freight + sh.insurance : sh.value;
  const money = { goods: sh.value, freight: sh.freight, insurance: sh.insurance, customsValue, content: NONE, undeclared: NONE };
  if (runProgram(lp, money, {}, lawDate, VERIFIED, r, [], null) !== null) return { full: fullOut, fast: null };
  const out = new ByteOut(256);
  csv.fastRow(out, record, 0, record.length, null, lp, r, lawDate, sh.hts);
  const byAuthority: Record<string, number> = {};
  if (!r.exempt) for (const [i, a] of lp.authorities.entries()) byAuthority[a] = r.byAuthority[i] as number;
  const snapshot = { ...r, byAuthority: [...r.byAuthority] };
  return {
    full: fullOut,
    fast: {
      figures: {
        customsValue: r.customsValue,
        duty: r.duty,
        fees: r.fees,
        taxes: r.taxes,
        landedCost: r.landedCost,
        dutyByAuthority: byAuthority,
        notes: [...r.notes],
        row: Buffer.from(out.bytes()).toString('utf8'),
      },
      add: (t) => t.addFast(lp, snapshot),
    },
  };
}

const NONE: ReadonlyMap<string, number> = new Map();

// ---------------------------------------------------------------------------------------------
// shipments from the bundled tariff

interface LineDoc {
  lines: { hts: string; units?: string[]; mfn?: { specific?: unknown }; suffixes?: { hts: string }[] }[];
}
/** the lines with a specific (per unit) general rate, and their units */
const UNITS = new Map<string, string[]>();
for (const f of readdirSync(join(ROOT, 'data', 'lines')).sort()) {
  if (!f.startsWith('US-')) continue;
  const doc = JSON.parse(readFileSync(join(ROOT, 'data', 'lines', f), 'utf8')) as LineDoc;
  for (const l of doc.lines) if (l.mfn?.specific !== undefined) UNITS.set(l.hts, l.units ?? []);
}
const CODES = allUsCodes();
const SPECIFIC = [...UNITS.keys()];
const day0 = Date.UTC(2024, 6, 1);
const isoDay = (n: number): string => new Date(day0 + n * 86_400_000).toISOString().slice(0, 10);
const money = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** cents: log-uniform from $1 to $2 million, or at an edge (de minimis $800, informal $2,500, MPF's floor and cap, the exact range) */
const cents = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: Math.log(100), max: Math.log(200_000_000), noNaN: true }).map((x) => Math.round(Math.exp(x))) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(80_000, 250_000, 0, 100, 3_300_000, 66_000_000, 9_007_199_254_740), fc.integer({ min: -2, max: 2 }))
      .map(([a, d]) => Math.max(0, a + d)),
  },
);
const extra = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 }));

const shipment: fc.Arbitrary<Shipped> = fc
  .record({
    hts: fc.oneof({ weight: 8, arbitrary: fc.nat(CODES.length - 1).map((i) => CODES[i] as string) }, { weight: 1, arbitrary: fc.constantFrom(...SPECIFIC) }),
    origin: fc.constantFrom('CN', 'CN', 'CN', 'HK', 'VN', 'MX', 'CA', 'DE', 'JP', 'KR', 'IN', 'BR', 'CH', 'GB', 'RU', 'TW', 'MO'),
    cnImport: fc.nat(19).map((n) => n === 0),
    value: cents,
    freight: extra,
    insurance: extra,
    mode: fc.constantFrom(undefined, 'ocean', 'ocean', 'air', 'truck', 'rail', 'postal'),
    date: fc.oneof({ weight: 12, arbitrary: fc.nat(914).map(isoDay) }, { weight: 1, arbitrary: fc.constant(undefined) }),
    unread: fc.nat(15),
    qty: fc.integer({ min: 1, max: 500 }),
    pick: fc.nat(),
  })
  .map((p) => {
    const sh: Shipment = { hts: p.hts.replace(/\./g, ''), origin: p.origin, importer: 'US', value: p.value, freight: p.freight, insurance: p.insurance };
    let htsText = p.hts;
    if (p.cnImport) {
      // China's tariff on US goods (its VAT on value plus duty)
      sh.importer = 'CN';
      sh.origin = 'US';
      htsText = ['1201.90.00', '8703.23.00', '9503.00.00'][p.pick % 3] as string;
      sh.hts = htsText.replace(/\./g, '');
    }
    if (p.mode !== undefined) sh.mode = p.mode as NonNullable<Shipment['mode']>;
    if (p.date !== undefined) sh.date = p.date;
    // the columns the fast path does not read, on some rows
    const units = UNITS.get(p.hts);
    if (units !== undefined && p.unread < 12) {
      sh.qty = { n: p.qty, s: 0 };
      if (units.length) sh.unit = units[p.pick % units.length] as string;
    } else if (p.unread === 0) sh.entryType = 'formal';
    else if (p.unread === 1) sh.entryType = 'informal';
    else if (p.unread === 2) sh.elections = { claim: 'usmca' };
    const record = `S1,${htsText},${sh.origin},${money(sh.value)},${money(sh.freight)},${money(sh.insurance)},${sh.mode ?? ''},${sh.date ?? ''}`;
    return { sh, record };
  });

// ---------------------------------------------------------------------------------------------

describe('fast path = full path, in process, on shipments from the bundled tariff', () => {
  for (const [id, scenario] of SCENARIOS) {
    it(`scenario ${id}: figures, duty per authority, notes, CSV row bytes and totals`, () => {
      let served = 0;
      let priced = 0;
      fc.assert(
        fc.property(fc.array(shipment, { minLength: 1, maxLength: 12 }), (batch) => {
          const fastTotals = new BatchTotals();
          const fullTotals = new BatchTotals();
          for (const s of batch) {
            const { full, fast } = engines(scenario, s);
            if (!full.ok) {
              // the fast path never prices what the full path rejects
              expect(fast, `${s.record}: the full path rejects it (${full.code})`).toBeNull();
              continue;
            }
            priced++;
            full.add(fullTotals);
            if (fast === null) {
              // a declined row is priced by the full path in the batch
              full.add(fastTotals);
              continue;
            }
            served++;
            expect(fast.figures, s.record).toEqual(full.figures);
            fast.add(fastTotals);
          }
          fastTotals.settle();
          expect(fastTotals.byCurrency).toEqual(fullTotals.byCurrency);
          // the order of the authorities in the totals (the summary lists them in that order)
          for (const [cur, t] of fullTotals.byCurrency)
            expect([...(fastTotals.byCurrency.get(cur)?.dutyByAuthority.keys() ?? [])]).toEqual([...t.dutyByAuthority.keys()]);
        }),
        { seed: 42, numRuns: numRuns || 120 },
      );
      // not vacuous: the fast path took a good share of the rows the full path priced
      expect(priced).toBeGreaterThan(300);
      expect(served / priced).toBeGreaterThanOrEqual(0.3);
    });
  }
});
