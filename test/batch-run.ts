/**
 * `calc --input FILE` in process: src/batch/calc-run.ts's own runCalc — the run the CLI makes,
 * from the input's slices to the committed output — with the plan a plain `calc --input FILE
 * [--scenario S] [--format F]` makes (no -o, no --rejects, no workers, no gates) and a test
 * RunContext that collects stdout and stderr (test/unit/batch/run-context.ts). For tests of the
 * batch layers that need no CLI process (fuzz/batch-input, unit/batch/batch-vs-single).
 */
import type { OutputFormat } from '../src/batch/chunk.js';
import type { BatchTotals } from '../src/batch/pricer.js';
import { runCalc as calcRun, type CalcPlan } from '../src/batch/calc-run.js';
import { chooseScenario } from '../src/schedule/scenario-choice.js';
import { TariffError } from '../src/errors.js';
import type { ScheduleIndex } from '../src/schedule/schedule-index.js';
import { bundledIndexFast } from './helpers.js';
import { testRun } from './unit/batch/run-context.js';

export interface Priced {
  read: number;
  priced: number;
  rejected: number;
  /** the output: CSV header and rows, or NDJSON lines */
  out: string;
  /** what the run said on stderr (rejected rows with their line) */
  err: string;
  totals: BatchTotals;
}

let bundled: ScheduleIndex | null = null;

/** The run's priced rows and totals; a TariffError (what the CLI reports with its exit code) is returned, anything else thrown. */
export async function runCalc(
  file: string,
  o: { scenario: string; inputFormat?: 'csv' | 'ndjson'; format?: Exclude<OutputFormat, 'json' | 'table'>; index?: ScheduleIndex },
): Promise<Priced | TariffError> {
  const index = o.index ?? (bundled ??= bundledIndexFast());
  const inputFormat = o.inputFormat ?? 'csv';
  const format = o.format ?? (inputFormat === 'csv' ? 'csv' : 'ndjson');
  const scenario = chooseScenario(index.schedule.scenarios, o.scenario, {});
  const run = testRun({ today: '2026-05-01' });
  const plan: CalcPlan = {
    ...{ format, markdown: false, inputFormat, schedule: index.schedule, index, scenario },
    run: { schedule: null, overlays: [], scenarios: [o.scenario], set: [], disable: [] },
    ...{ lenient: null, assumptions: scenario.assumptions, workers: 0, defaults: {}, columnMap: undefined },
    ...{ targets: {}, switches: { fastPath: true }, workerMinBytes: Number.POSITIVE_INFINITY, gates: {} },
    checkWorkerFiles: async () => {},
  };
  try {
    const { totals } = await calcRun({ input: file }, run.ctx, plan);
    return { read: totals.read, priced: totals.priced, rejected: totals.rejected, out: run.out(), err: run.err(), totals };
  } catch (e) {
    if (e instanceof TariffError) return e;
    throw e;
  }
}
