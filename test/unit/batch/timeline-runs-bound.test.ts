/**
 * The timeline's cache of light plans (batch/timeline-runs.ts) is bounded in kinds of shipment and
 * in plans (issue #21: 20,000 rows of 5,000 HTS codes kept every kind, 249 MB peak RSS): past a
 * limit it starts again, and a batch priced with tiny limits gives each date the same total, and
 * the same measures touching it, as with the default ones — forgetting costs time, never a cent.
 * Expected totals are the default-limit run's (itself held equal to the full path by
 * light-runs-agree.test.ts); the dates are every 6th law-change date of 2025 for the as-entered scenario.
 */
import { describe, expect, it } from 'vitest';
import { TIMELINE_LIMITS, TimelineRuns } from '../../../src/batch/timeline-runs.js';
import { BreakdownSum } from '../../../src/core/breakdown-sum.js';
import { landedCost } from '../../../src/core/landed-cost.js';
import { lawChangeDates } from '../../../src/core/law-changes.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { Measure, ResolvedScenario, Shipment } from '../../../src/core/types.js';
import { parseShipment } from '../../../src/io/shipment-input.js';
import { chooseScenario } from '../../../src/schedule/scenario-choice.js';
import { bundledIndexFast } from '../../helpers.js';

const index = bundledIndexFast();
const asEntered = chooseScenario(index.schedule.scenarios, AS_ENTERED, {}) as ResolvedScenario;
const dates = lawChangeDates(index, asEntered, '2025-01-01', '2025-12-31').filter((_, i) => i % 6 === 0);

/** 6 kinds (2 codes × 3 origin/mode pairs), each met twice, 12 rows */
const shipments: Shipment[] = [];
for (let round = 0; round < 2; round++) {
  for (const hts of ['9503.00.00', '8471.30.01']) {
    for (const [origin, mode] of [
      ['CN', 'ocean'],
      ['VN', 'air'],
      ['MX', 'truck'],
    ] as const) {
      const p = parseShipment({ hts, origin, mode, value: `${1000 + round * 250}` }, (f) => f, { importer: 'US', minorDigits: 2 });
      if (!p.ok) throw new Error(p.issue.message);
      shipments.push(p.value);
    }
  }
}

function run(limits?: { plans: number; kinds: number }) {
  const runs = new TimelineRuns(index, asEntered, dates, limits);
  const sums = dates.map(() => new BreakdownSum());
  const touching = new Set<Measure>();
  let most = { kinds: 0, plans: 0 };
  // the first row's breakdowns head each date's total (as in the CLI): the full path
  const [head, ...rest] = shipments as [Shipment, ...Shipment[]];
  for (const [i, date] of dates.entries()) {
    const b = landedCost({ ...head, date }, asEntered, index);
    if (!b.ok) throw new Error(b.issue.message);
    (sums[i] as BreakdownSum).add(b.value);
  }
  for (const s of rest) {
    expect(runs.add(s, sums, touching)).toBe(true);
    const k = runs.kept;
    most = { kinds: Math.max(most.kinds, k.kinds), plans: Math.max(most.plans, k.plans) };
  }
  return { totals: sums.map((s) => s.total()), touching: [...touching].map((m) => m.id).sort(), most };
}

describe('TimelineRuns limits', () => {
  it('keeps at most the kinds and plans it is allowed, and prices every date alike', () => {
    expect(dates.length).toBeGreaterThan(2);
    const free = run();
    // the default limits are far above 6 kinds: every kind of the light rows (the first row is the full path's) is kept
    expect(free.most.kinds).toBe(6);
    expect(TIMELINE_LIMITS.kinds).toBeGreaterThan(6);
    const tight = run({ plans: 3, kinds: 2 });
    expect(tight.most.kinds).toBeLessThanOrEqual(2);
    expect(tight.most.plans).toBeLessThanOrEqual(3);
    expect(tight.totals).toEqual(free.totals);
    expect(tight.touching).toEqual(free.touching);
  });
});
