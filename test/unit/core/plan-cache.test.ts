/**
 * The plan cache of the batch pricer: one plan per kind of shipment and stretch of unchanged law,
 * and the same breakdown as pricing afresh.
 * Expected figures come from the toy example (bundled-toy.test.ts): $10,000 of toys from China by
 * sea — 2025-04-09: fentanyl 20% + reciprocal 84% = $10,400 of duty; 2025-05-14 (Geneva): 20% + 10%
 * = $3,000.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { landedCost } from '../../../src/core/landed-cost.js';
import { PlanCache } from '../../../src/core/plan-cache.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { ResolvedScenario } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndex, scenarioOf, ship } from '../../helpers.js';

let ix: ScheduleIndex;
let asEntered: ResolvedScenario;
beforeAll(async () => {
  ix = await bundledIndex();
  asEntered = scenarioOf(ix, AS_ENTERED);
});

const toy = (date: string) => ship({ hts: '9503.00.00', origin: 'CN', value: '10000', mode: 'ocean', date });

describe('PlanCache', () => {
  it('prices as landedCost does, on each date', () => {
    const cache = new PlanCache(ix, asEntered);
    for (const [date, duty] of [
      ['2025-04-09', 1_040_000],
      ['2025-05-14', 300_000],
    ] as const) {
      const fresh = landedCost(toy(date), asEntered, ix);
      const cached = cache.price(toy(date), date);
      expect(cached.ok && fresh.ok).toBe(true);
      if (!cached.ok || !fresh.ok) return;
      expect(cached.value.duty).toBe(duty);
      expect(cached.value).toEqual(fresh.value);
    }
  });

  it('makes one plan for two dates with no change of law between them, and another across a change', () => {
    const cache = new PlanCache(ix, asEntered);
    const a = cache.planFor(toy('2025-05-20'), '2025-05-20');
    const b = cache.planFor(toy('2025-05-21'), '2025-05-21');
    expect(b).toBe(a);
    expect(cache.size).toBe(1);
    const c = cache.planFor(toy('2025-04-09'), '2025-04-09');
    expect(c).not.toBe(a);
    expect(cache.size).toBe(2);
  });

  it('keeps one plan for two law intervals that leave the kind alike, reasons included (core/plan-share.ts)', () => {
    // 2025-06-04 is a boundary for CN (a change to other lines): the toy's layers stay MFN 0% + 20% + 10%
    const cache = new PlanCache(ix, asEntered);
    const a = cache.planFor(toy('2025-05-20'), '2025-05-20');
    const b = cache.planFor(toy('2025-06-10'), '2025-06-10');
    expect(b).toBe(a);
    expect(cache.size).toBe(1);
    // the per-item postal duty ended 2025-08-29: the same duties, another reason in the audit trail
    const c = cache.planFor(toy('2025-08-20'), '2025-08-20');
    const d = cache.planFor(toy('2025-08-30'), '2025-08-30');
    expect(d).not.toBe(c);
    expect(cache.size).toBe(3);
    const fresh = landedCost(toy('2025-06-10'), asEntered, ix);
    const cached = cache.price(toy('2025-06-10'), '2025-06-10');
    expect(cached.ok && fresh.ok && cached.value).toEqual(fresh.ok && fresh.value);
  });

  it('a kind differing in mode or claim gets its own plan', () => {
    const cache = new PlanCache(ix, asEntered);
    const sea = cache.planFor(toy('2025-05-20'), '2025-05-20');
    const air = cache.planFor({ ...toy('2025-05-20'), mode: 'air' }, '2025-05-20');
    const claimed = cache.planFor({ ...toy('2025-05-20'), elections: { claim: 'usmca' } }, '2025-05-20');
    expect(new Set([sea, air, claimed]).size).toBe(3);
  });
});

describe('PlanCache across a programme’s lapse (AGOA, D: refused for entries from 2025-10-01 to before 2026-02-03)', () => {
  // natural juice 2009.89.65 of South Africa claimed D, in the order a batch met them (review finding: the gap's
  // end was no law boundary, so the plan of 2026-02-04 served 2026-02-02, and one rejection served two dates)
  const juice = (date: string) =>
    ship({ hts: '2009.89.65', origin: 'ZA', value: '10000', qty: '1000', unit: 'liter', mode: 'air', date, elections: { claim: 'D' } });
  it('priced after the gap, refused in it, each rejection naming its own date, as landedCost does', () => {
    const cache = new PlanCache(ix, asEntered);
    for (const date of ['2026-02-04', '2026-02-02', '2026-01-20', '2026-02-03', '2025-09-30']) {
      const fresh = landedCost(juice(date), asEntered, ix);
      const cached = cache.price(juice(date), date);
      expect(cached.ok, date).toBe(fresh.ok);
      if (!cached.ok && !fresh.ok) expect(cached.issue.message).toBe(fresh.issue.message);
      if (cached.ok && fresh.ok) expect(cached.value).toEqual(fresh.value);
    }
    const inGap = cache.price(juice('2026-01-20'), '2026-01-20');
    expect(inGap.ok).toBe(false);
    if (!inGap.ok) expect(inGap.issue.message).toContain('had lapsed on 2026-01-20');
    expect(cache.price(juice('2026-02-03'), '2026-02-03').ok).toBe(true);
    expect(cache.price(juice('2025-09-30'), '2025-09-30').ok).toBe(true);
  });
});
