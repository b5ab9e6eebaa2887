/**
 * The light reads of refund and compare --input (issue #21) against the full ones, for values
 * drawn by fast-check, messy ones included (blank and spaced cells, signs, thousands commas,
 * currency signs, lower-case codes, bad dates, quantities):
 *   - batch/light-shipment.ts: a shipment it gives is the one `parseShipment` gives, field for
 *     field and in the same key order (JSON bytes equal); when `parseShipment` rejects the fields,
 *     it gives null (the caller then parses them in full, and words the rejection);
 *   - refund and compare rows through the light runs (RefundPricer, ScenarioRows) give what the
 *     full path gives, rejections word for word, for these messy rows too;
 *   - core/refund-interest.ts: the fixed-point interest equals the exact division
 *     round-half-up(P·(num − den)/den) for every principal drawn, half-cent ties included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapColumns, rowFields } from '../../../src/batch/columns.js';
import { LightShipments } from '../../../src/batch/light-shipment.js';
import { BatchPricer } from '../../../src/batch/pricer.js';
import { RefundPricer } from '../../../src/batch/refund-pricer.js';
import { ScenarioRows } from '../../../src/batch/scenario-rows.js';
import { ratioRound } from '../../../src/core/decimal.js';
import { InterestCalculator } from '../../../src/core/refund-interest.js';
import { refundStatus } from '../../../src/core/refund.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import { parseShipment } from '../../../src/io/shipment-input.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const schedule = index.schedule;
const numRuns = Number(process.env.FC_RUNS) > 0 ? Number(process.env.FC_RUNS) : 60;
const HEADER = ['id', 'hts', 'origin', 'value', 'freight', 'insurance', 'mode', 'date', 'importer', 'qty'];
const cols = mapColumns(HEADER, {});

const money = fc.oneof(
  { weight: 8, arbitrary: fc.nat(5_000_000).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`) },
  { weight: 2, arbitrary: fc.nat(90_000).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('', ' ', ' 12.5 ', '-5.00', '1,234.50', '$12', '12.345', '1e5', '.5', '5.', '00012.50', '0', 'x', '99999999999999999', '12.'),
  },
);
const cell = <T extends string>(good: readonly T[], bad: readonly string[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });
const hts = cell(
  ['9503.00.00', '8471.30.01', '8517.13.00', '6109.10.00', '8703.80.00', '8507.60.0010', '9401.61.60'],
  ['', '9999.99.99', '8703800000', ' 9503.00.00', 'abc'],
);
const origin = cell(['CN', 'HK', 'VN', 'MX', 'CA', 'DE', 'JP', 'IN', 'BR'], ['', 'cn', ' vn', 'XX', 'boat']);
const mode = cell(['', 'ocean', 'air', 'truck', 'postal'], ['OCEAN', ' air', 'boat']);
const date = fc.oneof(
  { weight: 8, arbitrary: fc.nat(760).map((n) => new Date(Date.UTC(2024, 6, 1) + n * 86_400_000).toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('', '2025-13-45', '2025-02-30', '2025/01/01', ' 2025-05-01', '1850-01-01', '2025-5-1') },
);
const importer = fc.constantFrom('', '', '', 'US', 'us', 'CA', 'ZZ');
const qty = fc.constantFrom('', '', '', '', '12', 'x');

/** a row of HEADER, messy cells included */
const record: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom('S1', '', '"q"', ' id '), hts, origin, money, money, money, mode, date, importer, qty)
  .map((t) => [...t]);

describe('the light reads agree with the full ones', () => {
  it('LightShipments: the shipment parseShipment gives (same JSON), or null when it rejects', () => {
    const light = new LightShipments();
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 20 }), (records) => {
        for (const fields of records) {
          const f = rowFields(cols, fields, {});
          const imp = (f.importer ?? 'US').toUpperCase();
          const minor = schedule.importers.get(imp)?.minorDigits ?? 2;
          const a = light.shipment(f, imp, minor);
          const b = parseShipment(f, String, { importer: imp, minorDigits: minor });
          if (a === null) continue;
          expect(b.ok).toBe(true);
          if (b.ok) expect(JSON.stringify(a)).toBe(JSON.stringify(b.value));
        }
      }),
      { numRuns },
    );
  });

  it("refund and compare: messy rows through the light runs give the full path's entries and rejections", () => {
    const asEntered = chooseScenario(schedule.scenarios, AS_ENTERED, {});
    const scenarios = [asEntered, chooseScenario(schedule.scenarios, schedule.scenarios[0]?.id as string, {})];
    const program = schedule.refunds[0] as (typeof schedule.refunds)[number];
    const refundPricer = (light: boolean) =>
      new RefundPricer(new BatchPricer(index, asEntered, cols, {}, { today: '2026-05-01', detail: true }), program, light);
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), (records) => {
        const rows = records.map((fields, i) => ({ line: i + 2, fields }));
        const [lr, fr] = [refundPricer(true), refundPricer(false)];
        for (const r of rows) {
          const a = lr.price(r);
          const b = fr.price(r);
          expect(a.ok).toBe(b.ok);
          if (!a.ok && !b.ok) expect(a.rejection).toEqual(b.rejection);
          if (a.ok && b.ok) {
            expect(JSON.stringify(a.entry.shipment)).toBe(JSON.stringify(b.entry.shipment));
            expect([a.entry.date, a.entry.duty, refundStatus(a.entry, program)]).toEqual([b.entry.date, b.entry.duty, refundStatus(b.entry, program)]);
          }
        }
        const compare = (light: boolean) => {
          const s = new ScenarioRows(index, scenarios, cols, {}, { today: '2026-05-01', fastPath: light });
          return rows.map((r) => s.price(r));
        };
        expect(compare(true)).toEqual(compare(false));
      }),
      { numRuns: Math.ceil(numRuns / 2) },
    );
  });

  it('interest: the fixed-point product rounds as the exact division does', () => {
    const program = schedule.refunds.find((p) => p.interest);
    if (!program?.interest) throw new Error('the bundled schedule has no interest table');
    const table = program.interest;
    const from = table.quarters[0]?.from as string;
    const calc = new InterestCalculator(table, 'corporate', '2026-03-31');
    const exactOf = (principal: number, paid: string): number => {
      // the factor the calculator keeps for the date: num/den, thousands of bits
      const f = (calc as unknown as { factor(d: string): { num: bigint; den: bigint } }).factor(paid);
      return ratioRound(BigInt(principal) * (f.num - f.den), f.den);
    };
    const day = fc.nat(400).map((n) => new Date(Date.parse(from) + n * 86_400_000).toISOString().slice(0, 10));
    let computed = 0;
    fc.assert(
      fc.property(fc.oneof(fc.nat(1000), fc.nat(2 ** 40), fc.constant(Number.MAX_SAFE_INTEGER >> 8)), day, (principal, paid) => {
        const r = calc.interest(principal, paid);
        if (!r.ok) return;
        computed++;
        expect(r.interest.amount).toBe(exactOf(principal, paid));
      }),
      { numRuns: numRuns * 20 },
    );
    // not vacuous: the days drawn lie in the table's quarters, so most runs compute interest
    expect(computed).toBeGreaterThan((numRuns * 20) / 2);
  });
});

describe("LightShipments: the amount limit of the importer's minor digits (io maxMinor)", () => {
  const f = (value: string) => ({ hts: '9503.00.00', origin: 'CN', value });
  it.each([
    // 0 minor digits: 10^13 units is the limit; 10^13 + 1 goes to the full parse, which refuses it
    // (the light read used 10^13 × 100 whatever the digits, and took it)
    ['10000000000000', 0, 10_000_000_000_000],
    ['10000000000001', 0, null],
    // 2 minor digits: 10^13 dollars = 10^15 cents is taken; 10^13 + 1 dollars is not
    ['10000000000000', 2, 1_000_000_000_000_000],
    ['10000000000001', 2, null],
  ])('value %j with %i minor digits → %s', (value, minor, expected) => {
    const sh = new LightShipments().shipment(f(value), 'US', minor);
    expect(sh === null ? null : sh.value).toBe(expected);
    // the full parse agrees: it takes the amount the light read takes, and refuses the one it leaves
    const full = parseShipment(f(value), String, { importer: 'US', minorDigits: minor });
    expect(full.ok ? full.value.value : null).toBe(expected);
  });
});
