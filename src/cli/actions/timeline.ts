/**
 * `tariff timeline`: the same shipment under the law of every date on which a measure that
 * touches it starts, ends or is suspended, between --from and --to. The steps of 2025 (the April
 * peak, Geneva, Busan) and the end of IEEPA in February 2026 show up as rows and in the chart.
 */
import { collectOftenForBatch } from '../heap.js';
import type { InputFlags, WhatIfFlags } from '../options.js';
import { landedCost } from '../../core/landed-cost.js';
import { BreakdownSum } from '../../core/breakdown-sum.js';
import { lawChangeDates, lawChanges, lawChangeText, measuresReaching, silentChanges, TouchedLines } from '../../core/law-changes.js';
import { AS_ENTERED } from '../../core/scenario.js';
import type { Measure, MeasureIndex, ResolvedScenario, Schedule, Shipment } from '../../core/types.js';
import type { Problem } from '../../core/issues.js';
import { addDays, isRealDate } from '../../core/dates.js';
import { DataError, EXIT, problemError, UsageError } from '../../errors.js';
import { eachRow } from '../../batch/each-row.js';
import { flagDefaults, mapColumns, parseColumnMap, pricedNeeds, requiredColumns, type Columns, type FieldDefaults } from '../../batch/columns.js';
import { rowShipment } from '../../batch/row-shipment.js';
import { TimelineRuns } from '../../batch/timeline-runs.js';
import type { Row } from '../../batch/row-source.js';
import { rejectsHeader, rejectsRow } from '../../render/batch-output.js';
import { checkTotals, totalAmounts } from '../../batch/amount-range.js';
import { issueText, type ShipmentFields } from '../../io/shipment-input.js';
import { renderTimeline, type TimelineBatch, type TimelineResult, type TimelineRow } from '../../render/timeline.js';
import { RejectedList } from '../../render/frame.js';
import { BatchSink } from '../../batch/sink.js';
import { note, staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { shipmentFromFlags } from '../shipment-flags.js';

export interface TimelineOptions extends GlobalOptions, ShipmentFields, InputFlags, WhatIfFlags {
  from?: string;
  to?: string;
  format?: string;
  /** --rejects FILE: the rejected rows of an --input, as calc writes them */
  rejects?: string;
}

/** Rows priced between two turns of the event loop: a signal is handled within a few of them. */
const ROWS_PER_TURN = 16;

export type { TimelineRow };

function dateFlag(v: string | undefined, flag: string, dflt: string): string {
  if (v === undefined) return dflt;
  if (!isRealDate(v)) throw new UsageError(`${flag} ${JSON.stringify(v)} is not a calendar date`, ['write it as YYYY-MM-DD']);
  return v;
}

export async function timeline(opts: TimelineOptions, ctx: Ctx): Promise<void> {
  if (opts.rejects !== undefined && opts.input === undefined) throw new UsageError('--rejects is for an input of shipments (--input or FILE)');
  // one way out, as for every batch: the progress line, an interrupt and --rejects are the sink's
  const sink = BatchSink.open(ctx, {
    rejects: opts.rejects,
    inputs: [['--input', opts.input], ['--schedule', opts.schedule], ...(opts.scenarioFile ?? []).map((f) => ['--scenario-file', f] as const)],
  });
  try {
    const text = await timelineText(opts, ctx, sink);
    if (text !== null) sink.out.append(text);
  } catch (e) {
    sink.abort();
    throw e;
  }
  await sink.commit();
}

/** The timeline's span, and every date on which the law can change in it (with the first stale day). */
function timelineDates(opts: TimelineOptions, ctx: Ctx, schedule: Schedule, index: MeasureIndex, scenario: ResolvedScenario) {
  const from = dateFlag(opts.from, '--from', '2018-01-01');
  // up to the last date asked (today by default); past verifiedThrough the law may be stale, and the
  // timeline marks where that part begins
  const to = dateFlag(opts.to, '--to', ctx.today);
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const verified = schedule.meta.verifiedThrough;
  // the first day past verifiedThrough, or `from` when the whole timeline is past it
  const staleFrom = to > verified ? ([addDays(verified, 1), from].sort()[1] as string) : null;
  if (staleFrom !== null && !ctx.quiet) staleWarning(ctx, schedule, to);
  // every date on which the law can change: each shipment is priced on each of them as it is
  // read, and only the totals are kept (a batch of any size streams); the dates shown are those
  // on which a measure that reaches one of the shipments changes
  const changeDates = lawChangeDates(index, scenario, from, to);
  const allDates = staleFrom === null || changeDates.includes(staleFrom) ? changeDates : [...changeDates, staleFrom].sort();
  return { from, to, verified, staleFrom, allDates };
}

/** The timeline as text, or null when there is nothing to put on it (a header alone). */
async function timelineText(opts: TimelineOptions, ctx: Ctx, sink: BatchSink): Promise<string | null> {
  // each date under the law in force on it, with the what-ifs of --set/--disable on top
  const { schedule, index, resolved } = await prepareRun(runOptions(opts, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  const scenario = resolved[0] as ResolvedScenario;
  const { from, to, verified, staleFrom, allDates } = timelineDates(opts, ctx, schedule, index, scenario);
  const sums = allDates.map(() => new BreakdownSum());
  const touching = new Set<Measure>();
  const lines = new TouchedLines(index);
  let shipment = null as Shipment | null;
  let count = 0;
  /**
   * Prices `s` on every date; only a shipment priced on all of them is added to the totals, so
   * that one bad row is rejected (with its line) instead of failing the whole timeline. Returns
   * the failure of the first date it could not be priced on, or null. After the first shipment (its
   * breakdowns head each date's total), rows go through the light run when it can price them on
   * every date; TARIFF_FAST_PATH=0 sends every row through the full path.
   */
  const light = opts.input !== undefined && ctx.fastPath ? new TimelineRuns(index, scenario, allDates) : null;
  if (opts.input !== undefined) collectOftenForBatch(); // while a batch's garbage is small
  const take = (s: Shipment): Problem | null => {
    if (shipment !== null && light?.add(s, sums, touching)) {
      count++;
      lines.add(s);
      return null;
    }
    const priced = [];
    for (const [i, date] of allDates.entries()) {
      const r = landedCost({ ...s, date }, scenario, index);
      // a failure on the first date is the shipment's own (an unknown code); a later one the date's
      if (!r.ok) return { ...r.issue, message: i === 0 ? r.issue.message : `on ${date}: ${r.issue.message}` };
      priced.push(r.value);
    }
    shipment ??= s;
    count++;
    lines.add(s);
    for (const m of measuresReaching(index, s)) touching.add(m);
    for (const [i, b] of priced.entries()) (sums[i] as BreakdownSum).add(b);
    return null;
  };
  // one shipment from flags, or a batch (--input) evaluated as a total
  const batch = opts.input !== undefined ? await readShipments(opts, ctx, schedule, take, sink) : undefined;
  if (opts.input === undefined) {
    const failed = take(shipmentFromFlags({ ...opts, date: from }, schedule, ctx.today, false));
    if (failed) throw problemError(failed);
  }
  if (shipment === null) {
    if (opts.input !== undefined && process.exitCode !== EXIT.dataErr) {
      if (!ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${opts.input} has a header but no data rows: nothing to put on a timeline\n`);
      return null;
    }
    throw new DataError('no shipment to put on a timeline: every row was rejected');
  }

  const rows = timelineRows(touching, lines, sums, allDates, { from, to, verified, staleFrom, input: opts.input });
  if (count > 1) ctx.err.write(`timeline of the total of ${count} shipments\n`);

  const result: TimelineResult = { schedule, scenario, shipment, from, to, rows, ...(batch ? { batch } : {}) };
  return renderTimeline(opts.format ?? 'table', result, ctx.c, { width: ctx.tableWidth, columns: ctx.columns }, ctx.csv);
}

/** The timeline's rows: its first date and each date on which a measure that reaches a shipment changes, with the total on it. */
function timelineRows(
  touching: Set<Measure>,
  lines: TouchedLines,
  sums: readonly BreakdownSum[],
  allDates: readonly string[],
  w: { from: string; to: string; verified: string; staleFrom: string | null; input: string | undefined },
): TimelineRow[] {
  const { from, to, verified, staleFrom } = w;
  const changes = lawChanges(touching, from, to);
  const events = new Map([...changes].map(([date, list]) => [date, list.map(lawChangeText)]));
  for (const [date, list] of lines.changes(from, to)) events.set(date, [...(events.get(date) ?? []), ...list]);
  // a change no measure or line names (a line's coverage …) still gets its row
  for (const date of silentChanges(allDates, totalsKeys(sums), events, from)) {
    events.set(date, [
      `(the total changes on ${date}, by a rate no change above names: \`tariff calc --date ${date} --explain\` on a shipment shows its rates)`,
    ]);
  }
  if (staleFrom !== null && staleFrom !== from) {
    events.set(staleFrom, [
      ...(events.get(staleFrom) ?? []),
      `(after ${verified}, the date the schedule is verified through: later changes of the law may be missing)`,
    ]);
  }
  const dates = [from, ...[...events.keys()].sort()];
  const rows: TimelineRow[] = [];
  for (const date of dates) {
    const sum = sums[allDates.indexOf(date)] as BreakdownSum;
    if (sum.mixed) throw new UsageError('this batch mixes currencies (importers); put them on separate timelines');
    const b = sum.total();
    checkTotals(w.input ?? 'the shipment', `totals of ${date}`, { ...b, amounts: totalAmounts(b) });
    rows.push({ date, events: events.get(date) ?? ['(start of the timeline)'], b });
  }
  return rows;
}

/** Each date's totals as one comparable key: what `silentChanges` compares. */
function totalsKeys(sums: readonly BreakdownSum[]): string[] {
  return sums.map((sum) => {
    const b = sum.total();
    return `${b.duty}|${b.fees}|${b.taxes}|${b.landedCost}`;
  });
}

/**
 * Shipments of a batch input, read row by row as calc reads them: a bad row (unreadable, ragged,
 * invalid, or not priceable on one of the dates) is reported with its file:line, written to
 * --rejects, and makes the exit code 65, but does not stop the timeline. Rows are priced a few at
 * a time between turns of the event loop, so that SIGINT/SIGTERM/SIGHUP are handled at once.
 */
async function readShipments(
  opts: TimelineOptions,
  ctx: Ctx,
  schedule: Schedule,
  take: (s: Shipment) => Problem | null,
  sink: BatchSink,
): Promise<TimelineBatch> {
  const r = new ShipmentReader(opts, ctx, schedule, take, sink);
  /** the rows of the chunk read last, priced after it */
  let pending: Row[] = [];
  await eachRow(
    opts.input as string,
    (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    (h, n) => r.header(h, n),
    (row) => {
      pending.push(row);
    },
    async () => {
      const rows = pending;
      pending = [];
      for (let i = 0; i < rows.length; i++) {
        r.priceRow(rows[i] as Row);
        if ((i + 1) % ROWS_PER_TURN === 0) await new Promise<void>((res) => setImmediate(res));
      }
      // the timeline itself is written once complete; the rejects as they come
      await sink.flush();
    },
    { flag: opts.delimiter as string | undefined, note: (m) => note(ctx, m), progress: (size) => sink.progress(size) },
  );
  if (r.read > 0) ctx.err.write(`tariff: rows read ${r.read}, on the timeline ${r.taken}, rejected ${r.rejected}\n`);
  if (r.rejected) process.exitCode = EXIT.dataErr;
  return { rows: { read: r.read, priced: r.taken, rejected: r.rejected }, rejected: r.kept.list };
}

/** The counts and rejections of a timeline's input, row by row. */
class ShipmentReader {
  read = 0;
  taken = 0;
  rejected = 0;
  readonly kept = new RejectedList();
  private cols: Columns | null = null;
  private name = '';
  private width = 0;
  private readonly defaults: FieldDefaults;

  constructor(
    private readonly opts: TimelineOptions,
    private readonly ctx: Ctx,
    private readonly schedule: Schedule,
    private readonly take: (s: Shipment) => Problem | null,
    private readonly sink: BatchSink,
  ) {
    this.defaults = flagDefaults(opts, ['origin', 'importer', 'currency', 'mode', 'freight', 'insurance', 'unit', 'unit2', 'fxRate', 'elect']);
  }

  header(h: string[], name: string): void {
    this.name = name;
    this.cols = mapColumns(h, parseColumnMap(this.opts.columns));
    // refused up front as the other batch commands refuse it, not every row for the same column
    requiredColumns(name, h, pricedNeeds(this.cols, this.defaults), 'timeline');
    this.width = h.length;
    this.sink.rejects?.append(rejectsHeader(h));
  }

  priceRow(row: Row): void {
    this.read++;
    const p = rowProblem(row, this.cols as Columns, this.defaults, this.schedule, this.take);
    if (p === null) this.taken++;
    else this.reject(row, p.message, p.code);
  }

  private reject(row: Row, message: string, code: string): void {
    this.rejected++;
    if (!this.ctx.quiet && this.rejected <= 50) this.ctx.err.write(`${this.ctx.ce.red(`${this.name}:${row.line}:`)} ${message}\n`);
    const at = this.cols?.index.id;
    const id = at === undefined ? null : row.fields[at] || null;
    const rejection = { line: row.line, column: null, message, fields: row.fields, id, code };
    this.kept.add(rejection);
    this.sink.rejects?.append(rejectsRow(rejection, this.width));
  }
}

/** Why `row` cannot go on the timeline (with the code the JSON frame gives it), or null once it is on it. */
function rowProblem(
  row: Row,
  c: Columns,
  defaults: FieldDefaults,
  schedule: Schedule,
  take: (s: Shipment) => Problem | null,
): { message: string; code: string } | null {
  // read as calc reads a row (timeline has no --allow-ragged)
  const read = rowShipment(row, c, defaults, schedule.importers);
  if (!read.ok) return read;
  const failed = take(read.shipment);
  return failed ? { message: issueText(failed), code: failed.code } : null;
}
