/**
 * `tariff timeline`: the same shipment under the law of every date on which a measure that
 * touches it starts, ends or is suspended, between --from and --to. The steps of 2025 (the April
 * peak, Geneva, Busan) and the end of IEEPA in February 2026 show up as rows and in the chart.
 */
import type { InputFlags, WhatIfFlags } from '../options.js';
import { landedCost } from '../../core/landed-cost.js';
import { BreakdownSum } from '../../core/breakdown-sum.js';
import { lawChangeDates, lawChanges, lawChangeText, measuresReaching } from '../../core/law-changes.js';
import { AS_ENTERED } from '../../core/scenario.js';
import type { Measure, ResolvedScenario, Schedule, Shipment } from '../../core/types.js';
import { addDays, isRealDate } from '../../core/dates.js';
import { DataError, EXIT, UsageError } from '../../errors.js';
import { eachRow } from '../../batch/each-row.js';
import { columnName, flagDefaults, mapColumns, parseColumnMap, rowFields, type Columns, type FieldDefaults } from '../../batch/columns.js';
import { isIssue, parseShipment, type ShipmentFields } from '../../io/shipment-input.js';
import { renderTimeline, type TimelineResult, type TimelineRow } from '../../render/timeline.js';
import { BatchSink } from '../../batch/sink.js';
import { note, staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../prepare-run.js';
import { shipmentFromFlags } from '../shipment-flags.js';

export interface TimelineOptions extends GlobalOptions, ShipmentFields, InputFlags, WhatIfFlags {
  from?: string;
  to?: string;
  format?: string;
}

export type { TimelineRow };

function dateFlag(v: string | undefined, flag: string, dflt: string): string {
  if (v === undefined) return dflt;
  if (!isRealDate(v)) throw new UsageError(`${flag} ${JSON.stringify(v)} is not a calendar date`, ['write it as YYYY-MM-DD']);
  return v;
}

export async function timeline(opts: TimelineOptions, ctx: Ctx): Promise<void> {
  // one way out, as for every batch: the progress line and an interrupt are the sink's
  const sink = BatchSink.open(ctx);
  try {
    const text = await timelineText(opts, ctx, sink);
    if (text !== null) sink.out.append(text);
  } catch (e) {
    sink.abort();
    throw e;
  }
  await sink.commit();
}

/** The timeline as text, or null when there is nothing to put on it (a header alone). */
async function timelineText(opts: TimelineOptions, ctx: Ctx, sink: BatchSink): Promise<string | null> {
  // each date under the law in force on it, with the what-ifs of --set/--disable on top
  const { schedule, index, resolved } = await prepareRun(runOptions(opts, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  const from = dateFlag(opts.from, '--from', '2018-01-01');
  // up to the last date asked (today by default); past verifiedThrough the law may be stale, and the
  // timeline marks where that part begins
  const to = dateFlag(opts.to, '--to', ctx.today);
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const verified = schedule.meta.verifiedThrough;
  // the first day past verifiedThrough, or `from` when the whole timeline is past it
  const staleFrom = to > verified ? ([addDays(verified, 1), from].sort()[1] as string) : null;
  if (staleFrom !== null && !ctx.quiet) staleWarning(ctx, schedule, to);
  const scenario = resolved[0] as ResolvedScenario;
  // every date on which the law can change: each shipment is priced on each of them as it is
  // read, and only the totals are kept (a batch of any size streams); the dates shown are those
  // on which a measure that reaches one of the shipments changes
  const changeDates = lawChangeDates(index, scenario, from, to);
  const allDates = staleFrom === null || changeDates.includes(staleFrom) ? changeDates : [...changeDates, staleFrom].sort();
  const sums = allDates.map(() => new BreakdownSum());
  const touching = new Set<Measure>();
  let shipment = null as Shipment | null;
  let count = 0;
  const take = (s: Shipment): void => {
    shipment ??= s;
    count++;
    for (const m of measuresReaching(index, s)) touching.add(m);
    allDates.forEach((date, i) => {
      const r = landedCost({ ...s, date }, scenario, index);
      const sum = sums[i] as BreakdownSum;
      if (r.ok) sum.add(r.value);
      else sum.error ??= `${r.issue.message}\u0000${r.issue.hint ?? ''}`;
    });
  };
  // one shipment from flags, or a batch (--input) evaluated as a total
  if (opts.input !== undefined) await readShipments(opts, ctx, schedule, take, sink);
  else take(shipmentFromFlags({ ...opts, date: from }, schedule, ctx.today, false));
  if (shipment === null) {
    if (opts.input !== undefined && process.exitCode !== EXIT.dataErr) {
      if (!ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${opts.input} has a header but no data rows: nothing to put on a timeline\n`);
      return null;
    }
    throw new DataError('no shipment to put on a timeline: every row was rejected');
  }

  const changes = lawChanges(touching, from, to);
  const events = new Map([...changes].map(([date, list]) => [date, list.map(lawChangeText)]));
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
    if (sum.error !== undefined) {
      const [message, hint] = sum.error.split('\u0000');
      throw new DataError(`${date}: ${message}`, [hint ?? '']);
    }
    if (sum.mixed) throw new UsageError('this batch mixes currencies (importers); put them on separate timelines');
    rows.push({ date, events: events.get(date) ?? ['(start of the timeline)'], b: sum.total() });
  }
  if (count > 1) ctx.err.write(`timeline of the total of ${count} shipments\n`);

  const result: TimelineResult = { schedule, scenario, shipment, from, to, rows };
  return renderTimeline(opts.format ?? 'table', result, ctx.c, { width: ctx.tableWidth, columns: ctx.columns }, ctx.csv);
}

/** Shipments of a batch input; bad rows are reported (and make the exit code 65) but do not stop the timeline. */
async function readShipments(opts: TimelineOptions, ctx: Ctx, schedule: Schedule, take: (s: Shipment) => void, sink: BatchSink): Promise<void> {
  let taken = 0;
  let cols: Columns | null = null;
  let name = '';
  let rejected = 0;
  const defaults: FieldDefaults = flagDefaults(opts, ['origin', 'importer', 'currency', 'mode', 'freight', 'insurance', 'unit', 'fxRate', 'elect']);
  await eachRow(
    opts.input as string,
    (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    (h, n) => {
      name = n;
      cols = mapColumns(h, parseColumnMap(opts.columns));
    },
    (row) => {
      const c = cols as Columns;
      const fields = rowFields(c, row.fields, defaults);
      const importer = (fields.importer ?? 'US').toUpperCase();
      const reject = (message: string): void => {
        rejected++;
        if (!ctx.quiet && rejected <= 50) ctx.err.write(`${ctx.ce.red(`${name}:${row.line}:`)} ${message}\n`);
      };
      if (row.error !== undefined) return reject(row.error);
      const parsed = parseShipment(fields, (f) => columnName(c, f), { importer, minorDigits: schedule.importers.get(importer)?.minorDigits ?? 2 });
      if (isIssue(parsed)) return reject(parsed.message);
      taken++;
      take(parsed);
    },
    // nothing is written until the timeline is complete
    async () => {},
    { flag: opts.delimiter as string | undefined, note: (m) => note(ctx, m), progress: (size) => sink.progress(size) },
  );
  if (rejected) {
    ctx.err.write(`tariff: ${rejected} rows rejected; the timeline covers the other ${taken}\n`);
    process.exitCode = EXIT.dataErr;
  }
}
