/**
 * The differential test of the batch fast path (src/batch/fast-rows.ts, src/core/program.ts without a trail):
 * the same input priced with it and without it (TARIFF_FAST_PATH=0: every row through CsvReader,
 * BatchPricer and `price`) gives byte-identical stdout, stderr, exit code and rejects file.
 *
 * The corpus is seeded (42) and built to reach every branch of both paths: codes drawn from the
 * whole bundled tariff (content-based 232 duties, specific and compound rates, 10-digit splits),
 * all scenario ids, origins from China to Canada, dates from 2024 to after verifiedThrough, values
 * under the de minimis and informal-entry limits and at the exact-range edge, and records the
 * fast path must decline: quoted fields with line breaks, CRLF and blank lines, ragged rows,
 * values with spaces or three decimals, bad dates, formula-like and non-ASCII cells, extra
 * columns (currency, entry type, claim, quantity, metal content) filled on some rows.
 * Each run also asserts that the fast path served most rows, so the comparison is not vacuous.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-fast-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
function allUsCodes(): string[] {
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

const rnd = mulberry32(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const chance = (p: number): boolean => rnd() < p;

const US_CODES = allUsCodes();
// the codes of the README, the golden cases and the benchmark, then a seeded draw from the whole tariff
const KNOWN = [
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

/** A seeded shipment file; `extra` adds currency, entry type, claim, quantity/unit and steel content columns. */
function corpus(rows: number, extra: boolean, eol = '\n'): string {
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

interface Outcome {
  exitCode: number | null;
  /** bytes, not text: a decoding would make a raw invalid byte and its U+FFFD look the same */
  stdout: Buffer;
  stderr: string;
  rejects: Buffer;
}

function run(input: string, args: string[], fast: boolean, env: Record<string, string> = {}): Outcome {
  // one name for both runs: it is in the messages
  const rejects = join(dir, 'rejects.csv');
  rmSync(rejects, { force: true });
  const r = spawnSync(process.execPath, [BIN, 'calc', '--input', input, '--summary', '--rejects', rejects, '-v', ...args], {
    cwd: ROOT,
    env: cleanEnv({ ...env, ...(fast ? {} : { TARIFF_FAST_PATH: '0' }) }),
    maxBuffer: 1 << 28,
  });
  let rej = Buffer.alloc(0);
  try {
    rej = readFileSync(rejects);
  } catch {
    // no rejects file: the run failed before committing it; both runs must agree on that too
  }
  return { exitCode: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8'), rejects: rej };
}

/** the --verbose line that says how many rows the fast path priced (the only line allowed to differ) */
const FAST_LINE = /^tariff: (\d+) of (\d+) priced rows took the fast path\n/m;

function compare(input: string, args: string[], env: Record<string, string> = {}, minFastShare = 0.5): void {
  const fast = run(input, args, true, env);
  const full = run(input, args, false, env);
  const counted = FAST_LINE.exec(fast.stderr);
  expect(counted, fast.stderr.slice(0, 2000)).not.toBeNull();
  const [, served, priced] = counted as RegExpExecArray;
  expect(Number(priced)).toBeGreaterThan(0);
  // the corpus is built so that most rows are plain: the fast path must have served them
  expect(Number(served) / Number(priced)).toBeGreaterThanOrEqual(minFastShare);
  expect(FAST_LINE.exec(full.stderr)?.[1]).toBe('0');
  expect({ ...fast, stderr: fast.stderr.replace(FAST_LINE, '') }).toEqual({ ...full, stderr: full.stderr.replace(FAST_LINE, '') });
  expect(fast.exitCode === 0 || fast.exitCode === 65).toBe(true);
}

const plain = join(dir, 'plain.csv');
const extra = join(dir, 'extra.csv');
const crlf = join(dir, 'crlf.csv');
const semicolon = join(dir, 'semicolon.csv');
const noOrigin = join(dir, 'no-origin.csv');
const strayCr = join(dir, 'stray-cr.csv');
writeFileSync(plain, corpus(6000, false));
writeFileSync(extra, corpus(3000, true));
writeFileSync(crlf, corpus(2000, false, '\r\n'));
// no delimiter inside the cells of this one: the rewrite to commas is the delimiter module's concern
writeFileSync(
  semicolon,
  corpus(2000, false)
    .replace(/"[^"]*(""[^"]*)*"/g, 'quoted')
    .replace(/,/g, ';'),
);
// an LF file with lone CRs inside some records: they end a record but not a line (the file's first break is an LF)
writeFileSync(strayCr, corpus(2000, false).replace(/\n(S\d*7,)/g, '\r$1'));
writeFileSync(noOrigin, `id,hts,value\n${Array.from({ length: 1500 }, (_, i) => `N${i},${pick(CODES)},${money(50_000)}`).join('\n')}\n`);

describe('fast path = full path, byte for byte', () => {
  for (const scenario of ['as-entered', 'pre-2025', 'peak-145', 'geneva-30', 'busan-20', 's122-2026', 'snapback-34']) {
    it(`scenario ${scenario}`, () => compare(plain, ['--scenario', scenario]));
  }
  it('extra columns filled on some rows (currency, entry type, claim, quantity, content, the Chinese importer)', () =>
    compare(extra, ['--scenario', 'as-entered'], {}, 0.3));
  it('CRLF line ends', () => compare(crlf, ['--scenario', 'as-entered']));
  it('lone CRs inside an LF file', () => compare(strayCr, ['--scenario', 'as-entered'], {}, 0.3));
  it('a semicolon file (rewritten to commas on the fly)', () => compare(semicolon, ['--scenario', 'geneva-30', '--delimiter', ';']));
  it('flag defaults for the columns a file lacks', () => compare(noOrigin, ['--origin', 'DE', '--mode', 'ocean', '--date', '2025-09-01']));
  it('what-ifs (--set, --disable)', () => compare(plain, ['--scenario', 'geneva-30', '--set', 'ieepa-reciprocal=34%', '--disable', 's301']));
  it('--no-escape-formulas', () => compare(plain, ['--scenario', 'as-entered', '--no-escape-formulas']));
  it('worker threads (--jobs 2)', () => compare(plain, ['--scenario', 'as-entered', '--jobs', '2'], { TARIFF_WORKER_MIN_BYTES: '0' }));
  it('--strict stops at the same row', () => {
    const fast = run(plain, ['--strict'], true);
    const full = run(plain, ['--strict'], false);
    expect(fast.exitCode).toBe(65);
    expect(fast).toEqual(full);
  });
});

/**
 * Inputs a review found to differ between the paths (each failed before its fix): the fast path
 * must decline what the full path rejects or writes otherwise, whatever rows came before.
 */
describe('fast path = full path on hand cases', () => {
  const many = (row: (i: number) => string, n = 400): string[] => Array.from({ length: n }, (_, i) => row(i));

  it('an HTS code with colons for points, after the same code with points (a packed kind must not match it)', () => {
    const f = join(dir, 'colons.csv');
    const rows = many((i) => `P${i},8471.30.0100,CN,${100 + i}`);
    // ':' is the character after '9': a code of digits and colons must be read, not packed as if it had points
    rows.splice(200, 0, 'C1,8471:30:0100,CN,100', 'C2,8471.30:0100,CN,100', 'C3,9503:00:00,CN,100');
    writeFileSync(f, `id,hts,origin,value\n${rows.join('\n')}\n`);
    compare(f, ['--scenario', 'geneva-30']);
  });

  it('a flag default with a space, and the same text in a cell (that cell is quoted in the echo)', () => {
    const f = join(dir, 'default-space.csv');
    const rows = many((i) =>
      i % 4 === 0 ? `E${i},8471.30.0100,,${100 + i}` : i % 4 === 1 ? `L${i},8471.30.0100,CN ,${100 + i}` : `D${i},8471.30.0100,DE,${100 + i}`,
    );
    writeFileSync(f, `id,hts,origin,value\n${rows.join('\n')}\n`);
    compare(f, ['--scenario', 'geneva-30', '--origin', 'CN '], {}, 0.3);
    // the same with the importer column (--mode takes no spaces: its choices are checked)
    const g = join(dir, 'default-space-importer.csv');
    // (the rows that leave the importer to the default go the full path; those that say US do not)
    writeFileSync(g, `id,hts,origin,value,importer\n${rows.map((r, i) => `${r},${i % 4 === 1 ? 'US ' : i % 4 === 2 ? 'US' : ''}`).join('\n')}\n`);
    compare(g, ['--scenario', 'geneva-30', '--origin', 'CN ', '--importer', 'US '], {}, 0.2);
  });

  it('an invalid UTF-8 byte inside a field (read as U+FFFD: as many code units as bytes, but not ASCII)', () => {
    const f = join(dir, 'invalid-byte.csv');
    const rows = many((i) => `I${i},8471.30.0100,CN,${100 + i}`);
    const text = `id,hts,origin,value\n${rows.slice(0, 100).join('\n')}\nab\x80cd,8471.30.0100,CN,100\n${rows.slice(100).join('\n')}\n`;
    writeFileSync(f, Buffer.from(text, 'latin1'));
    compare(f, ['--scenario', 'geneva-30']);
  });
});
