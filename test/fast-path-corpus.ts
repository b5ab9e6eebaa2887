/**
 * The seeded shipment files of the fast-path differential (test/unit/batch/fast-path-chunks.test.ts
 * in process, test/cli/calc-fast-path.test.ts through the CLI): built to reach every branch of
 * both paths — codes drawn from the whole bundled tariff (content-based 232 duties, specific and
 * compound rates, 10-digit splits), origins from China to Canada, dates from 2024 to after
 * verifiedThrough, values under the de minimis and informal-entry limits and at the exact-range
 * edge, and records the fast path must decline: quoted fields with line breaks, CRLF and blank
 * lines, ragged rows, values with spaces or three decimals, bad dates, formula-like and non-ASCII
 * cells, extra columns (currency, entry type, claim, quantity, metal content) filled on some rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** every US code of the bundled line files, 8-digit lines and their statistical suffixes */
export function allUsCodes(): string[] {
  const codes: string[] = [];
  const linesDir = join(ROOT, 'data', 'lines');
  for (const f of readdirSync(linesDir).sort()) {
    if (!f.startsWith('US-')) continue;
    const doc = JSON.parse(readFileSync(join(linesDir, f), 'utf8')) as { lines: { hts: string; suffixes?: { hts: string }[] }[] };
    for (const l of doc.lines) {
      codes.push(l.hts);
      for (const s of l.suffixes ?? []) codes.push(s.hts);
    }
  }
  return codes;
}

// the codes of the README, the golden cases and the benchmark
export const KNOWN = [
  '9503.00.00',
  '8471.30.01',
  '8517.13.00',
  '6109.10.00',
  '8541.43.00',
  '8703.80.00',
  '8507.60.0010',
  '8507.60.0020',
  '9401.61.60',
  '7306.30.50',
  '7604.29.10',
  '2203.00.00',
  '7318.15.20',
  '8418.10.00',
];

export interface Corpus {
  /** a seeded shipment file; `extra` adds currency, entry type, claim, quantity/unit and steel content columns */
  file(rows: number, extra: boolean, eol?: string): string;
  /** id,hts,value rows (no origin column: the flag default stands in) */
  noOrigin(rows: number): string;
  /** an HTS code of the corpus */
  code(): string;
}

/** The generator, seeded (42 in both tests): the same seed and calls give the same files. */
export function corpus(seed = 42): Corpus {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number): boolean => rnd() < p;
  const US_CODES = allUsCodes();
  // the known codes, then a seeded draw from the whole tariff
  const CODES = [...KNOWN, ...Array.from({ length: 220 }, () => pick(US_CODES))];
  const ORIGINS = ['CN', 'CN', 'CN', 'HK', 'VN', 'MX', 'CA', 'DE', 'JP', 'KR', 'IN', 'BR', 'CH', 'GB', 'RU', 'TW', 'cn', ' vn', 'boat', 'XX', ''];
  const MODES = ['ocean', 'ocean', 'ocean', 'air', 'air', 'truck', 'rail', 'postal', '', 'OCEAN'];

  function date(): string {
    if (chance(0.02)) return pick(['', '2025-02-30', ' 2025-03-01', '2025/03/01', '1899-12-31', '2030-01-01']);
    // 2024-07-01 … 2026-12-31: before the data's first edition, every change of 2025-2026, and after verifiedThrough
    const day = Math.floor(rnd() * 915);
    return new Date(Date.UTC(2024, 6, 1) + day * 86_400_000).toISOString().slice(0, 10);
  }

  function money(max: number): string {
    if (chance(0.015)) return pick(['', ' 120', '12.345', '-5', 'abc', '1e3', '9999999999999.99', '0', '0.5', '10,000']);
    // log-uniform from $1 to max: the de minimis ($800) and informal ($2,500) limits, MPF's floor and cap
    const cents = Math.round(Math.exp(Math.log(100) + rnd() * (Math.log(max * 100) - Math.log(100))));
    return chance(0.2) ? String(Math.floor(cents / 100)) : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  }

  function description(): string {
    if (chance(0.03)) return '"Widget, large ""XL"""';
    if (chance(0.01)) return '"two\nlines"';
    if (chance(0.01)) return pick(['café crème', '日本製', ' padded ', '=HYPERLINK("x")', '+1', '@sum', '-3']);
    return pick(['toy', 'lamp', 'steel pipe', 'cotton shirt', 'battery pack', 'chair']);
  }

  function file(rows: number, extra: boolean, eol = '\n'): string {
    const head = ['id', 'hts', 'origin', 'value', 'freight', 'insurance', 'mode', 'date', 'description'];
    if (extra) head.push('importer', 'currency', 'entry_type', 'claim', 'qty', 'unit', 'content_steel');
    const out = [head.join(',')];
    for (let i = 1; i <= rows; i++) {
      if (chance(0.01)) out.push('');
      const id = chance(0.005) ? pick(['=cmd', '+x', '@a', '-1']) : `S${i}`;
      const cells = [
        id,
        pick(CODES),
        pick(ORIGINS),
        money(500_000),
        chance(0.1) ? '' : money(20_000),
        chance(0.1) ? '' : money(2_000),
        pick(MODES),
        date(),
        description(),
      ];
      if (extra) {
        const cn = chance(0.05);
        if (cn) {
          cells[1] = pick(['1201.90.00', '8703.23.00', '9503.00.00']);
          cells[2] = 'US';
        }
        cells.push(
          cn ? 'CN' : chance(0.1) ? 'US' : '',
          chance(0.05) ? pick(['USD', 'EUR', 'CNY']) : '',
          chance(0.05) ? pick(['formal', 'informal']) : '',
          chance(0.05) ? 'usmca' : '',
          chance(0.05) ? String(1 + Math.floor(rnd() * 500)) : '',
          chance(0.05) ? pick(['kg', 'no', 'doz']) : '',
          chance(0.05) ? pick(['40%', '100.00', '']) : '',
        );
      }
      if (chance(0.005)) cells.push('extra');
      if (chance(0.005)) cells.length = 3;
      out.push(cells.join(','));
    }
    return `${out.join(eol)}${eol}`;
  }

  const noOrigin = (rows: number): string => `id,hts,value\n${Array.from({ length: rows }, (_, i) => `N${i},${pick(CODES)},${money(50_000)}`).join('\n')}\n`;
  return { file, noOrigin, code: () => pick(CODES) };
}

/** No delimiter inside the cells: the rewrite of a semicolon file to commas is the delimiter module's concern. */
export const semicolons = (csv: string): string => csv.replace(/"[^"]*(""[^"]*)*"/g, 'quoted').replace(/,/g, ';');

/** An LF file with lone CRs inside some records: they end a record but not a line (the file's first break is an LF). */
export const strayCrs = (csv: string): string => csv.replace(/\n(S\d*7,)/g, '\r$1');
