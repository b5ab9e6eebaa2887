/** `tariff calc` for one shipment given by flags; a CSV input goes to the batch path. */
import { landedCost } from '../../core/landed-cost.js';
import type { ResolvedScenario } from '../../core/types.js';
import { DataError, UsageError } from '../../errors.js';
import type { ShipmentFields } from '../../io/shipment-input.js';
import { shipmentFromFlags } from '../shipment-flags.js';
import { calcDocument } from '../../render/breakdown-json.js';
import { renderBreakdownTable } from '../../render/breakdown-table.js';
import { staleWarning, write, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../prepare-run.js';

export interface CalcOptions extends GlobalOptions, ShipmentFields {
  scenario?: string;
  set?: string[];
  disable?: string[];
  explain?: boolean;
  input?: string;
  format?: string;
  contentList?: string[];
  [key: string]: unknown;
}

/** A single shipment is given by --hts or --value; otherwise piped stdin is read as CSV. */
export function hasShipmentFlags(opts: Record<string, unknown>): boolean {
  return opts.hts !== undefined || opts.value !== undefined;
}

export async function calc(opts: CalcOptions, ctx: Ctx): Promise<void> {
  const batch = opts.input !== undefined || (!hasShipmentFlags(opts) && !ctx.stdinIsTTY);
  if (batch) {
    const { calcBatch } = await import('./calc-batch.js');
    await calcBatch(opts, ctx);
    return;
  }
  if (opts.scenario?.includes(',')) throw new UsageError('calc takes one scenario', ['to compare several, use `tariff compare --scenario a,b,c`']);
  if (opts.format !== undefined && !['table', 'json'].includes(opts.format)) throw new UsageError(`--format ${opts.format} is for CSV input (--input); one shipment prints as table or json`);

  const { schedule, index, resolved } = await prepareRun(runOptions(opts, [opts.scenario]));
  const scenario = resolved[0] as ResolvedScenario;
  const shipment = shipmentFromFlags(opts, schedule, ctx.today, scenario.asOf !== null);

  const result = landedCost(shipment, scenario, index);
  if (!result.ok) {
    const i = result.issue;
    throw new DataError(i.message, [i.hint ?? '']);
  }
  const b = result.value;
  if (!ctx.quiet) staleWarning(ctx, schedule, b.date);
  if (opts.format === 'json') {
    await write(ctx.out, `${JSON.stringify(calcDocument(b, schedule, scenario.asOf), null, 2)}\n`);
  } else {
    await write(ctx.out, renderBreakdownTable(b, ctx.c, { explain: Boolean(opts.explain) }));
  }
}
