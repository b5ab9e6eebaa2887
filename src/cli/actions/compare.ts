/**
 * `tariff compare`: one shipment (or a batch's totals) under several scenarios side by side, the
 * change against a baseline, and CI gates that exit 1 when a threshold is crossed — after the
 * output has been written in full.
 */
import { claimCells, compareBatchColumns, originCells, scenarioCells, type Cell } from '../../batch/compare-run.js';
import type { ResolvedScenario, Schedule } from '../../core/types.js';
import { UsageError } from '../../errors.js';
import type { Column } from '../../core/compare.js';
import type { Dec } from '../../core/decimal.js';
import {
  compareAssumptions,
  compareBatchDocument,
  compareChecksJson,
  compareColumnLine,
  compareDocument,
  compareOriginsDocument,
} from '../../render/compare-json.js';
import { renderCompare } from '../../render/compare-output.js';
import { BatchSink } from '../../batch/sink.js';
import { staleWarning, verboseSchedule, type Ctx } from '../context.js';
import { emit } from '../emit.js';
import { prepareRun, runOptions, staleScenarios, type PreparedRun } from '../../schedule/prepare-run.js';
import {
  batchInput,
  claimAlternatives,
  compareGateFailures,
  defaultIds,
  finish,
  lenientShipment,
  shipmentOf,
  splitList,
  thresholds,
  type CompareGates,
  type CompareOptions,
} from '../compare-flags.js';

export async function compare(given: CompareOptions, ctx: Ctx): Promise<void> {
  const opts = lenientShipment(given, ctx);
  const format = opts.format ?? 'table';
  if (opts.long && (format !== 'csv' || opts.perRow)) {
    throw new UsageError(
      `--long is for the CSV of a comparison${opts.perRow ? ', not with --per-row (already one row per input row)' : `, not --format ${format}`}`,
      ['tariff compare … --format csv --long: one row per scenario (or origin)'],
    );
  }
  const gates: CompareGates = thresholds(opts);
  const batch = opts.input !== undefined || (opts.hts === undefined && opts.value === undefined && !ctx.stdinIsTTY);
  // the scenarios are resolved once the command knows which: the default list is the schedule's
  const run = await prepareRun(runOptions(opts, []));
  verboseSchedule(opts, run.schedule);
  const origins = !batch && opts.origin?.includes(',') ? splitList(opts.origin) : null;
  if (opts.claims !== undefined) {
    // the same shipment with and without a claim (or with one claim or another)
    if (batch) throw new UsageError('--claims is for one shipment (--hts, --origin, --value), not a batch', ['for a file, give a claim column']);
    if (origins) throw new UsageError('--claims compares one origin: give one --origin, or compare origins without --claims');
    if (opts.claim !== undefined)
      throw new UsageError('--claim and --claims together: --claims lists every claim compared (none = no claim)', ['e.g. --claims "none|KR"']);
    await compareClaims(opts, ctx, claimAlternatives(opts.claims), run, gates);
    return;
  }
  if (origins) {
    // a sourcing comparison: the same product from several origins, under one law by default
    await compareOrigins(opts, ctx, origins, run, gates);
    return;
  }
  const ids = opts.scenario ? splitList(opts.scenario) : defaultIds(run.available, batch || opts.date !== undefined);
  if (ids.length === 0) throw new UsageError('--scenario needs at least one scenario id');
  const resolved = ids.map(run.resolve);
  const baseId = opts.baseline ?? (ids[0] as string);
  if (!ids.includes(baseId)) throw new UsageError(`--baseline ${baseId} is not one of the compared scenarios (${ids.join(', ')})`);
  if (!ctx.quiet) for (const s of staleScenarios(run.schedule, resolved)) staleWarning(ctx, run.schedule, s.asOf as string);
  const compared: Compared = { ids, resolved, baseId, format, gates };
  if (batch) await compareBatch(opts, ctx, run, compared);
  else await compareShipment(opts, ctx, run, compared);
}

/** The scenarios compared, the baseline's id, the output format and the gates. */
interface Compared {
  ids: string[];
  resolved: ResolvedScenario[];
  baseId: string;
  format: string;
  gates: CompareGates;
}

/** One shipment (the flags) under each scenario. */
async function compareShipment(opts: CompareOptions, ctx: Ctx, run: PreparedRun, { ids, resolved, baseId, format, gates }: Compared): Promise<void> {
  const { schedule, index } = run;
  const { failAbove, maxRate } = gates;
  const assumptions = compareAssumptions(resolved);
  if (opts.perRow) throw new UsageError('--per-row is for a batch (--input)');
  const cells = scenarioCells(index, resolved, shipmentOf(opts, ctx, schedule), ctx);
  const cols = cells.map((c) => c.col);
  const base = cols[ids.indexOf(baseId)] as Column;
  const failures = compareGateFailures(cols, base, failAbove, maxRate);
  const doc = compareDocument(schedule, baseId, cells, base, compareChecksJson(opts, failAbove, maxRate, failures), assumptions);
  await emit(ctx, renderCompare(format, doc, doc.scenarios, cols, base, assumptions, ctx, opts.long ? 'scenario' : undefined));
  finish(cols, base, failAbove, maxRate, 0, failures);
}

/** A file's totals under each scenario; a batch writes through the sink: the per-row CSV as it is priced, or the totals at the end. */
async function compareBatch(opts: CompareOptions, ctx: Ctx, run: PreparedRun, { ids, resolved, baseId, format, gates }: Compared): Promise<void> {
  const { index } = run;
  const { failAbove, maxRate } = gates;
  const assumptions = compareAssumptions(resolved);
  const sink = BatchSink.open(ctx);
  let done: { cols: Column[]; base: Column; rejected: number; failures: string[] };
  try {
    const r = await compareBatchColumns(index, resolved, sink, batchInput(opts, index.schedule, ids.indexOf(baseId)), ctx);
    const { cols, rejected } = r;
    const base = cols[ids.indexOf(baseId)] as Column;
    // with --per-row the CSV is the output; gates still apply to the totals
    const failures = compareGateFailures(cols, base, failAbove, maxRate);
    if (!opts.perRow) {
      const doc = compareBatchDocument(
        index.schedule,
        { read: r.read, rejected },
        cols,
        base,
        compareChecksJson(opts, failAbove, maxRate, failures),
        assumptions,
        r.rejectedList,
      );
      sink.out.append(renderCompare(format, doc, doc.scenarios, cols, base, assumptions, ctx, opts.long ? 'scenario' : undefined));
    }
    done = { cols, base, rejected, failures };
  } catch (e) {
    sink.abort();
    throw e;
  }
  await sink.commit();
  finish(done.cols, done.base, failAbove, maxRate, done.rejected, done.failures);
}

/**
 * `--origin CN,VN,MX --value 10000,12500,11000`: one column per origin (× scenario when several are
 * named), each priced with its own value; the first column is the baseline unless --baseline
 * names another (an origin, or "VN geneva-30" with several scenarios).
 */
async function compareOrigins(opts: CompareOptions, ctx: Ctx, origins: string[], run: PreparedRun, { failAbove, maxRate }: CompareGates): Promise<void> {
  if (opts.perRow) throw new UsageError('--per-row is for a batch (--input)');
  const { schedule, index } = run;
  const values = opts.value === undefined ? [] : splitList(opts.value);
  if (values.length !== 1 && values.length !== origins.length) {
    throw new UsageError(`${origins.length} origins but ${values.length} values`, [
      'give one --value for all, or one per origin in the same order: --origin CN,VN --value 10000,12500',
      'see tariff compare --help',
    ]);
  }
  // one scenario by default (the law of --date, or today's); several when named
  const resolved = opts.scenario ? splitList(opts.scenario).map(run.resolve) : [run.resolve(undefined)];
  if (!ctx.quiet) for (const s of staleScenarios(schedule, resolved)) staleWarning(ctx, schedule, s.asOf as string);
  const cells = originCells(index, resolved, shipmentOf(opts, ctx, schedule), origins, values);
  await emitColumns(opts, ctx, { schedule, resolved, cells, failAbove, maxRate }, 'origin');
}

/**
 * One column per claim alternative (× scenario when several are named), the same shipment in
 * each; the first column is the baseline unless --baseline names another. A claim refused in a
 * column (claim-refused: lapsed, not a member, no preference on the line) is an error, as --claim is.
 */
async function compareClaims(
  opts: CompareOptions,
  ctx: Ctx,
  alternatives: { label: string; claim: string | undefined }[],
  run: PreparedRun,
  { failAbove, maxRate }: CompareGates,
): Promise<void> {
  if (opts.perRow) throw new UsageError('--per-row is for a batch (--input)');
  const { schedule, index } = run;
  const resolved = opts.scenario ? splitList(opts.scenario).map(run.resolve) : [run.resolve(undefined)];
  if (!ctx.quiet) for (const s of staleScenarios(schedule, resolved)) staleWarning(ctx, schedule, s.asOf as string);
  const cells = claimCells(index, resolved, shipmentOf(opts, ctx, schedule), alternatives);
  await emitColumns(opts, ctx, { schedule, resolved, cells, failAbove, maxRate }, 'claim');
}

/**
 * The columns of one shipment side by side (origins or claim alternatives): the baseline, the
 * gates, the document in the chosen format; `long` names the column key of `--long` CSV.
 */
async function emitColumns(
  opts: CompareOptions,
  ctx: Ctx,
  c: {
    schedule: Schedule;
    resolved: readonly ResolvedScenario[];
    cells: Cell[];
    failAbove: Dec | undefined;
    maxRate: Dec | undefined;
  },
  long: 'origin' | 'claim',
): Promise<void> {
  const { schedule, resolved, cells, failAbove, maxRate } = c;
  const format = opts.format ?? 'table';
  const cols = cells.map((x) => x.col);
  const baseId = opts.baseline ?? (cols[0] as Column).id;
  const base = cols.find((x) => x.id === baseId || x.id.toLowerCase() === baseId.toLowerCase());
  if (!base) throw new UsageError(`--baseline ${baseId} is not one of the compared columns (${cols.map((x) => x.id).join(', ')})`);
  const failures = compareGateFailures(cols, base, failAbove, maxRate);
  const assumptions = compareAssumptions(resolved);
  const doc = compareOriginsDocument(schedule, cells, base, compareChecksJson(opts, failAbove, maxRate, failures), assumptions);
  // a column's NDJSON line carries its breakdown and the change in money
  const lines = format === 'ndjson' ? cells.map(({ s, b, col }) => compareColumnLine(s, b, col, base)) : [];
  await emit(ctx, renderCompare(format, doc, lines, cols, base, assumptions, ctx, opts.long ? long : undefined));
  finish(cols, base, failAbove, maxRate, 0, failures);
}
