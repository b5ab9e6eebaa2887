/**
 * The JSON documents of `tariff compare`: scenarios of one shipment, a batch's totals by scenario,
 * and origins side by side; each with the change against the baseline and the checks applied.
 * Money in major units (from integer minor units as text), fractions as JSON numbers.
 */
import { checksJson, type CheckJson, type RejectedJson } from './frame.js';
import { delta, effectiveRate, type Column } from '../core/compare.js';
import { centsToPlain, decToString, type Dec } from '../core/decimal.js';
import type { Breakdown, ResolvedScenario, Schedule } from '../core/types.js';
import { breakdownJson, JSON_SCHEMA_VERSION, scheduleStamp, type BreakdownJson, type ScheduleStamp } from './breakdown-json.js';

export interface CompareChecksJson {
  /** the flags as typed */
  failAbove: string | null;
  maxEffectiveRate: string | null;
  /** the same as fractions: --fail-above 20 → 0.2 */
  limits: { failAbove: number | null; maxEffectiveRate: number | null };
  failures: string[];
}

/** One scenario of one shipment: its breakdown and the change against the baseline. */
export interface CompareScenarioJson extends BreakdownJson {
  id: string;
  asOf: string | null;
  whatIf: boolean;
  delta: number;
  deltaPct: number | null;
}

/** One scenario of a batch: its totals. */
export interface CompareTotalsJson {
  id: string;
  asOf: string | null;
  whatIf: boolean;
  currency: string;
  customsValue: number;
  dutyByAuthority: Record<string, number>;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  effectiveRate: number;
  delta: number;
  deltaPct: number | null;
}

/** One origin (× scenario) column of a sourcing comparison. */
export interface CompareColumnJson extends CompareScenarioJson {
  column: string;
}

/** An NDJSON line of a sourcing comparison: the column's breakdown and its change in money. */
export interface CompareColumnLineJson extends BreakdownJson {
  column: string;
  id: string;
  asOf: string | null;
  delta: number;
}

interface DocumentHead {
  schemaVersion: number;
  schedule: ScheduleStamp;
  baseline: string;
}

export interface CompareDocument extends DocumentHead {
  scenarios: CompareScenarioJson[];
  /** the gates as given and their limits (was `checks` before schemaVersion 2) */
  gates: CompareChecksJson;
  assumptions: string[];
  rejected?: RejectedJson[];
  checks: CheckJson[];
  notes: string[];
}

export interface CompareBatchDocument extends DocumentHead {
  rows: { read: number; priced: number; rejected: number };
  scenarios: CompareTotalsJson[];
  /** the gates as given and their limits (was `checks` before schemaVersion 2) */
  gates: CompareChecksJson;
  assumptions: string[];
  rejected?: RejectedJson[];
  checks: CheckJson[];
  notes: string[];
}

export interface CompareOriginsDocument extends DocumentHead {
  columns: CompareColumnJson[];
  /** the gates as given and their limits (was `checks` before schemaVersion 2) */
  gates: CompareChecksJson;
  assumptions: string[];
  rejected?: RejectedJson[];
  checks: CheckJson[];
  notes: string[];
}

const fraction = (d: Dec): number => Number(decToString(d));

export function compareChecksJson(
  text: { failAbove?: string | undefined; maxEffectiveRate?: string | undefined },
  failAbove: Dec | undefined,
  maxRate: Dec | undefined,
  failures: string[],
): CompareChecksJson {
  return {
    failAbove: text.failAbove ?? null,
    maxEffectiveRate: text.maxEffectiveRate ?? null,
    limits: { failAbove: failAbove === undefined ? null : fraction(failAbove), maxEffectiveRate: maxRate === undefined ? null : fraction(maxRate) },
    failures,
  };
}

/** The frame's checks[] (render/frame.ts) from the gates, and its notes. */
function frameOf(g: CompareChecksJson): { checks: CheckJson[]; notes: string[] } {
  const gates: [string, string, number][] = [];
  if (g.failAbove !== null && g.limits.failAbove !== null) gates.push(['--fail-above', g.failAbove, g.limits.failAbove]);
  if (g.maxEffectiveRate !== null && g.limits.maxEffectiveRate !== null) gates.push(['--max-effective-rate', g.maxEffectiveRate, g.limits.maxEffectiveRate]);
  return { checks: checksJson(gates, g.failures), notes: [] };
}

/** The assumptions of every compared scenario, once each. */
export function compareAssumptions(resolved: readonly ResolvedScenario[]): string[] {
  return [...new Set(resolved.flatMap((s) => s.assumptions))];
}

function scenarioJson(s: ResolvedScenario, b: Breakdown, col: Column, base: Column): CompareScenarioJson {
  const d = delta(col, base);
  return {
    id: s.id,
    asOf: s.asOf,
    whatIf: s.whatIf,
    ...breakdownJson(b),
    delta: Number(centsToPlain(d.delta, col.minorDigits)),
    deltaPct: d.deltaPct === null ? null : fraction(d.deltaPct),
  };
}

/** Scenarios of one shipment: `results[i]` is priced under `resolved[i]`, as `cols[i]`. */
export function compareDocument(
  schedule: Schedule,
  baseline: string,
  cells: readonly { s: ResolvedScenario; b: Breakdown; col: Column }[],
  base: Column,
  checks: CompareChecksJson,
  assumptions: string[],
): CompareDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(schedule),
    baseline,
    scenarios: cells.map(({ s, b, col }) => scenarioJson(s, b, col, base)),
    gates: checks,
    assumptions,
    ...frameOf(checks),
  };
}

export function totalsJson(c: Column, base: Column): CompareTotalsJson {
  const m = (v: number): number => Number(centsToPlain(v, c.minorDigits));
  const d = delta(c, base);
  return {
    id: c.id,
    asOf: c.asOf,
    whatIf: c.whatIf,
    currency: c.currency,
    customsValue: m(c.customsValue),
    dutyByAuthority: Object.fromEntries(Object.entries(c.dutyByAuthority).map(([k, v]) => [k, m(v)])),
    duty: m(c.duty),
    fees: m(c.fees),
    taxes: m(c.taxes),
    landedCost: m(c.landedCost),
    effectiveRate: fraction(effectiveRate(c)),
    delta: m(d.delta),
    deltaPct: d.deltaPct === null ? null : fraction(d.deltaPct),
  };
}

/** A batch's totals by scenario. */
export function compareBatchDocument(
  schedule: Schedule,
  rows: { read: number; rejected: number },
  cols: readonly Column[],
  base: Column,
  checks: CompareChecksJson,
  assumptions: string[],
  rejected: RejectedJson[] = [],
): CompareBatchDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(schedule),
    baseline: base.id,
    rows: { read: rows.read, priced: rows.read - rows.rejected, rejected: rows.rejected },
    scenarios: cols.map((c) => totalsJson(c, base)),
    gates: checks,
    assumptions,
    rejected,
    ...frameOf(checks),
  };
}

/** Origins (× scenarios) side by side. */
export function compareOriginsDocument(
  schedule: Schedule,
  cells: readonly { s: ResolvedScenario; b: Breakdown; col: Column }[],
  base: Column,
  checks: CompareChecksJson,
  assumptions: string[],
): CompareOriginsDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(schedule),
    baseline: base.id,
    columns: cells.map(({ s, b, col }) => ({ column: col.id, ...scenarioJson(s, b, col, base) })),
    gates: checks,
    assumptions,
    ...frameOf(checks),
  };
}

export function compareColumnLine(s: ResolvedScenario, b: Breakdown, col: Column, base: Column): CompareColumnLineJson {
  return { column: col.id, id: s.id, asOf: s.asOf, ...breakdownJson(b), delta: Number(centsToPlain(delta(col, base).delta, col.minorDigits)) };
}
