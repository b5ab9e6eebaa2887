/**
 * `tariff calc --input FILE|-`: stream shipments through the core. Every data row becomes an
 * output row or a rejection (rows read = priced + rejected); bad rows are reported with their line
 * and column and the run goes on (exit 65 at the end), or stops at the first with --strict.
 *
 * The input is cut into slices of whole records, priced in this thread — or, with --jobs N, once
 * more than a few megabytes have been read, in N worker threads whose results are written back in
 * input order, so the output is byte for byte the same either way.
 */
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { ChunkProcessor, type ChunkResult, type ChunkSetup, type OutputFormat } from '../../batch/chunk.js';
import { flagDefaults, mapColumns, ndjsonHeader, parseColumnMap, pricedNeeds, requiredColumns, type FieldDefaults } from '../../batch/columns.js';
import { BatchTotals, mergeTotals } from '../../batch/pricer.js';
import type { Rejection } from '../../core/batch-summary.js';
import { joinAll, type Slice } from '../../batch/splitter.js';
import { BatchInput, NDJSON_HINT } from '../../batch/input.js';
import { CSV_PIECE_BYTES } from '../../batch/row-source.js';
import type { ResolvedScenario, Schedule } from '../../core/types.js';
import { CheckFailedError, DataError, EXIT, UsageError } from '../../errors.js';
import { gateFailures, gateList, parseGates } from '../gates.js';
import { checksJson, RejectedList, type FrameTail } from '../../render/frame.js';
import { checkTotals, totalAmounts } from '../amount-range.js';
import { lenientOf } from '../options.js';
import { collectOftenForBatch } from '../heap.js';
import { LENIENT_ASSUMPTION } from '../../io/lenient.js';
import { BatchSink } from '../../batch/sink.js';
import { JSON_SCHEMA_VERSION, scheduleStamp } from '../../render/breakdown-json.js';
import {
  batchMarkdown,
  batchTable,
  CsvRows,
  dutyAuthorities,
  rejectsHeader,
  rejectsRow,
  summaryText,
  totalsJson,
  type TableRow,
} from '../../render/batch-output.js';
import { info, note, verboseSchedule, warn, type Ctx } from '../context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { checkFlagDefaults } from '../shipment-flags.js';
import { stderrCarriesOutput } from '../stdout.js';
import { calcTargets, type CalcOptions } from './calc.js';
import type { WorkerPool as WorkerPoolT } from '../../batch/pool.js';

const TABLE_LIMIT = 2000;

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** the materials of the schedule's content-based measures (steel, aluminum ...) */
function contentMaterials(schedule: Schedule): string[] {
  const out = new Set<string>();
  for (const m of schedule.measures) if (typeof m.base === 'object') out.add(m.base.content);
  return [...out];
}
const STDERR_REJECTIONS = 50;
/** with --jobs, inputs larger than this go to worker threads (TARIFF_WORKER_MIN_BYTES overrides, for tests) */
const WORKER_MIN_BYTES = Number(process.env.TARIFF_WORKER_MIN_BYTES ?? 8 * 1024 * 1024);
/** a worker job: enough rows that messaging costs little */
const JOB_BYTES = 1 << 16;
/**
 * JSON and NDJSON out of a worker are ~40 times their input (the full breakdown of every row), and
 * each job's text is built, copied to this thread and dropped as a whole: smaller jobs, fewer of
 * them in flight, keep the threads' resident memory down (NDJSON, --jobs 2, 200,000 rows: 421 MB
 * peak at 64 kB × 4 in flight, 222 MB at 8 kB × 2; bench:memory).
 */
const FULL_PATH_JOB_BYTES = 1 << 13;

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

/** A header that ends in the rejects file's own `line` and `error` columns (rejectsHeader). */
export function isRejectsHeader(header: readonly string[]): boolean {
  const n = header.length;
  return n >= 3 && header[n - 2]?.trim().toLowerCase() === 'line' && header[n - 1]?.trim().toLowerCase() === 'error';
}

export async function calcBatch(opts: BatchOptions, ctx: Ctx): Promise<void> {
  const plan = await planBatch(opts, ctx);
  const run = new BatchRun(opts, ctx, plan);
  await run.readAll();
  await run.finish();
  run.report();
}

/** what a batch run is set up with before its first row is read */
interface BatchPlan {
  format: OutputFormat;
  /** Markdown is the table's rows in another dress: gathered the same way, written at the end */
  markdown: boolean;
  inputFormat: 'csv' | 'ndjson';
  run: ReturnType<typeof runOptions>;
  schedule: Schedule;
  index: Awaited<ReturnType<typeof prepareRun>>['index'];
  scenario: ResolvedScenario;
  gates: ReturnType<typeof parseGates>;
  lenient: ReturnType<typeof lenientOf>;
  assumptions: readonly string[];
  workers: number;
  defaults: FieldDefaults;
  columnMap: ReturnType<typeof parseColumnMap>;
}

/** the output format a batch writes; refuses the options that only make sense for one shipment */
function batchFormat(opts: BatchOptions): { format: OutputFormat; markdown: boolean } {
  const markdown = opts.format === 'markdown';
  const format = (markdown ? 'table' : (opts.format ?? 'csv')) as OutputFormat;
  if (!['csv', 'ndjson', 'json', 'table'].includes(format))
    throw new UsageError(`--format ${format} is not available for a batch`, ['use csv, ndjson, json, table or markdown']);
  return { format, markdown };
}

async function planBatch(opts: BatchOptions, ctx: Ctx): Promise<BatchPlan> {
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
  const scenario = resolved[0] as ResolvedScenario;
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
  return { format, markdown, inputFormat, run, schedule, index, scenario, gates, lenient, assumptions, workers, defaults, columnMap };
}

/**
 * One batch run: its outputs, its input, the chunks in flight and the totals. The input is read
 * slice by slice (readAll), the outputs are completed and committed (finish), then the run's
 * figures are said on stderr and its exit code set (report).
 */
class BatchRun {
  private readonly sink: BatchSink;
  private readonly input: BatchInput;
  private readonly totals = new BatchTotals();
  private readonly progress: ReturnType<BatchSink['progress']>;
  private readonly tableRows: TableRow[] = [];
  private readonly rejectedList = new RejectedList();
  private setup = null as ChunkSetup | null;
  private inline = null as ChunkProcessor | null;
  private pool = null as WorkerPoolT | null;
  private readonly queue: Promise<ChunkResult>[] = [];
  private job: Slice[] = [];
  private jobBytes = 0;
  private jsonRows = 0;
  private shown = 0;
  private strictFailure = null as Rejection | null;

  constructor(
    private readonly opts: BatchOptions,
    private readonly ctx: Ctx,
    private readonly plan: BatchPlan,
  ) {
    // every output is opened (as its temporary file) before the first row is read: a missing
    // folder or a permission problem stops the run now, not after the whole input
    this.sink = BatchSink.open(ctx, { ...calcTargets(opts), excel: { bom: opts.bom, crlf: opts.crlf } });
    // the input is opened after the outputs: opening a FIFO waits for its writer, and a run that
    // cannot write its output must not wait for that
    try {
      this.input = new BatchInput(opts.input ?? '-', plan.inputFormat, {
        delimiter: opts.delimiter,
        note: (m) => note(ctx, m),
        ...(plan.format === 'csv' ? { pieceBytes: CSV_PIECE_BYTES } : {}),
        // in this thread each slice is priced before the next is read; a pool holds slices in jobs
        reuseReads: plan.workers === 0,
      });
    } catch (e) {
      this.sink.abort();
      throw e;
    }
    this.progress = this.sink.progress(this.input.size, () => `after ${this.totals.read} row${this.totals.read === 1 ? '' : 's'}`);
  }

  private judge(): string[] {
    return gateFailures(
      [...this.totals.byCurrency.values()].map((t) => ({
        label: `${t.currency} totals (${t.rows} rows)`,
        currency: t.currency,
        minorDigits: t.minorDigits,
        customsValue: t.customsValue,
        duty: t.duty,
      })),
      this.plan.gates,
    );
  }

  private lenientText(): string {
    const t = this.totals;
    return `--lenient: ${t.lenientRows} of ${t.read} rows had a value read leniently${t.lenientExample ? ` (first: ${t.lenientExample})` : ''}`;
  }

  async readAll(): Promise<void> {
    const { input, queue } = this;
    try {
      let go = true;
      for await (const { slice, last } of input.slices()) {
        if (this.setup === null && input.header !== null) this.start(input.header);
        if (this.setup !== null) go = await this.dispatch(slice, last);
        if (!go) break;
      }
      // drain what is still in flight (when stopping early, it is discarded)
      while (queue.length) {
        const r = await (queue.shift() as Promise<ChunkResult>);
        if (go) go = await this.handle(r);
      }
    } catch (e) {
      // results still in flight are dropped: their rejection when the workers stop is expected
      for (const p of queue) p.catch(() => {});
      await this.pool?.close();
      this.sink.abort();
      throw e;
    }
    await this.pool?.close();
    this.sink.endProgress();
  }

  /** the header names the columns: the chunk setup is made from it and the outputs' heads written */
  private start(first: string[]): void {
    const { plan, input, ctx } = this;
    // a rejects file read back (fixed, to be priced): its own line and error columns are dropped
    const rejectsInput = plan.inputFormat === 'csv' && isRejectsHeader(first);
    if (rejectsInput) note(ctx, `${input.name}: a rejects file: its line and error columns are left out`);
    const header = plan.inputFormat === 'ndjson' ? ndjsonHeader(first, contentMaterials(plan.schedule)) : rejectsInput ? first.slice(0, -2) : first;
    const columnsNote = this.checkColumns(header);
    const setup: ChunkSetup = {
      run: plan.run,
      header,
      defaults: plan.defaults,
      format: plan.format,
      inputFormat: plan.inputFormat,
      escapeFormulas: this.opts.escapeFormulas !== false,
      ...runSwitches(ctx),
      runNotes: [...(plan.scenario.redefinitions ?? [])],
      today: ctx.today,
      strict: Boolean(this.opts.strict),
      allowRagged: Boolean(this.opts.allowRagged),
      lineBreak: input.lineBreak,
      ...(plan.lenient ? { lenient: plan.lenient } : {}),
      ...(rejectsInput ? { rejectsInput } : {}),
      ...(plan.columnMap ? { columnMap: plan.columnMap } : {}),
    };
    this.setup = setup;
    this.inline = new ChunkProcessor(plan.index, plan.scenario, setup);
    this.writeHeads(header, setup.escapeFormulas, columnsNote);
  }

  /** maps the header's columns; returns the note of the columns read under another name, if any */
  private checkColumns(header: string[]): string | null {
    const { plan, input } = this;
    const cols = mapColumns(header, plan.columnMap);
    // the columns read under another name are said once, and kept with the JSON's assumptions
    const columnsNote = cols.aliased.length ? `columns read as: ${cols.aliased.join(', ')}` : null;
    if (columnsNote) note(this.ctx, `${input.name}: ${columnsNote}`);
    const ndjsonHint = plan.inputFormat === 'csv' && (header[0] ?? '').trimStart().startsWith('{') ? NDJSON_HINT : '';
    requiredColumns(input.name, header, pricedNeeds(cols, plan.defaults), 'calc', ndjsonHint);
    return columnsNote;
  }

  private writeHeads(header: string[], escapeFormulas: boolean, columnsNote: string | null): void {
    const { plan, sink } = this;
    const { schedule, scenario, assumptions } = plan;
    if (sink.rejects) sink.rejects.append(rejectsHeader(header, escapeFormulas));
    if (plan.format === 'csv') sink.out.append(new CsvRows(dutyAuthorities(schedule), escapeFormulas).header(header));
    if (plan.format === 'json') {
      sink.out.append(
        `{"schemaVersion":${JSON_SCHEMA_VERSION},"schedule":${JSON.stringify(scheduleStamp(schedule))},"scenario":${JSON.stringify(scenario.id)},"scenarioAsOf":${JSON.stringify(scenario.asOf)},"assumptions":${JSON.stringify(columnsNote ? [...assumptions, columnsNote] : assumptions)},"results":[`,
      );
    }
  }

  /** writes one chunk's results in order; false when the run must stop */
  private async handle(r: ChunkResult): Promise<boolean> {
    const { sink, input } = this;
    mergeTotals(this.totals, r.totals);
    if (this.opts.strict && r.rejections.length) {
      this.strictFailure = r.rejections[0] as Rejection;
      return false;
    }
    this.writeRejections(r.rejections);
    this.writeRows(r);
    // a write error on an output file stops the run at once (the temporary files are removed)
    await sink.flush();
    this.progress.update(input.bytes, this.totals.read);
    return !sink.closed;
  }

  private writeRejections(rejections: readonly Rejection[]): void {
    const { ctx, setup } = this;
    for (const rej of rejections) {
      this.rejectedList.add(rej);
      if (this.shown++ < STDERR_REJECTIONS && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${this.input.name}:${rej.line}:`)} ${rej.message}\n`);
      this.sink.rejects?.append(rejectsRow(rej, setup?.header.length ?? 0, setup?.escapeFormulas !== false));
    }
  }

  private writeRows(r: ChunkResult): void {
    const { format } = this.plan;
    const out = this.sink.out;
    if (format === 'table') {
      for (const t of r.tableRows) this.tableRows.push(t);
      if (this.tableRows.length > TABLE_LIMIT)
        throw new UsageError(`--format table is for small inputs (up to ${TABLE_LIMIT} rows)`, ['use --format csv, ndjson or json']);
    } else if (r.written) {
      if (format === 'json' && this.jsonRows) out.append(',');
      if (typeof r.out === 'string') out.append(r.out);
      else out.appendBytes(r.out, () => this.inline?.reuse(r));
      this.jsonRows += r.written;
    }
  }

  private async dispatch(slice: Slice, last: boolean): Promise<boolean> {
    if (this.pool === null && this.inline !== null) {
      if (this.plan.workers > 0 && this.plan.format !== 'table' && this.input.bytes >= WORKER_MIN_BYTES && !last) await this.startPool();
      if (this.pool === null) return this.handle(this.inline.process(slice.bytes, slice.firstLine));
    }
    return this.submit(slice, last);
  }

  private async startPool(): Promise<void> {
    const { WorkerPool, workerFile } = await import('../../batch/pool.js');
    const file = workerFile();
    const n = this.plan.workers;
    if (file && n > 0 && this.setup) {
      (await import('../dist-files.js')).checkWorkerFiles(file);
      this.pool = new WorkerPool(n, file, this.setup);
    }
  }

  /** gathers slices into jobs (64 kB for CSV, 8 kB for JSON/NDJSON) for the pool; keeps a few in flight */
  private async submit(slice: Slice, last: boolean): Promise<boolean> {
    const { queue } = this;
    const csv = this.plan.format === 'csv';
    this.job.push(slice);
    this.jobBytes += slice.bytes.length;
    if (this.jobBytes < (csv ? JOB_BYTES : FULL_PATH_JOB_BYTES) && !last) return true;
    const job = this.job;
    const first = job[0] as Slice;
    const joined: Slice =
      job.length === 1
        ? first
        : {
            bytes: joinAll(
              job.map((s) => s.bytes),
              this.jobBytes,
            ),
            firstLine: first.firstLine,
            owned: true,
          };
    queue.push((this.pool as WorkerPoolT).submit(joined));
    this.job = [];
    this.jobBytes = 0;
    while (queue.length > (csv ? 4 : 2) || (last && queue.length)) {
      if (!(await this.handle(await (queue.shift() as Promise<ChunkResult>)))) return false;
    }
    return true;
  }

  /** completes the outputs and commits them; from here on, every way out but a commit removes the temporary files */
  async finish(): Promise<void> {
    try {
      this.checkComplete();
      this.writeTails();
    } catch (e) {
      this.sink.abort();
      throw e;
    }
    await this.sink.commit();
  }

  /** a run stopped by --strict, or an input with no usable header, writes nothing */
  private checkComplete(): void {
    const { input } = this;
    if (this.strictFailure) {
      const f = this.strictFailure as Rejection;
      throw new DataError(`${input.name}:${f.line}: ${f.message}`, ['--strict stops at the first bad row; no output file was written']);
    }
    const problem =
      this.setup === null
        ? input.headerProblem({
            malformed: input.looksJson ? NDJSON_HINT : 'fix the first line: it names the columns',
            empty: 'the first line must name the columns: hts,origin,value,...',
          })
        : null;
    if (problem) throw problem;
  }

  private writeTails(): void {
    const { format, markdown, gates, lenient } = this.plan;
    const { totals, input } = this;
    const out = this.sink.out;
    if (format === 'json' || format === 'table' || this.opts.summary) {
      // each row is within the exact range; a sum of many may not be
      for (const t of totals.byCurrency.values()) {
        checkTotals(input.name, 'batch totals', { ...t, amounts: totalAmounts(t) }, 'split the input, or use --format csv / ndjson without --summary');
      }
    }
    if (format === 'json') {
      const tail: FrameTail = {
        rows: { read: totals.read, priced: totals.priced, rejected: totals.rejected },
        rejected: this.rejectedList.list,
        checks: checksJson(gateList(gates), this.judge()),
        notes: lenient ? [this.lenientText()] : [],
      };
      out.append(`],"summary":${JSON.stringify(totalsJson(totals))},${JSON.stringify(tail).slice(1)}\n`);
    }
    if (format === 'table') out.append(markdown ? batchMarkdown(this.tableRows) : `${batchTable(this.tableRows)}\n`);
  }

  /** the run's figures on stderr, its exit code; the gates fail the run once everything has been written */
  report(): void {
    const { opts, ctx, totals } = this;
    const { format, markdown } = this.plan;
    if (totals.rejected > STDERR_REJECTIONS && !ctx.quiet) {
      ctx.err.write(
        `… and ${totals.rejected - STDERR_REJECTIONS} more rejected rows${opts.rejects ? ` (all in ${opts.rejects})` : ' (write them all with --rejects FILE)'}\n`,
      );
    }
    if (opts.summary) stderrCarriesOutput();
    if (opts.summary || (format === 'table' && !markdown)) ctx.err.write(summaryText(totals));
    if (this.plan.lenient) note(ctx, this.lenientText());
    info(ctx, `${totals.fast} of ${totals.priced} priced rows took the fast path`);
    this.warnRows();
    const failures = this.judge();
    if (failures.length) throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures, totals.rejected);
  }

  private warnRows(): void {
    const { ctx, totals } = this;
    if (totals.staleRows > 0 && !ctx.quiet) {
      warn(
        ctx,
        `${totals.staleRows} of ${totals.priced} priced rows are on dates after the schedule's verifiedThrough date (${this.plan.schedule.meta.verifiedThrough}): rates after that date may be stale (each such row says so in its notes)`,
      );
    }
    if (totals.read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${this.input.name} has a header but no data rows\n`);
    if (totals.rejected > 0) {
      const banned = totals.prohibited > 0 ? ` (${totals.prohibited} of them excluded from importation on their date)` : '';
      ctx.err.write(`tariff: ${totals.rejected} of ${totals.read} rows rejected${banned}\n`);
      // invalid rows say "fix the input" (65); rows refused only as prohibited goods say so (3)
      process.exitCode = totals.rejected > totals.prohibited ? EXIT.dataErr : EXIT.prohibited;
    }
  }
}
