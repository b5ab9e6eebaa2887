/**
 * compare and refund read a row whose columns and flag defaults are all light fields (id, hts,
 * origin, importer, value, freight, insurance, mode, date) straight from its cells by column index
 * (src/batch/light-shipment.ts `LightCells`), not through `rowFields`. Properties: the fields it
 * gives are `rowFields`' (a cell empty or absent taking the default); and priced by compare's
 * scenario rows (batch/scenario-rows.ts) with it and without it (the full path, `fastPath: false`)
 * the landed costs, first rejections and totals are the same, messy cells included.
 * A header with another column (qty) is not read this way.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapColumns, rowFields, type FieldDefaults } from '../../../src/batch/columns.js';
import { LightCells } from '../../../src/batch/light-shipment.js';
import type { BatchTotals } from '../../../src/batch/pricer.js';
import { ScenarioRows } from '../../../src/batch/scenario-rows.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { allUsCodes } from '../../fast-path-corpus.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const schedule = index.schedule;
const CODES = allUsCodes();
const HEADER = ['id', 'hts', 'origin', 'value', 'freight', 'mode', 'date'];
const cols = mapColumns(HEADER, {});
const scenarios = [chooseScenario(schedule.scenarios, AS_ENTERED, {}), chooseScenario(schedule.scenarios, 'geneva-30', {})];

/** a row of HEADER, sometimes short, with cells a reader may reject (a bad code, money with a comma or three decimals, a bad date) */
const row: fc.Arbitrary<string[]> = fc
  .record({
    hts: fc.oneof(
      { weight: 10, arbitrary: fc.nat(CODES.length - 1).map((i) => CODES[i] as string) },
      { weight: 1, arbitrary: fc.constantFrom('', '0000.00.00', 'x') },
    ),
    origin: fc.constantFrom('CN', 'VN', 'MX', 'DE', 'cn', '', 'ZZ'),
    value: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 9_000_000 }).map((c) => (c / 100).toFixed(2)) },
      { weight: 1, arbitrary: fc.constantFrom('', '1,000', '12.345', '-5', '7') },
    ),
    freight: fc.constantFrom('', '0', '12.50', 'abc'),
    mode: fc.constantFrom('', 'ocean', 'air', 'truck', 'boat'),
    date: fc.constantFrom('', '2025-03-01', '2025-05-20', '2026-02-28', '2026-02-30', '01/02/2025'),
    id: fc.constantFrom('', 'S1', 'x,y'),
    short: fc.nat(12),
  })
  .map((r) => [r.id, r.hts, r.origin, r.value, r.freight, r.mode, r.date].slice(0, r.short === 0 ? 5 : 7));

const defaultsArb: fc.Arbitrary<FieldDefaults> = fc.constantFrom({}, { origin: 'CN' }, { mode: 'ocean', date: '2025-09-01', freight: '5' });

describe('LightCells', () => {
  it("gives rowFields' fields (empty and absent cells take the flag default)", () => {
    fc.assert(
      fc.property(row, defaultsArb, (cells, defaults) => {
        const light = LightCells.of(cols, defaults) as LightCells;
        expect(light).not.toBeNull();
        const got = Object.fromEntries(Object.entries(light.fill(cells)).filter(([, v]) => v !== undefined));
        expect(got).toEqual(rowFields(cols, cells, defaults));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('is not used for a column or a default outside the light fields', () => {
    expect(LightCells.of(mapColumns([...HEADER, 'qty'], {}), {})).toBeNull();
    expect(LightCells.of(cols, { currency: 'EUR' })).toBeNull();
    expect(LightCells.of(mapColumns([...HEADER, 'steel_content'], {}), {})).toBeNull();
  });

  it('compare: landed costs, first rejections and totals as on the full path', () => {
    const run = (records: string[][], defaults: FieldDefaults, light: boolean) => {
      const s = new ScenarioRows(index, scenarios, cols, defaults, { today: '2026-05-01', fastPath: light });
      const out = records.map((fields, i) => s.price({ line: i + 2, fields }));
      s.settle();
      const totals = s.totals.map((t: BatchTotals) => [...t.byCurrency.values()].map((c) => ({ ...c, dutyByAuthority: [...c.dutyByAuthority] })));
      return { out, totals };
    };
    let rejected = 0;
    let priced = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 12 }), defaultsArb, (records, defaults) => {
        const light = run(records, defaults, true);
        expect(light).toEqual(run(records, defaults, false));
        for (const o of light.out) if ('message' in o) rejected++;
        priced += light.out.length;
      }),
      { numRuns: 60, seed: 11 },
    );
    // both kinds of row were met
    expect(rejected).toBeGreaterThan(10);
    expect(priced - rejected).toBeGreaterThan(50);
  });
});
