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
import { flagDefaults, mapColumns, ndjsonHeader, parseColumnMap, type FieldDefaults } from '../../batch/columns.js';
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
 * TARIFF_FAST_PATH=0 prices every row on the full reader (the differential test);
 * TARIFF_WORKER_HEAP_MB makes a worker's heap small enough to run out (the fault test).
 */
function runSwitches(): { fastPath: boolean; workerHeapMb?: number } {
  const heap = Number(process.env.TARIFF_WORKER_HEAP_MB);
  return { fastPath: process.env.TARIFF_FAST_PATH !== '0', ...(heap > 0 ? { workerHeapMb: heap } : {}) };
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
  // Markdown is the table's rows in another dress: gathered the same way, written at the end
  const markdown = opts.format === 'markdown';
  const format = (markdown ? 'table' : (opts.format ?? 'csv')) as OutputFormat;
  if (!['csv', 'ndjson', 'json', 'table'].includes(format))
    throw new UsageError(`--format ${format} is not available for a batch`, ['use csv, ndjson, json, table or markdown']);
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

  // every output is opened (as its temporary file) before the first row is read: a missing
  // folder or a permission problem stops the run now, not after the whole input
  const sink = BatchSink.open(ctx, { ...calcTargets(opts), excel: { bom: opts.bom, crlf: opts.crlf } });
  // the input is opened after the outputs: opening a FIFO waits for its writer, and a run that
  // cannot write its output must not wait for that
  let input: BatchInput;
  try {
    input = new BatchInput(opts.input ?? '-', inputFormat, {
      delimiter: opts.delimiter,
      note: (m) => note(ctx, m),
      ...(format === 'csv' ? { pieceBytes: CSV_PIECE_BYTES } : {}),
    });
  } catch (e) {
    sink.abort();
    throw e;
  }
  const { out, rejects: rejectsOut } = sink;
  const judge = (): string[] =>
    gateFailures(
      [...totals.byCurrency.values()].map((t) => ({
        label: `${t.currency} totals (${t.rows} rows)`,
        currency: t.currency,
        minorDigits: t.minorDigits,
        customsValue: t.customsValue,
        duty: t.duty,
      })),
      gates,
    );
  const lenientText = (): string =>
    `--lenient: ${totals.lenientRows} of ${totals.read} rows had a value read leniently${totals.lenientExample ? ` (first: ${totals.lenientExample})` : ''}`;
  const totals = new BatchTotals();
  const progress = sink.progress(input.size, () => `after ${totals.read} row${totals.read === 1 ? '' : 's'}`);
  const tableRows: TableRow[] = [];

  let setup = null as ChunkSetup | null;
  let inline = null as ChunkProcessor | null;
  let pool = null as WorkerPoolT | null;
  const queue: Promise<ChunkResult>[] = [];
  let job: Slice[] = [];
  let jobBytes = 0;
  let jsonRows = 0;
  let shown = 0;
  let strictFailure = null as Rejection | null;
  const rejectedList = new RejectedList();

  const start = async (first: string[]): Promise<void> => {
    // a rejects file read back (fixed, to be priced): its own line and error columns are dropped
    const rejectsInput = inputFormat === 'csv' && isRejectsHeader(first);
    if (rejectsInput) note(ctx, `${input.name}: a rejects file: its line and error columns are left out`);
    const header = inputFormat === 'ndjson' ? ndjsonHeader(first, contentMaterials(schedule)) : rejectsInput ? first.slice(0, -2) : first;
    const cols = mapColumns(header, columnMap);
    // the columns read under another name are said once, and kept with the JSON's assumptions
    const columnsNote = cols.aliased.length ? `columns read as: ${cols.aliased.join(', ')}` : null;
    if (columnsNote) note(ctx, `${input.name}: ${columnsNote}`);
    const missing = (['hts', 'value', 'origin'] as const).filter((f) => cols.index[f] === undefined && (f !== 'origin' || defaults.origin === undefined));
    if (missing.length) {
      throw new DataError(`${input.name}: the input has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`, [
        `columns found: ${header.join(', ') || '(none)'}; required: hts, origin (or --origin), value`,
        inputFormat === 'csv' && (header[0] ?? '').trimStart().startsWith('{') ? NDJSON_HINT : '',
      ]);
    }
    setup = {
      run,
      header,
      defaults,
      format,
      inputFormat,
      escapeFormulas: opts.escapeFormulas !== false,
      ...runSwitches(),
      runNotes: [...(scenario.redefinitions ?? [])],
      today: ctx.today,
      strict: Boolean(opts.strict),
      allowRagged: Boolean(opts.allowRagged),
      lineBreak: input.lineBreak,
      ...(lenient ? { lenient } : {}),
      ...(rejectsInput ? { rejectsInput } : {}),
      ...(columnMap ? { columnMap } : {}),
    };
    inline = new ChunkProcessor(index, scenario, setup);
    if (rejectsOut) rejectsOut.append(rejectsHeader(header, setup.escapeFormulas));
    if (format === 'csv') out.append(new CsvRows(dutyAuthorities(schedule), setup.escapeFormulas).header(header));
    if (format === 'json') {
      out.append(
        `{"schemaVersion":${JSON_SCHEMA_VERSION},"schedule":${JSON.stringify(scheduleStamp(schedule))},"scenario":${JSON.stringify(scenario.id)},"scenarioAsOf":${JSON.stringify(scenario.asOf)},"assumptions":${JSON.stringify(columnsNote ? [...assumptions, columnsNote] : assumptions)},"results":[`,
      );
    }
  };

  /** writes one chunk's results in order; false when the run must stop */
  const handle = async (r: ChunkResult): Promise<boolean> => {
    mergeTotals(totals, r.totals);
    if (opts.strict && r.rejections.length) {
      strictFailure = r.rejections[0] as Rejection;
      return false;
    }
    for (const rej of r.rejections) {
      rejectedList.add(rej);
      if (shown++ < STDERR_REJECTIONS && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${input.name}:${rej.line}:`)} ${rej.message}\n`);
      rejectsOut?.append(rejectsRow(rej, setup?.header.length ?? 0, setup?.escapeFormulas !== false));
    }
    if (format === 'table') {
      for (const t of r.tableRows) tableRows.push(t);
      if (tableRows.length > TABLE_LIMIT)
        throw new UsageError(`--format table is for small inputs (up to ${TABLE_LIMIT} rows)`, ['use --format csv, ndjson or json']);
    } else if (r.written) {
      if (format === 'json' && jsonRows) out.append(',');
      if (typeof r.out === 'string') out.append(r.out);
      else out.appendBytes(r.out, () => inline?.reuse(r));
      jsonRows += r.written;
    }
    // a write error on an output file stops the run at once (the temporary files are removed)
    await sink.flush();
    progress.update(input.bytes, totals.read);
    return !sink.closed;
  };

  const dispatch = async (slice: Slice, last: boolean): Promise<boolean> => {
    if (pool === null && inline !== null) {
      if (workers > 0 && format !== 'table' && input.bytes >= WORKER_MIN_BYTES && !last) {
        const { WorkerPool, workerFile } = await import('../../batch/pool.js');
        const file = workerFile();
        const n = workers;
        if (file && n > 0 && setup) {
          (await import('../dist-files.js')).checkWorkerFiles(file);
          pool = new WorkerPool(n, file, setup);
        }
      }
      if (pool === null) return handle(inline.process(slice.bytes, slice.firstLine));
    }
    // gather slices into jobs (64 kB for CSV, 8 kB for JSON/NDJSON); keep a few in flight
    job.push(slice);
    jobBytes += slice.bytes.length;
    if (jobBytes < (format === 'csv' ? JOB_BYTES : FULL_PATH_JOB_BYTES) && !last) return true;
    const first = job[0] as Slice;
    const joined: Slice =
      job.length === 1
        ? first
        : {
            bytes: joinAll(
              job.map((s) => s.bytes),
              jobBytes,
            ),
            firstLine: first.firstLine,
            owned: true,
          };
    queue.push((pool as WorkerPoolT).submit(joined));
    job = [];
    jobBytes = 0;
    while (queue.length > (format === 'csv' ? 4 : 2) || (last && queue.length)) {
      if (!(await handle(await (queue.shift() as Promise<ChunkResult>)))) return false;
    }
    return true;
  };

  try {
    let go = true;
    for await (const { slice, last } of input.slices()) {
      if (setup === null && input.header !== null) await start(input.header);
      if (setup !== null) go = await dispatch(slice, last);
      if (!go) break;
    }
    // drain what is still in flight (when stopping early, it is discarded)
    while (queue.length) {
      const r = await (queue.shift() as Promise<ChunkResult>);
      if (go) go = await handle(r);
    }
  } catch (e) {
    // results still in flight are dropped: their rejection when the workers stop is expected
    for (const p of queue) p.catch(() => {});
    await pool?.close();
    sink.abort();
    throw e;
  }
  await pool?.close();
  sink.endProgress();
  // from here on, every way out but a commit removes the temporary files
  try {
    if (strictFailure) {
      const f = strictFailure as Rejection;
      throw new DataError(`${input.name}:${f.line}: ${f.message}`, ['--strict stops at the first bad row; no output file was written']);
    }
    const problem =
      setup === null
        ? input.headerProblem({
            malformed: input.looksJson ? NDJSON_HINT : 'fix the first line: it names the columns',
            empty: 'the first line must name the columns: hts,origin,value,...',
          })
        : null;
    if (problem) throw problem;
    if (format === 'json' || format === 'table' || opts.summary) {
      // each row is within the exact range; a sum of many may not be
      for (const t of totals.byCurrency.values()) {
        checkTotals(input.name, 'batch totals', { ...t, amounts: totalAmounts(t) }, 'split the input, or use --format csv / ndjson without --summary');
      }
    }
    if (format === 'json') {
      const tail: FrameTail = {
        rows: { read: totals.read, priced: totals.priced, rejected: totals.rejected },
        rejected: rejectedList.list,
        checks: checksJson(gateList(gates), judge()),
        notes: lenient ? [lenientText()] : [],
      };
      out.append(`],"summary":${JSON.stringify(totalsJson(totals))},${JSON.stringify(tail).slice(1)}\n`);
    }
    if (format === 'table') out.append(markdown ? batchMarkdown(tableRows) : `${batchTable(tableRows)}\n`);
  } catch (e) {
    sink.abort();
    throw e;
  }
  await sink.commit();

  if (totals.rejected > STDERR_REJECTIONS && !ctx.quiet) {
    ctx.err.write(
      `… and ${totals.rejected - STDERR_REJECTIONS} more rejected rows${opts.rejects ? ` (all in ${opts.rejects})` : ' (write them all with --rejects FILE)'}\n`,
    );
  }
  if (opts.summary) stderrCarriesOutput();
  if (opts.summary || (format === 'table' && !markdown)) ctx.err.write(summaryText(totals));
  if (lenient) note(ctx, lenientText());
  info(ctx, `${totals.fast} of ${totals.priced} priced rows took the fast path`);
  if (totals.staleRows > 0 && !ctx.quiet) {
    warn(
      ctx,
      `${totals.staleRows} of ${totals.priced} priced rows are on dates after the schedule's verifiedThrough date (${schedule.meta.verifiedThrough}): rates after that date may be stale (each such row says so in its notes)`,
    );
  }
  if (totals.read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${input.name} has a header but no data rows\n`);
  if (totals.rejected > 0) {
    const banned = totals.prohibited > 0 ? ` (${totals.prohibited} of them excluded from importation on their date)` : '';
    ctx.err.write(`tariff: ${totals.rejected} of ${totals.read} rows rejected${banned}\n`);
    // invalid rows say "fix the input" (65); rows refused only as prohibited goods say so (3)
    process.exitCode = totals.rejected > totals.prohibited ? EXIT.dataErr : EXIT.prohibited;
  }
  // the gates judge the totals; they fail the run once everything has been written
  const failures = judge();
  if (failures.length) throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures, totals.rejected);
}
