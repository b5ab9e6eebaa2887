/** What a schedule load had to do instead of the fast way (a compiled form ignored, and why), for `-v`. */
import type { Schedule } from '../core/types.js';

const notes = new WeakMap<Schedule, string[]>();

export function noteLoad(schedule: Schedule, note: string): void {
  notes.set(schedule, [...(notes.get(schedule) ?? []), note]);
}

export function scheduleLoadNotes(schedule: Schedule): readonly string[] {
  return notes.get(schedule) ?? [];
}

const warnings = new WeakMap<Schedule, string[]>();

/** Something a run must say on stderr whether -v or not (an overlay that redefines a scenario). */
export function warnLoad(schedule: Schedule, warning: string): void {
  warnings.set(schedule, [...(warnings.get(schedule) ?? []), warning]);
}

export function scheduleLoadWarnings(schedule: Schedule): readonly string[] {
  return warnings.get(schedule) ?? [];
}
