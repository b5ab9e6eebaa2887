/**
 * Product lists read out of the text of HTSUS Chapter 99 (the US notes, as extracted from the
 * official PDF). A note's subdivision starts at column 0 ("(f) Heading 9903.88.03 applies to …")
 * and runs to the next subdivision of the same note. Inside it the list is a grid of 8-digit
 * subheadings, four a line, plus numbered items in prose ("5. … provided for in subheading
 * 6307.90.98, except for … statistical reporting numbers 6307.90.9842, …"): the subheading is in
 * scope, the statistical numbers after it are not.
 */

export interface NoteList {
  /** 8-digit codes (digits only) in scope */
  hts: string[];
  /** 10-digit statistical numbers excluded from that scope */
  exclude: string[];
  /** first and last line (1-based) of the subdivision in the text */
  lines: [number, number];
}

/** a line of a code grid: headings, subheadings or statistical numbers only ("8471  8517.13.00") */
const CODE_TOKEN = /^\d{4}(?:\.\d{2}(?:\.\d{2}(?:\d{2})?)?)?$/;
// a grid line may follow the page header on the same line ("U.S. Notes (con.)     2605.00.00 …")
const gridPart = (l: string): string => l.replace(/^U\.S\. Notes \(con\.\)(?=\s+\d)/, '');
const isGrid = (l: string): boolean =>
  /^\s+\d/.test(gridPart(l)) &&
  gridPart(l)
    .trim()
    .split(/\s+/)
    .every((t) => CODE_TOKEN.test(t));
const CODE8 = /(?<![\d.])\d{4}\.\d{2}\.\d{2}(?![\d]|\.\d)/g;
const CODE10 = /(?<![\d.])\d{4}\.\d{2}\.\d{4}(?!\d)/g;
const digits = (c: string): string => c.replace(/\./g, '');

/** The start of US note `note` of the subchapter whose notes contain `anchor`. */
function noteStart(lines: string[], note: number, anchor: RegExp): number {
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).startsWith(`${note}. (a)`) && anchor.test(lines.slice(i, i + 8).join(' '))) return i;
  }
  // the number alone on its line, a page header between it and its "(a)" (note 37 of the 2026 Rev 6 text)
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).trim() !== `${note}.`) continue;
    const a = lines.slice(i + 1, i + 21).findIndex((l) => l.startsWith('(a) '));
    if (a >= 0 && anchor.test(lines.slice(i + 1 + a, i + 1 + a + 8).join(' '))) return i;
  }
  throw new Error(`Chapter 99 text: US note ${note} (${anchor}) not found`);
}

function nextLetter(s: string): string {
  // (a) … (z), (aa) … : the subdivision after `s`
  if (s.length === 1) return s === 'z' ? 'aa' : String.fromCharCode(s.charCodeAt(0) + 1);
  const c = s[0] as string;
  return c === 'z' ? s : String.fromCharCode(c.charCodeAt(0) + 1).repeat(s.length);
}

/**
 * Every subheading and statistical number a subdivision names, for a list written as prose
 * ("…: 0402.99.68; 0402.99.70; … 3004.90.9244; …", note 19(k)); Chapter 99 headings aside.
 */
export function noteSubdivisionCodes(text: string, note: number, sub: string, anchor: RegExp): NoteList {
  const list = noteSubdivisionList(text, note, sub, anchor);
  const lines = text.split(/\r?\n/).slice(list.lines[0] - 1, list.lines[1]);
  const codes = new Set<string>();
  for (const m of lines.join('\n').matchAll(/(?<![\d.])\d{4}\.\d{2}\.\d{2}(?:\d{2})?(?![\d]|\.\d)/g)) if (!m[0].startsWith('99')) codes.add(digits(m[0]));
  return { hts: [...codes].sort(), exclude: [], lines: list.lines };
}

/** Subdivision `sub` of US note `note`, e.g. (20, 'f', /9903\.88\.01/) → List 3 of Section 301. */
export function noteSubdivisionList(text: string, note: number, sub: string, anchor: RegExp): NoteList {
  const lines = text.split(/\r?\n/);
  const start = noteStart(lines, note, anchor);
  const open = `(${sub}) `;
  let from = -1;
  for (let i = start; i < lines.length; i++) {
    if ((lines[i] as string).startsWith(open)) {
      from = i;
      break;
    }
  }
  if (from < 0) throw new Error(`Chapter 99 text: note ${note}(${sub}) not found`);
  const close = `(${nextLetter(sub)}) `;
  let to = from + 1;
  while (to < lines.length && !(lines[to] as string).startsWith(close) && !/^\d{1,2}\. \(a\)/.test(lines[to] as string)) to++;
  return listBetween(lines, from, to);
}

/** The list between the first line matching `start` and the next matching `end` (a subdivision written out). */
export function textList(text: string, start: RegExp, end: RegExp): NoteList {
  const lines = text.split(/\r?\n/);
  const from = lines.findIndex((l) => start.test(l));
  if (from < 0) throw new Error(`Chapter 99 text: no line matches ${start}`);
  let to = from + 1;
  while (to < lines.length && !end.test(lines[to] as string)) to++;
  if (to === lines.length) throw new Error(`Chapter 99 text: nothing matches ${end} after ${start}`);
  return listBetween(lines, from, to);
}

function listBetween(lines: string[], from: number, to: number): NoteList {
  const hts = new Set<string>();
  const exclude = new Set<string>();
  let item = '';
  const flushItem = (): void => {
    if (!item) return;
    // "… provided for in subheading 9401.80.40, except for … numbers 9401.80.4004, …": the
    // subheading is the first 8-digit code; the statistical numbers after it are the exceptions
    // (an "except" may also come before it, in the description: "plastics except for …")
    const sub8 = new RegExp(CODE8.source).exec(item);
    if (sub8) {
      hts.add(digits(sub8[0]));
      for (const x of item.slice(sub8.index + sub8[0].length).match(CODE10) ?? []) exclude.add(digits(x));
    }
    item = '';
  };
  for (let i = from + 1; i < to; i++) {
    const l = lines[i] as string;
    if (isGrid(l)) {
      flushItem();
      for (const c of gridPart(l).trim().split(/\s+/)) if (!c.startsWith('99')) hts.add(digits(c));
    } else if (/^\d{1,3}\. /.test(l)) {
      flushItem();
      item = l;
    } else if (item && /^\s+\S/.test(l)) {
      item += ` ${l.trim()}`;
    } else {
      flushItem();
    }
  }
  flushItem();
  return { hts: [...hts].sort(), exclude: [...exclude].sort(), lines: [from + 1, to] };
}

/** "(iv) Derivative steel articles:" — a numbered part of a subdivision (note 16(c)(i)–(x)), codes may follow on the line */
const PART_LABEL = /^\s*(?:U\.S\. Notes \(con\.\))?\s*\(([ivx]+)\) [A-Z][^:]*:(.*)$/;
const ANY_CODE = /^\d{4}(?:\.\d{2}(?:\.\d{2}(?:\d{2})?)?)?$/;

/**
 * The numbered parts of a subdivision whose lists are grids under roman-numeral titles, e.g. U.S.
 * note 16(c): "(i) Articles of aluminum: 7601 7604 …", "(ix) Derivative aluminum articles: …".
 * Codes are kept as printed (4, 6, 8 or 10 digits: a heading covers every line under it). The PDF's
 * text runs a title beside the first grid row of a page, so a row printed before a title on the
 * same page can fall to the part before it; the parts are grouped by rate in use, and the
 * boundaries that change a rate ((v)/(vi), (viii)/(ix)) start a page of their own in the text.
 */
export function noteSubdivisionParts(text: string, note: number, sub: string, anchor: RegExp): Map<string, string[]> {
  const range = noteSubdivisionList(text, note, sub, anchor).lines;
  const lines = text.split(/\r?\n/).slice(range[0] - 1, range[1]);
  const parts = new Map<string, string[]>();
  let current: string[] | undefined;
  const take = (rest: string): boolean => {
    const tokens = rest.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0 || !tokens.every((t) => ANY_CODE.test(t))) return false;
    for (const t of tokens) if (!t.startsWith('99')) current?.push(digits(t));
    return true;
  };
  for (const l of lines) {
    const label = PART_LABEL.exec(l);
    if (label) {
      current = [];
      parts.set(label[1] as string, current);
      take(label[2] as string);
      continue;
    }
    if (current) take(gridPart(l));
  }
  for (const [k, v] of parts) parts.set(k, [...new Set(v)].sort());
  return parts;
}
