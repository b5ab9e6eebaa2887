/**
 * Plans (the choice of measures) cached per (importer, origin, HTS, mode, claims, law-date
 * bucket) under one scenario: the law that applies to a kind of shipment changes only at the law
 * boundaries of its origin, so many rows share a plan and its program. The batch pricer of calc,
 * compare and refund goes through one of these. (A timeline has its own, batch/timeline-runs.ts:
 * light plans, shared across law intervals that leave them unchanged, and bounded.)
 */
import type { Result } from './issues.js';
import { dateBucket, lawBoundaries } from './law-dates.js';
import { planShipment, type Plan } from './plan.js';
import { price, type PriceOptions } from './price.js';
import type { Breakdown, MeasureIndex, ResolvedScenario, Shipment } from './types.js';

export class PlanCache {
  /** hts → origin → importer|mode|claims → date bucket → plan; nested maps, so no key is built per row for the usual case */
  private readonly plans = new Map<string, Map<string, Map<string, Map<number, Result<Plan>>>>>();
  /** law boundaries per origin: the dates at which the measures that can apply to it change */
  private readonly boundaries = new Map<string, string[]>();
  private count = 0;

  constructor(
    readonly index: MeasureIndex,
    readonly scenario: ResolvedScenario,
  ) {}

  /** how many plans were made (said with --verbose) */
  get size(): number {
    return this.count;
  }

  /** The plan of the shipment on the law date. */
  planFor(sh: Shipment, lawDate: string): Result<Plan> {
    let boundaries = this.boundaries.get(sh.origin);
    if (boundaries === undefined) this.boundaries.set(sh.origin, (boundaries = lawBoundaries(this.index, this.scenario, sh.origin)));
    const bucket = dateBucket(boundaries, lawDate);
    let byOrigin = this.plans.get(sh.hts);
    if (byOrigin === undefined) this.plans.set(sh.hts, (byOrigin = new Map()));
    let byKind = byOrigin.get(sh.origin);
    if (byKind === undefined) byOrigin.set(sh.origin, (byKind = new Map()));
    const mode = sh.mode ?? null;
    // a rate is built of normalised decimals in a fixed field order: equal rates give equal keys
    const el = `${sh.elections ? `|${Object.entries(sh.elections).sort().join(';')}` : ''}${sh.mfnRate ? `|mfn=${JSON.stringify(sh.mfnRate)}` : ''}`;
    const k = mode === null && el === '' ? sh.importer : `${sh.importer}|${mode}${el}`;
    let byBucket = byKind.get(k);
    if (byBucket === undefined) byKind.set(k, (byBucket = new Map()));
    let plan = byBucket.get(bucket);
    if (plan === undefined) {
      plan = planShipment(this.index, this.scenario, {
        importer: sh.importer,
        hts: sh.hts,
        origin: sh.origin,
        date: lawDate,
        mode,
        elections: sh.elections,
        mfnRate: sh.mfnRate,
      });
      byBucket.set(bucket, plan);
      this.count++;
    }
    return plan;
  }

  /** The shipment priced on the law date (its own entry date stays as given). */
  price(sh: Shipment, lawDate: string, opts: Omit<PriceOptions, 'lawDate'> = {}): Result<Breakdown> {
    const plan = this.planFor(sh, lawDate);
    if (!plan.ok) return plan;
    return price(this.index, plan.value, sh, { ...opts, lawDate });
  }
}
