/**
 * One USITC HTSUS export (CSV: HTS Number, Indent, Description, Unit of Quantity, General Rate of
 * Duty, Special Rate of Duty, Column 2 Rate of Duty, ...) → its rate lines for chapters 01–97.
 *
 * The general rate is printed on the 8-digit subheading; its 10-digit statistical suffixes inherit
 * it. Where an 8-digit subheading has a single suffix, the export prints the two as one 10-digit
 * row carrying the rate ("0101.30.00.00"): that row is the 8-digit line. Unnumbered rows
 * ("Horses:") are the tree's grouping texts; they become part of the descriptions below them.
 */
import type { RawRate } from '../../../src/schedule/schema.js';
import { parseGeneralRate } from '../../../src/schedule/rate-text.js';

export interface EditionLine {
  /** 8 digits, or 10 where two suffixes of one 8-digit code carry different rates */
  code: string;
  description: string;
  generalText: string;
  /** null when the text is not a rate this tool computes ("5¢/kg on drained weight") */
  general: RawRate | null;
  column2Text: string;
  column2: RawRate | null;
  units: string[];
  suffixes: { code: string; description: string; units: string[] }[];
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

export function readEdition(rows: Record<string, string>[]): { lines: Map<string, EditionLine>; problems: EditionProblem[] } {
  const problems: EditionProblem[] = [];
  const stack: string[] = [];
  const byCode8 = new Map<string, EditionLine[]>();
  let current: EditionLine | undefined;
  let currentIndent = -1;
  rows.forEach((r, i) => {
    const row = i + 2;
    const digits = (r['HTS Number'] ?? '').replace(/\./g, '').trim();
    const indent = Number(r.Indent ?? '0') || 0;
    const text = r.Description ?? '';
    stack.length = indent;
    const chain = [...stack, text];
    stack[indent] = text;
    if (digits.startsWith('98') || digits.startsWith('99')) return;
    if (!/^\d*$/.test(digits)) {
      problems.push({ row, code: digits, message: 'not an HTS number' });
      return;
    }
    const general = clean(r['General Rate of Duty'] ?? '');
    if (general && (digits.length === 8 || digits.length === 10)) {
      const g = parseGeneralRate(general);
      if (!g.ok) problems.push({ row, code: digits, message: `${g.message} (the line needs --mfn)` });
      const c2text = clean(r['Column 2 Rate of Duty'] ?? '');
      const c2 = c2text ? parseGeneralRate(c2text) : null;
      if (c2 && !c2.ok) problems.push({ row, code: digits, message: `column 2: ${c2.message} (column 2 left out)` });
      const line: EditionLine = {
        code: digits,
        description: joinDescription(chain.slice(digits.length === 10 ? 0 : 0)),
        generalText: general,
        general: g.ok ? g.rate : null,
        column2Text: c2text,
        column2: c2?.ok ? c2.rate : null,
        units: units(r['Unit of Quantity'] ?? ''),
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
      current.suffixes.push({ code: digits, description: joinDescription(chain.slice(currentIndent + 1)), units: units(r['Unit of Quantity'] ?? '') });
    } else if (digits.length === 10 && !general) {
      problems.push({ row, code: digits, message: 'a statistical suffix without an 8-digit line above it carrying a rate' });
    }
  });
  const lines = new Map<string, EditionLine>();
  for (const [code8, list] of byCode8) {
    const same = list.every((l) => l.generalText === list[0]?.generalText && l.column2Text === list[0]?.column2Text);
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
  return { lines, problems };
}
