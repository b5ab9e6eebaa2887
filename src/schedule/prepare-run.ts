/**
 * One run setup — schedule, index, overlays, the resolved scenarios with the what-ifs of
 * --set/--disable, and the warnings to print — built the same way wherever a run is priced: the
 * main thread and every batch worker call this with the same plain options, so they cannot
 * diverge (an imported schedule without "as-entered", an overlay that replaces a scenario ...).
 */
import { nearestNames } from '../core/suggest.js';
import type { ExtraOverrides } from '../core/scenario.js';
import type { ResolvedScenario, Schedule, Scenario } from '../core/types.js';
import { loadWithOverlays } from './load-with-overlays.js';
import type { ScheduleIndex } from './schedule-index.js';
import { checkTargets, chooseScenario, parseWhatIf } from './scenario-choice.js';

/** What a run is set up from: plain data, so that it can cross to a worker thread. */
export interface RunOptions {
  schedule: string | null;
  overlays: string[];
  /** scenario ids to resolve; undefined = as-entered */
  scenarios: (string | undefined)[];
  set: string[];
  disable: string[];
}

export interface PreparedRun {
  schedule: Schedule;
  index: ScheduleIndex;
  /** every scenario the schedule and the overlays define */
  available: Scenario[];
  extra: ExtraOverrides;
  /** what --set, --disable and --vary may name: every measure id and authority, and "mfn" */
  known: ReadonlySet<string>;
  /**
   * A scenario id resolved with the run's what-ifs, for commands that choose their scenarios only
   * once they know which the schedule has (compare's default list, one per origin ...).
   */
  resolve(id: string | undefined): ResolvedScenario;
  /** `options.scenarios`, resolved, in order */
  resolved: ResolvedScenario[];
  /** warnings for stderr (not per-row notes: those are in each result) */
  warnings: string[];
}

/** The run options of a command's parsed flags. */
export function runOptions(
  opts: { schedule?: string; scenarioFile?: string[]; set?: string[]; disable?: string[] },
  scenarios: (string | undefined)[],
): RunOptions {
  return { schedule: opts.schedule ?? null, overlays: opts.scenarioFile ?? [], scenarios, set: opts.set ?? [], disable: opts.disable ?? [] };
}

export async function prepareRun(o: RunOptions): Promise<PreparedRun> {
  const { schedule, index, scenarios } = await loadWithOverlays(o.schedule, o.overlays);
  const extra = parseWhatIf(o.set, o.disable);
  const known = new Set([...schedule.measures.map((m) => m.id), ...schedule.measures.map((m) => m.authority), 'mfn']);
  checkTargets(extra, known, (t) => nearestNames(t, [...known]));
  const resolve = (id: string | undefined): ResolvedScenario => chooseScenario(scenarios, id, extra);
  const resolved = o.scenarios.map(resolve);
  const warnings = staleScenarios(schedule, resolved).map(
    (s) =>
      `scenario ${s.id} prices on ${s.asOf}, after the schedule's verifiedThrough date (${schedule.meta.verifiedThrough}): rates after that date may be stale`,
  );
  return { schedule, index, available: scenarios, extra, known, resolve, resolved, warnings };
}

/** The scenarios that price on a date after the one the schedule was checked through. */
export function staleScenarios(schedule: Schedule, resolved: readonly ResolvedScenario[]): ResolvedScenario[] {
  return resolved.filter((s) => s.asOf !== null && s.asOf > schedule.meta.verifiedThrough);
}
