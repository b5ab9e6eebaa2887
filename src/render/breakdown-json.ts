/**
 * A breakdown as the documented JSON document (README "JSON output"). Money is a number in major
 * units rounded to the cent, written from the integer cents as text so no float arithmetic is
 * involved; rates are strings ("7.5%") with the structured form beside them.
 */
import type { ClaimEffect } from '../core/claims.js';
import { shortDescription } from '../core/words.js';
import type { CheckJson } from './frame.js';
import { centsToNumber, decToString } from '../core/decimal.js';
import { rateJson, type RateJson } from '../core/rate-kinds.js';
import type { AppliedLine, Breakdown, EntryType, Importer, Mode, NotApplied, Schedule } from '../core/types.js';
import { reportHts, type ReportPosition } from '../core/report-hts.js';

/** 2: every document has the common frame (render/frame.ts); compare's `checks` object became `gates` (CHANGELOG.md) */
export const JSON_SCHEMA_VERSION = 2;

/** Which schedule priced a document: every document carries it. */
export interface ScheduleStamp {
  version: string;
  hash: string;
  verifiedThrough: string;
}

export type { RateJson } from '../core/rate-kinds.js';

/** One applied line of a breakdown (money in major units). */
export interface LineJson {
  authority: string;
  measure: string;
  kind: AppliedLine['kind'];
  title: string;
  ref: string;
  instrument: string;
  rate: string;
  rateSpec: RateJson;
  base: number;
  baseLabel: string;
  amount: number;
  formula: string;
  sources: readonly string[];
  note?: string;
  overridden?: true;
}

/** One shipment's result (README "JSON output"); money in major units rounded to the cent. */
export interface BreakdownJson {
  scenario: string;
  date: string;
  entryDate: string | null;
  importer: string;
  origin: string;
  hts: string;
  htsLine: string;
  description: string;
  mode: Mode | null;
  entryType: EntryType | null;
  currency: string;
  valuation: Importer['valuation'];
  goodsValue: number;
  freight: number;
  insurance: number;
  customsValue: number;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  effectiveRate: number;
  dutyByAuthority: Record<string, number>;
  fx: { currency: string; rate: string; date: string | null; source: string } | null;
  lines: LineJson[];
  notApplied: NotApplied[];
  /** the HTS numbers to report on the entry line, in CBP's order (src/core/report-hts.ts); null outside the US */
  reportHts: ReportHtsJson[] | null;
  assumptions: readonly string[];
  notes: string[];
}

/** One number of an entry line as CBP orders them (money in major units). */
export interface ReportHtsJson {
  hts: string | null;
  ref: string;
  position: ReportPosition;
  authority: string;
  rate: string;
  amount: number;
}

/** `tariff calc --format json` for one shipment. */
export interface CalcDocument extends BreakdownJson {
  schemaVersion: number;
  schedule: ScheduleStamp;
  scenarioAsOf: string | null;
  /** the frame's checks (render/frame.ts); its notes are the breakdown's */
  checks: CheckJson[];
  /** each claim the schedule offers for this shipment and what it would change (money in major units) */
  claimsNotMade: {
    claim: string;
    refs: string[];
    programme: string | null;
    specialRate: string | null;
    duty: number | null;
    landedCost: number | null;
    issue: string | null;
  }[];
}

function lineJson(l: AppliedLine, minor: number): LineJson {
  return {
    authority: l.authority,
    measure: l.measure,
    kind: l.kind,
    title: l.title,
    ref: l.ref,
    instrument: l.instrument,
    rate: l.rateText,
    rateSpec: rateJson(l.rate, minor),
    base: centsToNumber(l.base, minor),
    baseLabel: l.baseLabel,
    amount: centsToNumber(l.amount, minor),
    formula: l.formula,
    sources: l.sources,
    ...(l.note ? { note: l.note } : {}),
    ...(l.overridden ? { overridden: true as const } : {}),
  };
}

export function scheduleStamp(schedule: Schedule): ScheduleStamp {
  return { version: schedule.meta.version, hash: schedule.hash, verifiedThrough: schedule.meta.verifiedThrough };
}

/** The result object for one shipment (also one NDJSON line, with `line` and `id` added by batch). */
export function breakdownJson(b: Breakdown): BreakdownJson {
  const m = b.minorDigits;
  const money = (c: number): number => centsToNumber(c, m);
  const byAuthority: Record<string, number> = {};
  for (const [k, v] of Object.entries(b.dutyByAuthority)) byAuthority[k] = money(v);
  return {
    scenario: b.scenario,
    date: b.date,
    entryDate: b.entryDate,
    importer: b.importer,
    origin: b.origin,
    hts: b.hts,
    htsLine: b.htsLine,
    // a result names its line; the whole indented path is lookup's (a batch of long paths would be mostly description)
    description: shortDescription(b.description),
    mode: b.mode,
    entryType: b.entryType,
    currency: b.currency,
    valuation: b.valuation,
    goodsValue: money(b.goodsValue),
    freight: money(b.freight),
    insurance: money(b.insurance),
    customsValue: money(b.customsValue),
    duty: money(b.duty),
    fees: money(b.fees),
    taxes: money(b.taxes),
    landedCost: money(b.landedCost),
    effectiveRate: Number(decToString(b.effectiveRate)),
    dutyByAuthority: byAuthority,
    fx: b.fx ? { currency: b.fx.currency, rate: decToString(b.fx.rate), date: b.fx.date, source: b.fx.source } : null,
    lines: b.lines.map((l) => lineJson(l, m)),
    notApplied: b.notApplied.map((n) => ({ ...n })),
    reportHts: reportHts(b)?.map((r) => ({ ...r, amount: money(r.amount) })) ?? null,
    assumptions: b.assumptions,
    notes: b.notes,
  };
}

/** The single-shipment document of `tariff calc --format json`. */
export function calcDocument(
  b: Breakdown,
  schedule: Schedule,
  scenarioAsOf: string | null,
  checks: CheckJson[] = [],
  claims: readonly ClaimEffect[] = [],
): CalcDocument {
  const major = (cents: number | null): number | null => (cents === null ? null : centsToNumber(cents, b.minorDigits));
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(schedule),
    scenarioAsOf,
    ...breakdownJson(b),
    checks,
    // what each claim on offer (a fact the code cannot show) would change; the user decides if it is true
    claimsNotMade: claims.map((e) => ({
      claim: e.claim,
      refs: e.refs,
      programme: e.programme,
      specialRate: e.specialRate,
      duty: major(e.duty),
      landedCost: major(e.landedCost),
      issue: e.issue,
    })),
  };
}
