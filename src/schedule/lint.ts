/**
 * Problems a schedule can have beyond schema validity: overlapping or broken timelines, dangling
 * stacking references, HTS codes that lost a leading zero, overrides that act on nothing,
 * suspensions outside their measure's window. Each finding has a code, a JSON path and a hint.
 */
import type { Problem, Severity } from '../core/issues.js';
import type { RawSchedule } from './schema.js';
import { semanticProblems } from './load.js';

/** A lint finding: a problem that always says how bad it is and what to do. */
export interface Finding extends Problem {
  severity: Severity;
  hint: string;
}

const digits = (code: string): string => code.replace(/\./g, '');

/** Measures that form one timeline: same importer, kind, authority, origins, HTS scope and entry types. */
function seriesKey(m: RawSchedule['measures'][number]): string {
  return [
    m.importer,
    m.kind ?? 'duty',
    m.authority,
    [...m.origins].sort().join('+'),
    [...(m.exceptOrigins ?? [])].sort().join('+'),
    [...m.hts].map(digits).sort().join('+'),
    [...(m.exclude ?? [])].map(digits).sort().join('+'),
    [...(m.modes ?? [])].sort().join('+'),
    [...(m.exceptModes ?? [])].sort().join('+'),
    m.election ? `${m.election.group}=${m.election.option}` : '',
    typeof m.base === 'object' ? m.base.content : '',
    [...(m.entryTypes ?? [])].sort().join('+'),
  ].join('|');
}

type RawMeasure = RawSchedule['measures'][number];

export function lintSchedule(raw: RawSchedule): Finding[] {
  const out: Finding[] = semanticProblems(raw).map((p) => ({ severity: 'error', code: p.code, path: p.path, message: p.message, hint: p.hint ?? '' }));
  out.push(...timelineFindings(raw.measures));
  out.push(...tablesRunningOut(raw));
  out.push(...measureFindings(raw.measures));
  out.push(...lineFindings(raw.lines));
  out.push(...overrideFindings(raw));
  return out;
}

/** timelines: overlaps are errors (two rates for one thing on one day), gaps are warnings */
function timelineFindings(measures: RawSchedule['measures']): Finding[] {
  const out: Finding[] = [];
  const series = new Map<string, number[]>();
  measures.forEach((m, i) => {
    if (m.suspended) return; // a suspended measure runs beside the one collected in its place
    const k = seriesKey(m);
    series.set(k, [...(series.get(k) ?? []), i]);
  });
  for (const list of series.values()) {
    const sorted = [...list].sort((a, b) => ((measures[a] as { from: string }).from < (measures[b] as { from: string }).from ? -1 : 1));
    for (let j = 1; j < sorted.length; j++) {
      const prev = measures[sorted[j - 1] as number] as RawMeasure;
      const cur = measures[sorted[j] as number] as RawMeasure;
      const linked = (cur.replaces ?? []).includes(prev.id) || (prev.replaces ?? []).includes(cur.id);
      if (linked) continue;
      if (prev.to === undefined || prev.to > cur.from) {
        out.push({
          severity: 'error',
          code: 'overlapping-windows',
          path: `$.measures[${sorted[j]}].from`,
          message: `${cur.id} starts ${cur.from} while ${prev.id} (same authority, origins and HTS scope) is still in force (to ${prev.to ?? 'open'})`,
          hint: `end ${prev.id} on ${cur.from}, or link them with "replaces"`,
        });
      } else if (prev.to < cur.from && !coveredByCommonBase(measures, prev, cur)) {
        out.push({
          severity: 'warning',
          code: 'timeline-gap',
          path: `$.measures[${sorted[j]}].from`,
          message: `nothing of ${cur.authority} between ${prev.to} (end of ${prev.id}) and ${cur.from} (start of ${cur.id})`,
          hint: 'if the measure was in force in between, close the gap; if not, ignore this warning',
        });
      }
    }
  }
  return out;
}

/** suspensions outside their measure's window; HTS prefixes that lost a leading zero */
function measureFindings(measures: RawSchedule['measures']): Finding[] {
  const out: Finding[] = [];
  measures.forEach((m, i) => {
    if (m.suspended && (m.suspended.since < m.from || (m.to !== undefined && m.suspended.since >= m.to))) {
      out.push({
        severity: 'error',
        code: 'suspension-outside-window',
        path: `$.measures[${i}].suspended.since`,
        message: `${m.id} is suspended from ${m.suspended.since}, outside its window ${m.from} – ${m.to ?? 'open'}`,
        hint: 'fix the suspension date or the window',
      });
    }
    (m.hts ?? []).forEach((h, j) => {
      if (h !== '*' && digits(h).length % 2 === 1) {
        out.push({
          severity: 'error',
          code: 'hts-odd-length',
          path: `$.measures[${i}].hts[${j}]`,
          message: `HTS prefix "${h}" has an odd number of digits: a leading zero was probably lost`,
          hint: `write it with its leading zero, e.g. "0${h}"`,
        });
      }
    });
  });
  return out;
}

/** line codes that lost a leading zero, or are shorter than a US rate line */
function lineFindings(lines: RawSchedule['lines']): Finding[] {
  const out: Finding[] = [];
  lines.forEach((l, i) => {
    const d = digits(l.hts);
    if (d.length % 2 === 1)
      out.push({
        severity: 'error',
        code: 'hts-odd-length',
        path: `$.lines[${i}].hts`,
        message: `HTS "${l.hts}" has an odd number of digits: a leading zero was probably lost`,
        hint: `write it with its leading zero, e.g. "0${l.hts}"`,
      });
    else if (l.importer === 'US' && d.length < 8)
      out.push({
        severity: 'warning',
        code: 'hts-short-line',
        path: `$.lines[${i}].hts`,
        message: `US tariff line "${l.hts}" has ${d.length} digits; HTSUS rate lines have 8 or 10`,
        hint: 'use the 8-digit subheading',
      });
  });
  return out;
}

/** overrides that act on nothing at the scenario's date */
function overrideFindings(raw: RawSchedule): Finding[] {
  const out: Finding[] = [];
  const measures = raw.measures;
  const byId = new Map(measures.map((m) => [m.id, m]));
  (raw.scenarios ?? []).forEach((s, i) => {
    if (s.asOf === null) return;
    (s.overrides ?? []).forEach((o, j) => {
      if (!('set' in o) && !('disable' in o)) return;
      const target = 'set' in o ? o.set : o.disable;
      const targets = byId.has(target) ? [byId.get(target) as RawMeasure] : measures.filter((m) => m.authority === target);
      if (targets.length === 0) {
        out.push({
          severity: 'error',
          code: 'override-unknown-target',
          path: `$.scenarios[${i}].overrides[${j}]`,
          message: `scenario ${s.id} overrides "${target}", which names no measure or authority`,
          hint: 'fix the id',
        });
        return;
      }
      const live = targets.some((m) => m.from <= (s.asOf as string) && (m.to === undefined || (s.asOf as string) < m.to));
      if (!live) {
        out.push({
          severity: 'warning',
          code: 'override-outside-window',
          path: `$.scenarios[${i}].overrides[${j}]`,
          message: `scenario ${s.id} (law of ${s.asOf}) overrides "${target}", which is not in force on that date`,
          hint: 'the override has no effect; check the scenario date or the target',
        });
      }
    });
  });
  return out;
}

/**
 * Two measures that both stand in for the same measure (a country rate in place of the baseline)
 * leave no gap where that measure is in force: it is what applies in between.
 */
function coveredByCommonBase(measures: RawSchedule['measures'], prev: RawSchedule['measures'][number], cur: RawSchedule['measures'][number]): boolean {
  const gapFrom = prev.to as string;
  for (const id of prev.replaces ?? []) {
    if (!(cur.replaces ?? []).includes(id)) continue;
    const base = measures.find((m) => m.id === id);
    if (base && base.from <= gapFrom && (base.to === undefined || base.to >= cur.from)) return true;
  }
  return false;
}

/**
 * A renewed table (the MPF of each fiscal year) must have a row for every date the schedule says
 * it is verified through: a last row that ends on or before verifiedThrough leaves entries with no
 * fee at all, which the tool could only price as nothing.
 */
export function tablesRunningOut(raw: RawSchedule): Finding[] {
  const last = new Map<string, number>();
  raw.measures.forEach((m, i) => {
    if (!m.recurring) return;
    const j = last.get(m.recurring.table);
    const prev = j === undefined ? undefined : raw.measures[j];
    if (!prev || (prev.to !== undefined && (m.to === undefined || m.to > prev.to))) last.set(m.recurring.table, i);
  });
  const out: Finding[] = [];
  for (const [table, i] of last) {
    const m = raw.measures[i] as RawSchedule['measures'][number];
    if (m.to !== undefined && m.to <= raw.meta.verifiedThrough) {
      out.push({
        severity: 'error',
        code: 'table-runs-out',
        path: `$.measures[${i}].to`,
        message: `the ${table} table ends ${m.to} (${m.id}) but the schedule is verified through ${raw.meta.verifiedThrough}: entries from ${m.to} would have no ${m.authority}`,
        hint: `add the row that follows ${m.id} (from ${m.to}) with its source, or set meta.verifiedThrough before ${m.to}`,
      });
    }
  }
  return out;
}
