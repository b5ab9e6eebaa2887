/**
 * Product scopes that the hand-authored measures take from the official files instead of copying
 * them by hand. A measure in data/src may carry `htsList` (build-only; not in the output):
 *
 *   { "source": "chapter99-note", "note": 20, "subdivision": "f", "anchor": "9903.88.01" }
 *       the 8-digit grid and numbered items of that subdivision of the Chapter 99 US notes
 *       (with "prose": true, every code the subdivision names: a list written as a sentence;
 *       with "parts": ["i", "ii"], the grids of those numbered parts, e.g. note 16(c)(i)–(x), and
 *       "exceptChapters": ["72"] leaves out the codes of those chapters)
 *   { "source": "csv", "file": "yale-tariff-rate-tracker/….csv.gz", "column": "hts10",
 *     "where": { "list": "4A" } }
 *       the codes of one column of a peer list, on the rows matching `where`
 *   { "source": "chapter99-text", "from": "^\\s*\\(a\\) As provided for in heading 9903\\.01\\.32", "to": "…" }
 *       the grid and items between two lines of the Chapter 99 text (a subdivision that is not
 *       at the start of a line, such as note 2(v)(iii)(a)); with "withoutFile": { "file", "column", "where"? }
 *       (or a list of them), less the codes of that column of a source CSV, on the rows matching
 *       `where` (a later addition to the list, given its own measure from its own date: EO 14346's
 *       additions of 8 Sep 2025 and EO 14360's agricultural additions to note 2(v)(iii)(a));
 *       "exceptPrefixes": ["98"] leaves out codes that start so (the chapter 98 provisions of a
 *       civil-aircraft list)
 *   { "source": "ranges", "ranges": [["7206.10", "7216.50"], ["7302.10", "7302.10"]] }
 *       every tariff line from the first code through the last, as a proclamation words it
 *       ("HTS 7206.10 through 7216.50")
 *
 * The codes are added to the measure's `hts` (and the note's "except" numbers to `exclude`).
 */
import type { RawMeasure } from '../../../src/schedule/schema.js';
import { noteSubdivisionCodes, noteSubdivisionList, noteSubdivisionParts, textList } from './chapter99-notes.js';

export const CHAPTER99_TEXT = 'usitc/chapter99_2026_revision_6.txt.gz';

type HtsList =
  | {
      source: 'chapter99-note';
      note: number;
      subdivision: string;
      anchor: string;
      prose?: true;
      parts?: string[];
      exceptChapters?: string[];
      /** keep only the codes that start with one of these (digits), or only those that do not */
      onlyPrefixes?: string[];
      exceptPrefixes?: string[];
    }
  | { source: 'csv'; file: string; column: string; where?: Record<string, string>; wherePrefix?: Record<string, string>; without?: string[] }
  | { source: 'ranges'; ranges: [string, string][] }
  | {
      source: 'chapter99-text';
      from: string;
      to: string;
      withoutFile?: WithoutFile | WithoutFile[];
      /** leave out the codes that start with one of these (digits): "98", the chapter 98 provisions a list names */
      exceptPrefixes?: string[];
    };

/** the codes of one column of a source CSV, on the rows whose cells equal `where` */
type WithoutFile = { file: string; column: string; where?: Record<string, string> };

export interface ListReaders {
  text(rel: string, encoding?: 'utf8' | 'latin1'): string;
  csv(rel: string): Record<string, string>[];
  /** the 10-digit suffixes of an 8-digit line (digits), [] when it has none */
  suffixesOf(code8: string): readonly string[];
  /** every US line code (digits), sorted */
  lineCodes: readonly string[];
}

/**
 * 10-digit codes → their 8-digit line where the list holds every suffix of it: the same scope,
 * and an 8-digit code then prices without asking for the 10 digits.
 */
export function collapseSuffixes(codes: readonly string[], suffixesOf: ListReaders['suffixesOf']): string[] {
  const out = new Set<string>();
  const byLine = new Map<string, Set<string>>();
  for (const c of codes) {
    if (c.length !== 10) {
      out.add(c);
      continue;
    }
    const set = byLine.get(c.slice(0, 8)) ?? new Set<string>();
    set.add(c);
    byLine.set(c.slice(0, 8), set);
  }
  for (const [line, set] of byLine) {
    const all = suffixesOf(line);
    if (all.length > 0 && all.every((s) => set.has(s))) out.add(line);
    else for (const c of set) out.add(c);
  }
  return [...out].sort();
}

export function resolveLists(measures: RawMeasure[], read: ListReaders): RawMeasure[] {
  let chapter99: string | undefined;
  return measures.map((src) => {
    const { htsList, ...m } = src as RawMeasure & { htsList?: HtsList };
    if (!htsList) return m;
    let hts: string[];
    let exclude: string[] = [];
    if (htsList.source === 'chapter99-note' && htsList.parts) {
      // numbered parts of a subdivision (note 16(c)(i)–(x)); `exceptChapters` keeps the codes outside them
      chapter99 ??= read.text(CHAPTER99_TEXT, 'latin1');
      const parts = noteSubdivisionParts(chapter99, htsList.note, htsList.subdivision, new RegExp(htsList.anchor.replace(/\./g, '\\.')));
      const out = new Set<string>();
      for (const p of htsList.parts) {
        const codes = parts.get(p);
        if (!codes?.length) throw new Error(`measure ${m.id}: note ${htsList.note}(${htsList.subdivision})(${p}) has no codes in the Chapter 99 text`);
        for (const c of codes) if (!htsList.exceptChapters?.includes(c.slice(0, 2))) out.add(c);
      }
      hts = [...out].sort();
    } else if (htsList.source === 'chapter99-note') {
      chapter99 ??= read.text(CHAPTER99_TEXT, 'latin1');
      const parse = htsList.prose ? noteSubdivisionCodes : noteSubdivisionList;
      const list = parse(chapter99, htsList.note, htsList.subdivision, new RegExp(htsList.anchor.replace(/\./g, '\\.')));
      const only = htsList.onlyPrefixes;
      const except = htsList.exceptPrefixes;
      hts = list.hts.filter((c) => (!only || only.some((p) => c.startsWith(p))) && !except?.some((p) => c.startsWith(p)));
      exclude = list.exclude;
    } else if (htsList.source === 'chapter99-text') {
      chapter99 ??= read.text(CHAPTER99_TEXT, 'latin1');
      const list = textList(chapter99, new RegExp(htsList.from), new RegExp(htsList.to));
      hts = list.hts.filter((c) => !htsList.exceptPrefixes?.some((p) => c.startsWith(p)));
      exclude = list.exclude;
      const withouts = htsList.withoutFile ? [htsList.withoutFile].flat() : [];
      for (const { file, column, where } of withouts) {
        const rows = read.csv(file).filter((r) => Object.entries(where ?? {}).every(([k, v]) => r[k] === v));
        const without = new Set(rows.map((r) => (r[column] ?? '').replace(/\./g, '').trim()));
        const missing = [...without].filter((c) => !hts.includes(c));
        // every code left out must be one the text lists: a code the text does not name is a wrong file
        if (without.size === 0 || missing.length)
          throw new Error(`measure ${m.id}: ${file} (${column}) names codes the Chapter 99 text does not list: ${missing.join(', ') || '(none read)'}`);
        hts = hts.filter((c) => !without.has(c));
      }
    } else if (htsList.source === 'ranges') {
      const ranges = htsList.ranges.map(([a, b]) => [a.replace(/\./g, ''), b.replace(/\./g, '')] as const);
      hts = read.lineCodes.filter((c) => ranges.some(([a, b]) => c.slice(0, a.length) >= a && c.slice(0, b.length) <= b));
    } else {
      // `where`: cells equal to; `wherePrefix`: cells starting with ("52(c)" takes (c)(1) to (c)(16))
      const rows = read
        .csv(htsList.file)
        .filter(
          (r) =>
            Object.entries(htsList.where ?? {}).every(([k, v]) => r[k] === v) &&
            Object.entries(htsList.wherePrefix ?? {}).every(([k, v]) => (r[k] ?? '').startsWith(v)),
        );
      // chapters 98 and 99 are special provisions, not lines this tool prices (civil-aircraft lists name 9802.00.40 …)
      // `without`: codes a peer list has wrong (cut to 8 digits where the law names 10), given back in `hts`
      const without = new Set((htsList.without ?? []).map((c) => c.replace(/\./g, '')));
      const codes = [
        ...new Set(
          rows.map((r) => (r[htsList.column] ?? '').replace(/\./g, '').trim()).filter((c) => /^\d{4,10}$/.test(c) && !without.has(c) && !/^9[89]/.test(c)),
        ),
      ];
      hts = collapseSuffixes(codes, read.suffixesOf);
    }
    if (hts.length === 0) throw new Error(`measure ${m.id}: its htsList ${JSON.stringify(htsList)} gave no codes`);
    // a statistical number that is the only one of its line is the line ("9507.30.6000" is 9507.30.60)
    hts = collapseSuffixes(hts, read.suffixesOf);
    // one sorted list of digit codes: the index cuts a sorted list by chapter without reading it all
    return {
      ...m,
      hts: [...new Set([...m.hts.map((h) => h.replace(/\./g, '')), ...hts])].sort(),
      ...(exclude.length || m.exclude ? { exclude: [...(m.exclude ?? []), ...exclude] } : {}),
    };
  });
}
