/**
 * `tariff refund`: the IEEPA duty each past entry carried under the law of its entry date, and
 * whether it falls in the refund window the schedule records (entry dates, and for the current
 * phase, liquidation). The authorities refunded and the windows are data, not code.
 */
import { RejectedList } from '../../render/frame.js';
import type { InputFlags } from '../options.js';
import { mapColumns, parseColumnMap, pricedNeeds, requiredColumns, type Columns, type FieldDefaults } from '../../batch/columns.js';
import { eachRefundRow, refundCols, refundEntry, RefundFastRows, RefundOut, type EntryContext, type RefundCols } from '../../batch/refund-rows.js';
import { BatchPricer } from '../../batch/pricer.js';
import { RefundPricer } from '../../batch/refund-pricer.js';
import { isRealDate } from '../../core/dates.js';
import { centsToPlain } from '../../core/decimal.js';
import { AS_ENTERED } from '../../core/scenario.js';
import { INTEREST_BASES, InterestCalculator, type InterestBasis } from '../../core/refund-interest.js';
import { addToRefundTotals, emptyRefundTotals, type RefundTotals } from '../../core/refund.js';
import type { MeasureIndex, RefundProgram, ResolvedScenario, Schedule } from '../../core/types.js';
import { DataError, EXIT, UsageError } from '../../errors.js';
import { refundCsv, refundEntryJson, refundJson, refundTable, type RefundEntry } from '../../render/refund.js';
import { CapeWriter } from '../cape-files.js';
import { checkTotals } from '../../batch/amount-range.js';
import { BatchSink } from '../../batch/sink.js';
import { note, staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { DEFAULT_IMPORTER } from '../../core/countries.js';

export interface RefundOptions extends GlobalOptions, InputFlags {
  format?: string;
  asOf?: string;
  program?: string;
  origin?: string;
  refundDate?: string;
  interestRate?: string;
  cape?: string;
}

/** rows of the table format (a screenful and then some); the totals below it cover every entry */
const TABLE_ROWS = 2000;

export type { RefundStatus } from '../../core/refund.js';
export type { RefundEntry };

/** what `refund` reads of its flags, checked */
interface RefundRun {
  format: string;
  asOf: string;
  refundDate: string;
  basis: InterestBasis;
}

function refundFlags(opts: RefundOptions, ctx: Ctx): RefundRun {
  const format = opts.format ?? 'table';
  const asOf = opts.asOf ?? ctx.today;
  if (!isRealDate(asOf)) throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a calendar date`);
  const refundDate = opts.refundDate ?? ctx.today;
  if (!isRealDate(refundDate))
    throw new UsageError(`--refund-date ${JSON.stringify(refundDate)} is not a calendar date`, [
      'give the date the refund is paid as YYYY-MM-DD (default today)',
    ]);
  const basis = (opts.interestRate ?? 'corporate') as InterestBasis;
  if (!INTEREST_BASES.includes(basis))
    throw new UsageError(`--interest-rate ${JSON.stringify(opts.interestRate)} is not a rate of CBP's notices`, [
      `use one of: ${INTEREST_BASES.join(', ')} (corporate, the default, when the importer of record is a corporation)`,
    ]);
  return { format, asOf, refundDate, basis };
}

function refundProgramOf(programs: readonly RefundProgram[], id: string | undefined): RefundProgram {
  const program = id ? programs.find((p) => p.id === id) : programs[0];
  if (!program) {
    throw new UsageError(id ? `unknown refund program "${id}"` : 'the schedule records no refund program', [
      `programs: ${programs.map((p) => p.id).join(', ') || '(none)'}`,
    ]);
  }
  return program;
}

/** The header checked: the columns a refund needs (and --cape's liquidation date). */
function checkRefundHeader(h: readonly string[], inputName: string, mapped: Columns, cols: RefundCols, defaults: FieldDefaults, cape: boolean): void {
  if (cape && cols.liq === undefined)
    throw new DataError(`${inputName}: --cape needs a liquidation_date column: which CAPE phase an entry is in, or whether it needs a protest, depends on it`, [
      'add liquidation_date (empty for an entry not yet liquidated)',
    ]);
  // the entry date is refund-rows' own column ("date" or "entry_date"), not one --columns maps
  requiredColumns(inputName, h, [...pricedNeeds(mapped, defaults), { name: 'date', has: cols.date !== undefined }], 'refund');
}

/** What --cape wrote, on stderr. */
function capeSummary(dir: string | undefined, k: CapeWriter['counts']): string {
  const s = (n: number, one: string, many: string): string => (n === 1 ? one : many);
  return `--cape ${dir}: ${k.declared} entr${s(k.declared, 'y', 'ies')} in ${k.files.length} declaration file${s(k.files.length, '', 's')}${
    k.files.length ? ` (${k.files.join(', ')})` : ''
  }; ${k.protest} need${s(k.protest, 's', '')} a protest instead (protest-needed.csv${k.protestPast ? `, ${k.protestPast} past the 180 days` : ''})${
    k.noNumber ? `; ${k.noNumber} refundable row${s(k.noNumber, '', 's')} without a usable entry number not declared` : ''
  }\n`;
}

export async function refund(opts: RefundOptions, ctx: Ctx): Promise<void> {
  const f = refundFlags(opts, ctx);
  const { format, asOf, basis } = f;
  // the law of each entry's own date: no what-ifs (a refund is of what was actually collected)
  const { schedule, index, resolved } = await prepareRun(runOptions({ ...opts, set: [], disable: [] }, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  // the refund phases and rules are those known on verifiedThrough
  if (!ctx.quiet) staleWarning(ctx, schedule, asOf);
  const program = refundProgramOf(schedule.refunds, opts.program);
  const scenario = resolved[0] as ResolvedScenario;
  // interest to the refund date at the quarterly rates of the program's table (absent: not estimated)
  const interestCalc = program.interest ? new InterestCalculator(program.interest, basis, f.refundDate) : null;
  const notes: string[] = [];
  const runOut = interestCalc?.runOutNote() ?? null;
  // said on stderr once the input is open (a run with no input to read says only that)
  if (runOut) notes.push(runOut);
  if (!interestCalc) notes.push(`the refund program ${program.id} has no interest table: interest is not estimated`);
  const defaults: FieldDefaults = {};
  if (typeof opts.origin === 'string') defaults.origin = opts.origin;
  const sink = BatchSink.open(ctx);
  // the CAPE declaration files (--cape DIR), kept only when the whole run succeeds
  let cape: CapeWriter | null = null;
  try {
    cape = opts.cape === undefined ? null : new CapeWriter(opts.cape, asOf);
  } catch (e) {
    sink.abort();
    throw e;
  }
  const run: RefundRunState = { opts, ctx, f, schedule, index, scenario, program, interestCalc, notes, runOut, defaults, sink, cape };
  let t: RefundTotals;
  try {
    t = await refundRows(run);
  } catch (e) {
    sink.abort();
    cape?.abort();
    throw e;
  }
  await sink.commit();
  if (cape) {
    await cape.commit();
    ctx.err.write(capeSummary(opts.cape, cape.counts));
  }
  const m = (c: number): string => centsToPlain(c);
  if (format !== 'table')
    ctx.err.write(
      `entries read ${t.read}, reported ${t.reported}, rejected ${t.rejected}; refundable ${t.refundable}: IEEPA duty ${m(t.total)}${
        interestCalc ? `, interest ${m(t.interest)} to ${interestCalc.end} (${basis} rate)` : ''
      }\n`,
    );
  if (t.read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${run.name ?? ''} has a header but no data rows\n`);
  if (t.rejected > 0) process.exitCode = EXIT.dataErr;
}

interface RefundRunState {
  opts: RefundOptions;
  ctx: Ctx;
  f: RefundRun;
  schedule: Schedule;
  index: MeasureIndex;
  scenario: ResolvedScenario;
  program: RefundProgram;
  interestCalc: InterestCalculator | null;
  notes: string[];
  runOut: string | null;
  defaults: FieldDefaults;
  sink: BatchSink;
  cape: CapeWriter | null;
  /** the input's name, once open */
  name?: string;
}

/**
 * The entries read, priced and written as they come (only the totals are kept, by month too:
 * months are few, so memory stays flat at any input size), then the totals.
 */
async function refundRows(run: RefundRunState): Promise<RefundTotals> {
  const { opts, ctx, program, sink, cape } = run;
  const { format, asOf } = run.f;
  const out = sink.out;
  const w = new RefundOut(out);
  const t = emptyRefundTotals();
  /** the table shows the first entries; the totals cover them all */
  const tableRows: RefundEntry[] = [];
  let x: EntryContext | null = null;
  let capeWarned = 0;
  const kept = new RejectedList();
  const name = (): string => run.name ?? '';
  const rejectRow = (line: number, message: string, code = 'row-invalid', id: string | null = null): void => {
    t.rejected++;
    kept.add({ line, message, code, id, column: null, fields: [] });
    if (t.rejected <= 50 && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${name()}:${line}:`)} ${message}\n`);
  };
  const emit = (e: RefundEntry): void => {
    addToRefundTotals(t, e);
    const why = cape?.add(e) ?? null;
    if (why !== null && ++capeWarned <= 50 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow(`${name()}:${e.line}:`)} --cape: ${why}\n`);
    if (format === 'json') out.append(refundJson.entry(e, t.reported));
    else if (format === 'ndjson') out.append(`${JSON.stringify(refundEntryJson(e))}\n`);
    else if (format === 'csv') w.write(refundCsv.row(e, x?.header as string[], program, ctx.csv));
    else if (tableRows.length < TABLE_ROWS) tableRows.push(e);
  };
  // CSV to CSV: plain records written from their runs (not for --cape; TARIFF_FAST_PATH=0: the differential test)
  const fastReads = format === 'csv' && ctx.fastPath && cape === null && (opts.inputFormat ?? 'csv') === 'csv';
  const start = (h: string[], inputName: string): RefundFastRows | null => {
    run.name = inputName;
    if (run.runOut && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${run.runOut}\n`);
    const cols = refundCols(h);
    const mapped = mapColumns(h, parseColumnMap(opts.columns));
    if (mapped.aliased.length) note(ctx, `${inputName}: columns read as: ${mapped.aliased.join(', ')}`);
    checkRefundHeader(h, inputName, mapped, cols, run.defaults, cape !== null);
    const pricer = new BatchPricer(run.index, run.scenario, mapped, run.defaults, { today: ctx.today, detail: true });
    x = { pricer: new RefundPricer(pricer, program, ctx.fastPath), cols, header: h, program, interestCalc: run.interestCalc, asOf };
    if (format === 'json') out.append(refundJson.head(run.schedule, asOf, program, { refundDate: run.f.refundDate, basis: run.f.basis }));
    else if (format === 'csv') out.append(refundCsv.header(h, program, ctx.csv));
    if (!fastReads) return null;
    const fast = new RefundFastRows(run.index, run.scenario, mapped, run.defaults, ctx.today, x, ctx.csv, t);
    return fast.usable ? fast : null;
  };
  await eachRefundRow(opts.input ?? '-', (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson', w, {
    onHeader: start,
    onRow: (row) => {
      t.read++;
      const r = refundEntry(row, x as EntryContext);
      if ('entry' in r) emit(r.entry);
      else rejectRow(r.line, r.message, r.code, r.id ?? null);
    },
    afterChunk: () => sink.flush(),
    flag: opts.delimiter as string | undefined,
    fastReads,
    note: (m) => note(ctx, m),
    progress: (size) => sink.progress(size),
  });
  refundTail(run, t, tableRows, kept);
  return t;
}

/** The totals checked and written (JSON's tail, or the table). */
function refundTail(run: RefundRunState, t: RefundTotals, tableRows: RefundEntry[], kept: RejectedList): void {
  const { schedule, ctx, program, interestCalc, notes } = run;
  const format = run.f.format;
  // a refund total is a sum of many entries: within the exact range, or 65 before it is printed
  checkTotals(run.name ?? '', 'refund totals', {
    currency: schedule.importers.get(DEFAULT_IMPORTER)?.currency ?? 'USD',
    minorDigits: schedule.importers.get(DEFAULT_IMPORTER)?.minorDigits ?? 2,
    amounts: [t.total, t.interest, t.total + t.interest, ...Object.values(t.byLayer), ...Object.values(t.byMonth)],
  });
  if (format === 'json') run.sink.out.append(refundJson.tail(t, kept.list, notes));
  else if (format !== 'ndjson' && format !== 'csv')
    run.sink.out.append(refundTable(program, tableRows, t, TABLE_ROWS, ctx.c, { basis: run.f.basis, end: interestCalc?.end ?? null, notes }));
}
