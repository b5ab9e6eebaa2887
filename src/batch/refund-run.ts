/**
 * The rows of `tariff refund`: each past entry read, priced under the law of its entry date and
 * written as it comes (CSV, NDJSON, JSON's entries, or kept for the table), its rejections said
 * with their file:line, and the totals — checked against the exact range — at the end. The
 * command (cli/actions/refund.ts) reads the flags, the schedule and the program into a
 * RefundRunState, calls refundRows once, and says the figures it returns.
 */
import { RejectedList } from '../render/frame.js';
import { mapColumns, parseColumnMap, pricedNeeds, requiredColumns, type Columns, type FieldDefaults } from './columns.js';
import { eachRefundRow, refundCols, refundEntry, RefundFastRows, RefundOut, type EntryContext, type RefundCols } from './refund-rows.js';
import { BatchPricer } from './pricer.js';
import { RefundPricer } from './refund-pricer.js';
import type { InterestBasis, InterestCalculator } from '../core/refund-interest.js';
import { addToRefundTotals, emptyRefundTotals, type RefundTotals } from '../core/refund.js';
import type { MeasureIndex, RefundProgram, ResolvedScenario, Schedule } from '../core/types.js';
import { DataError } from '../errors.js';
import { refundCsv, refundEntryJson, refundJson, refundTable, type RefundEntry } from '../render/refund.js';
import { checkTotals } from './amount-range.js';
import type { BatchSink } from './sink.js';
import { note, sayRejected, STDERR_REJECTIONS, TABLE_ROWS, type RunContext } from './run-context.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

/** rows of the table format (a screenful and then some); the totals below it cover every entry */

/** what `refund` reads of its flags, checked */
export interface RefundSettings {
  format: string;
  asOf: string;
  refundDate: string;
  basis: InterestBasis;
}

/** the flags of a refund's input: the file, its format, delimiter and column names */
export interface RefundInput {
  input?: string;
  inputFormat?: 'csv' | 'ndjson';
  delimiter?: string;
  columns?: string;
}

/** --cape's declaration files as the rows see them: each entry added, or why it cannot be declared */
export interface RefundCape {
  add(e: RefundEntry): string | null;
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

export interface RefundRunState {
  opts: RefundInput;
  ctx: RunContext;
  f: RefundSettings;
  schedule: Schedule;
  index: MeasureIndex;
  scenario: ResolvedScenario;
  program: RefundProgram;
  interestCalc: InterestCalculator | null;
  notes: string[];
  runOut: string | null;
  defaults: FieldDefaults;
  sink: BatchSink;
  cape: RefundCape | null;
  /** the input's name, once open */
  name?: string;
}

/**
 * The entries read, priced and written as they come (only the totals are kept, by month too:
 * months are few, so memory stays flat at any input size), then the totals.
 */
export async function refundRows(run: RefundRunState): Promise<RefundTotals> {
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
    sayRejected(ctx, t.rejected, name(), line, message);
  };
  const emit = (e: RefundEntry): void => {
    addToRefundTotals(t, e);
    const why = cape?.add(e) ?? null;
    if (why !== null && ++capeWarned <= STDERR_REJECTIONS && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow(`${name()}:${e.line}:`)} --cape: ${why}\n`);
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
