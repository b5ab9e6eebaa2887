/** The dates at which the law can change for an origin: a batch shares one plan between two dates with none between them. */
import { reachesOrigin } from './applicability.js';
import type { MeasureIndex, ResolvedScenario } from './types.js';

/**
 * Dates on which the law can change for this schedule and scenario: every window edge, suspension,
 * coverage date, column 2 window and end of a lower informal-entry limit. Two dates with the same
 * number of boundaries at or before them see exactly the same measures, so a batch can share one
 * plan between them.
 */
export function lawBoundaries(index: MeasureIndex, scenario: ResolvedScenario, origin?: string): string[] {
  const set = new Set<string>();
  for (const m of [...index.schedule.measures, ...scenario.added]) {
    // with an origin, only the measures that can apply to it move the boundaries (fewer plans)
    if (origin !== undefined && !reachesOrigin(m, origin)) continue;
    set.add(m.from);
    if (m.to !== null) set.add(m.to);
    if (m.suspended) set.add(m.suspended.since);
  }
  for (const l of index.schedule.lines) {
    if (l.coverageFrom !== null) set.add(l.coverageFrom);
    for (const c of l.mfnChanges) set.add(c.from);
    for (const c of l.specialChanges) set.add(c.from);
    if (l.until !== null) set.add(l.until);
  }
  for (const d of index.schedule.lineShards?.dates ?? []) set.add(d);
  // a claimed programme applies between its dates and its members' (general note 3(c)(i))
  for (const p of index.schedule.programmes) {
    if (p.from !== null) set.add(p.from);
    if (p.to !== null) set.add(p.to);
    // a lapse inside its dates (AGOA, 2025-10-01 to 2026-02-03): a claim is refused in it, priced either side
    for (const g of p.gaps ?? []) {
      set.add(g.from);
      set.add(g.to);
    }
    for (const m of p.members ?? []) {
      if (origin !== undefined && m.country !== origin) continue;
      set.add(m.from);
      if (m.to !== null) set.add(m.to);
    }
  }
  // the windows in which origins pay column 2 rates (general note 3(b)) choose the general rate too;
  // the end of a lower informal-entry limit changes the entry type (and fees) a run assumes
  for (const imp of index.schedule.importers.values()) {
    const until = imp.informalEntry?.chapter99MaxUntil;
    if (until) set.add(until);
    for (const c of imp.column2) {
      if (origin !== undefined && !c.origins.has(origin)) continue;
      set.add(c.from);
      if (c.to !== null) set.add(c.to);
    }
  }
  return [...set].sort();
}

/** How many boundaries lie at or before `date` (binary search). */
export function dateBucket(boundaries: readonly string[], date: string): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((boundaries[mid] as string) <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
