/**
 * `tariff sweep`: landed cost as one parameter varies — an authority's or measure's rate, the
 * value, the freight or the exchange rate — and, with an alternative origin, the break-even: the
 * smallest rate at which the alternative is cheaper, found exactly to 0.01 percentage point.
 * The varied rate is the base shipment's: the alternative is priced under the scenario's own law
 * (a Vietnamese alternative pays Vietnam's reciprocal rate, whatever rate China is swept through).
 */
import type { WhatIfFlags } from '../options.js';
import { parseDec, pow10 } from '../../core/decimal.js';
import type { SweepParam, SweepRange } from '../../core/sweep.js';
import { nearestNames } from '../../core/suggest.js';
import type { Schedule, Shipment } from '../../core/types.js';
import { UsageError } from '../../errors.js';
import { sweepRun } from '../../batch/sweep-run.js';
import { parseMoneyField, type ShipmentFields } from '../../io/shipment-input.js';
import { renderSweep, type SweepResult } from '../../render/sweep.js';
import { isCountryCode } from '../../core/countries.js';
import { parseHtsInput } from '../../core/hts.js';
import { staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { emit } from '../emit.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { shipmentFromFlags } from '../shipment-flags.js';

export interface SweepOptions extends GlobalOptions, ShipmentFields, WhatIfFlags {
  scenario?: string;
  vary?: string;
  altOrigin?: string;
  altValue?: string;
  altHts?: string;
  format?: string;
}

const RANGE = /^([a-z0-9][a-z0-9.-]*)=([0-9.]+)%?\.\.([0-9.]+)(%?)(?::([0-9.]+)%?)?$/;

/** "ieepa-reciprocal=0..150%:5", "value=5000..20000:1000", "fx=0.13..0.15:0.005" */
export function parseVary(text: string, known: ReadonlySet<string>): SweepRange {
  const m = RANGE.exec(text.trim());
  if (!m)
    throw new UsageError(`--vary ${JSON.stringify(text)}: expected TARGET=FROM..TO[:STEP]`, [
      'e.g. --vary ieepa-reciprocal=0..150%:5 or --vary value=5000..20000:1000',
    ]);
  const name = m[1] as string;
  const money = ['value', 'freight', 'insurance'].includes(name);
  const param: SweepParam = money ? { kind: name as 'value' } : name === 'fx' ? { kind: 'fx' } : { kind: 'rate', target: name };
  if (param.kind === 'rate' && !known.has(name)) {
    const near = nearestNames(name, [...known]);
    throw new UsageError(`--vary: unknown measure or authority "${name}"`, [
      near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'see the schedule for ids',
    ]);
  }
  const scale = param.kind === 'rate' ? 2 : param.kind === 'fx' ? 6 : 2;
  const num = (s: string | undefined, what: string): number => {
    const d = s === undefined ? undefined : parseDec(s);
    if (!d || d.s > scale) throw new UsageError(`--vary ${JSON.stringify(text)}: ${what} must be a number with at most ${scale} decimals`);
    return d.n * pow10(scale - d.s);
  };
  const from = num(m[2], 'FROM');
  const to = num(m[3], 'TO');
  const step = m[5] === undefined ? Math.max(1, Math.round((to - from) / 20)) : num(m[5], 'STEP');
  if (to < from) throw new UsageError(`--vary ${JSON.stringify(text)}: TO is below FROM`);
  if (step <= 0) throw new UsageError(`--vary ${JSON.stringify(text)}: STEP must be positive`);
  if ((to - from) / step > 10_000) throw new UsageError(`--vary ${JSON.stringify(text)}: more than 10,000 steps`, ['use a larger STEP']);
  return { param, from, to, step, scale };
}

export async function sweep(opts: SweepOptions, ctx: Ctx): Promise<void> {
  if (opts.vary === undefined) throw new UsageError('missing --vary', ['e.g. --vary ieepa-reciprocal=0..150%:5']);
  // the scenario is resolved after --vary is read, so that a bad range is reported first
  const run = await prepareRun(runOptions(opts, []));
  const { schedule, index, available: scenarios, extra, known } = run;
  verboseSchedule(opts, schedule);
  const range = parseVary(opts.vary, known);
  const scenario = run.resolve(opts.scenario);
  const base = shipmentFromFlags(opts, schedule, ctx.today, scenario.asOf !== null);
  if (!ctx.quiet) staleWarning(ctx, schedule, scenario.asOf ?? base.date ?? ctx.today);
  if (range.param.kind === 'fx' && base.currency === undefined) throw new UsageError('--vary fx needs --currency (the currency the goods are priced in)');
  const alt = altShipment(opts, ctx, schedule, scenario.asOf !== null, range);
  const { steps, breakEven } = sweepRun({ index, scenarios, id: scenario.id, extra, base, alt, range });
  const result: SweepResult = { schedule, scenario, vary: opts.vary, range, steps, baseOrigin: base.origin, altOrigin: alt?.origin ?? null, breakEven };
  await emit(ctx, renderSweep(opts.format ?? 'table', result, ctx.c, ctx.csv));
}

/** The alternative of --alt-origin, --alt-value, --alt-hts (the base shipment's flags for the others), or null. */
function altShipment(opts: SweepOptions, ctx: Ctx, schedule: Schedule, dated: boolean, range: SweepRange): Shipment | null {
  if (opts.altOrigin === undefined && opts.altValue === undefined && opts.altHts === undefined) return null;
  // check the alternative's own flags first, so that an error names the flag the user typed
  if (opts.altOrigin !== undefined && !isCountryCode(opts.altOrigin.trim().toUpperCase())) {
    throw new UsageError(`--alt-origin ${JSON.stringify(opts.altOrigin)} is not an ISO 3166-1 country code`, ['use two letters, e.g. VN, MX, IN']);
  }
  if (opts.altHts !== undefined && parseHtsInput(opts.altHts) === undefined) {
    throw new UsageError(`--alt-hts ${JSON.stringify(opts.altHts)} is not an HTS code`, ['expected 4–10 digits with optional dots']);
  }
  if (opts.altValue !== undefined) {
    const v = parseMoneyField(opts.altValue, '--alt-value');
    if (!v.ok) throw new UsageError(v.issue.message, [v.issue.hint ?? ''], v.issue);
  }
  const alt = shipmentFromFlags(
    { ...opts, origin: opts.altOrigin ?? opts.origin, value: opts.altValue ?? opts.value, hts: opts.altHts ?? opts.hts },
    schedule,
    ctx.today,
    dated,
  );
  if (range.param.kind !== 'rate') throw new UsageError('--alt-origin/--alt-value go with a rate sweep (--vary AUTHORITY=FROM..TO%)');
  return alt;
}
