#!/usr/bin/env node
/**
 * Deterministic, seeded shipment CSV for the batch benchmark.
 *
 *   node bench/gen.mjs OUT ROWS [SEED]          (SEED defaults to 42)
 *   node bench/gen.mjs OUT ROWS SEED --codes N  (HTS codes: the first N US lines of data/lines/, in
 *                                                file order — many kinds of shipment, e.g. the
 *                                                timeline's memory with 5,000 codes, issue #21)
 *   import { generate } from './gen.mjs'; await generate(file, rows, seed)
 *
 * Header: id,hts,origin,value,freight,insurance,mode,date,description
 *
 * - hts: the US lines of data/schedule.json (`lines[].hts` where importer === "US", spelled as
 *   written, de-duplicated in file order); a fixed fallback list when the file is missing or has
 *   no US line.
 * - origin: CN 60%, VN/MX 10% each, DE/HK/JP/IN 5% each.
 * - value: 50.00–250000.00, log-uniform (so MPF's floor, the middle band and its cap all occur).
 * - freight: 1–12% of value (ocean/truck) or 4–20% (air); insurance: 0.1–1% of value; both ≥ 0.01.
 * - mode: ocean 60%, air 25%, truck 15%.
 * - date: uniform over 2025-01-01 … 2026-06-30 inclusive.
 * - description: ~1% of rows are quoted fields with a comma and escaped quotes
 *   (`"Widget, large ""XL"""`); the rest are plain words.
 *
 * Money is generated as integer cents and formatted by integer arithmetic, so no float ever
 * reaches the file. Same (rows, seed, HTS list) → byte-identical output.
 */
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';

export const GEN_VERSION = 1;
export const HEADER = 'id,hts,origin,value,freight,insurance,mode,date,description';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEDULE_FILE = join(REPO_ROOT, 'data', 'schedule.json');
export const FALLBACK_HTS = [
  '9503.00.00',
  '8471.30.01',
  '8517.13.00',
  '6109.10.00',
  '8541.43.00',
  '8703.80.00',
  '8507.60.0010',
  '8507.60.0020',
  '9401.61.6011',
];

/** mulberry32: tiny, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The HTS codes rows are drawn from, and where they came from. */
export function htsCodes(scheduleFile = SCHEDULE_FILE) {
  if (!existsSync(scheduleFile)) return { codes: FALLBACK_HTS, source: 'fallback list (data/schedule.json missing)' };
  let doc;
  try {
    doc = JSON.parse(readFileSync(scheduleFile, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${scheduleFile}: cannot parse (${e.message})`);
  }
  const seen = new Set();
  for (const line of Array.isArray(doc?.lines) ? doc.lines : []) {
    if (line && line.importer === 'US' && typeof line.hts === 'string' && line.hts !== '') seen.add(line.hts);
  }
  if (seen.size === 0) return { codes: FALLBACK_HTS, source: 'fallback list (no US lines in data/schedule.json)' };
  return { codes: [...seen], source: `data/schedule.json (${seen.size} US lines)` };
}

/** The first `n` US codes of the line shards (data/lines/US-*.json, in file order): many distinct kinds of shipment. */
export function shardCodes(n, linesDir = join(REPO_ROOT, 'data', 'lines')) {
  const seen = new Set();
  for (const f of readdirSync(linesDir)
    .filter((f) => f.startsWith('US-') && f.endsWith('.json'))
    .sort()) {
    for (const line of JSON.parse(readFileSync(join(linesDir, f), 'utf8')).lines ?? []) {
      if (line?.importer === 'US' && typeof line.hts === 'string' && line.hts !== '') seen.add(line.hts);
      if (seen.size >= n) return { codes: [...seen], source: `the first ${n} US lines of data/lines/` };
    }
  }
  throw new Error(`data/lines/ has ${seen.size} US lines, fewer than ${n}`);
}

function fromShards(n) {
  const { codes, source } = shardCodes(n);
  return { codes, codesSource: source };
}

/** Short fingerprint of everything that determines the file's bytes (for cache names). */
export function fingerprint(rows, seed, codes) {
  return createHash('sha256')
    .update(JSON.stringify([GEN_VERSION, rows, seed, codes]))
    .digest('hex')
    .slice(0, 10);
}

const ORIGINS = [
  ['CN', 60],
  ['VN', 10],
  ['MX', 10],
  ['DE', 5],
  ['HK', 5],
  ['JP', 5],
  ['IN', 5],
];
const MODES = [
  ['ocean', 60],
  ['air', 25],
  ['truck', 15],
];

/** Cumulative table for O(1) weighted picks from a 100-slot array. */
function table100(weighted) {
  const t = [];
  for (const [v, w] of weighted) for (let i = 0; i < w; i++) t.push(v);
  if (t.length !== 100) throw new Error('weights must sum to 100');
  return t;
}
const ORIGIN_T = table100(ORIGINS);
const MODE_T = table100(MODES);

/** Every date 2025-01-01 … 2026-06-30 inclusive, as YYYY-MM-DD. */
function dateRange() {
  const out = [];
  const end = Date.UTC(2026, 5, 30);
  for (let t = Date.UTC(2025, 0, 1); t <= end; t += 86400000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const DATES = dateRange(); // 546 days

const NOUNS = ['widget', 'toy set', 'laptop', 'phone', 't-shirt', 'solar module', 'battery pack', 'seat frame', 'cable', 'bracket', 'lamp', 'motor'];
const ADJS = ['plastic', 'steel', 'cotton', 'assorted', 'boxed', 'spare', 'blue', 'large', 'small', 'refurbished'];
const SIZES = ['XL', 'L', 'M', 'S', '10"', '2x4'];

const MIN_CENTS = 5000; // 50.00
const MAX_CENTS = 25000000; // 250000.00
const LN_MIN = Math.log(MIN_CENTS);
const LN_SPAN = Math.log(MAX_CENTS) - LN_MIN;

function money(cents) {
  const c = cents % 100;
  return `${(cents - c) / 100}.${c < 10 ? '0' : ''}${c}`;
}

function csvQuote(s) {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Builds rows; each row consumes a fixed number of PRNG draws. */
function rowMaker(codes, seed) {
  const rnd = mulberry32(seed);
  const nCodes = codes.length;
  return function row(i, width) {
    const hts = codes[(rnd() * nCodes) | 0];
    const origin = ORIGIN_T[(rnd() * 100) | 0];
    const mode = MODE_T[(rnd() * 100) | 0];
    let value = Math.round(Math.exp(LN_MIN + rnd() * LN_SPAN));
    if (value < MIN_CENTS) value = MIN_CENTS;
    if (value > MAX_CENTS) value = MAX_CENTS;
    const fr = mode === 'air' ? 0.04 + rnd() * 0.16 : 0.01 + rnd() * 0.11;
    const freight = Math.max(1, Math.round(value * fr));
    const insurance = Math.max(1, Math.round(value * (0.001 + rnd() * 0.009)));
    const date = DATES[(rnd() * DATES.length) | 0];
    const r1 = rnd();
    const noun = NOUNS[(rnd() * NOUNS.length) | 0];
    const adj = ADJS[(rnd() * ADJS.length) | 0];
    const size = SIZES[(rnd() * SIZES.length) | 0];
    // ~1%: quoted field with a comma and embedded (doubled) quotes.
    const description = r1 < 0.01 ? csvQuote(`${noun}, ${adj} "${size}"`) : `${adj} ${noun}`;
    const id = `S${String(i + 1).padStart(width, '0')}`;
    return `${id},${hts},${origin},${money(value)},${money(freight)},${money(insurance)},${mode},${date},${description}\n`;
  };
}

/**
 * Writes `rows` data rows (plus the header) to `file`. Resolves to { rows, bytes, codesSource }.
 */
export async function generate(file, rows, seed = 42, { codes, codesSource } = {}) {
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`rows must be a non-negative integer, got ${rows}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!codes) ({ codes, source: codesSource } = htsCodes());
  const row = rowMaker(codes, seed);
  const width = Math.max(7, String(rows).length);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  // One error listener for the whole run; a pending drain wait is rejected by it.
  let failed;
  let wake = null;
  out.on('error', (e) => {
    failed = e;
    if (wake) wake();
  });
  out.on('drain', () => {
    if (wake) wake();
  });
  let bytes = 0;
  const write = async (s) => {
    if (failed) throw failed;
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) {
      await new Promise((res) => (wake = res));
      wake = null;
      if (failed) throw failed;
    }
  };
  await write(`${HEADER}\n`);
  const CHUNK = 4096;
  for (let i = 0; i < rows; ) {
    const n = Math.min(CHUNK, rows - i);
    let s = '';
    for (let k = 0; k < n; k++, i++) s += row(i, width);
    await write(s);
  }
  if (failed) throw failed;
  await new Promise((res, rej) => {
    out.once('close', () => (failed ? rej(failed) : res()));
    out.end();
  });
  return { rows, bytes, codesSource };
}

// CLI use
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--codes');
  const nCodes = at < 0 ? undefined : Number(args.splice(at, 2)[1]);
  const [outFile, rowsArg, seedArg] = args;
  const rows = Number(rowsArg);
  const seed = seedArg === undefined ? 42 : Number(seedArg);
  if (
    !outFile ||
    !Number.isSafeInteger(rows) ||
    rows < 0 ||
    !Number.isSafeInteger(seed) ||
    (nCodes !== undefined && !(Number.isSafeInteger(nCodes) && nCodes > 0))
  ) {
    console.error('usage: node bench/gen.mjs OUT ROWS [SEED] [--codes N]   (ROWS a non-negative integer, SEED an integer, default 42, N a positive integer)');
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  try {
    const { bytes, codesSource } = await generate(outFile, rows, seed, nCodes === undefined ? {} : fromShards(nCodes));
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    console.error(`${outFile}: ${rows} rows, ${bytes} bytes, seed ${seed}, HTS from ${codesSource}, ${ms.toFixed(0)} ms`);
  } catch (e) {
    console.error(`gen: ${e.message}`);
    process.exit(1);
  }
}
