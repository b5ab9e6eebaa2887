/**
 * The JSON documents of `tariff lookup`: one line with every measure that touches it, the lines
 * under a partial code, and the lines a word search finds. Rates as text beside their structure.
 */
import { plainTail, type CheckJson } from './frame.js';
import { formatHts } from '../core/hts.js';
import type { Measure, MeasureKind, Mode, Schedule, TariffLine } from '../core/types.js';

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

export interface LookupDocument extends Head {
  query: string;
  importer: string;
  origin: string | null;
  from: string | null;
  to: string | null;
  line: LookupLineJson;
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
): LookupDocument {
  return {
    ...head(schedule),
    query: q.query,
    importer: q.importer,
    origin: q.origin,
    from: q.from,
    to: q.to,
    line: {
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
    },
    measures: measures.map((m) => ({
      id: m.id,
      kind: m.kind,
      authority: m.authority,
      title: m.title,
      ref: m.ref,
      instrument: m.instrument,
      origins: m.origins === null ? ['*'] : [...m.origins],
      from: m.from,
      to: m.to,
      rate: rateText(m.rate, q.currency),
      rateSpec: rateJson(m.rate, 2),
      base: typeof m.base === 'string' ? m.base : { content: m.base.content },
      modes: m.modes === null ? null : [...m.modes],
      threshold: m.threshold,
      replaces: m.replaces,
      notWith: m.notWith,
      suspended: m.suspended,
      sources: m.sources,
      note: m.note,
    })),
    ...plainTail(),
  };
}
