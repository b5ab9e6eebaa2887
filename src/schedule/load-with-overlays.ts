/** The schedule in use — bundled or a user's file — with the scenarios of overlay files merged in. */
import type { Schedule, Scenario } from '../core/types.js';
import { bundledSchedulePath } from './bundled-path.js';
import { loadBundledSchedule, loadOverlayFile, loadUserSchedule } from './load.js';
import { ScheduleIndex } from './schedule-index.js';
import { warnLoad } from './load-notes.js';

export interface Loaded {
  schedule: Schedule;
  index: ScheduleIndex;
  scenarios: Scenario[];
}

export async function loadWithOverlays(file: string | null, overlays: readonly string[]): Promise<Loaded> {
  const schedule = file ? await loadUserSchedule(file) : loadBundledSchedule(bundledSchedulePath());
  const scenarios = [...schedule.scenarios];
  for (const f of overlays) {
    const extra = await loadOverlayFile(f, (imp) => schedule.importers.get(imp)?.minorDigits ?? 2, scenarios);
    for (const s of extra) {
      const i = scenarios.findIndex((x) => x.id === s.id);
      // a user's scenario of the same name replaces the bundled one (that is why they wrote it),
      // and says so in the assumptions of every output
      if (i >= 0) {
        const replaced = (scenarios[i] as Scenario).origin;
        scenarios[i] = { ...s, redefines: replaced };
        warnLoad(
          schedule,
          `${f} redefines the scenario ${s.id} of the ${replaced === 'bundled' ? 'bundled schedule' : replaced}: outputs labelled ${s.id} use the new one`,
        );
      } else scenarios.push(s);
    }
  }
  return { schedule, index: new ScheduleIndex(schedule), scenarios };
}
