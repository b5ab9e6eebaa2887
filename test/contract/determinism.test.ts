/**
 * Same input, schedule and flags → byte-identical output: across two runs, across time zones
 * (TZ=UTC, Pacific/Kiritimati at UTC+14, America/Los_Angeles), across locales, and — for a batch —
 * whether it is priced in this thread or in worker threads (--jobs). A process per environment
 * runs every case (test/cli-runner.ts); --jobs runs are spawned.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn, runMany, SPAWN_ALL } from '../cli-runner.js';
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

  /**
   * Every case under one environment in ONE process (test/cli-runner.ts): a time zone and a locale
   * are read when a process starts, so each environment is its own process, as a user's shell
   * would give; the cases within it run one after the other. Run on first use.
   */
  let byEnv: RunResult[][] | null = null;
  const runsOf = (i: number): RunResult[] => {
    byEnv ??= ENVS.map((env) =>
      runMany(
        CASES.map(([, args]) => ({ args: args() })),
        { env },
      ),
    );
    if (SPAWN_ALL)
      ENVS.forEach((env, e) => {
        expect(seen((byEnv as RunResult[][])[e]?.[i] as RunResult), `in process vs spawned, ${env.TZ} ${env.LANG}`).toBe(
          seen(run((CASES[i] as [string, () => string[]])[1](), { env })),
        );
      });
    return byEnv.map((rs) => rs[i] as RunResult);
  };

  it.each(CASES.map(([name, args], i) => [name, args, i] as const))(
    '%s: two runs, TZ=UTC / Pacific/Kiritimati / America/Los_Angeles, LANG/LC_ALL=C / en_US / de_DE / ja_JP',
    (_name, _args, i) => {
      const [first, ...others] = runsOf(i) as [RunResult, ...RunResult[]];
      expect([0, 65]).toContain(first.exitCode);
      expect(first.stdout.length).toBeGreaterThan(0);
      others.forEach((r, k) => {
        const env = ENVS[k + 1] as (typeof ENVS)[number];
        expect(seen(r), `${env.TZ} ${env.LANG}`).toBe(seen(first));
      });
    },
    // the first case starts the four processes of every case (runsOf): past the 60 s default at load 15
    180_000,
  );

  it('with "today" left to the clock, a pinned scenario gives the same bytes in every time zone', () => {
    // TARIFF_TODAY unset: nothing of a scenario with its own law date may depend on the local date
    // (at UTC+14 and UTC-8 "today" is two different dates for most of the day)
    // the four commands under one time zone in one process (test/cli-runner.ts), a process per zone
    const pinned = ([CASES[0], CASES[3], CASES[4], CASES[7]] as [string, () => string[]][]).map(([, args]) => ({ args: args() }));
    const byTz = TZS.map((tz) => runMany(pinned, { env: { TZ: tz }, unset: ['TARIFF_TODAY'] }));
    const fixed = runMany(pinned, { env: { TZ: 'UTC' } });
    if (SPAWN_ALL) {
      const clock = (args: string[], tz: string): RunResult => {
        const env = cleanEnv({ TZ: tz });
        delete env.TARIFF_TODAY;
        const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: 'utf8', input: '', maxBuffer: 64 * 1024 * 1024 });
        return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
      };
      TZS.forEach((tz, t) => {
        pinned.forEach((c, k) => {
          expect(seen(byTz[t]?.[k] as RunResult), `in process vs spawned: ${tz} ${c.args.join(' ')}`).toBe(seen(clock(c.args, tz)));
        });
      });
      pinned.forEach((c, k) => {
        expect(seen(fixed[k] as RunResult)).toBe(seen(run(c.args, { env: { TZ: 'UTC' } })));
      });
    }
    pinned.forEach((c, k) => {
      const outs = byTz.map((rs) => seen(rs[k] as RunResult));
      expect(new Set(outs).size, c.args.join(' ')).toBe(1);
      expect(outs[0]).toBe(seen(fixed[k] as RunResult));
    });
  }, 120_000);

  it('a batch priced in worker threads (--jobs 2) is byte-identical to one priced in this thread', () => {
    const text = readFileSync(batch, 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    const copies = (n: number): string => {
      const f = join(dir, `jobs-${n}.csv`);
      writeFileSync(f, `${header}\n${Array.from({ length: n }, () => rows.join('\n')).join('\n')}\n`);
      return f;
    };
    // The job sizes, not the row count, decide what is crossed: over the lowered worker threshold
    // (64 KiB), more jobs than are kept in flight, so results are awaited out of turn, over the two
    // workers. CSV: 32 copies, 12,832 rows, ~900 KB: the first slice (64 KiB) in this thread, then
    // seven jobs of two slices each (~128 KiB; src/batch/calc-run.ts JOB_BYTES is reached at the
    // second slice, which stops just short of 64 KiB at a row's end), more than the four it keeps in
    // flight (12 copies made three jobs: counted with a preload that counts Worker.postMessage; the
    // 32-copy --jobs 2 run takes ~1.9 s of CPU, 12 copies ~1.7 s). JSON and NDJSON: 3 copies, 1,203
    // rows, ~84 KB, ~11 jobs of 8 KiB (FULL_PATH_JOB_BYTES, two in flight); 12 copies (~41 jobs)
    // crossed nothing more, and their four runs took 11.3 s of CPU (6.6 s with 3 copies).
    const files = { csv: copies(32), ndjson: copies(3), json: copies(3) };
    const env = { TARIFF_WORKER_MIN_BYTES: '65536' };
    for (const [format, big] of Object.entries(files)) {
      expect(statSync(big).size, format).toBeGreaterThan(65_536);
      // without --jobs no worker starts and TARIFF_WORKER_MIN_BYTES is not read (the batch run's
      // dispatch()): the one-thread run in the runner process of test/cli-runner.ts (runIn)
      const one = runIn(['calc', '--input', big, '--scenario', 'as-entered', '--format', format, '--summary']);
      const two = run(['calc', '--input', big, '--scenario', 'as-entered', '--format', format, '--summary', '--jobs', '2'], { env });
      expect(one.exitCode).toBe(65); // the rejected row, once a copy
      expect(seen(two), format).toBe(seen(one));
    }
    // three spawned runs (--jobs), three in the runner process
  }, 300_000);
});
