/**
 * The dates on which a line's law changes: the days a measure that reaches the shipment starts,
 * ends or is suspended, between two dates. A timeline prices the shipment on each of them; the
 * dates come from the core's own boundaries (`lawBoundaries`) and the measures from the index's
 * candidates for the line, filtered by the origin and mode tests `planShipment` applies.
 */
import { reachesMode, reachesOrigin } from './applicability.js';
import { lawBoundaries } from './landed-cost.js';
import type { Measure, MeasureIndex, ResolvedScenario, Shipment } from './types.js';

/**
 * `from`, then every date after it and up to `to` (inclusive) on which the law of any line can
 * change. Pricing on these dates sees every change; between two of them the law stands still.
 */
export function lawChangeDates(index: MeasureIndex, scenario: ResolvedScenario, from: string, to: string): string[] {
  return [from, ...lawBoundaries(index, scenario).filter((d) => d > from && d <= to)];
}

/**
 * The measures that can reach this shipment on some date: the candidates of its line, for its
 * origin and transport mode. The date window, suspension and scenario are what the timeline varies.
 */
export function measuresReaching(index: MeasureIndex, s: Pick<Shipment, 'importer' | 'hts' | 'origin' | 'mode'>): Measure[] {
  const mode = s.mode ?? null;
  return index.candidates(s.importer, s.hts).filter((m) => reachesOrigin(m, s.origin) && reachesMode(m, mode));
}

export type LawChangeKind = 'starts' | 'ends' | 'suspended';

export interface LawChange {
  kind: LawChangeKind;
  measure: Measure;
}

/**
 * The changes of these measures after `from` and up to `to`, by date (dates in the order the
 * measures are given; sort the keys for a timeline). A window's `to` is the first day without
 * the measure: that is the day the law changes.
 */
export function lawChanges(measures: Iterable<Measure>, from: string, to: string): Map<string, LawChange[]> {
  const out = new Map<string, LawChange[]>();
  const add = (date: string, kind: LawChangeKind, measure: Measure): void => {
    if (date <= from || date > to) return;
    const list = out.get(date) ?? [];
    list.push({ kind, measure });
    out.set(date, list);
  };
  for (const m of measures) {
    add(m.from, 'starts', m);
    if (m.to !== null) add(m.to, 'ends', m);
    if (m.suspended) add(m.suspended.since, 'suspended', m);
  }
  return out;
}

/** A change in words: "starts: Section 301 List 3 (9903.88.03)". */
export function lawChangeText(c: LawChange): string {
  return `${c.kind}: ${c.measure.title} (${c.measure.ref})`;
}
