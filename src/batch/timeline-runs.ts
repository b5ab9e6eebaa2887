/**
 * A timeline's shipments on every law-change date without the audit trail: each row's program
 * (core/program.ts) is run on each date, and only the sums are kept. The programs come from a
 * bounded cache keyed by what decides a plan — importer, HTS, origin, mode, elections, a user's
 * MFN rate — and the date's law interval (the law boundaries of the origin), kept light: without
 * the reasons for the layers not applied, which only a trail reads. A row the light run cannot
 * price on some date is left to the full path (`landedCost` with the trail), which words the
 * rejection; the light run never rejects a row, it only declines one.
 */
import type { BreakdownSum } from '../core/breakdown-sum.js';
import type { Result } from '../core/issues.js';
import { dateBucket, lawBoundaries } from '../core/law-dates.js';
import { measuresReaching } from '../core/law-changes.js';
import { planShipment, type Plan } from '../core/plan.js';
import { lightenPlan, samePlan } from '../core/plan-share.js';
import { runPlan, sameRunOn } from '../core/price.js';
import { emptyRun, type Money, type Run } from '../core/program.js';
import type { Measure, MeasureIndex, ResolvedScenario, Shipment } from '../core/types.js';

/** one kind of shipment: its plan on each date (shared by the dates of one law interval) */
interface Kind {
  readonly plans: (Result<Plan> | undefined)[];
  /** its distinct plans (many law intervals of an origin leave a kind's plan as it was: core/plan-share.ts) */
  readonly distinct: Result<Plan>[];
  /** its measures are among the timeline's (added with its first row on the timeline) */
  reached: boolean;
}

/**
 * Plans kept at most (each a few kB once light), and kinds: past either the cache starts again,
 * kinds and all. A kind forgotten only costs its plans again (its measures are added to a set
 * again, which changes nothing). Rows of many kinds (5,000 HTS codes) meet a kind once or twice:
 * kept plans there are only memory (issue #21).
 */
export const TIMELINE_LIMITS: { readonly plans: number; readonly kinds: number } = { plans: 5_000, kinds: 20_000 };

export class TimelineRuns {
  private readonly kinds = new Map<string, Kind>();
  /** the key of the kind of the row being priced */
  private lastKey = '';
  private plans = 0;
  /** per origin: the law interval (bucket) of each date */
  private readonly buckets = new Map<string, Int32Array>();
  private readonly runs: Run[];
  private readonly money: Money[];
  /** per date, the date whose run it takes (its own, or an earlier one with the same figures) */
  private readonly ran: Int32Array;
  private readonly notes: string[] = [];

  constructor(
    private readonly index: MeasureIndex,
    private readonly scenario: ResolvedScenario,
    private readonly dates: readonly string[],
    private readonly limits: { readonly plans: number; readonly kinds: number } = TIMELINE_LIMITS,
  ) {
    this.runs = dates.map(() => {
      const r = emptyRun();
      r.dutyLines = { base: [], amount: [] };
      return r;
    });
    this.money = [];
    this.ran = new Int32Array(dates.length);
  }

  /**
   * Prices `s` on every date and adds it to `sums` (and its measures to `touching`); false when
   * one date needs the full path (nothing is added then).
   */
  add(s: Shipment, sums: readonly BreakdownSum[], touching: Set<Measure>): boolean {
    const kind = this.kindOf(s);
    const buckets = this.bucketsOf(s.origin);
    const ran = this.ran;
    // most law changes leave a row's plan as it was: a date whose plan and law-date inputs are the
    // last run's takes that run's figures (core/price.ts sameRunOn) instead of running it again
    let last: Result<Plan> | null = null;
    let lastDate = '';
    for (let i = 0; i < this.dates.length; i++) {
      const lawDate = this.scenario.asOf ?? (this.dates[i] as string);
      const plan = this.planOn(kind, s, buckets[i] as number, lawDate);
      if (!plan.ok) return false;
      if (plan === last && sameRunOn(plan.value, s, lastDate, lawDate)) {
        ran[i] = ran[i - 1] as number;
        continue;
      }
      const r = runPlan(this.index, plan.value, s, lawDate, this.runs[i] as Run, this.notes);
      if (!r.ok) return false;
      this.money[i] = r.value;
      ran[i] = i;
      last = plan;
      lastDate = lawDate;
    }
    for (let i = 0; i < this.dates.length; i++) {
      const k = ran[i] as number;
      (sums[i] as BreakdownSum).addRun(this.runs[k] as Run, this.money[k] as Money);
    }
    if (!kind.reached) {
      for (const m of measuresReaching(this.index, s)) touching.add(m);
      kind.reached = true;
    }
    return true;
  }

  private kindOf(s: Shipment): Kind {
    const el = s.elections ? Object.entries(s.elections).sort().join(';') : '';
    const key = `${s.importer}|${s.hts}|${s.origin}|${s.mode ?? ''}|${el}|${s.mfnRate ? JSON.stringify(s.mfnRate) : ''}`;
    this.lastKey = key;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      if (this.kinds.size >= this.limits.kinds) this.forget();
      kind = { plans: [], distinct: [], reached: false };
      this.kinds.set(key, kind);
    }
    return kind;
  }

  /** the kind's plan in law interval `bucket`, made on first use */
  private planOn(kind: Kind, s: Shipment, bucket: number, lawDate: string): Result<Plan> {
    const got = kind.plans[bucket];
    if (got !== undefined) return got;
    if (this.plans >= this.limits.plans) {
      // every kind but this one goes (this one's plans too): the row being priced holds it
      this.forget();
      kind.plans.length = 0;
      kind.distinct.length = 0;
      this.kinds.set(this.lastKey, kind);
    }
    const plan = planShipment(this.index, this.scenario, {
      importer: s.importer,
      hts: s.hts,
      origin: s.origin,
      date: lawDate,
      mode: s.mode ?? null,
      elections: s.elections,
      mfnRate: s.mfnRate,
    });
    if (!plan.ok) {
      kind.plans[bucket] = plan;
      return plan;
    }
    let shared = kind.distinct.find((d) => d.ok && samePlan(d.value, plan.value, false));
    if (shared === undefined) {
      lightenPlan(plan.value);
      kind.distinct.push((shared = plan));
      this.plans++;
    }
    kind.plans[bucket] = shared;
    return shared;
  }

  /** kinds and distinct plans kept now (at most the limits) */
  get kept(): { kinds: number; plans: number } {
    return { kinds: this.kinds.size, plans: this.plans };
  }

  /** every kind and plan dropped */
  private forget(): void {
    this.kinds.clear();
    this.plans = 0;
  }

  private bucketsOf(origin: string): Int32Array {
    let b = this.buckets.get(origin);
    if (b === undefined) {
      const boundaries = lawBoundaries(this.index, this.scenario, origin);
      b = Int32Array.from(this.dates, (d) => dateBucket(boundaries, this.scenario.asOf ?? d));
      this.buckets.set(origin, b);
    }
    return b;
  }
}
