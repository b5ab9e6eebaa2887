/**
 * `tariff calc --input FILE|-`: the flags and the schedule read into a plan, the batch run
 * (batch/calc-run.ts: every row priced or rejected, the outputs committed), then its figures on
 * stderr and the exit code: 65 for rejected rows, 3 when all of them were prohibited goods, 1 for
 * a failed gate.
 */
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { OutputFormat } from '../../batch/chunk.js';
import { flagDefaults, parseColumnMap, type FieldDefaults } from '../../batch/columns.js';
import type { BatchTotals } from '../../batch/pricer.js';
import { lenientText, runCalc, totalsGateFailures, type CalcPlan, type CalcResult } from '../../batch/calc-run.js';
import type { Schedule } from '../../core/types.js';
import { CheckFailedError, EXIT, UsageError } from '../../errors.js';
import { parseGates } from '../gates.js';
import { lenientOf } from '../options.js';
import { collectOftenForBatch } from '../heap.js';
import { LENIENT_ASSUMPTION } from '../../io/lenient.js';
import { summaryText } from '../../render/batch-output.js';
import { info, note, verboseSchedule, warn, type Ctx } from '../context.js';
import { sayHeaderOnly, sayMoreRejected } from '../../batch/run-context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { checkFlagDefaults } from '../shipment-flags.js';
import { stderrCarriesOutput } from '../stdout.js';
import { calcTargets, type CalcOptions } from './calc.js';

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** with --jobs, inputs larger than this go to worker threads (TARIFF_WORKER_MIN_BYTES overrides, for tests) */
const WORKER_MIN_BYTES = Number(process.env.TARIFF_WORKER_MIN_BYTES ?? 8 * 1024 * 1024);

/**
 * The switches the tests and the benchmark set in the environment, read here once and handed down:
 * ctx.fastPath (TARIFF_FAST_PATH=0: every row on the full reader, the differential test);
 * TARIFF_WORKER_HEAP_MB makes a worker's heap small enough to run out (the fault test).
 */
function runSwitches(ctx: Ctx): { fastPath: boolean; workerHeapMb?: number } {
  const heap = Number(process.env.TARIFF_WORKER_HEAP_MB);
  return { fastPath: ctx.fastPath, ...(heap > 0 ? { workerHeapMb: heap } : {}) };
}

export interface BatchOptions extends CalcOptions {
  output?: string;
  rejects?: string;
  strict?: boolean;
  summary?: boolean;
  escapeFormulas?: boolean;
  jobs?: string;
  allowRagged?: boolean;
}

/**
 * --jobs N: N worker threads; 1 prices in this thread. `auto`, the default, takes workers only
 * where they pay: CSV output goes through the fast path, which one thread runs faster than a pool
 * can be fed (300,000 rows, 2 cores: 1.0 s in this thread, 1.7 s with two workers), so auto
 * gives workers to the full-path formats (JSON, NDJSON) alone, and only when at least two cores
 * are free beside this thread's (by the load average): two threads that share one core gain
 * nothing and cost the memory of another heap.
 */
export function workerCount(jobs: string | undefined, format: OutputFormat, cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  if (jobs === undefined || jobs === 'auto') {
    if (format === 'csv' || format === 'table') return 0;
    const free = Math.floor(cores - load) - 1;
    return free >= 2 ? Math.min(4, free) : 0;
  }
  if (!/^\d{1,2}$/.test(jobs) || Number(jobs) < 1) throw new UsageError(`--jobs ${JSON.stringify(jobs)}: expected a number of threads from 1 to 99, or auto`);
  return Number(jobs) === 1 ? 0 : Number(jobs);
}

export async function calcBatch(opts: BatchOptions, ctx: Ctx): Promise<void> {
  const plan = await planBatch(opts, ctx);
  const result = await runCalc(opts, ctx, plan);
  report(opts, ctx, plan, result);
}

/** the output format a batch writes; refuses the options that only make sense for one shipment */
function batchFormat(opts: BatchOptions): { format: OutputFormat; markdown: boolean } {
  const markdown = opts.format === 'markdown';
  const format = (markdown ? 'table' : (opts.format ?? 'csv')) as OutputFormat;
  if (!['csv', 'ndjson', 'json', 'table'].includes(format))
    throw new UsageError(`--format ${format} is not available for a batch`, ['use csv, ndjson, json, table or markdown']);
  return { format, markdown };
}

async function planBatch(opts: BatchOptions, ctx: Ctx): Promise<CalcPlan> {
  const { format, markdown } = batchFormat(opts);
  // JSON and NDJSON rows carry every row's whole breakdown: much garbage, some of it promoted
  if (format === 'json' || format === 'ndjson') collectOftenForBatch();
  const inputFormat = (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson';
  if (opts.scenario?.includes(',')) throw new UsageError('calc takes one scenario', ['to compare several, use `tariff compare --scenario a,b,c`']);

  if (opts.explain) {
    throw new UsageError('--explain is for one shipment: a batch does not print the layers as a table', [
      'each row with its layers (lines[] with formula and legal reference, notApplied[] with the reason): --format json or --format ndjson',
    ]);
  }
  const run = runOptions(opts, [opts.scenario]);
  const { schedule, index, resolved, warnings } = await prepareRun(run);
  verboseSchedule(opts, schedule);
  const scenario = resolved[0] as CalcPlan['scenario'];
  if (!ctx.quiet) for (const w of warnings) warn(ctx, w);

  const gates = parseGates(opts, 'calc');
  const lenient = lenientOf(opts, 'calc');
  const assumptions = lenient ? [...scenario.assumptions, LENIENT_ASSUMPTION] : scenario.assumptions;
  // a worker loads the schedule and overlays again: from a pipe, they were read once already
  const workers = [opts.schedule, ...(opts.scenarioFile ?? [])].every((f) => f === undefined || isRegularFile(f)) ? workerCount(opts.jobs, format) : 0;
  info(
    ctx,
    `scenario ${scenario.id}: ${scenario.asOf === null ? "the law of each row's entry date" : `the law of ${scenario.asOf}`}; input ${opts.input ?? '-'} (${inputFormat}${opts.delimiter ? `, --delimiter ${JSON.stringify(opts.delimiter)}` : ''})${workers ? `; ${workers} worker threads for large inputs` : ''}`,
  );
  const defaults: FieldDefaults = flagDefaults(opts);
  checkFlagDefaults(defaults, schedule);
  const columnMap = parseColumnMap(opts.columns);
  return {
    ...{ format, markdown, inputFormat, run, schedule, index, scenario, lenient, assumptions, workers, defaults, columnMap },
    targets: { ...calcTargets(opts), excel: { bom: opts.bom, crlf: opts.crlf } },
    switches: runSwitches(ctx),
    workerMinBytes: WORKER_MIN_BYTES,
    gates,
    checkWorkerFiles: async (file) => (await import('../dist-files.js')).checkWorkerFiles(file),
  };
}

/** the run's figures on stderr, its exit code; the gates fail the run once everything has been written */
function report(opts: BatchOptions, ctx: Ctx, plan: CalcPlan, { totals, inputName }: CalcResult): void {
  const { format, markdown } = plan;
  sayMoreRejected(ctx, totals.rejected, opts.rejects);
  if (opts.summary) stderrCarriesOutput();
  if (opts.summary || (format === 'table' && !markdown)) ctx.err.write(summaryText(totals));
  if (plan.lenient) note(ctx, lenientText(totals));
  info(ctx, `${totals.fast} of ${totals.priced} priced rows took the fast path`);
  warnRows(ctx, plan.schedule, totals, inputName);
  const failures = totalsGateFailures(totals, plan.gates);
  if (failures.length) throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures, totals.rejected);
}

function warnRows(ctx: Ctx, schedule: Schedule, totals: BatchTotals, inputName: string): void {
  if (totals.staleRows > 0 && !ctx.quiet) {
    warn(
      ctx,
      `${totals.staleRows} of ${totals.priced} priced rows are on dates after the schedule's verifiedThrough date (${schedule.meta.verifiedThrough}): rates after that date may be stale (each such row says so in its notes)`,
    );
  }
  if (totals.read === 0) sayHeaderOnly(ctx, inputName);
  if (totals.rejected > 0) {
    const banned = totals.prohibited > 0 ? ` (${totals.prohibited} of them excluded from importation on their date)` : '';
    ctx.err.write(`tariff: ${totals.rejected} of ${totals.read} rows rejected${banned}\n`);
    // invalid rows say "fix the input" (65); rows refused only as prohibited goods say so (3)
    process.exitCode = totals.rejected > totals.prohibited ? EXIT.dataErr : EXIT.prohibited;
  }
}
