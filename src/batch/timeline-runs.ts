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
import { planShipment, type Plan, type PlannedMeasure } from '../core/plan.js';
import { runPlan } from '../core/price.js';
import { emptyRun, type Money, type Run } from '../core/program.js';
import type { Measure, MeasureIndex, NotApplied, ResolvedScenario, Shipment } from '../core/types.js';

/** one kind of shipment: its plan on each date (shared by the dates of one law interval) */
interface Kind {
  readonly plans: (Result<Plan> | undefined)[];
  /** its distinct plans by what they charge (many law intervals of an origin leave a kind's plan as it was) */
  readonly distinct: Map<string, Plan>;
  /** its measures are among the timeline's (added with its first row on the timeline) */
  reached: boolean;
}

/** plans kept at most (each a few kB once light): past it the cache starts again */
const MAX_PLANS = 20_000;

const NONE: NotApplied[] = [];

export class TimelineRuns {
  private readonly kinds = new Map<string, Kind>();
  private plans = 0;
  /** per origin: the law interval (bucket) of each date */
  private readonly buckets = new Map<string, Int32Array>();
  private readonly runs: Run[];
  private readonly money: Money[];
  private readonly notes: string[] = [];

  constructor(
    private readonly index: MeasureIndex,
    private readonly scenario: ResolvedScenario,
    private readonly dates: readonly string[],
  ) {
    this.runs = dates.map(() => {
      const r = emptyRun();
      r.dutyLines = { base: [], amount: [] };
      return r;
    });
    this.money = [];
  }

  /**
   * Prices `s` on every date and adds it to `sums` (and its measures to `touching`); false when
   * one date needs the full path (nothing is added then).
   */
  add(s: Shipment, sums: readonly BreakdownSum[], touching: Set<Measure>): boolean {
    const kind = this.kindOf(s);
    const buckets = this.bucketsOf(s.origin);
    for (let i = 0; i < this.dates.length; i++) {
      const lawDate = this.scenario.asOf ?? (this.dates[i] as string);
      const plan = this.planOn(kind, s, buckets[i] as number, lawDate);
      if (!plan.ok) return false;
      const r = runPlan(this.index, plan.value, s, lawDate, this.runs[i] as Run, this.notes);
      if (!r.ok) return false;
      this.money[i] = r.value;
    }
    for (let i = 0; i < this.dates.length; i++) (sums[i] as BreakdownSum).addRun(this.runs[i] as Run, this.money[i] as Money);
    if (!kind.reached) {
      for (const m of measuresReaching(this.index, s)) touching.add(m);
      kind.reached = true;
    }
    return true;
  }

  private kindOf(s: Shipment): Kind {
    const el = s.elections ? Object.entries(s.elections).sort().join(';') : '';
    const key = `${s.importer}|${s.hts}|${s.origin}|${s.mode ?? ''}|${el}|${s.mfnRate ? JSON.stringify(s.mfnRate) : ''}`;
    let kind = this.kinds.get(key);
    if (kind === undefined) {
      kind = { plans: [], distinct: new Map(), reached: false };
      this.kinds.set(key, kind);
    }
    return kind;
  }

  /** the kind's plan in law interval `bucket`, made on first use */
  private planOn(kind: Kind, s: Shipment, bucket: number, lawDate: string): Result<Plan> {
    const got = kind.plans[bucket];
    if (got !== undefined) return got;
    if (this.plans >= MAX_PLANS) {
      // drop every plan (the kinds keep whether their measures are counted)
      for (const k of this.kinds.values()) {
        k.plans.length = 0;
        k.distinct.clear();
      }
      this.plans = 0;
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
    const sig = signature(plan.value);
    let kept = kind.distinct.get(sig);
    if (kept === undefined) {
      kept = plan.value;
      lighten(kept);
      kind.distinct.set(sig, kept);
      this.plans++;
    }
    const shared: Result<Plan> = { ok: true, value: kept };
    kind.plans[bucket] = shared;
    return shared;
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

/** a plan without its reasons for the layers not applied (only a run with an audit trail reads them) */
function lighten(plan: Plan): void {
  plan.notApplied = NONE;
  if (plan.overThreshold) lighten(plan.overThreshold.plan);
}

/** a number for each measure of the schedule (the MFN measure of a plan is made with it: known by its id and rate) */
const measureIds = new WeakMap<Measure, number>();
let nextMeasureId = 0;

function measureKey(p: PlannedMeasure): string {
  const m = p.measure;
  let id = measureIds.get(m);
  if (id === undefined) measureIds.set(m, (id = nextMeasureId++));
  const who = m.authority === 'mfn' ? m.id : `#${id}`;
  return `${who}=${JSON.stringify(p.rate)}${p.overridden ? '!' : ''}/${p.partialBlockers.map((b) => b.id).join('+')}`;
}

/** What a plan charges and says, as text: two plans of a kind with the same text price every row alike. */
function signature(plan: Plan): string {
  const part = (ps: readonly PlannedMeasure[]): string => ps.map(measureKey).join(',');
  const over = plan.overThreshold ? `${plan.overThreshold.threshold}>${signature(plan.overThreshold.plan)}` : '';
  return `${part(plan.exemptions)};${part(plan.duties)};${part(plan.fees)};${part(plan.taxes)};${plan.hasContentDuty};${plan.mode};${plan.notes.join('\n')};${over}`;
}
