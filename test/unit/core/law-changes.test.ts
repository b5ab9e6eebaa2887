/**
 * The dates on which a line's law changes (src/core/law-changes.ts) and the origin and mode tests
 * behind them (src/core/applicability.ts), on the fixture schedule (test/fixtures/mini-schedule.json).
 * Its measures and windows, [from, to):
 *   fee (mpf) 2024-10-01 – 2025-10-01 · ocean-fee (hmf, ocean only) from 2018-01-01
 *   list (s301, CN; 7300, 8700) from 2018-07-06 · review (s301, CN; 8700) from 2024-09-27
 *   metal (s232; 7300) from 2025-06-04 · autos (s232; 8700) from 2025-04-03
 *   recip (ieepa-reciprocal, CN) 2025-04-05 – 2026-02-24 · paused (CN) from 2025-05-14, suspended 2025-05-14
 *   dm (de minimis) 2018-01-01 – 2025-08-29 · cn-extra (importer CN) from 2025-05-14 · cn-vat from 2019-04-01
 * The fixture's lines have no dates of their own.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { reachesMode, reachesOrigin } from '../../../src/core/applicability.js';
import { BreakdownSum } from '../../../src/core/breakdown-sum.js';
import { decToString } from '../../../src/core/decimal.js';
import { planShipment } from '../../../src/core/landed-cost.js';
import { lawChangeDates, lawChanges, lawChangeText, measuresReaching } from '../../../src/core/law-changes.js';
import { resolveScenario } from '../../../src/core/scenario.js';
import type { Breakdown, Measure, Mode, ResolvedScenario } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { fixtureIndex } from '../../helpers.js';

let ix: ScheduleIndex;
let asEntered: ResolvedScenario;
const byId = (id: string): Measure => ix.schedule.measures.find((m) => m.id === id) as Measure;
beforeAll(async () => {
  ix = await fixtureIndex();
  const r = resolveScenario(ix.schedule.scenarios, 'as-entered');
  if (!r.ok) throw new Error(r.issue.message);
  asEntered = r.value;
});

describe('lawChangeDates: from, then every boundary in (from, to]', () => {
  it.each([
    ['2025-01-01', '2025-12-31', ['2025-01-01', '2025-04-03', '2025-04-05', '2025-05-14', '2025-06-04', '2025-08-29', '2025-10-01']],
    // a boundary on `from` is not repeated; one on `to` is kept (to is inclusive)
    ['2025-04-05', '2025-06-04', ['2025-04-05', '2025-05-14', '2025-06-04']],
    ['2025-10-02', '2026-02-23', ['2025-10-02']], // nothing changes until the reciprocal ends on 2026-02-24
    ['2025-10-02', '2026-02-24', ['2025-10-02', '2026-02-24']],
  ])('%s – %s', (from, to, dates) => {
    expect(lawChangeDates(ix, asEntered, from, to)).toEqual(dates);
  });
});

describe("measuresReaching: the line's candidates for the origin and mode", () => {
  it.each([
    // 7300.00.0010's candidates: fee ocean-fee list metal recip paused dm
    ['CN', 'air', ['fee', 'list', 'metal', 'recip', 'paused', 'dm']], // the ocean fee is ocean only
    ['CN', 'ocean', ['fee', 'ocean-fee', 'list', 'metal', 'recip', 'paused', 'dm']],
    ['CN', null, ['fee', 'list', 'metal', 'recip', 'paused', 'dm']], // no mode: not an ocean shipment
    ['VN', 'ocean', ['fee', 'ocean-fee', 'metal', 'dm']], // 301 and the reciprocal layers are CN only
  ] as [string, Mode | null, string[]][])('from %s by %s', (origin, mode, ids) => {
    expect(measuresReaching(ix, { importer: 'US', hts: '7300000010', origin, mode: mode ?? undefined }).map((m) => m.id)).toEqual(ids);
  });
});

describe('lawChanges: what changes on which date', () => {
  it('7300.00.0010 from CN by air in 2025', () => {
    const reaching = measuresReaching(ix, { importer: 'US', hts: '7300000010', origin: 'CN', mode: 'air' });
    const changes = lawChanges(reaching, '2025-01-01', '2025-12-31');
    const words = Object.fromEntries([...changes].map(([d, list]) => [d, list.map((c) => `${c.kind} ${c.measure.id}`)]));
    expect(words).toEqual({
      '2025-10-01': ['ends fee'],
      '2025-06-04': ['starts metal'],
      '2025-04-05': ['starts recip'], // it ends on 2026-02-24, after `to`
      '2025-05-14': ['starts paused', 'suspended paused'], // suspended from its first day
      '2025-08-29': ['ends dm'],
    });
    // dates in the order the measures are given (fee first); a timeline sorts them
    expect([...changes.keys()]).toEqual(['2025-10-01', '2025-06-04', '2025-04-05', '2025-05-14', '2025-08-29']);
  });
  it('a change on `from` belongs to the start of the timeline, one on `to` to its end', () => {
    expect([...lawChanges([byId('recip')], '2025-04-05', '2026-02-24').keys()]).toEqual(['2026-02-24']);
    expect([...lawChanges([byId('recip')], '2025-04-04', '2025-04-05').keys()]).toEqual(['2025-04-05']);
  });
  it('in words: kind, title and legal reference', () => {
    expect(lawChangeText({ kind: 'starts', measure: byId('recip') })).toBe('starts: Reciprocal 10% (9903.01.25)');
  });
});

describe('reachesOrigin and reachesMode agree with planShipment', () => {
  it.each([
    ['CN', 'air'],
    ['CN', 'ocean'],
    ['VN', 'ocean'],
    ['VN', 'air'],
  ] as [string, Mode][])('7300.00.0010 from %s by %s on 2025-07-01', (origin, mode) => {
    // on 2025-07-01 every candidate but the suspended one is in force, so planShipment's only
    // reasons to leave a measure out are the origin (not a candidate), the mode and the suspension
    const plan = planShipment(ix, asEntered, { importer: 'US', hts: '7300000010', origin, date: '2025-07-01', mode });
    if (!plan.ok) throw new Error(plan.issue.message);
    const p = plan.value;
    const seen = new Set([...p.duties, ...p.fees, ...p.taxes, ...p.exemptions].map((x) => x.measure.id));
    const byMode = new Set(p.notApplied.filter((n) => n.code === 'mode').map((n) => n.measure));
    const considered = new Set([...seen, ...p.notApplied.map((n) => n.measure)]);
    for (const m of ix.candidates('US', '7300000010')) {
      expect(considered.has(m.id), `${m.id} considered`).toBe(reachesOrigin(m, origin));
      if (reachesOrigin(m, origin)) expect(byMode.has(m.id), `${m.id} left out for the mode`).toBe(!reachesMode(m, mode));
    }
  });
  it('excepted origins and modes are out', () => {
    const m = { ...byId('metal'), exceptOrigins: new Set(['CA']), exceptModes: new Set<Mode>(['postal']) };
    expect([reachesOrigin(m, 'CA'), reachesOrigin(m, 'CN')]).toEqual([false, true]);
    expect([reachesMode(m, 'postal'), reachesMode(m, 'ocean'), reachesMode(m, null)]).toEqual([false, true, true]);
  });
});

describe('BreakdownSum', () => {
  const b = (currency: string, customsValue: number, duty: number): Breakdown =>
    ({
      currency,
      goodsValue: customsValue,
      freight: 0,
      insurance: 0,
      customsValue,
      duty,
      fees: 100,
      taxes: 0,
      landedCost: customsValue + duty + 100,
      dutyByAuthority: { mfn: duty },
      lines: [],
      notApplied: [],
    }) as unknown as Breakdown;
  it('one breakdown is its own total', () => {
    const s = new BreakdownSum();
    const one = b('USD', 1000, 100);
    s.add(one);
    expect(s.total()).toBe(one);
  });
  it('sums, and the rate is total duty ÷ total value: (100 + 200) / (1000 + 3000) = 0.075, not the mean of 0.1 and 0.0667', () => {
    const s = new BreakdownSum();
    s.add(b('USD', 1000, 100));
    s.add(b('USD', 3000, 200));
    const t = s.total();
    expect([t.hts, t.customsValue, t.duty, t.fees, t.landedCost, t.dutyByAuthority]).toEqual(['2 shipments', 4000, 300, 200, 4000 + 300 + 200, { mfn: 300 }]);
    expect(decToString(t.effectiveRate)).toBe('0.075');
    expect(s.mixed).toBe(false);
  });
  it('two currencies cannot be added: mixed', () => {
    const s = new BreakdownSum();
    s.add(b('USD', 1000, 100));
    s.add(b('CNY', 1000, 100));
    expect(s.mixed).toBe(true);
  });
});
