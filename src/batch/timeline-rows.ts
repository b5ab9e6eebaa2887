/**
 * The rows of a timeline: each shipment priced on every date on which the law can change (only
 * the totals kept, so a batch of any size streams), the rows of its input read, checked and
 * rejected with their file:line, and the timeline's rows — its first date and each date a measure
 * that reaches a shipment changes — with the total on each. The command (cli/actions/timeline.ts)
 * reads the flags and the dates, and renders what these return.
 */
import { landedCost } from '../core/landed-cost.js';
import { BreakdownSum } from '../core/breakdown-sum.js';
import { lawChanges, lawChangeText, measuresReaching, silentChanges, TouchedLines } from '../core/law-changes.js';
import type { Measure, MeasureIndex, ResolvedScenario, Schedule, Shipment } from '../core/types.js';
import type { Problem } from '../core/issues.js';
import { DataError, problemError, UsageError } from '../errors.js';
import { eachRow } from './each-row.js';
import { DEFAULTED_FIELDS, flagDefaults, mapColumns, parseColumnMap, pricedNeeds, requiredColumns, type Columns, type FieldDefaults } from './columns.js';
import { rowShipment } from './row-shipment.js';
import { TimelineRuns } from './timeline-runs.js';
import type { Row } from './row-source.js';
import { rejectsHeader, rejectsRow } from '../render/batch-output.js';
import { checkTotals, totalAmounts } from './amount-range.js';
import { issueText } from '../io/shipment-input.js';
import type { TimelineBatch, TimelineRow } from '../render/timeline.js';
import { RejectedList } from '../render/frame.js';
import type { BatchSink } from './sink.js';
import { note, sayRejected, type RunContext } from './run-context.js';

/** Rows priced between two turns of the event loop: a signal is handled within a few of them. */
const ROWS_PER_TURN = 16;

/** the flags of a timeline's input: the file, its format and columns, and the defaults for its rows */
export type TimelineInput = Parameters<typeof flagDefaults>[0] & { input?: string; inputFormat?: 'csv' | 'ndjson'; delimiter?: string; columns?: string };

/**
 * A timeline's totals: each date's sum of the shipments taken, the measures and lines that reach
 * them (their changes are the timeline's rows), and the first shipment (its breakdowns head each
 * date's total).
 */
export class TimelineTotals {
  readonly sums: BreakdownSum[];
  readonly touching = new Set<Measure>();
  readonly lines: TouchedLines;
  shipment = null as Shipment | null;
  count = 0;
  /** the light run (batch/timeline-runs.ts), or null: every row on the full path */
  private readonly light: TimelineRuns | null;

  /** `light`: rows after the first go through the light run when it can price them on every date (false with TARIFF_FAST_PATH=0, or for one shipment) */
  constructor(
    private readonly index: MeasureIndex,
    private readonly scenario: ResolvedScenario,
    readonly dates: readonly string[],
    light: boolean,
  ) {
    this.sums = dates.map(() => new BreakdownSum());
    this.lines = new TouchedLines(index);
    this.light = light ? new TimelineRuns(index, scenario, dates) : null;
  }

  /**
   * Prices `s` on every date; only a shipment priced on all of them is added to the totals, so
   * that one bad row is rejected (with its line) instead of failing the whole timeline. Returns
   * the failure of the first date it could not be priced on, or null.
   */
  take(s: Shipment): Problem | null {
    if (this.shipment !== null && this.light?.add(s, this.sums, this.touching)) {
      this.count++;
      this.lines.add(s);
      return null;
    }
    const priced = [];
    for (const [i, date] of this.dates.entries()) {
      const r = landedCost({ ...s, date }, this.scenario, this.index);
      // a failure on the first date is the shipment's own (an unknown code); a later one the date's
      if (!r.ok) return { ...r.issue, message: i === 0 ? r.issue.message : `on ${date}: ${r.issue.message}` };
      priced.push(r.value);
    }
    this.shipment ??= s;
    this.count++;
    this.lines.add(s);
    for (const m of measuresReaching(this.index, s)) this.touching.add(m);
    for (const [i, b] of priced.entries()) (this.sums[i] as BreakdownSum).add(b);
    return null;
  }
}

/** The timeline's rows: its first date and each date on which a measure that reaches a shipment changes, with the total on it. */
export function timelineRows(
  { touching, lines, sums, dates: allDates }: TimelineTotals,
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

/** what a timeline is drawn from: its dates, and either an input of shipments or one shipment */
export interface TimelinePlan {
  index: MeasureIndex;
  scenario: ResolvedScenario;
  dates: readonly string[];
  /** the input's flags (--input FILE) — or, without --input, `one`: the shipment of the flags */
  input?: TimelineInput & { input: string };
  one?: Shipment;
  /** rows after the first through the light run (false: every row on the full path, TARIFF_FAST_PATH=0) */
  light: boolean;
}

/**
 * Every shipment taken on every date: the totals, the input's counts and rejections (a batch),
 * or, when an input had a header and no data rows, its name (nothing to put on a timeline). One
 * shipment that cannot be priced, or an input whose every row was rejected, is an error.
 */
export async function timelineRun(
  plan: TimelinePlan,
  ctx: RunContext,
  schedule: Schedule,
  sink: BatchSink,
): Promise<{ totals: TimelineTotals; shipment: Shipment; batch?: TimelineBatch } | { headerOnly: string }> {
  const totals = new TimelineTotals(plan.index, plan.scenario, plan.dates, plan.input !== undefined && plan.light);
  const read = plan.input ? await readShipments(plan.input, ctx, schedule, (s) => totals.take(s), sink) : undefined;
  const batch = read?.batch;
  if (plan.one) {
    const failed = totals.take(plan.one);
    if (failed) throw problemError(failed);
  }
  const shipment = totals.shipment;
  if (shipment !== null) return { totals, shipment, ...(batch ? { batch } : {}) };
  if (read && read.batch.rows.rejected === 0) return { headerOnly: read.name };
  throw new DataError('no shipment to put on a timeline: every row was rejected');
}

/**
 * Shipments of a batch input, read row by row as calc reads them: a bad row (unreadable, ragged,
 * invalid, or not priceable on one of the dates) is reported with its file:line, written to
 * --rejects, and counted (the command's exit code is 65), but does not stop the timeline. Rows are priced a few at
 * a time between turns of the event loop, so that SIGINT/SIGTERM/SIGHUP are handled at once.
 */
export async function readShipments(
  opts: TimelineInput,
  ctx: RunContext,
  schedule: Schedule,
  take: (s: Shipment) => Problem | null,
  sink: BatchSink,
): Promise<{ batch: TimelineBatch; name: string }> {
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
  return { batch: { rows: { read: r.read, priced: r.taken, rejected: r.rejected }, rejected: r.kept.list }, name: r.inputName };
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

  /** the input as its reader names it ("stdin" for -), once its header is read */
  get inputName(): string {
    return this.name || (this.opts.input ?? '');
  }

  constructor(
    private readonly opts: TimelineInput,
    private readonly ctx: RunContext,
    private readonly schedule: Schedule,
    private readonly take: (s: Shipment) => Problem | null,
    private readonly sink: BatchSink,
  ) {
    // calc's defaults but the date: a timeline prices each row on each of its dates
    this.defaults = flagDefaults(
      opts,
      DEFAULTED_FIELDS.filter((f) => f !== 'date'),
    );
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
    sayRejected(this.ctx, this.rejected, this.name, row.line, message);
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
