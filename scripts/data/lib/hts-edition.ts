/**
 * One USITC HTSUS export → its rate lines for chapters 01–97. The USITC exports an edition as CSV
 * (HTS Number, Indent, Description, Unit of Quantity, General Rate of Duty, Special Rate of Duty,
 * Column 2 Rate of Duty, ...) or as JSON (an array of {htsno, indent, description, superior, units,
 * general, special, other, footnotes, ...}); both become the same rows (`EditionRow`) first, and one
 * reader takes it from there. Only the JSON carries footnotes: "See 9903.88.15." links a line to a
 * Chapter 99 heading (kept as `links`, a cross-check of the product lists read from the notes).
 *
 * The general rate is printed on the 8-digit subheading; its 10-digit statistical suffixes inherit
 * it. Where an 8-digit subheading has a single suffix, the export prints the two as one 10-digit
 * row carrying the rate ("0101.30.00.00"): that row is the 8-digit line. Unnumbered rows
 * ("Horses:") are the tree's grouping texts; they become part of the descriptions below them.
 */
import type { RawRate } from '../../../src/schedule/schema.js';
import { formatHts } from '../../../src/core/hts.js';
import { parseGeneralRate, parseSpecialColumn } from '../../../src/core/rate-text.js';
import type { RawSpecialGroup } from '../../../src/schedule/schema.js';
import { resolveTrq, type Provision, type TrqReason } from './trq-special.js';

export interface EditionLine {
  /** 8 digits, or 10 where two suffixes of one 8-digit code carry different rates */
  code: string;
  description: string;
  generalText: string;
  /** null when the text is not a rate this tool computes ("5¢/kg on drained weight") */
  general: RawRate | null;
  column2Text: string;
  column2: RawRate | null;
  /** the special column as printed, spaces collapsed */
  specialText: string;
  /** …and its "RATE (CODES)" groups (general note 3(c)(i) programmes) */
  special: RawSpecialGroup[];
  units: string[];
  suffixes: { code: string; description: string; units: string[] }[];
}

/** One row of an edition, whichever format it came in. */
export interface EditionRow {
  /** "0101.21.00", "0101.21.00.10", "" for a grouping text */
  hts: string;
  indent: number;
  description: string;
  units: string[];
  general: string;
  /** the special rate column ("Free (A+,AU,…) 2.5% (KR)") */
  special: string;
  column2: string;
  /** the texts of the row's footnotes (JSON exports only) */
  footnotes: string[];
  /** where the row is, for the build report: the line of a CSV file, the record (from 1) of a JSON array */
  row: number;
}

/** A special rate printed as a Chapter 98/99 reference, and what the build made of it (scripts/data/lib/trq-special.ts). */
export interface TrqOutcome {
  code: string;
  programme: string;
  printed: string;
  /** null: computed (the in-quota rate) */
  reason: TrqReason | null;
  detail: string;
  /** party-specific, priced for the parties the provisions name: "all" (every provision names its party) or "some"; null otherwise */
  byParty?: 'all' | 'some' | null;
  /** the parties priced, "MX, US: 9823.01.01; CA: 9823.01.02 in quota (U.S. note 1(b)(1) …)" */
  parties?: string;
  /** several-in-quota-rates priced by the provision a claim names: "9919.04.50 (U.S. note 6(a) …); 9919.04.51 (…)" */
  quotas?: string;
}

export interface EditionProblem {
  row: number;
  code: string;
  message: string;
}

/** long enough for the whole indented path of any line (the longest is about 2,000 characters); cut only for display */
const MAX_DESCRIPTION = 4000;

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function units(text: string): string[] {
  if (!text.trim()) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v)
      ? v
          .map(String)
          .map((u) => u.trim())
          .filter(Boolean)
      : [];
  } catch {
    return [text.trim()];
  }
}

/** Ancestors' texts and the row's own, joined; shortened from the middle when too long. */
export function joinDescription(chain: string[]): string {
  const parts = chain.map((t) => clean(t ?? '').replace(/:$/, '')).filter(Boolean);
  let text = parts.join(': ');
  while (text.length > MAX_DESCRIPTION && parts.length > 2) {
    parts.splice(1, 1);
    text = `${parts[0]}: …: ${parts.slice(1).join(': ')}`;
  }
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

/** The records of a CSV export (keyed by its header) as edition rows. */
export function csvEditionRows(records: Record<string, string>[]): EditionRow[] {
  return records.map((r, i) => ({
    row: i + 2,
    hts: (r['HTS Number'] ?? '').trim(),
    indent: Number(r.Indent ?? '0') || 0,
    description: r.Description ?? '',
    units: units(r['Unit of Quantity'] ?? ''),
    general: r['General Rate of Duty'] ?? '',
    special: r['Special Rate of Duty'] ?? '',
    column2: r['Column 2 Rate of Duty'] ?? '',
    footnotes: [],
  }));
}

/**
 * The texts of a JSON export carry the markup of the USITC's editor in some revisions (2026 Rev 9:
 * "<i>Cyprinus carpio</i>", "$1.13/m<sup>3</sup>", "2.5% <u></u>"): the words without it are the
 * words of the other revisions and of the CSV exports.
 */
export function withoutMarkup(text: string): string {
  return text
    .replace(/<\/?(newline|br)\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z]+\s*\/?>/gi, '')
    .replace(/\u00a0/g, ' ');
}

interface JsonRecord {
  htsno?: string | null;
  indent?: string | number | null;
  description?: string | null;
  units?: unknown;
  general?: string | null;
  special?: string | null;
  other?: string | null;
  footnotes?: { value?: string | null }[] | null;
}

/** A JSON export (the text of the file) as edition rows. */
export function jsonEditionRows(text: string, file = 'JSON export'): EditionRow[] {
  const data = JSON.parse(text) as unknown;
  if (!Array.isArray(data)) throw new Error(`${file}: not an array of HTS rows`);
  return (data as JsonRecord[]).map((r, i) => ({
    row: i + 1,
    hts: (r.htsno ?? '').trim(),
    indent: Number(r.indent ?? 0) || 0,
    description: withoutMarkup(r.description ?? ''),
    units: Array.isArray(r.units) ? r.units.map((u) => withoutMarkup(String(u)).trim()).filter(Boolean) : [],
    general: withoutMarkup(r.general ?? ''),
    special: withoutMarkup(r.special ?? ''),
    column2: withoutMarkup(r.other ?? ''),
    footnotes: (r.footnotes ?? []).map((f) => withoutMarkup(f.value ?? '')).filter((v) => v.trim()),
  }));
}

/** An edition file's text as rows: JSON where its name says .json(.gz), CSV otherwise. */
export function editionRows(file: string, text: string, csv: (text: string, file: string) => Record<string, string>[]): EditionRow[] {
  return /\.json(\.gz)?$/.test(file) ? jsonEditionRows(text, file) : csvEditionRows(csv(text, file));
}

/** The Chapter 99 headings a footnote names ("See 9903.88.15.", "See 9903.88.03 and 9903.88.69."). */
export function chapter99Links(footnotes: readonly string[]): string[] {
  return [...new Set(footnotes.flatMap((f) => f.match(/\b9903\.\d\d\.\d\d\b/g) ?? []))].sort();
}

export function readEdition(rows: EditionRow[]): {
  lines: Map<string, EditionLine>;
  problems: EditionProblem[];
  /** code (8 or 10 digits, as printed) → the Chapter 99 headings its footnotes name */
  links: Map<string, string[]>;
  /** each special rate printed as a Chapter 98/99 reference, resolved or not */
  trq: TrqOutcome[];
} {
  const problems: EditionProblem[] = [];
  const links = new Map<string, string[]>();
  const stack: string[] = [];
  const byCode8 = new Map<string, EditionLine[]>();
  const provisions = new Map<string, Provision>();
  const order: string[] = [];
  let current: EditionLine | undefined;
  let currentIndent = -1;
  rows.forEach((r) => {
    const { row } = r;
    const digits = r.hts.replace(/\./g, '').trim();
    const indent = r.indent;
    const text = r.description;
    stack.length = indent;
    const chain = [...stack, text];
    stack[indent] = text;
    if (digits.startsWith('98') || digits.startsWith('99')) {
      if (/^\d{8}$/.test(digits)) {
        const number = formatHts(digits);
        provisions.set(number, { number, texts: chain.map((t) => clean(t ?? '')).filter(Boolean), special: clean(r.special) });
        order.push(number);
      }
      return;
    }
    if (!/^\d*$/.test(digits)) {
      problems.push({ row, code: digits, message: 'not an HTS number' });
      return;
    }
    const linked = chapter99Links(r.footnotes);
    if (linked.length && /^\d{8}(\d\d)?$/.test(digits)) links.set(digits, linked);
    const general = clean(r.general);
    if (general && (digits.length === 8 || digits.length === 10)) {
      const g = parseGeneralRate(general);
      if (!g.ok) problems.push({ row, code: digits, message: `${g.message} (the line needs --mfn)` });
      const c2text = clean(r.column2);
      const c2 = c2text ? parseGeneralRate(c2text) : null;
      if (c2 && !c2.ok) problems.push({ row, code: digits, message: `column 2: ${c2.message} (column 2 left out)` });
      const specialText = clean(r.special);
      const sp = parseSpecialColumn(specialText);
      for (const m of sp.problems) problems.push({ row, code: digits, message: `special: ${m} (that part left out)` });
      const line: EditionLine = {
        code: digits,
        description: joinDescription(chain.slice(digits.length === 10 ? 0 : 0)),
        generalText: general,
        general: g.ok ? g.rate : null,
        column2Text: c2text,
        column2: c2?.ok ? c2.rate : null,
        specialText,
        special: sp.groups,
        units: r.units,
        suffixes: [],
      };
      const list = byCode8.get(digits.slice(0, 8)) ?? [];
      list.push(line);
      byCode8.set(digits.slice(0, 8), list);
      current = line;
      currentIndent = indent;
      return;
    }
    if (digits.length === 10 && current && digits.startsWith(current.code.slice(0, 8)) && indent > currentIndent) {
      current.suffixes.push({ code: digits, description: joinDescription(chain.slice(currentIndent + 1)), units: r.units });
    } else if (digits.length === 10 && !general) {
      problems.push({ row, code: digits, message: 'a statistical suffix without an 8-digit line above it carrying a rate' });
    }
  });
  const lines = new Map<string, EditionLine>();
  for (const [code8, list] of byCode8) {
    const same = list.every((l) => l.generalText === list[0]?.generalText && l.column2Text === list[0]?.column2Text && l.specialText === list[0]?.specialText);
    if (list.length === 1 || same) {
      const first = list[0] as EditionLine;
      const merged: EditionLine = {
        ...first,
        code: code8,
        suffixes: list.flatMap((l) =>
          l.code.length === 10 && list.length > 1 ? [{ code: l.code, description: l.description, units: l.units }, ...l.suffixes] : l.suffixes,
        ),
      };
      if (list.length > 1) merged.description = joinDescription([first.description.split(': ').slice(0, -1).join(': ')]);
      lines.set(code8, merged);
    } else {
      for (const l of list) lines.set(l.code, l);
    }
  }
  const trq = resolveReferences(lines, provisions, order);
  resolveLineReferences(lines);
  // a footnote on the one 10-digit row that is its 8-digit line ("8477.90.45.01") is the line's
  for (const [code, headings] of [...links]) {
    const line = code.length === 10 ? lines.get(code.slice(0, 8)) : undefined;
    if (!line || line.suffixes.some((s) => s.code === code)) continue;
    links.delete(code);
    links.set(code.slice(0, 8), [...new Set([...(links.get(code.slice(0, 8)) ?? []), ...headings])].sort());
  }
  return { lines, problems, links, trq };
}

const clip = (why: string): string => (why.length > 500 ? `${why.slice(0, 499)}…` : why);

/** "The rate applicable to the natural juice in heading 2009": what the heading's line classifies, and the heading. */
export const LINE_OF_HEADING = /^the rate applicable to (the .+?) in heading (\d{4})$/i;

/**
 * The special groups printed as the rate of a line of another heading ("The rate applicable to the
 * natural juice in heading 2009": 2106.90.52, 2106.90.54, 2202.99.36, 2202.99.37) marked with the
 * heading: a claim names the line, and is priced at that line's rate for the programme on the date.
 */
export function resolveLineReferences(lines: Map<string, EditionLine>): void {
  const linesOf = (heading: string): string[] =>
    [...new Set([...lines.keys()].filter((c) => c.length >= 8 && c.startsWith(heading)).map((c) => formatHts(c.slice(0, 8))))].sort();
  for (const line of lines.values()) {
    line.special = line.special.map((g) => {
      const m = g.text === undefined ? null : LINE_OF_HEADING.exec(g.text.trim());
      if (!m) return g;
      const heading = m[2] as string;
      const listed = linesOf(heading);
      return listed.length ? { ...g, lineOf: { heading, goods: m[1] as string, lines: listed } } : g;
    });
  }
}

/** The special groups printed as a Chapter 98/99 reference, replaced by their in-quota rate where it resolves. */
function resolveReferences(lines: Map<string, EditionLine>, provisions: ReadonlyMap<string, Provision>, order: readonly string[]): TrqOutcome[] {
  const out: TrqOutcome[] = [];
  for (const line of lines.values()) {
    line.special = line.special.map((g) => {
      if (g.text === undefined || !/^see\s+9[89]/i.test(g.text)) return g;
      const printed = g.text;
      const results = g.codes.map((c) => ({ c, r: resolveTrq(line.code.slice(0, 8), c, printed, provisions, order) }));
      for (const { c, r } of results)
        out.push({
          code: line.code,
          programme: c,
          printed,
          reason: r.ok ? null : r.reason,
          detail: r.ok ? `${r.provisions.join(', ')}: ${r.notes.join('; ')}${r.linked ? ` (${r.linked})` : ''}` : r.detail,
          ...(!r.ok && r.parties
            ? {
                byParty: r.complete ? ('all' as const) : ('some' as const),
                parties: r.parties
                  .map((p) => `${p.origins.join(', ')}: ${p.provisions.join(', ')}${p.notes.length ? ` in quota (${p.notes.join('; ')})` : ''}`)
                  .join('; '),
              }
            : {}),
          ...(!r.ok && r.quotas
            ? { quotas: r.quotas.map((q) => `${q.provision} ${q.printed} (${q.notes.length ? q.notes.join('; ') : `"${q.text}"`})`).join('; ') }
            : {}),
        });
      const first = results[0]?.r;
      // a group of one code whose provisions differ by party: the rate of each party they name
      const only = results.length === 1 ? first : undefined;
      if (only && !only.ok && only.parties) {
        return {
          codes: g.codes,
          text: printed,
          uncomputed: clip(only.detail),
          byOrigin: only.parties.map((p) => ({
            origins: p.origins,
            rate: p.rate,
            provisions: p.provisions,
            ...(p.notes.length ? { inQuota: { printed, provisions: p.provisions, notes: p.notes } } : {}),
          })),
        };
      }
      // a group of one code whose in-quota provisions give several rates (several quotas): each provision with its rate, for a claim that names it
      if (only && !only.ok && only.quotas) {
        return {
          codes: g.codes,
          text: printed,
          uncomputed: clip(only.detail),
          byProvision: only.quotas.map((q) => ({
            provision: q.provision,
            rate: q.rate,
            ...(q.notes.length ? { inQuota: { printed, provisions: [q.provision], notes: q.notes } } : { goods: clip(q.text) }),
          })),
        };
      }
      // one rate for every code of the group, or the group stays as printed
      if (!first?.ok || results.some(({ r }) => !r.ok || JSON.stringify(r) !== JSON.stringify(first))) {
        const why = results.flatMap(({ c, r }) => (r.ok ? [] : [`${g.codes.length > 1 ? `${c}: ` : ''}${r.detail}`])).join('; ');
        return why ? { ...g, uncomputed: clip(why) } : g;
      }
      return { codes: g.codes, rate: first.rate, inQuota: { printed, provisions: first.provisions, notes: first.notes } };
    });
  }
  return out;
}
