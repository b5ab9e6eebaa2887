/**
 * The special column read from the HTSUS (general note 3(c)(i) codes with their rates) against the
 * per-programme columns of the USITC tariff database (data/sources/usitc/tariff_database_2025_06062025.csv.gz):
 * a cross-check, never a source. The database is the one of 6 June 2025; it is compared with the
 * 2025 Basic Edition, the edition in force through 2025 in this build. Each programme is one check
 * (`special-KR` …) whose entries are "HTS8 RATE" ("02011050 0.017": 1.7%; "Free"; "$0.057" per
 * unit; "text" where the rate is a reference such as "See 9822.04.01"). Where the database has only
 * an indicator (GSP, AGOA, Israel …) the entry is the code alone. A disagreement fails the build
 * unless data/src/special-disagreements.json lists it with its reason.
 */
import type { RawSpecialGroup } from '../../../src/schedule/schema.js';
import type { PeerCheck } from './cross-check.js';
import type { EditionLine } from './hts-edition.js';

/** programmes whose rate the database gives: code → column prefix */
const RATE_COLUMNS: Record<string, string> = {
  AU: 'australia',
  BH: 'bahrain',
  CL: 'chile',
  CO: 'colombia',
  JO: 'jordan',
  JP: 'japan',
  KR: 'korea',
  MA: 'morocco',
  OM: 'oman',
  P: 'dr_cafta',
  'P+': 'dr_cafta_plus',
  PA: 'panama',
  PE: 'peru',
  R: 'cbtpa',
  S: 'usmca',
  SG: 'singapore',
};

/** programmes the database marks with an indicator only: code → column and the value it holds */
const INDICATORS: Record<string, { column: string; value: string }> = {
  A: { column: 'gsp_indicator', value: 'A' },
  'A*': { column: 'gsp_indicator', value: 'A*' },
  'A+': { column: 'gsp_indicator', value: 'A+' },
  B: { column: 'apta_indicator', value: 'B' },
  C: { column: 'civil_air_indicator', value: 'C' },
  D: { column: 'agoa_indicator', value: 'D' },
  E: { column: 'cbi_indicator', value: 'E' },
  'E*': { column: 'cbi_indicator', value: 'E*' },
  IL: { column: 'israel_fta_indicator', value: 'IL' },
  K: { column: 'pharmaceutical_ind', value: 'K' },
  L: { column: 'dyes_indicator', value: 'L' },
  NP: { column: 'nepal_indicator', value: 'NP' },
};

export const SPECIAL_CHECK_CODES = [...Object.keys(RATE_COLUMNS), ...Object.keys(INDICATORS)].sort();

/** "0.0170" → "0.017", "5" → "5", "0.0" → "0" */
function canonical(n: string): string {
  const t = n.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return t;
  const [i = '0', f = ''] = t.split('.');
  const frac = f.replace(/0+$/, '');
  const int = i.replace(/^0+(?=\d)/, '');
  return frac ? `${int}.${frac}` : int;
}

/** "1.7%" → "0.017" exactly: the percent as a fraction, in text */
function fraction(percent: string): string {
  const p = percent.replace('%', '');
  const [i = '0', f = ''] = p.split('.');
  const digits = `${i.padStart(3, '0')}${f}`;
  return canonical(`${digits.slice(0, -2 - f.length) || '0'}.${digits.slice(-2 - f.length)}`);
}

function groupKey(g: RawSpecialGroup): string {
  // an in-quota rate resolved from a Chapter 98/99 reference: the database prints the reference
  if (!g.rate || g.inQuota) return 'text';
  const r = g.rate;
  if (r.adValorem === '0%' && !r.specific) return 'Free';
  const parts: string[] = [];
  if (r.adValorem !== undefined && r.adValorem !== '0%') parts.push(fraction(r.adValorem));
  if (r.specific) parts.push(`$${canonical(r.specific.amount)}`);
  for (const p of r.specifics ?? []) parts.push(`$${canonical(p.amount)}`);
  return parts.join(' + ') || 'Free';
}

function databaseKey(row: Record<string, string>, prefix: string): string | null {
  const type = (row[`${prefix}_rate_type_code`] ?? '').trim();
  const indicator = (row[`${prefix}_indicator`] ?? '').trim();
  if (!type && !indicator) return null;
  if (type === '0') return 'Free';
  const values = ['ad_val_rate', 'specific_rate', 'other_rate'].map((c) => canonical(row[`${prefix}_${c}`] ?? ''));
  if (type === '9' || values.some((v) => v.startsWith('9999'))) return 'text';
  const [av = '0', sp = '0', other = '0'] = values;
  const parts: string[] = [];
  if (av !== '0' && av !== '') parts.push(av);
  if (sp !== '0' && sp !== '') parts.push(`$${sp}`);
  if (other !== '0' && other !== '') parts.push(`other ${other}`);
  return parts.join(' + ') || (indicator ? 'Free' : null);
}

/** The checks: one per programme, the database's entries as `peer`, the edition's as `law`. */
export function specialChecks(edition: ReadonlyMap<string, EditionLine>, database: Record<string, string>[]): PeerCheck[] {
  const ours = new Map<string, Map<string, string>>();
  for (const code of SPECIAL_CHECK_CODES) ours.set(code, new Map());
  for (const line of edition.values()) {
    const code8 = line.code.slice(0, 8);
    for (const g of line.special) for (const c of g.codes) ours.get(c)?.set(code8, RATE_COLUMNS[c] ? groupKey(g) : '');
  }
  const lines8 = new Set([...edition.keys()].map((c) => c.slice(0, 8)));
  const theirs = new Map<string, Map<string, string>>();
  for (const code of SPECIAL_CHECK_CODES) theirs.set(code, new Map());
  for (const row of database) {
    const code8 = (row.hts8 ?? '').trim();
    if (!lines8.has(code8)) continue;
    for (const [code, prefix] of Object.entries(RATE_COLUMNS)) {
      const k = databaseKey(row, prefix);
      if (k !== null) theirs.get(code)?.set(code8, k);
    }
    for (const [code, ind] of Object.entries(INDICATORS)) if ((row[ind.column] ?? '').trim() === ind.value) theirs.get(code)?.set(code8, '');
  }
  const entries = (m: Map<string, string>): string[] => [...m].map(([c, k]) => (k ? `${c} ${k}` : c)).sort();
  return SPECIAL_CHECK_CODES.map((code) => ({
    id: `special-${code}`,
    peer: entries(theirs.get(code) as Map<string, string>),
    law: entries(ours.get(code) as Map<string, string>),
  }));
}
