/** `tariff calc` for one shipment given by flags; a CSV input goes to the batch path. */
import { landedCost } from '../../core/landed-cost.js';
import type { ResolvedScenario } from '../../core/types.js';
import { CheckFailedError, DataError, UsageError } from '../../errors.js';
import { gateFailures, parseGates } from '../gates.js';
import type { ShipmentFields } from '../../io/shipment-input.js';
import { shipmentFromFlags } from '../shipment-flags.js';
import { calcDocument } from '../../render/breakdown-json.js';
import { renderBreakdownTable } from '../../render/breakdown-table.js';
import { breakdownCsv, breakdownMarkdown } from '../../render/breakdown-flat.js';
import { info, note, plain as plainColors, staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { emit } from '../emit.js';
import { checkTargets, type SinkTargets } from '../../batch/sink.js';
import { changeText, lenientFields, LENIENT_ASSUMPTION } from '../../io/lenient.js';
import { lenientOf, type InputFlags, type LenientFlags, type WhatIfFlags } from '../options.js';
import { prepareRun, runOptions } from '../prepare-run.js';

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
  if (opts.input !== undefined && hasShipmentFlags(opts)) {
    throw new UsageError(`a file of shipments and --hts/--value: give one or the other`, [
      'a file: tariff calc entries.csv (--origin, --mode ... are defaults for its rows)',
      'one shipment: tariff calc --hts 9503.00.00 --origin CN --value 10000',
    ]);
  }
  // -o "" and an output that is an input are refused before anything is read
  checkTargets(calcTargets(opts));
  const batch = opts.input !== undefined || (!hasShipmentFlags(opts) && !ctx.stdinIsTTY);
  if (batch) {
    const { calcBatch } = await import('./calc-batch.js');
    await calcBatch(opts, ctx);
    return;
  }
  if (opts.scenario?.includes(',')) throw new UsageError('calc takes one scenario', ['to compare several, use `tariff compare --scenario a,b,c`']);

  const gates = parseGates(opts, 'calc');
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
  if (!result.ok) {
    const i = result.issue;
    throw new DataError(i.message, [i.hint ?? '']);
  }
  const b = lenient ? { ...result.value, assumptions: [...result.value.assumptions, LENIENT_ASSUMPTION] } : result.value;
  if (!ctx.quiet) staleWarning(ctx, schedule, b.date);
  const text =
    opts.format === 'json'
      ? `${JSON.stringify(calcDocument(b, schedule, scenario.asOf), null, 2)}\n`
      : opts.format === 'ndjson'
        ? `${JSON.stringify(calcDocument(b, schedule, scenario.asOf))}\n`
        : opts.format === 'csv'
          ? breakdownCsv(b, schedule, { hts: opts.hts as string, origin: opts.origin as string, value: opts.value as string }, scenario.redefinitions)
          : opts.format === 'markdown'
            ? breakdownMarkdown(b)
            : renderBreakdownTable(b, opts.output ? plainColors : ctx.c, { explain: Boolean(opts.explain), width: opts.output ? Infinity : ctx.tableWidth });
  // -o: one shipment is written like a batch, atomically
  await emit(ctx, text, { ...calcTargets(opts), rejects: undefined, excel: { bom: opts.bom, crlf: opts.crlf } });
  const failures = gateFailures(
    [{ label: 'the shipment', currency: b.currency, minorDigits: b.minorDigits, customsValue: b.customsValue, duty: b.duty }],
    gates,
  );
  if (failures.length) throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures);
}
