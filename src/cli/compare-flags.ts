/**
 * The flags of `tariff compare` read and checked (the scenarios by default, the thresholds, the
 * claim alternatives, --lenient on the shipment's flags, a batch's input), and the gates judged:
 * each failure in words, and the exit code once the output has been written in full.
 */
import { flagDefaults, type FieldDefaults } from '../batch/columns.js';
import type { CompareBatchInput, ShipmentOf } from '../batch/compare-run.js';
import { percentString, centsToPlain, type Dec } from '../core/decimal.js';
import type { Scenario, Schedule } from '../core/types.js';
import { CheckFailedError, EXIT, UsageError } from '../errors.js';
import type { ShipmentFields } from '../io/shipment-input.js';
import { changeText, lenientFields, LENIENT_ASSUMPTION } from '../io/lenient.js';
import { lenientOf, type InputFlags, type LenientFlags, type WhatIfFlags } from './options.js';
import { aboveBaseline, type Column } from '../core/compare.js';
import { gateFailures, ratioAboveText } from '../core/gates.js';
import { parseGates, percentGate } from './gates.js';
import { note, type Ctx, type GlobalOptions } from './context.js';
import { checkFlagDefaults, shipmentFromFlags } from './shipment-flags.js';

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
export function defaultIds(scenarios: readonly Scenario[], dated: boolean): string[] {
  return [...scenarios]
    .filter((s) => s.asOf !== null || dated)
    .sort((a, b) => (a.asOf ?? '9999').localeCompare(b.asOf ?? '9999'))
    .map((s) => s.id);
}

/**
 * The gates: each failure in words, naming the scenario and the figures. --max-effective-rate is
 * calc's gate (core/gates.ts gateFailures), judged and worded as calc judges and words it;
 * --fail-above (a rise over the base scenario's landed cost) is compare's own, judged exactly here
 * and worded with core's ratioAboveText.
 */
export function compareGateFailures(cols: Column[], base: Column, failAbove: Dec | undefined, maxRate: Dec | undefined): string[] {
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

/** The --fail-above and --max-effective-rate thresholds, when given. */
export interface CompareGates {
  failAbove: Dec | undefined;
  maxRate: Dec | undefined;
}

/** The thresholds read by the gates' one reader (cli/gates.ts), worded as calc words them. */
export function thresholds(opts: CompareOptions): CompareGates {
  return { failAbove: percentGate(opts.failAbove, '--fail-above', 'compare'), maxRate: parseGates(opts, 'compare').maxRate };
}

/** --lenient: the shipment flags read leniently here (a batch's rows are read so by the pricers). */
export function lenientShipment(given: CompareOptions, ctx: Ctx): CompareOptions {
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

/** The shipment of the flags, some of them replaced: what each column prices. */
export function shipmentOf(opts: CompareOptions, ctx: Ctx, schedule: Schedule): ShipmentOf {
  return (over, dated) => shipmentFromFlags({ ...opts, ...over }, schedule, ctx.today, dated);
}

export const splitList = (v: string): string[] =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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

export function finish(cols: Column[], base: Column, failAbove: Dec | undefined, maxRate: Dec | undefined, rejected: number, known: string[] | null): void {
  const failures = known ?? compareGateFailures(cols, base, failAbove, maxRate);
  if (failures.length) {
    // output is complete; the gate decides the exit code
    throw new CheckFailedError(`${failures.length} check${failures.length > 1 ? 's' : ''} failed`, failures, rejected);
  }
  if (rejected > 0) process.exitCode = EXIT.dataErr;
}

/** A batch's input: the file, how to read it, the defaults for its rows (checked against the schedule). */
export function batchInput(opts: CompareOptions, schedule: Schedule, baseAt: number): CompareBatchInput {
  const defaults: FieldDefaults = flagDefaults(opts);
  checkFlagDefaults(defaults, schedule);
  return {
    file: opts.input ?? '-',
    format: (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    delimiter: opts.delimiter as string | undefined,
    columns: opts.columns,
    defaults,
    lenient: lenientOf(opts, 'compare'),
    perRow: opts.perRow === true,
    baseAt,
  };
}
