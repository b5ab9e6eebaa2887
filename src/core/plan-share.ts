/**
 * One kind of shipment (importer, HTS, origin, mode, elections, user's MFN rate) is planned once
 * per law interval of its origin, but the intervals are cut by every change of the schedule that
 * can reach the origin (other lines' rate changes among them), so most of a kind's intervals give
 * it the same plan. A batch keeps one plan for all of them: `samePlan` tells when two plans of a
 * kind price and word every row alike, so that the later one can be dropped for the earlier.
 * (Peak memory of a batch under the as-entered scenario: issue #21.)
 */
import type { Plan, PlannedMeasure } from './plan.js';
import type { Measure, NotApplied } from './types.js';

/**
 * Whether plans `a` and `b` (of one kind, on two law dates) choose the same measures at the same
 * rates, with the same notes — and, `withReasons`, the same reasons for the layers not applied
 * (what a row's audit trail prints). The law date the plan was made on is not compared: a batch
 * prices each row on its own law date. The general-rate measure, made for each plan, is compared
 * by its content; every other measure is the schedule's own object, compared by identity.
 */
export function samePlan(a: Plan, b: Plan, withReasons: boolean): boolean {
  if (a === b) return true;
  if (a.scenario !== b.scenario || a.importer !== b.importer || a.line !== b.line || a.origin !== b.origin || a.mode !== b.mode) return false;
  if (a.hasContentDuty !== b.hasContentDuty || !sameStrings(a.notes, b.notes)) return false;
  if (!samePlanned(a.exemptions, b.exemptions) || !samePlanned(a.duties, b.duties)) return false;
  if (!samePlanned(a.fees, b.fees) || !samePlanned(a.taxes, b.taxes)) return false;
  if (withReasons && !sameReasons(a.notApplied, b.notApplied)) return false;
  const x = a.overThreshold;
  const y = b.overThreshold;
  if (x === undefined || y === undefined) return x === y;
  return x.threshold === y.threshold && samePlan(x.plan, y.plan, withReasons);
}

/** A plan without its reasons for the layers not applied: only a run with an audit trail reads them. */
export function lightenPlan(plan: Plan): void {
  plan.notApplied = NO_REASONS;
  if (plan.overThreshold) lightenPlan(plan.overThreshold.plan);
}

const NO_REASONS: NotApplied[] = [];

function samePlanned(a: readonly PlannedMeasure[], b: readonly PlannedMeasure[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i] as PlannedMeasure;
    const q = b[i] as PlannedMeasure;
    if (p.overridden !== q.overridden || !sameMeasure(p.measure, q.measure)) return false;
    if (p.rate !== q.rate && JSON.stringify(p.rate) !== JSON.stringify(q.rate)) return false;
    const pb = p.partialBlockers;
    const qb = q.partialBlockers;
    if (pb.length !== qb.length) return false;
    for (let j = 0; j < pb.length; j++) if (pb[j] !== qb[j]) return false;
  }
  return true;
}

/**
 * the schedule's measures by identity; the general rate (made per plan, order -1) by every field:
 * a field the same object in both (the line's sources, its note), else the same content. Not one
 * JSON text of each whole measure: a batch under the as-entered scenario compares thousands of plans.
 */
function sameMeasure(m: Measure, n: Measure): boolean {
  if (m === n) return true;
  if (m.order !== -1 || n.order !== -1) return false;
  const keys = Object.keys(m) as (keyof Measure)[];
  if (keys.length !== Object.keys(n).length) return false;
  for (const k of keys) {
    const a = m[k];
    const b = n[k];
    if (!(k in n) || (a !== b && !sameContent(a, b))) return false;
  }
  return true;
}

/** two field values alike: arrays element by element, other objects (a rate, a set) by their JSON text */
function sameContent(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !sameContent(a[i], b[i])) return false;
    return true;
  }
  return JSON.stringify(a, setsAsArrays) === JSON.stringify(b, setsAsArrays);
}

function setsAsArrays(_key: string, value: unknown): unknown {
  return value instanceof Set ? [...value] : value;
}

function sameReasons(a: readonly NotApplied[], b: readonly NotApplied[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as NotApplied;
    const y = b[i] as NotApplied;
    if (x.measure !== y.measure || x.authority !== y.authority || x.title !== y.title || x.ref !== y.ref || x.code !== y.code || x.reason !== y.reason) {
      return false;
    }
  }
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
