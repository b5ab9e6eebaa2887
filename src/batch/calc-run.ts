/**
 * A batch of `tariff calc`: every data row becomes an output row or a rejection (rows read =
 * priced + rejected); bad rows are reported with their line and column and the run goes on, or
 * stops at the first with --strict. The command (cli/actions/calc-batch.ts) reads the flags and
 * the schedule into a CalcPlan, calls runCalc once, and reports the totals it returns.
 *
 * The input is cut into slices of whole records, priced in this thread — or, with --jobs N, once
 * more than a few megabytes have been read, in N worker threads whose results are written back in
 * input order, so the output is byte for byte the same either way.
 */
import { ChunkProcessor, type ChunkResult, type ChunkSetup, type OutputFormat } from './chunk.js';
import { mapColumns, ndjsonHeader, pricedNeeds, requiredColumns, type ColumnMap, type FieldDefaults } from './columns.js';
import { BatchTotals, mergeTotals } from './pricer.js';
import type { Rejection } from '../core/batch-summary.js';
import { joinAll, type Slice } from './splitter.js';
import { BatchInput, NDJSON_HINT } from './input.js';
import { CSV_PIECE_BYTES } from './row-source.js';
import type { ResolvedScenario, Schedule } from '../core/types.js';
import { DataError, UsageError } from '../errors.js';
import { checksJson, RejectedList, type FrameTail } from '../render/frame.js';
import { checkTotals, totalAmounts } from './amount-range.js';
import type { LenientOptions } from '../io/lenient.js';
import { BatchSink, type SinkTargets } from './sink.js';
import { JSON_SCHEMA_VERSION, scheduleStamp } from '../render/breakdown-json.js';
import { batchMarkdown, batchTable, CsvRows, dutyAuthorities, rejectsHeader, rejectsRow, totalsJson, type TableRow } from '../render/batch-output.js';
import type { RunOptions, prepareRun } from '../schedule/prepare-run.js';
import { note, sayRejected, TABLE_ROWS, type RunContext } from './run-context.js';
import { gateFailures, gateList, type Gates } from '../core/gates.js';
import type { WorkerPool as WorkerPoolT } from './pool.js';

/** a worker job: enough rows that messaging costs little */
const JOB_BYTES = 1 << 16;
/**
 * JSON and NDJSON out of a worker are ~40 times their input (the full breakdown of every row), and
 * each job's text is built, copied to this thread and dropped as a whole: smaller jobs, fewer of
 * them in flight, keep the threads' resident memory down (NDJSON, --jobs 2, 200,000 rows: 421 MB
 * peak at 64 kB × 4 in flight, 222 MB at 8 kB × 2; bench:memory).
 */
const FULL_PATH_JOB_BYTES = 1 << 13;

/** the flags of calc that the rows' reading and writing follow */
export interface CalcFlags {
  input?: string;
  delimiter?: string;
  escapeFormulas?: boolean;
  strict?: boolean;
  allowRagged?: boolean;
  summary?: boolean;
}

/** what a batch run is set up with before its first row is read (the command reads it from its flags) */
export interface CalcPlan {
  format: OutputFormat;
  /** Markdown is the table's rows in another dress: gathered the same way, written at the end */
  markdown: boolean;
  inputFormat: 'csv' | 'ndjson';
  run: RunOptions;
  schedule: Schedule;
  index: Awaited<ReturnType<typeof prepareRun>>['index'];
  scenario: ResolvedScenario;
  lenient: LenientOptions | null;
  assumptions: readonly string[];
  workers: number;
  defaults: FieldDefaults;
  columnMap: ColumnMap | undefined;
  /** -o, --rejects, the inputs an output must not be, --bom/--crlf */
  targets: SinkTargets;
  /** the switches the CLI read from the environment (TARIFF_FAST_PATH, TARIFF_WORKER_HEAP_MB) */
  switches: { fastPath: boolean; workerHeapMb?: number };
  /** inputs larger than this go to worker threads (when there are workers) */
  workerMinBytes: number;
  /** the gates (--max-effective-rate, --max-duty): the JSON frame lists them and their failures on the totals */
  gates: Gates;
  /** throws when a worker's files are missing or altered (the CLI checks its dist) */
  checkWorkerFiles: (file: string) => Promise<void>;
}

/** what a run leaves for its report: the totals, and the input's name */
export interface CalcResult {
  totals: BatchTotals;
  inputName: string;
}

/**
 * Reads, prices and writes the whole batch, commits its outputs, and returns its totals; the
 * caller says the figures and sets the exit code. An error removes every output it had begun.
 */
export async function runCalc(flags: CalcFlags, ctx: RunContext, plan: CalcPlan): Promise<CalcResult> {
  const run = new CalcRun(flags, ctx, plan);
  await run.readAll();
  await run.finish();
  return run.result;
}

/** the gates' failures on a batch's totals, one currency at a time */
export function totalsGateFailures(totals: BatchTotals, gates: Gates): string[] {
  return gateFailures(
    [...totals.byCurrency.values()].map((t) => ({
      label: `${t.currency} totals (${t.rows} rows)`,
      currency: t.currency,
      minorDigits: t.minorDigits,
      customsValue: t.customsValue,
      duty: t.duty,
    })),
    gates,
  );
}

/** the note of --lenient: how many rows had a value read leniently */
export function lenientText(t: BatchTotals): string {
  return `--lenient: ${t.lenientRows} of ${t.read} rows had a value read leniently${t.lenientExample ? ` (first: ${t.lenientExample})` : ''}`;
}

/** A header that ends in the rejects file's own `line` and `error` columns (rejectsHeader). */
export function isRejectsHeader(header: readonly string[]): boolean {
  const n = header.length;
  return n >= 3 && header[n - 2]?.trim().toLowerCase() === 'line' && header[n - 1]?.trim().toLowerCase() === 'error';
}

/** the materials of the schedule's content-based measures (steel, aluminum ...) */
function contentMaterials(schedule: Schedule): string[] {
  const out = new Set<string>();
  for (const m of schedule.measures) if (typeof m.base === 'object') out.add(m.base.content);
  return [...out];
}

/**
 * One batch run: its outputs, its input, the chunks in flight and the totals. The input is read
 * slice by slice (readAll), the outputs are completed and committed (finish); the command then
 * says the run's figures on stderr and sets its exit code (cli/actions/calc-batch.ts).
 */
class CalcRun {
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
    private readonly opts: CalcFlags,
    private readonly ctx: RunContext,
    private readonly plan: CalcPlan,
  ) {
    // every output is opened (as its temporary file) before the first row is read: a missing
    // folder or a permission problem stops the run now, not after the whole input
    this.sink = BatchSink.open(ctx, plan.targets);
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

  /** the run's result: its totals and the input's name, for the command's report */
  get result(): CalcResult {
    return { totals: this.totals, inputName: this.input.name };
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
      ...plan.switches,
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
      sayRejected(ctx, ++this.shown, this.input.name, rej.line, rej.message);
      this.sink.rejects?.append(rejectsRow(rej, setup?.header.length ?? 0, setup?.escapeFormulas !== false));
    }
  }

  private writeRows(r: ChunkResult): void {
    const { format } = this.plan;
    const out = this.sink.out;
    if (format === 'table') {
      for (const t of r.tableRows) this.tableRows.push(t);
      if (this.tableRows.length > TABLE_ROWS)
        throw new UsageError(`--format table is for small inputs (up to ${TABLE_ROWS} rows)`, ['use --format csv, ndjson or json']);
    } else if (r.written) {
      if (format === 'json' && this.jsonRows) out.append(',');
      if (typeof r.out === 'string') out.append(r.out);
      else out.appendBytes(r.out, () => this.inline?.reuse(r));
      this.jsonRows += r.written;
    }
  }

  private async dispatch(slice: Slice, last: boolean): Promise<boolean> {
    if (this.pool === null && this.inline !== null) {
      if (this.plan.workers > 0 && this.plan.format !== 'table' && this.input.bytes >= this.plan.workerMinBytes && !last) await this.startPool();
      if (this.pool === null) return this.handle(this.inline.process(slice.bytes, slice.firstLine));
    }
    return this.submit(slice, last);
  }

  private async startPool(): Promise<void> {
    const { WorkerPool, workerFile } = await import('./pool.js');
    const file = workerFile();
    const n = this.plan.workers;
    if (file && n > 0 && this.setup) {
      await this.plan.checkWorkerFiles(file);
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
        checks: checksJson(gateList(gates), totalsGateFailures(totals, gates)),
        notes: lenient ? [lenientText(totals)] : [],
      };
      out.append(`],"summary":${JSON.stringify(totalsJson(totals))},${JSON.stringify(tail).slice(1)}\n`);
    }
    if (format === 'table') out.append(markdown ? batchMarkdown(this.tableRows) : `${batchTable(this.tableRows)}\n`);
  }
}
