/**
 * Plans (the choice of measures) cached per (importer, origin, HTS, mode, claims, law-date
 * bucket) under one scenario: the law that applies to a kind of shipment changes only at the law
 * boundaries of its origin, so many rows share a plan and its program. The buckets of a kind that
 * give it the same plan, reasons included (core/plan-share.ts), share one plan object: the
 * as-entered scenario meets dozens of buckets per kind, most of them alike. The batch pricer of
 * calc, compare and refund goes through one of these. (A timeline has its own,
 * batch/timeline-runs.ts: light plans, shared across law intervals that leave them unchanged, and bounded.)
 */
import type { Result } from './issues.js';
import { dateBucket, lawBoundaries } from './law-dates.js';
import { planShipment, type Plan } from './plan.js';
import { samePlan } from './plan-share.js';
import { price, type PriceOptions } from './price.js';
import type { Breakdown, MeasureIndex, ResolvedScenario, Shipment } from './types.js';

/** one kind of shipment's plans: by law-date bucket, and its distinct ones (a bucket's is one of them) */
interface KindPlans {
  readonly byBucket: Map<number, Result<Plan>>;
  readonly distinct: Result<Plan>[];
  /** the law date a bucket's rejection was made on: its words name that date, so another date of the bucket makes its own */
  readonly rejectedOn: Map<number, string>;
}

export class PlanCache {
  /** hts → origin → importer|mode|claims → its plans; nested maps, so no key is built per row for the usual case */
  private readonly plans = new Map<string, Map<string, Map<string, KindPlans>>>();
  /** law boundaries per origin: the dates at which the measures that can apply to it change */
  private readonly boundaries = new Map<string, string[]>();
  private count = 0;

  constructor(
    readonly index: MeasureIndex,
    readonly scenario: ResolvedScenario,
  ) {}

  /** how many distinct plans are kept (said with --verbose) */
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
    let kind = byKind.get(k);
    if (kind === undefined) byKind.set(k, (kind = { byBucket: new Map(), distinct: [], rejectedOn: new Map() }));
    let plan = kind.byBucket.get(bucket);
    if (plan === undefined || (!plan.ok && kind.rejectedOn.get(bucket) !== lawDate)) {
      plan = planShipment(this.index, this.scenario, {
        importer: sh.importer,
        hts: sh.hts,
        origin: sh.origin,
        date: lawDate,
        mode,
        elections: sh.elections,
        mfnRate: sh.mfnRate,
      });
      plan = this.shared(kind, plan);
      kind.byBucket.set(bucket, plan);
      if (!plan.ok) kind.rejectedOn.set(bucket, lawDate);
    }
    return plan;
  }

  /** The plan of a new bucket, or an equal one the kind already has (a rejection is kept as made: its words name the date). */
  private shared(kind: KindPlans, plan: Result<Plan>): Result<Plan> {
    if (plan.ok) {
      for (const d of kind.distinct) if (d.ok && samePlan(d.value, plan.value, true)) return d;
      kind.distinct.push(plan);
    }
    this.count++;
    return plan;
  }

  /** The shipment priced on the law date (its own entry date stays as given). */
  price(sh: Shipment, lawDate: string, opts: Omit<PriceOptions, 'lawDate'> = {}): Result<Breakdown> {
    const plan = this.planFor(sh, lawDate);
    if (!plan.ok) return plan;
    return price(this.index, plan.value, sh, { ...opts, lawDate });
  }
}
