/**
 * Whether a measure can reach a shipment at all, whatever the date: its origins and its transport
 * modes. `planShipment` (src/core/plan.ts) and the law dates (src/core/law-dates.ts) use the
 * origin test as it is; the plan applies the mode test step by step, to give each reason, and a
 * unit test checks that the two agree (test/unit/core/law-changes.test.ts).
 */
import type { Measure, Mode } from './types.js';

/** The measure covers goods of this origin (its origin list, less its excepted origins). */
export function reachesOrigin(m: Measure, origin: string): boolean {
  return (m.origins === null || m.origins.has(origin)) && !(m.exceptOrigins?.has(origin) ?? false);
}

/** The measure is the importer's own and covers goods of this origin: what a plan of theirs starts from. */
export function reachesImport(m: Measure, importer: string, origin: string): boolean {
  return m.importer === importer && reachesOrigin(m, origin);
}

/**
 * The measure covers this transport mode: a measure limited to some modes needs a mode that is one
 * of them (an unknown mode is not one), and an excepted mode is out.
 */
export function reachesMode(m: Measure, mode: Mode | null): boolean {
  const listed = m.modes === null || (mode !== null && m.modes.has(mode));
  return listed && !(mode !== null && (m.exceptModes?.has(mode) ?? false));
}
