/**
 * Sweep and break-even (src/core/sweep.ts). A rate point k is in hundredths of a percent (k = 3400
 * is 34%), a money point in cents. The break-even is searched on a made-up cost function whose
 * answer is worked by hand, then on the fixture schedule for the what-if a rate point makes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { breakEven, priceAtPoint, sweepInputs, sweepPoints, sweepPointText, type SweepParam } from '../../../src/core/sweep.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { fixtureIndex, ship } from '../../helpers.js';

const RATE: { param: SweepParam } = { param: { kind: 'rate', target: 'ieepa-reciprocal' } };

describe('sweepPoints', () => {
  it.each([
    [0, 15000, 1000, [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 11000, 12000, 13000, 14000, 15000]],
    // the steps do not land on TO: it is added as the last point
    [0, 100, 30, [0, 30, 60, 90, 100]],
    [500, 500, 1, [500]],
    [1_000_000, 2_000_000, 500_000, [1_000_000, 1_500_000, 2_000_000]],
  ])('%i..%i:%i', (from, to, step, points) => {
    expect(sweepPoints({ from, to, step })).toEqual(points);
  });
});

describe('sweepPointText', () => {
  it.each([
    [RATE.param, 3400, '34%'], // 3400 hundredths of a percent
    [RATE.param, 5, '0.05%'],
    [RATE.param, 14550, '145.5%'],
    [{ kind: 'fx' }, 138000, '0.138000'], // millionths, written at all six places as cents are at two
    [{ kind: 'value' }, 1_250_000, '12500.00'], // cents
  ] as [SweepParam, number, string][])('%j at %i: %s', (param, k, t) => {
    expect(sweepPointText({ param }, k)).toBe(t);
  });
});

describe('breakEven: the first rate point at which the alternative is cheaper', () => {
  // base: $10,000.00 plus $1.00 for every 0.01 percentage point; the alternative costs a fixed amount
  const base = (k: number): number => 1_000_000 + 100 * k;
  const range = { ...RATE, from: 0, to: 15000 };
  it('alternative $10,500.00: cheaper once 1000000 + 100k > 1050000, i.e. k > 500: at 5.01%', () => {
    expect(breakEven(range, (k) => ({ base: base(k), alt: 1_050_000 }))).toEqual({
      k: 501,
      // at 500 both cost 1000000 + 50000 = 1050000: equal is not cheaper
      reason: 'alternative 10500.00 < 10501.00 at 5.01%; at 5%: 10500.00 ≥ 10500.00',
    });
  });
  it('alternative $9,000.00: already cheaper at 0%', () => {
    expect(breakEven(range, (k) => ({ base: base(k), alt: 900_000 }))).toEqual({
      k: 0,
      reason: 'the alternative is already cheaper at 0% (9000.00 < 10000.00)',
    });
  });
  it('alternative $30,000.00: never cheaper up to 150% (base 1000000 + 100 · 15000 = 2500000)', () => {
    expect(breakEven(range, (k) => ({ base: base(k), alt: 3_000_000 }))).toEqual({
      k: null,
      reason: 'the alternative is not cheaper anywhere up to 150% (30000.00 ≥ 25000.00)',
    });
  });
  it('alternative $25,000.00, equal to the base at 150%: not cheaper, so none', () => {
    expect(breakEven(range, (k) => ({ base: base(k), alt: 2_500_000 })).k).toBeNull();
  });
  it('searches every 0.01 point, not only the steps: 1000000 + 100k > 1234567 ⇔ k > 2345.67 → 23.46%', () => {
    expect(breakEven(range, (k) => ({ base: base(k), alt: 1_234_567 })).k).toBe(2346);
  });
});

describe('sweepInputs: what a point changes', () => {
  const sh = ship({ hts: '0101.00.00', value: '1000', date: '2025-09-01' });
  it("a rate point is a what-if after the user's own, so it wins over them", () => {
    const at = sweepInputs(sh, { set: [{ target: 's301', rate: { kind: 'ad-valorem', adValorem: { n: 1, s: 1 } } }] }, RATE, 3400);
    expect(at.shipment).toBe(sh);
    expect(at.extra.set).toEqual([
      { target: 's301', rate: { kind: 'ad-valorem', adValorem: { n: 1, s: 1 } } },
      { target: 'ieepa-reciprocal', rate: { kind: 'ad-valorem', adValorem: { n: 3400, s: 4 } } }, // 3400 / 10^4 = 0.34 = 34%
    ]);
  });
  it.each([
    ['value', 1_250_000, { value: 1_250_000 }],
    ['freight', 50_000, { freight: 50_000 }],
    ['fx', 138_000, { fxRate: { n: 138_000, s: 6 } }],
  ] as const)('%s at %i', (kind, k, changed) => {
    const at = sweepInputs(sh, {}, { param: { kind } }, k);
    expect(at.shipment).toEqual({ ...sh, ...changed });
    expect(at.extra).toEqual({});
  });
  it('no point: the shipment and what-ifs as given', () => {
    const at = sweepInputs(sh, {}, RATE, null);
    expect(at.shipment).toBe(sh);
  });
});

describe('priceAtPoint on the fixture schedule', () => {
  let ix: ScheduleIndex;
  beforeAll(async () => {
    ix = await fixtureIndex();
  });
  // 0101.00.00 from CN on 2025-09-01: MFN 5% and the reciprocal layer (10% in the fixture, in force
  // 2025-04-05 – 2026-02-23), here swept
  it.each([
    [0, 0], // 0% × $1,000.00
    [3400, 34000], // 34% × $1,000.00 = $340.00
    [14500, 145000], // 145% × $1,000.00 = $1,450.00
    [1, 10], // 0.01% × $1,000.00 = $0.10
  ])('reciprocal at %i hundredths of a percent: %i cents', (k, cents) => {
    const r = priceAtPoint(ix, ix.schedule.scenarios, 'as-entered', {}, ship({ hts: '0101.00.00', value: '1000', date: '2025-09-01' }), RATE, k);
    if (!r.ok) throw new Error(r.issue.message);
    expect(r.value.dutyByAuthority['ieepa-reciprocal']).toBe(cents);
    expect(r.value.dutyByAuthority.mfn).toBe(5000); // 5% × $1,000.00, whatever the swept rate
  });
  it('an unknown scenario is an issue, not a throw', () => {
    const r = priceAtPoint(ix, ix.schedule.scenarios, 'nope', {}, ship({ hts: '0101.00.00', value: '1000' }), RATE, 0);
    expect(r.ok ? 'ok' : r.issue.code).toBe('scenario-unknown');
  });
});
