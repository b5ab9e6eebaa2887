/**
 * `tariff timeline`: the same shipment under the law of every date on which a measure that
 * touches it starts, ends or is suspended, between --from and --to. The steps of 2025 (the April
 * peak, Geneva, Busan) and the end of IEEPA in February 2026 show up as rows and in the chart.
 */
import { collectOftenForBatch } from '../heap.js';
import type { InputFlags, WhatIfFlags } from '../options.js';
import { lawAndRateDates } from '../../core/law-changes.js';
import { AS_ENTERED } from '../../core/scenario.js';
import type { MeasureIndex, ResolvedScenario, Schedule } from '../../core/types.js';
import { addDays, isRealDate } from '../../core/dates.js';
import { EXIT, UsageError } from '../../errors.js';
import { timelineRows, timelineRun, type TimelinePlan } from '../../batch/timeline-rows.js';
import type { ShipmentFields } from '../../io/shipment-input.js';
import { renderTimeline, type TimelineResult } from '../../render/timeline.js';
import { BatchSink } from '../../batch/sink.js';
import { staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { sayHeaderOnly } from '../../batch/run-context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { shipmentFromFlags } from '../shipment-flags.js';

export interface TimelineOptions extends GlobalOptions, ShipmentFields, InputFlags, WhatIfFlags {
  from?: string;
  to?: string;
  format?: string;
  /** --rejects FILE: the rejected rows of an --input, as calc writes them */
  rejects?: string;
}

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
  // every date on which the law (or an exchange rate) can change: each shipment is priced on each
  // of them as it is read, and only the totals are kept (a batch of any size streams); the dates
  // shown are those on which a measure, line or rate that reaches one of the shipments changes
  const changeDates = lawAndRateDates(index, scenario, from, to);
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
  const { input } = opts;
  if (input !== undefined) collectOftenForBatch(); // while a batch's garbage is small
  // one shipment from flags, or a batch (--input) evaluated as a total
  const plan: TimelinePlan =
    input !== undefined
      ? { index, scenario, dates: allDates, input: { ...opts, input }, light: ctx.fastPath }
      : { index, scenario, dates: allDates, one: shipmentFromFlags({ ...opts, date: from }, schedule, ctx.today, false), light: false };
  const run = await timelineRun(plan, ctx, schedule, sink);
  if ('headerOnly' in run) {
    sayHeaderOnly(ctx, run.headerOnly, ': nothing to put on a timeline');
    return null;
  }
  if (run.batch?.rows.rejected) process.exitCode = EXIT.dataErr;
  const { totals, shipment, batch } = run;
  const rows = timelineRows(totals, { from, to, verified, staleFrom, input });
  if (totals.count > 1) ctx.err.write(`timeline of the total of ${totals.count} shipments\n`);

  const result: TimelineResult = { schedule, scenario, shipment, from, to, rows, ...(batch ? { batch } : {}) };
  return renderTimeline(opts.format ?? 'table', result, ctx.c, { width: ctx.tableWidth, columns: ctx.columns }, ctx.csv);
}
