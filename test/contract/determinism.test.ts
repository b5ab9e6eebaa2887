/**
 * Same input, schedule and flags → byte-identical output: across two runs, across time zones
 * (TZ=UTC, Pacific/Kiritimati at UTC+14, America/Los_Angeles), across locales, and — for a batch —
 * whether it is priced in this thread or in worker threads (--jobs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, FIXTURE, ROOT, run, type RunResult } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-determinism-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TZS = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'];
const LOCALES = ['C', 'en_US.UTF-8', 'de_DE.UTF-8', 'ja_JP.UTF-8'];

let batch: string;
let entries: string;
beforeAll(() => {
  // a varied batch: several lines, origins, modes, entry dates around the changes of the law,
  // freight, a currency, quoted text, a rejected row
  const codes = ['9503.00.00', '6109.10.00', '8471.30.01', '8703.80.00', '8507.60.0010', '9401.61.60', '8541.43.00'];
  const origins = ['CN', 'HK', 'VN', 'MX', 'DE'];
  const modes = ['ocean', 'air', 'truck', ''];
  const rows = ['id,hts,origin,value,freight,mode,date,note'];
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.UTC(2024, 11, 1) + ((i * 37) % 540) * 86_400_000).toISOString().slice(0, 10);
    rows.push(
      `R${i},${codes[i % codes.length]},${origins[i % origins.length]},${(i * 7919) % 250000}.${String(i % 100).padStart(2, '0')},${i % 3 ? '0' : '123.45'},${modes[i % modes.length]},${day},"note ${i}, ""quoted"""`,
    );
  }
  rows.push('bad,95A3,CN,1,0,ocean,2025-05-14,rejected');
  batch = join(dir, 'batch.csv');
  writeFileSync(batch, `${rows.join('\n')}\n`);
  entries = join(dir, 'entries.csv');
  writeFileSync(
    entries,
    'entry_number,hts,origin,value,date,liquidation_date\nE1,9503.00.00,CN,10000,2025-04-12,2025-12-01\nE2,6109.10.00,CN,2500.50,2025-06-01,\nE3,9503.00.00,VN,100,2025-05-20,\n',
  );
});

const CASES: [string, () => string[]][] = [
  [
    'calc, one shipment, JSON',
    () => ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30', '--format', 'json'],
  ],
  [
    'calc, one shipment, as-entered with --explain',
    () => ['calc', '--hts', '8703.80.00', '--origin', 'CN', '--value', '40000', '--date', '2025-04-15', '--explain', '--no-color'],
  ],
  ['calc, batch CSV (as-entered)', () => ['calc', '--input', batch, '--scenario', 'as-entered']],
  [
    'calc, batch JSON under a what-if',
    () => ['calc', '--input', batch, '--scenario', 'geneva-30', '--set', 'ieepa-reciprocal=34%', '--format', 'json', '--summary'],
  ],
  ['scenarios, JSON', () => ['scenarios', '--format', 'json']],
  ['scenarios --about, JSON', () => ['scenarios', '--about', '--format', 'json']],
  ['scenarios of a user schedule, JSON', () => ['scenarios', '--schedule', FIXTURE, '--format', 'json']],
  [
    'compare, JSON',
    () => ['compare', '--hts', '6109.10.00', '--origin', 'CN', '--value', '10000', '--scenario', 'pre-2025,geneva-30,peak-145', '--format', 'json'],
  ],
  ['compare, batch CSV per row', () => ['compare', '--input', batch, '--scenario', 'geneva-30,s122-2026', '--per-row']],
  ['timeline, CSV', () => ['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--to', '2026-06-30', '--format', 'csv']],
  ['refund, JSON', () => ['refund', '--input', entries, '--format', 'json']],
];

/** stdout and stderr together, with the exit code: what a user or a script sees. */
const seen = (r: RunResult): string => `${r.exitCode}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/**
 * The environments a case runs in: every time zone and every locale at least once, paired (a
 * run per pair, not per product: each run is a second run of the first, so "two runs" is in it too).
 */
const ENVS: { TZ: string; LANG: string; LC_ALL: string }[] = [
  { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' },
  { TZ: 'Pacific/Kiritimati', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' },
  { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' },
  { TZ: 'UTC', LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8' },
];

describe('byte-identical output', () => {
  it('the environments cover every time zone and locale', () => {
    expect(new Set(ENVS.map((e) => e.TZ))).toEqual(new Set(TZS));
    expect(new Set(ENVS.map((e) => e.LANG))).toEqual(new Set(LOCALES));
  });

  it.each(CASES)('%s: two runs, TZ=UTC / Pacific/Kiritimati / America/Los_Angeles, LANG/LC_ALL=C / en_US / de_DE / ja_JP', (_name, args) => {
    const [base, ...others] = ENVS as [(typeof ENVS)[number], ...typeof ENVS];
    const first = run(args(), { env: base });
    expect([0, 65]).toContain(first.exitCode);
    expect(first.stdout.length).toBeGreaterThan(0);
    for (const env of others) expect(seen(run(args(), { env })), `${env.TZ} ${env.LANG}`).toBe(seen(first));
  });

  it('with "today" left to the clock, a pinned scenario gives the same bytes in every time zone', () => {
    // TARIFF_TODAY unset: nothing of a scenario with its own law date may depend on the local date
    // (at UTC+14 and UTC-8 "today" is two different dates for most of the day)
    const clock = (args: string[], tz: string): RunResult => {
      const env = cleanEnv({ TZ: tz });
      delete env.TARIFF_TODAY;
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', input: '', maxBuffer: 64 * 1024 * 1024 });
      return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    };
    for (const [, args] of [CASES[0], CASES[3], CASES[4], CASES[7]] as [string, () => string[]][]) {
      const outs = TZS.map((tz) => seen(clock(args(), tz)));
      expect(new Set(outs).size, args().join(' ')).toBe(1);
      expect(outs[0]).toBe(seen(run(args(), { env: { TZ: 'UTC' } })));
    }
  });

  it('a batch priced in worker threads (--jobs 2) is byte-identical to one priced in this thread', () => {
    const big = join(dir, 'jobs.csv');
    const text = readFileSync(batch, 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    // ~2.5 MB: well over the lowered worker threshold, many 64 KiB jobs
    writeFileSync(big, `${header}\n${Array.from({ length: 40 }, () => rows.join('\n')).join('\n')}\n`);
    const env = { TARIFF_WORKER_MIN_BYTES: '65536' };
    for (const format of ['csv', 'ndjson', 'json']) {
      const one = run(['calc', '--input', big, '--scenario', 'as-entered', '--format', format, '--summary'], { env });
      const two = run(['calc', '--input', big, '--scenario', 'as-entered', '--format', format, '--summary', '--jobs', '2'], { env });
      expect(one.exitCode).toBe(65); // the rejected row, 40 times
      expect(seen(two), format).toBe(seen(one));
    }
  }, 120_000);
});
