/**
 * The JSON documents of `tariff lookup`: one line with every measure that touches it, the lines
 * under a partial code, and the lines a word search finds. Rates as text beside their structure.
 */
import { plainTail, type CheckJson } from './frame.js';
import { formatHts } from '../core/hts.js';
import type { Importer, InQuota, Measure, MeasureKind, Mode, Schedule, SpecialGroup, TariffLine } from '../core/types.js';
import { groupRate, inQuotaCondition, lineClaimForm, specialWindows, type OpenPreference } from '../core/preference.js';

import { rateJson, rateText } from '../core/rate-kinds.js';
import { JSON_SCHEMA_VERSION, scheduleStamp, type RateJson, type ScheduleStamp } from './breakdown-json.js';

/** A line's general rate: structured, or the tariff's own text when it cannot be computed. */
export type MfnJson = RateJson | { text: string | null };

export interface LineSummaryJson {
  hts: string;
  description: string;
  mfn: MfnJson;
}

export interface LookupLineJson extends LineSummaryJson {
  mfnChanges: { from: string; rate: RateJson }[];
  units: readonly string[];
  suffixes: { hts: string; description: string }[];
  sources: readonly string[];
  coverageFrom: string | null;
  until: string | null;
  note: string | null;
}

export interface LookupMeasureJson {
  id: string;
  kind: MeasureKind;
  authority: string;
  title: string;
  ref: string;
  instrument: string;
  origins: string[];
  from: string;
  to: string | null;
  rate: string;
  rateSpec: RateJson;
  base: string | { content: string };
  modes: Mode[] | null;
  threshold: number | null;
  replaces: readonly string[];
  notWith: readonly string[];
  suspended: { since: string; note: string } | null;
  sources: readonly string[];
  note: string | null;
}

interface Head {
  schemaVersion: number;
  schedule: ScheduleStamp;
  /** the frame's tail (render/frame.ts), last in the document */
  checks?: CheckJson[];
  notes?: string[];
}

/** One "RATE (CODES)" group of the special column: the rate as text ("Free", "$0.072/kg") or as printed, and its structure when computed. */
export interface SpecialGroupJson {
  codes: readonly string[];
  rate: string;
  rateSpec: RateJson | null;
  /** the rate is the in-quota rate of the Chapter 98/99 reference the column prints; null otherwise */
  inQuota: InQuotaJson | null;
  /** a Chapter 98/99 reference not computed: why the build did not resolve it to one in-quota rate; null otherwise */
  uncomputed: string | null;
  /** a reference whose provisions differ by party: the rate of each party they name; null otherwise */
  byOrigin: PartyRateJson[] | null;
  /** a reference whose in-quota provisions give several rates (Panama's two quotas): each provision with the claim that names it; null otherwise */
  byProvision: ProvisionRateJson[] | null;
  /** a rate printed as the rate of a line of another heading ("The rate applicable to the natural juice in heading 2009"): the heading, its lines a claim may name, and the claim's form ("D:2009.NN.NN"); null otherwise */
  lineOf: { heading: string; goods: string; lines: readonly string[]; claim: string } | null;
}

/** One in-quota provision of a reference of several quotas: the claim that names it ("PA:9919.04.51"), its rate and quota. */
export interface ProvisionRateJson {
  provision: string;
  claim: string;
  rate: string;
  rateSpec: RateJson;
  /** null: no quota; its rate is for the goods `goods` describes */
  inQuota: InQuotaJson | null;
  /** without a quota: the provision's own words, the goods a claim naming it asserts; null otherwise */
  goods: string | null;
}

/** The rate a Chapter 98/99 reference gives the goods of the parties its provisions name. */
export interface PartyRateJson {
  origins: readonly string[];
  rate: string;
  rateSpec: RateJson;
  /** the provisions the goods are entered under */
  provisions: readonly string[];
  /** the rate is their in-quota rate; null: no quota */
  inQuota: InQuotaJson | null;
}

/** A special rate printed as a Chapter 98/99 reference, resolved to its in-quota provisions. */
export interface InQuotaJson {
  /** the reference as printed ("See 9822.04.01-9822.04.03") */
  printed: string;
  provisions: readonly string[];
  notes: readonly string[];
  /** the condition a claim asserts */
  condition: string;
}

/** A preference open to the origin of the look-up (its programme admits the origin), with its claim. */
export interface PreferenceJson {
  code: string;
  programme: string;
  instrument: string;
  rate: string;
  rateSpec: RateJson | null;
  inQuota: InQuotaJson | null;
  uncomputed: string | null;
  /** a reference whose provisions differ by party: the origin's provisions ({origins, provisions}); null otherwise */
  party: { origins: readonly string[]; provisions: readonly string[] } | null;
  /** the special column's dates (null: from the line's first edition / still in force) */
  from: string | null;
  to: string | null;
  /** the flag that claims it, or null when the rate is not computed (a Chapter 98/99 reference) */
  claim: string | null;
  sources: readonly string[];
}

export interface LookupDocument extends Head {
  query: string;
  importer: string;
  origin: string | null;
  from: string | null;
  to: string | null;
  line: LookupLineJson;
  /** the special column (HTSUS general note 3(c)) by edition: from each date, its groups */
  special: { from: string | null; to: string | null; groups: SpecialGroupJson[] }[];
  /** with an origin: the preferences open to it in the period; null without one */
  preferences: PreferenceJson[] | null;
  /** with an origin: the codes printed whose programme's members the schedule does not list (not checked) */
  preferencesNotChecked: string[] | null;
  measures: LookupMeasureJson[];
}

export interface LookupLinesDocument extends Head {
  query: string;
  importer: string;
  lines: LineSummaryJson[];
}

export interface LookupSearchDocument extends Head {
  search: string;
  importer: string;
  total: number;
  lines: (LineSummaryJson & { line: string })[];
}

// the schedule's rates of a line are written with two minor digits, as the tariff prints them
export const mfnJson = (l: TariffLine): MfnJson => (l.mfn ? rateJson(l.mfn, 2) : { text: l.mfnText });

const head = (schedule: Schedule): Head => ({ schemaVersion: JSON_SCHEMA_VERSION, schedule: scheduleStamp(schedule) });

export function lookupSearchDocument(
  schedule: Schedule,
  search: string,
  importer: string,
  total: number,
  hits: readonly { line: TariffLine; suffix: { hts: string; description: string } | null }[],
): LookupSearchDocument {
  const lines = hits.map((h) => ({
    hts: formatHts(h.suffix?.hts ?? h.line.hts),
    line: formatHts(h.line.hts),
    description: h.suffix ? `${h.line.description}: ${h.suffix.description}` : h.line.description,
    mfn: mfnJson(h.line),
  }));
  return { ...head(schedule), search, importer, total, lines, ...plainTail() };
}

export function lookupLinesDocument(schedule: Schedule, query: string, importer: string, under: readonly TariffLine[]): LookupLinesDocument {
  return {
    ...head(schedule),
    query,
    importer,
    lines: under.map((l) => ({ hts: formatHts(l.hts), description: l.description, mfn: mfnJson(l) })),
    ...plainTail(),
  };
}

export function lookupDocument(
  schedule: Schedule,
  q: { query: string; importer: string; origin: string | null; from: string | null; to: string | null; currency: string },
  line: TariffLine,
  measures: readonly Measure[],
  preferences: { open: readonly OpenPreference[]; unchecked: readonly string[] } | null = null,
): LookupDocument {
  const groupJson = specialGroupJson({ code: q.importer, currency: q.currency, minorDigits: 2 } as Importer);
  return {
    ...head(schedule),
    query: q.query,
    importer: q.importer,
    origin: q.origin,
    from: q.from,
    to: q.to,
    line: lookupLineJson(line),
    special: specialWindows(line).map((w) => ({ from: w.from, to: w.to, groups: w.groups.map(groupJson) })),
    preferences: preferences?.open.map((p) => preferenceJson(p, groupJson)) ?? null,
    preferencesNotChecked: preferences ? [...preferences.unchecked] : null,
    measures: measures.map((m) => lookupMeasureJson(m, q.currency)),
    ...plainTail(),
  };
}

type GroupJson = (g: SpecialGroup) => SpecialGroupJson;

const inQuotaJson = (q: InQuota | null | undefined): InQuotaJson | null =>
  q ? { printed: q.printed, provisions: q.provisions, notes: q.notes, condition: inQuotaCondition(q) } : null;

/** a group of the special column: its rate in the importer's words (its text when not computed) */
function specialGroupJson(imp: Importer): GroupJson {
  return (g) => ({
    codes: g.codes,
    rate: g.rate ? groupRate(g.rate, imp) : (g.text ?? ''),
    rateSpec: g.rate ? rateJson(g.rate, 2) : null,
    inQuota: inQuotaJson(g.inQuota),
    uncomputed: g.uncomputed ?? null,
    byOrigin: g.byOrigin
      ? g.byOrigin.map((b) => ({
          origins: b.origins,
          rate: groupRate(b.rate, imp),
          rateSpec: rateJson(b.rate, 2),
          provisions: b.provisions,
          inQuota: inQuotaJson(b.inQuota),
        }))
      : null,
    byProvision: g.byProvision
      ? g.byProvision.map((b) => ({
          provision: b.provision,
          claim: `${g.codes[0] ?? ''}:${b.provision}`,
          rate: groupRate(b.rate, imp),
          rateSpec: rateJson(b.rate, 2),
          inQuota: inQuotaJson(b.inQuota),
          goods: b.goods,
        }))
      : null,
    lineOf: g.lineOf ? { heading: g.lineOf.heading, goods: g.lineOf.goods, lines: g.lineOf.lines, claim: lineClaimForm(g.codes.at(-1) ?? '', g.lineOf) } : null,
  });
}

function lookupLineJson(line: TariffLine): LookupLineJson {
  return {
    hts: formatHts(line.hts),
    description: line.description,
    mfn: mfnJson(line),
    mfnChanges: line.mfnChanges.map((c) => ({ from: c.from, rate: rateJson(c.rate, 2) })),
    units: line.units,
    suffixes: line.suffixes.map((s) => ({ hts: formatHts(s.hts), description: s.description })),
    sources: line.sources,
    coverageFrom: line.coverageFrom,
    until: line.until,
    note: line.note,
  };
}

function preferenceJson(p: OpenPreference, groupJson: GroupJson): PreferenceJson {
  const { rate, rateSpec, inQuota, uncomputed } = groupJson({ codes: [p.code], rate: p.rate, text: p.text, inQuota: p.inQuota, uncomputed: p.uncomputed });
  return {
    code: p.code,
    programme: p.programme.title,
    instrument: p.programme.instrument,
    rate,
    rateSpec,
    inQuota,
    uncomputed,
    party: p.party ? { origins: p.party.origins, provisions: p.party.provisions } : null,
    from: p.from,
    to: p.to,
    claim: p.rate || p.lineOf ? `--claim ${p.claim}` : null,
    sources: p.programme.sources,
  };
}

function lookupMeasureJson(m: Measure, currency: string): LookupMeasureJson {
  return {
    id: m.id,
    kind: m.kind,
    authority: m.authority,
    title: m.title,
    ref: m.ref,
    instrument: m.instrument,
    origins: m.origins === null ? ['*'] : [...m.origins],
    from: m.from,
    to: m.to,
    rate: rateText(m.rate, currency),
    rateSpec: rateJson(m.rate, 2),
    base: typeof m.base === 'string' ? m.base : { content: m.base.content },
    modes: m.modes === null ? null : [...m.modes],
    threshold: m.threshold,
    replaces: m.replaces,
    notWith: m.notWith,
    suspended: m.suspended,
    sources: m.sources,
    note: m.note,
  };
}
