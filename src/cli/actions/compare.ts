/**
 * `tariff compare`: one shipment (or a batch's totals) under several scenarios side by side, the
 * change against a baseline, and CI gates that exit 1 when a threshold is crossed — after the
 * output has been written in full.
 */
import type { RejectedJson } from '../../render/frame.js';
import { flagDefaults, type FieldDefaults } from '../../batch/columns.js';
import type { BatchTotals } from '../../batch/pricer.js';
import { compareRows } from '../../batch/compare-rows.js';
import { percentString, centsToPlain, type Dec } from '../../core/decimal.js';
import { landedCost } from '../../core/landed-cost.js';
import type { Breakdown, ResolvedScenario, Scenario, Schedule } from '../../core/types.js';
import { CheckFailedError, DataError, EXIT, problemError, UsageError } from '../../errors.js';
import type { ShipmentFields } from '../../io/shipment-input.js';
import { changeText, lenientFields, LENIENT_ASSUMPTION } from '../../io/lenient.js';
import { lenientOf, type InputFlags, type LenientFlags, type WhatIfFlags } from '../options.js';
import { aboveBaseline, columnOf, type Column } from '../../core/compare.js';
import { gateFailures, parseGates, percentGate, ratioAboveText } from '../gates.js';
import {
  compareAssumptions,
  compareBatchDocument,
  compareChecksJson,
  compareColumnLine,
  compareDocument,
  compareOriginsDocument,
} from '../../render/compare-json.js';
import { compareCsv, compareCsvLong, compareMarkdown, compareTable } from '../../render/compare.js';
import { BatchSink } from '../../batch/sink.js';
import { note, staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { emit } from '../emit.js';
import { checkTotals, totalAmounts } from '../../batch/amount-range.js';
import { prepareRun, runOptions, staleScenarios, type PreparedRun } from '../../schedule/prepare-run.js';
import { checkFlagDefaults, shipmentFromFlags } from '../shipment-flags.js';

export interface CompareOptions extends GlobalOptions, ShipmentFields, InputFlags, LenientFlags, WhatIfFlags {
  scenario?: string;
  baseline?: string;
  perRow?: boolean;
  /** CSV: one row per scenario or origin */
  long?: boolean;
  format?: string;
  failAbove?: string;
  maxEffectiveRate?: string;
  /** alternatives of the claim, separated by "|": "none|KR", "none|usmca|KR;usmca" */
  claims?: string;
}

/** Bundled scenarios in date order; as-entered only when the shipment has a date. */
function defaultIds(scenarios: readonly Scenario[], dated: boolean): string[] {
  return [...scenarios]
    .filter((s) => s.asOf !== null || dated)
    .sort((a, b) => (a.asOf ?? '9999').localeCompare(b.asOf ?? '9999'))
    .map((s) => s.id);
}

/**
 * The gates: each failure in words, naming the scenario and the figures. --max-effective-rate is
 * calc's gate (cli/gates.ts), judged and worded as calc judges and words it.
 */
function compareGateFailures(cols: Column[], base: Column, failAbove: Dec | undefined, maxRate: Dec | undefined): string[] {
  const out: string[] = [];
  for (const c of cols) {
    if (failAbove !== undefined && aboveBaseline(c, base, failAbove)) {
      // a rise: aboveBaseline fails no fall
      const rise = ratioAboveText(c.landedCost - base.landedCost, base.landedCost, failAbove);
      out.push(
        `scenario ${c.id}: landed cost ${centsToPlain(c.landedCost, c.minorDigits)} is ${rise} above baseline ${base.id} (${centsToPlain(base.landedCost, base.minorDigits)}); limit --fail-above ${percentString(failAbove)}`,
      );
    }
    if (maxRate !== undefined) out.push(...gateFailures([{ ...c, label: `scenario ${c.id}` }], { maxRate }));
  }
  return out;
}

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

/** The --fail-above and --max-effective-rate thresholds, when given. */
interface CompareGates {
  failAbove: Dec | undefined;
  maxRate: Dec | undefined;
}

/** The thresholds read by the gates' one reader (cli/gates.ts), worded as calc words them. */
function thresholds(opts: CompareOptions): CompareGates {
  return { failAbove: percentGate(opts.failAbove, '--fail-above', 'compare'), maxRate: parseGates(opts, 'compare').maxRate };
}

/** The scenarios compared, the baseline's id, the output format and the gates. */
interface Compared {
  ids: string[];
  resolved: ResolvedScenario[];
  baseId: string;
  format: string;
  gates: CompareGates;
}

/** --lenient: the shipment flags read leniently here (a batch's rows are read so by the pricers). */
function lenientShipment(given: CompareOptions, ctx: Ctx): CompareOptions {
  const lenient = lenientOf(given, 'compare');
  let opts = given;
  if (lenient && given.input === undefined) {
    const l = lenientFields(given, lenient);
    opts = { ...given, ...l.fields };
    for (const c of l.changes) note(ctx, `--lenient: ${changeText(c, (f) => `--${f}`)}`);
  }
  if (lenient) note(ctx, LENIENT_ASSUMPTION);
  return opts;
}

/** One shipment (the flags) under each scenario. */
async function compareShipment(opts: CompareOptions, ctx: Ctx, run: PreparedRun, { ids, resolved, baseId, format, gates }: Compared): Promise<void> {
  const { schedule, index } = run;
  const { failAbove, maxRate } = gates;
  const assumptions = compareAssumptions(resolved);
  if (opts.perRow) throw new UsageError('--per-row is for a batch (--input)');
  const cells = resolved.map((s) => {
    const sh = shipmentFromFlags(opts, schedule, ctx.today, s.asOf !== null);
    const r = landedCost(sh, s, index);
    if (!r.ok) throw problemError(r.issue);
    if (!ctx.quiet) staleWarning(ctx, schedule, r.value.date);
    return { s, b: r.value, col: columnOf(s, r.value) };
  });
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
    const r = await batchColumns(opts, ctx, index, resolved, ids.indexOf(baseId), sink);
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

/** The comparison in `format`: the document, its NDJSON lines, CSV, Markdown, or the table and chart. */
function renderCompare(
  format: string,
  doc: object,
  lines: readonly object[],
  cols: Column[],
  base: Column,
  assumptions: readonly string[],
  ctx: Ctx,
  long: 'scenario' | 'origin' | 'claim' | undefined,
): string {
  if (format === 'json') return `${JSON.stringify(doc, null, 2)}\n`;
  if (format === 'ndjson') return lines.map((o) => `${JSON.stringify(o)}\n`).join('');
  if (format === 'csv') return long ? compareCsvLong(cols, base, long, ctx.csv) : compareCsv(cols, base, ctx.csv);
  if (format === 'markdown') return compareMarkdown(cols, base);
  let text = compareTable(cols, base, ctx.c, ctx.columns);
  if (assumptions.length) text += `${ctx.c.yellow(`* what-if: ${assumptions.join('; ')}`)}\n`;
  return text;
}

const splitList = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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
  const label = (origin: string, s: ResolvedScenario): string => (resolved.length === 1 ? origin : `${origin} ${s.id}`);
  const cells: { origin: string; value: string; s: ResolvedScenario; b: Breakdown; col: Column }[] = [];
  origins.forEach((origin, i) => {
    const value = (values.length === 1 ? values[0] : values[i]) as string;
    for (const s of resolved) {
      const sh = shipmentFromFlags({ ...opts, origin, value }, schedule, ctx.today, s.asOf !== null);
      const r = landedCost(sh, s, index);
      if (!r.ok) throw new DataError(`--origin ${origin}: ${r.issue.message}`, [r.issue.hint ?? ''], r.issue);
      cells.push({
        origin: origin.toUpperCase(),
        value,
        s,
        b: r.value,
        col: { ...columnOf(s, r.value), id: label(origin.toUpperCase(), s), asOf: s.asOf ?? r.value.date },
      });
    }
  });
  await emitColumns(opts, ctx, { schedule, resolved, cells, failAbove, maxRate }, 'origin');
}

/**
 * `--claims "none|KR"`: the alternatives of the claim, each a column; one alternative may hold
 * several claims ("KR;usmca"), so alternatives are separated by "|"; `none` is the shipment
 * without a claim. Each alternative is read as `--claim` reads it (lower case; "," or ";").
 */
export function claimAlternatives(text: string): { label: string; claim: string | undefined }[] {
  const parts = text.split('|').map((p) => p.trim());
  if (parts.length < 2 || parts.some((p) => p === '')) {
    throw new UsageError(`--claims ${JSON.stringify(text)}: expected two or more alternatives separated by "|"`, [
      'e.g. --claims "none|KR" (without and with KORUS), --claims "none|usmca|KR;usmca"; none = no claim',
    ]);
  }
  const out = parts.map((p) => {
    const claims = p
      .split(/[;,]/)
      .map((c) => c.trim())
      .filter(Boolean);
    const label = claims.join(';');
    if (label.toLowerCase() === 'none') return { label: 'none', claim: undefined };
    if (claims.some((c) => c.toLowerCase() === 'none')) {
      throw new UsageError(`--claims: "${p}" mixes none with a claim`, ['none stands alone: --claims "none|KR"']);
    }
    return { label, claim: label };
  });
  const seen = new Set<string>();
  for (const a of out) {
    const k = a.label.toLowerCase();
    if (seen.has(k)) throw new UsageError(`--claims: "${a.label}" is given twice`, ['give each alternative once']);
    seen.add(k);
  }
  return out;
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
  const label = (claim: string, s: ResolvedScenario): string => (resolved.length === 1 ? claim : `${claim} ${s.id}`);
  const cells: { s: ResolvedScenario; b: Breakdown; col: Column }[] = [];
  for (const a of alternatives)
    for (const s of resolved) {
      const sh = shipmentFromFlags({ ...opts, claim: a.claim }, schedule, ctx.today, s.asOf !== null);
      const r = landedCost(sh, s, index);
      if (!r.ok) throw new DataError(`--claims ${a.label}: ${r.issue.message}`, [r.issue.hint ?? ''], r.issue);
      cells.push({ s, b: r.value, col: { ...columnOf(s, r.value), id: label(a.label, s), asOf: s.asOf ?? r.value.date } });
    }
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
    cells: { s: ResolvedScenario; b: Breakdown; col: Column }[];
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

function finish(cols: Column[], base: Column, failAbove: Dec | undefined, maxRate: Dec | undefined, rejected: number, known: string[] | null): void {
  const failures = known ?? compareGateFailures(cols, base, failAbove, maxRate);
  if (failures.length) {
    // output is complete; the gate decides the exit code
    throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures, rejected);
  }
  if (rejected > 0) process.exitCode = EXIT.dataErr;
}

/** Each scenario's column from its totals (checked in range unless --per-row writes rows instead). */
function totalsColumns(resolved: readonly ResolvedScenario[], totals: readonly BatchTotals[], name: string, perRow: boolean): Column[] {
  return resolved.map((s, i) => {
    const t = totals[i] as BatchTotals;
    const cur = [...t.byCurrency.values()];
    if (cur.length > 1) throw new UsageError('this batch mixes currencies (importers); compare them separately with --importer');
    const c = cur[0];
    // the totals are printed (and judged by the gates) unless --per-row writes rows instead
    if (c && !perRow) checkTotals(name, `totals under ${s.id}`, { ...c, amounts: totalAmounts(c) });
    const byAuthority: Record<string, number> = {};
    for (const [k, v] of c?.dutyByAuthority ?? []) byAuthority[k] = v;
    return columnOf(s, {
      currency: c?.currency ?? 'USD',
      minorDigits: c?.minorDigits ?? 2,
      customsValue: c?.customsValue ?? 0,
      dutyByAuthority: byAuthority,
      duty: c?.duty ?? 0,
      fees: c?.fees ?? 0,
      taxes: c?.taxes ?? 0,
      landedCost: c?.landedCost ?? 0,
    });
  });
}

/** Batch compare: every row priced under every scenario (batch/compare-rows.ts); totals per scenario, or one CSV row per input row. */
async function batchColumns(
  opts: CompareOptions,
  ctx: Ctx,
  index: import('../../schedule/schedule-index.js').ScheduleIndex,
  resolved: ResolvedScenario[],
  baseAt: number,
  sink: BatchSink,
): Promise<{ cols: Column[]; read: number; rejected: number; rejectedList: RejectedJson[] }> {
  const defaults: FieldDefaults = flagDefaults(opts);
  checkFlagDefaults(defaults, index.schedule);
  const r = await compareRows(index, resolved, sink, {
    file: opts.input ?? '-',
    format: (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    delimiter: opts.delimiter as string | undefined,
    columns: opts.columns,
    defaults,
    lenient: lenientOf(opts, 'compare'),
    perRow: opts.perRow === true,
    baseAt,
    today: ctx.today,
    csv: ctx.csv,
    fastPath: ctx.fastPath,
    note: (m) => note(ctx, m),
    rejected: (name, row, count) => {
      if (count <= 50 && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${name}:${row.line}:`)} ${row.message}\n`);
    },
  });
  const { read, rejected, name } = r;
  if (rejected > 0) ctx.err.write(`tariff: ${rejected} of ${read} rows rejected\n`);
  if (read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${name} has a header but no data rows\n`);
  const cols = totalsColumns(resolved, r.totals, name, opts.perRow === true);
  return { cols, read, rejected, rejectedList: r.rejectedList };
}
