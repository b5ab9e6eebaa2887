#!/usr/bin/env node
/**
 * Peak memory of every batch command (npm run bench:memory): the promise is that a batch stays
 * flat — at most 150 MB peak RSS — whatever the input size, command and output format.
 *
 * Inputs: the seeded shipment CSVs of bench/gen.mjs (seed 42), cached in bench/out/ (git-ignored):
 * 100,000 and 1,000,000 rows, or MEM_ROWS=comma,list.
 *
 * Each command runs under `/usr/bin/time -f %M` (peak RSS in kB, the process itself: bash and the
 * reader of the pipe are not counted) with its stdout
 *   pipe   read by `cat > /dev/null`: a pipe is where output waits for its reader, so this is where
 *          buffered output shows (the default)
 *   null   > /dev/null: writes never wait
 * MEM_SINK=pipe,null chooses. `timeline` prices every row on each of ~60 law dates: at 1M rows it
 * runs for many minutes (MEM_SKIP=timeline leaves it out).
 *
 * Then `timeline` on 20,000 rows drawn from 5,000 HTS codes (the first US lines of data/lines/:
 * many kinds of shipment, each planned on every law interval; MEM_SKIP=codes leaves it out).
 *
 * TARIFF_BIN=path/to/bin/tariff.js measures another build (a copy of an older one, for a before/after).
 *
 * Exit 1 when a run fails or a peak is over its limit: MEM_LIMIT_MB (default 150) in one thread,
 * MEM_JOBS_LIMIT_MB (default 250) with --jobs 2 (three heaps); else 0. This is a
 * measurement, not a test: peak RSS depends on the machine and its load, so it is not in vitest.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ROOT, fmtInt, requireBuiltCli, table } from './common.mjs';
import { fingerprint, generate, htsCodes, shardCodes } from './gen.mjs';

const OUT_DIR = join(ROOT, 'bench', 'out');
const TIME = '/usr/bin/time';
const BIN = resolve(process.env.TARIFF_BIN || join(ROOT, 'bin', 'tariff.js'));
const LIMIT_MB = Number(process.env.MEM_LIMIT_MB || 150);
const JOBS_LIMIT_MB = Number(process.env.MEM_JOBS_LIMIT_MB || 250);
const limitOf = (label) => (label.includes('--jobs') ? JOBS_LIMIT_MB : LIMIT_MB);
const rowCounts = (process.env.MEM_ROWS || '100000,1000000').split(',').map((s) => Number(s.trim().replace(/_/g, '')));
const sinks = (process.env.MEM_SINK || 'pipe').split(',').map((s) => s.trim());
const skip = new Set(
  (process.env.MEM_SKIP || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
for (const n of rowCounts) if (!Number.isSafeInteger(n) || n <= 0) fail(`MEM_ROWS: ${n} is not a positive integer`);
for (const s of sinks) if (s !== 'pipe' && s !== 'null') fail(`MEM_SINK: "${s}" is neither pipe nor null`);
if (!existsSync(TIME)) fail(`${TIME} not found (Debian package "time"): it measures the peak RSS`);
requireBuiltCli();

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

/** [label, tariff arguments after the command]; F is the input file */
const COMMANDS = [
  ['calc csv', (f) => ['calc', '--input', f, '--scenario', 'geneva-30', '--format', 'csv']],
  ['calc ndjson', (f) => ['calc', '--input', f, '--scenario', 'geneva-30', '--format', 'ndjson']],
  ['calc json', (f) => ['calc', '--input', f, '--scenario', 'geneva-30', '--format', 'json']],
  // the default scenario: each row under the law of its own date (a plan per kind and law interval)
  ['calc csv as-entered', (f) => ['calc', '--input', f, '--format', 'csv']],
  ['calc csv --jobs 2', (f) => ['calc', '--input', f, '--scenario', 'geneva-30', '--format', 'csv', '--jobs', '2']],
  ['calc ndjson --jobs 2', (f) => ['calc', '--input', f, '--scenario', 'geneva-30', '--format', 'ndjson', '--jobs', '2']],
  ['compare csv', (f) => ['compare', '--input', f, '--format', 'csv']],
  ['compare json', (f) => ['compare', '--input', f, '--format', 'json']],
  ['refund csv', (f) => ['refund', '--input', f, '--format', 'csv']],
  ['refund json', (f) => ['refund', '--input', f, '--format', 'json']],
  ['timeline csv', (f) => ['timeline', '--input', f, '--format', 'csv']],
].filter(([label]) => !skip.has(label) && !skip.has(label.split(' ')[0]));

const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

async function inputFile(rows, codes, prefix = 'shipments') {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = join(OUT_DIR, `${prefix}-${rows}-${fingerprint(rows, 42, codes.codes)}.csv`);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    await generate(tmp, rows, 42, codes);
    renameSync(tmp, file);
  }
  return file;
}

/** `okStatus`: the exit codes of a completed run (65: some rows rejected, as codes of other importers' lines are) */
function measure(args, sink, okStatus = [0]) {
  const rss = join(OUT_DIR, `memory-${process.pid}.tmp`);
  const node = [TIME, '-f', '%M', '-o', rss, process.execPath, BIN, ...args].map(q).join(' ');
  const line = sink === 'pipe' ? `${node} | cat > /dev/null` : `${node} > /dev/null`;
  const t0 = process.hrtime.bigint();
  // pipefail: the status is tariff's, not cat's
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', line], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const lines = existsSync(rss) ? readFileSync(rss, 'utf8').trim().split('\n') : [];
  if (existsSync(rss)) unlinkSync(rss);
  const kB = Number(lines.at(-1));
  const ok = okStatus.includes(r.status) && Number.isFinite(kB);
  return { mb: kB / 1024, seconds, ok, why: ok ? '' : `exit ${r.status}: ${(r.stderr || lines.join(' ')).trim().split('\n').slice(-3).join(' | ')}` };
}

const codes = htsCodes();
const files = [];
for (const rows of rowCounts) files.push([rows, await inputFile(rows, { codes: codes.codes, codesSource: codes.source })]);
console.log(
  `peak RSS (MB) of node ${relative(ROOT, BIN) || BIN} <command> --input FILE; stdout: ${sinks.join(', ')}; limit ${LIMIT_MB} MB, ${JOBS_LIMIT_MB} MB with --jobs`,
);
for (const [rows, file] of files) console.log(`  ${fmtInt(rows)} rows: ${relative(ROOT, file)}`);

let bad = 0;
const rows = [];
for (const [label, argsOf] of COMMANDS) {
  for (const sink of sinks) {
    const row = [label, sink];
    let verdict = 'ok';
    for (const [, file] of files) {
      const m = measure(argsOf(relative(ROOT, file)), sink);
      if (!m.ok) {
        bad++;
        verdict = 'FAILED';
        console.error(`  ${label} (${sink}): FAILED ${m.why}`);
      } else if (m.mb > limitOf(label)) {
        bad++;
        if (verdict === 'ok') verdict = `over ${limitOf(label)}`;
      }
      row.push(m.ok ? m.mb.toFixed(0) : 'n/a', m.seconds.toFixed(1));
    }
    row.push(verdict);
    rows.push(row);
    console.error(`  done: ${row.join('  ')}`);
  }
}
// a timeline of many kinds of shipment: 20,000 rows of 5,000 HTS codes (MEM_SKIP=codes leaves it out; issue #21)
if (!skip.has('codes')) {
  const many = shardCodes(5000);
  const file = await inputFile(20_000, { codes: many.codes, codesSource: many.source }, 'codes5000');
  const m = measure(['timeline', '--input', relative(ROOT, file), '--format', 'csv'], 'pipe', [0, 65]);
  const verdict = !m.ok ? 'FAILED' : m.mb > LIMIT_MB ? `over ${LIMIT_MB}` : 'ok';
  if (verdict !== 'ok') bad++;
  console.log(
    `timeline csv, 20,000 rows of 5,000 HTS codes (${relative(ROOT, file)}): ${m.ok ? m.mb.toFixed(0) : 'n/a'} MB, ${m.seconds.toFixed(1)} s — ${verdict}${m.why ? ` ${m.why}` : ''}`,
  );
}
const header = ['command', 'stdout'];
for (const [n] of files) header.push(`${fmtInt(n)} rows MB`, 's');
header.push('');
console.log(`\n${table(header, rows)}`);
if (bad) console.log(`\n${bad} run${bad > 1 ? 's' : ''} failed or over its limit`);
process.exit(bad ? 1 : 0);
