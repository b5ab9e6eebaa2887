/**
 * The loops of `tariff compare`: a batch's rows under every scenario (batch/compare-rows.ts) and
 * each scenario's column from its totals; one shipment's columns under each scenario, from each
 * origin, or with each claim alternative. The command (cli/actions/compare.ts) reads the flags,
 * calls one of these, judges the gates and renders the columns.
 */
import type { RejectedJson } from '../render/frame.js';
import type { FieldDefaults } from './columns.js';
import type { BatchTotals } from './pricer.js';
import { compareRows } from './compare-rows.js';
import { landedCost } from '../core/landed-cost.js';
import { columnOf, type Column } from '../core/compare.js';
import type { Breakdown, ResolvedScenario, Shipment } from '../core/types.js';
import { DataError, problemError, UsageError } from '../errors.js';
import type { LenientOptions } from '../io/lenient.js';
import type { ShipmentFields } from '../io/shipment-input.js';
import type { ScheduleIndex } from '../schedule/schedule-index.js';
import { checkTotals, totalAmounts } from './amount-range.js';
import type { BatchSink } from './sink.js';
import { note, sayHeaderOnly, sayRejected, staleWarning, type RunContext } from './run-context.js';

/** one compared column of one shipment: the scenario, the breakdown, the column */
export interface Cell {
  s: ResolvedScenario;
  b: Breakdown;
  col: Column;
}

/** the shipment of the flags, with some of them replaced (an origin and value, a claim); dated: the scenario takes the law of the shipment's date */
export type ShipmentOf = (over: Partial<ShipmentFields>, dated: boolean) => Shipment;

/** a batch compare's input: the file and how to read it, the defaults for its rows, --per-row, the baseline's column */
export interface CompareBatchInput {
  file: string;
  format: 'csv' | 'ndjson';
  delimiter: string | undefined;
  columns: string | undefined;
  defaults: FieldDefaults;
  lenient: LenientOptions | null;
  perRow: boolean;
  baseAt: number;
}

/** Batch compare: every row priced under every scenario (batch/compare-rows.ts); totals per scenario, or one CSV row per input row. */
export async function compareBatchColumns(
  index: ScheduleIndex,
  resolved: ResolvedScenario[],
  sink: BatchSink,
  input: CompareBatchInput,
  ctx: RunContext,
): Promise<{ cols: Column[]; read: number; rejected: number; rejectedList: RejectedJson[] }> {
  const r = await compareRows(index, resolved, sink, {
    ...input,
    today: ctx.today,
    csv: ctx.csv,
    fastPath: ctx.fastPath,
    note: (m) => note(ctx, m),
    rejected: (name, row, count) => sayRejected(ctx, count, name, row.line, row.message),
  });
  const { read, rejected, name } = r;
  if (rejected > 0) ctx.err.write(`tariff: ${rejected} of ${read} rows rejected\n`);
  if (read === 0) sayHeaderOnly(ctx, name);
  const cols = totalsColumns(resolved, r.totals, name, input.perRow);
  return { cols, read, rejected, rejectedList: r.rejectedList };
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

/** One shipment under each scenario; a shipment on a date past verifiedThrough is warned about. */
export function scenarioCells(index: ScheduleIndex, resolved: readonly ResolvedScenario[], shipmentOf: ShipmentOf, ctx: RunContext): Cell[] {
  return resolved.map((s) => {
    const sh = shipmentOf({}, s.asOf !== null);
    const r = landedCost(sh, s, index);
    if (!r.ok) throw problemError(r.issue);
    if (!ctx.quiet) staleWarning(ctx, index.schedule, r.value.date);
    return { s, b: r.value, col: columnOf(s, r.value) };
  });
}

/** One column per origin (× scenario when several), each priced with its own value (one value: the same for all). */
export function originCells(
  index: ScheduleIndex,
  resolved: readonly ResolvedScenario[],
  shipmentOf: ShipmentOf,
  origins: readonly string[],
  values: readonly string[],
): (Cell & { origin: string; value: string })[] {
  const label = (origin: string, s: ResolvedScenario): string => (resolved.length === 1 ? origin : `${origin} ${s.id}`);
  const cells: (Cell & { origin: string; value: string })[] = [];
  origins.forEach((origin, i) => {
    const value = (values.length === 1 ? values[0] : values[i]) as string;
    for (const s of resolved) {
      const sh = shipmentOf({ origin, value }, s.asOf !== null);
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
  return cells;
}

/** One column per claim alternative (× scenario when several), the same shipment in each; a refused claim is an error, as --claim's is. */
export function claimCells(
  index: ScheduleIndex,
  resolved: readonly ResolvedScenario[],
  shipmentOf: ShipmentOf,
  alternatives: readonly { label: string; claim: string | undefined }[],
): Cell[] {
  const label = (claim: string, s: ResolvedScenario): string => (resolved.length === 1 ? claim : `${claim} ${s.id}`);
  const cells: Cell[] = [];
  for (const a of alternatives)
    for (const s of resolved) {
      const sh = shipmentOf({ claim: a.claim }, s.asOf !== null);
      const r = landedCost(sh, s, index);
      if (!r.ok) throw new DataError(`--claims ${a.label}: ${r.issue.message}`, [r.issue.hint ?? ''], r.issue);
      cells.push({ s, b: r.value, col: { ...columnOf(s, r.value), id: label(a.label, s), asOf: s.asOf ?? r.value.date } });
    }
  return cells;
}
