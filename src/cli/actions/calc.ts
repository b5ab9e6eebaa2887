/** `tariff calc` for one shipment given by flags; a CSV input goes to the batch path. */
import { claimEffects } from '../../core/claims.js';
import { landedCost } from '../../core/landed-cost.js';
import type { Breakdown, ResolvedScenario } from '../../core/types.js';
import { CheckFailedError, problemError, UsageError } from '../../errors.js';
import { gateFailures, gateList } from '../../core/gates.js';
import { parseGates } from '../gates.js';
import { checksJson } from '../../render/frame.js';
import type { ShipmentFields } from '../../io/shipment-input.js';
import { shipmentFromFlags } from '../shipment-flags.js';
import { calcDocument } from '../../render/breakdown-json.js';
import { renderBreakdownTable } from '../../render/breakdown-table.js';
import { breakdownCsv, breakdownMarkdown } from '../../render/breakdown-flat.js';
import { info, note, plain as plainColors, staleWarning, verboseSchedule, warn, type Ctx, type GlobalOptions } from '../context.js';
import { TABLE_RUN_OUT } from '../../core/plan.js';
import { emit } from '../emit.js';
import { checkTargets, type SinkTargets } from '../../batch/sink.js';
import { changeText, lenientFields, LENIENT_ASSUMPTION } from '../../io/lenient.js';
import { lenientOf, type InputFlags, type LenientFlags, type WhatIfFlags } from '../options.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';

export interface CalcOptions extends GlobalOptions, ShipmentFields, InputFlags, LenientFlags, WhatIfFlags {
  scenario?: string;
  /** -o FILE (one shipment or a batch) and --rejects FILE (a batch) */
  output?: string;
  rejects?: string;
  explain?: boolean;
  format?: string;
  contentList?: string[];
  /** the gates (cli/gates.ts) */
  maxEffectiveRate?: string;
  maxDuty?: string;
}

/** calc's outputs and the inputs they must not be. */
export function calcTargets(opts: CalcOptions): SinkTargets {
  return {
    output: opts.output,
    rejects: opts.rejects,
    inputs: [['--input', opts.input], ['--schedule', opts.schedule], ...(opts.scenarioFile ?? []).map((f) => ['--scenario-file', f] as const)],
  };
}

/** A single shipment is given by --hts or --value; otherwise piped stdin is read as CSV. */
export function hasShipmentFlags(opts: { readonly hts?: unknown; readonly value?: unknown }): boolean {
  return opts.hts !== undefined || opts.value !== undefined;
}

export async function calc(opts: CalcOptions, ctx: Ctx): Promise<void> {
  if (isBatch(opts, ctx)) {
    const { calcBatch } = await import('./calc-batch.js');
    await calcBatch(opts, ctx);
    return;
  }
  checkOneShipment(opts);
  const gates = parseGates(opts, 'calc');
  const one = await priceOne(opts, ctx);
  const b = one.breakdown;
  // judged before the output is written, so that the JSON says how; thrown after it
  const failures = gateFailures(
    [{ label: 'the shipment', currency: b.currency, minorDigits: b.minorDigits, customsValue: b.customsValue, duty: b.duty }],
    gates,
  );
  const text = renderOne(opts, ctx, one, checksJson(gateList(gates), failures));
  // -o: one shipment is written like a batch, atomically
  await emit(ctx, text, { ...calcTargets(opts), rejects: undefined, excel: { bom: opts.bom, crlf: opts.crlf } });
  if (failures.length) throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures);
}

/** a file (or piped stdin) of shipments, rather than one given by flags */
function isBatch(opts: CalcOptions, ctx: Ctx): boolean {
  if (opts.input !== undefined && hasShipmentFlags(opts)) {
    throw new UsageError(`a file of shipments and --hts/--value: give one or the other`, [
      'a file: tariff calc entries.csv (--origin, --mode ... are defaults for its rows)',
      'one shipment: tariff calc --hts 9503.00.00 --origin CN --value 10000',
    ]);
  }
  // -o "" and an output that is an input are refused before anything is read
  checkTargets(calcTargets(opts));
  return opts.input !== undefined || (!hasShipmentFlags(opts) && !ctx.stdinIsTTY);
}

function checkOneShipment(opts: CalcOptions): void {
  const batchOnly = batchFlagsGiven(opts);
  if (batchOnly.length) {
    throw new UsageError(`${batchOnly.join(', ')}: for a batch (a CSV of shipments), not for one shipment given by --hts/--value`, [
      `price a file: tariff calc entries.csv ${batchOnly.join(' ')}`,
    ]);
  }
  if (opts.scenario?.includes(',')) throw new UsageError('calc takes one scenario', ['to compare several, use `tariff compare --scenario a,b,c`']);
}

interface OneShipment {
  schedule: Awaited<ReturnType<typeof prepareRun>>['schedule'];
  index: Awaited<ReturnType<typeof prepareRun>>['index'];
  scenario: ResolvedScenario;
  shipment: ReturnType<typeof shipmentFromFlags>;
  breakdown: Breakdown;
}

/** the shipment of the flags, priced; what it cannot be priced for is said on stderr */
async function priceOne(opts: CalcOptions, ctx: Ctx): Promise<OneShipment> {
  const { schedule, index, resolved } = await prepareRun(runOptions(opts, [opts.scenario]));
  verboseSchedule(opts, schedule);
  const scenario = resolved[0] as ResolvedScenario;
  const lenient = lenientOf(opts, 'calc');
  let fields: CalcOptions = opts;
  if (lenient) {
    const l = lenientFields(opts, lenient);
    fields = { ...opts, ...l.fields };
    for (const c of l.changes) note(ctx, `--lenient: ${changeText(c, (f) => `--${f}`)}`);
  }
  const shipment = shipmentFromFlags(fields, schedule, ctx.today, scenario.asOf !== null);
  info(ctx, `scenario ${scenario.id}: the law of ${scenario.asOf ?? shipment.date ?? ctx.today}`);

  const result = landedCost(shipment, scenario, index);
  if (!result.ok) throw problemError(result.issue);
  const b = lenient ? { ...result.value, assumptions: [...result.value.assumptions, LENIENT_ASSUMPTION] } : result.value;
  if (!ctx.quiet) staleWarning(ctx, schedule, b.date);
  // what the schedule cannot price on this date (a fee table that ran out) is said on stderr too
  if (!ctx.quiet) for (const n of b.notes) if (n.startsWith(TABLE_RUN_OUT)) warn(ctx, n.slice('warning: '.length));
  return { schedule, index, scenario, shipment, breakdown: b };
}

function renderOne(opts: CalcOptions, ctx: Ctx, one: OneShipment, checks: ReturnType<typeof checksJson>): string {
  const { schedule, index, scenario, shipment, breakdown: b } = one;
  const claims = opts.format === 'json' || opts.format === 'ndjson' || opts.explain ? claimEffects(shipment, scenario, index, b) : [];
  if (opts.format === 'json') return `${JSON.stringify(calcDocument(b, schedule, scenario.asOf, checks, claims), null, 2)}\n`;
  if (opts.format === 'ndjson') return `${JSON.stringify(calcDocument(b, schedule, scenario.asOf, checks, claims))}\n`;
  if (opts.format === 'csv')
    return breakdownCsv(b, schedule, { hts: opts.hts as string, origin: opts.origin as string, value: opts.value as string }, scenario.redefinitions);
  if (opts.format === 'markdown') return breakdownMarkdown(b);
  return renderBreakdownTable(b, opts.output ? plainColors : ctx.c, {
    explain: Boolean(opts.explain),
    width: opts.output ? Infinity : ctx.tableWidth,
    claims,
  });
}

/** The flags of calc that only a batch reads (one rule: a flag that does not apply is a usage error). */
function batchFlagsGiven(opts: CalcOptions & { rejects?: string; strict?: boolean; allowRagged?: boolean; summary?: boolean; jobs?: string }): string[] {
  const out: string[] = [];
  if (opts.rejects !== undefined) out.push('--rejects');
  if (opts.strict) out.push('--strict');
  if (opts.allowRagged) out.push('--allow-ragged');
  if (opts.summary) out.push('--summary');
  if (opts.jobs !== undefined) out.push('--jobs');
  if (opts.inputFormat !== undefined && opts.inputFormat !== 'csv') out.push('--input-format');
  if (opts.delimiter !== undefined) out.push('--delimiter');
  if (opts.columns !== undefined) out.push('--columns');
  return out;
}
