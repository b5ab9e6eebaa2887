/**
 * Many runs of the built CLI in ONE child process (test/cli-runner-child.cjs), for suites whose
 * cases are command lines and what they print: a spawned `node bin/tariff.js` costs ~0.2 s of
 * start-up on the test machine, most of a case's time. The child loads bin/tariff.js and calls
 * the CLI's main(argv) once per case with that case's argv, environment (cleanEnv, as run() gives
 * a spawned CLI) and stdin, capturing stdout and stderr and reading process.exitCode.
 *
 * What a run in the child cannot show stays a spawned run (helpers.ts run()): signals, a closed
 * stdout (EPIPE), a terminal, a write that fails after the fact, an environment read when the
 * process starts (NODE_OPTIONS preloads), worker threads (--jobs), exit-time checks
 * (process.on('exit')). `TARIFF_TEST_SPAWN_ALL=1` makes the suites that use this runner also spawn
 * every case and compare (test/README.md, "In-process CLI runs").
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { BIN, cleanEnv, ROOT, type RunResult, run } from './helpers.js';

export const RUNNER_CHILD = fileURLToPath(new URL('./cli-runner-child.cjs', import.meta.url));

export interface CliCase {
  args: string[];
  env?: Record<string, string>;
  input?: string;
  /** process.stdout.write throws "injected fault: stdout.write" (an internal error, exit 70) */
  fault?: 'stdout';
}

export interface RunnerOptions {
  /** bin/tariff.js of another copy of the CLI (with `child`: a copy of cli-runner-child.cjs it can read) */
  bin?: string;
  child?: string;
  cwd?: string;
  /**
   * The environment of the child process itself (added to cleanEnv), and of every case: what is
   * read once per process (TZ, LANG/LC_ALL for Intl) is the same for all its cases. `unset`: names
   * removed from both (TARIFF_TODAY, for a "today" from the clock).
   */
  env?: Record<string, string>;
  unset?: string[];
  uid?: number;
  gid?: number;
}

/** The results of `cases`, in order; throws if the child did not finish. */
export function runMany(cases: readonly CliCase[], opts: RunnerOptions = {}): RunResult[] {
  if (cases.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'tariff-runner-'));
  try {
    const job = join(dir, 'job.json');
    const results = join(dir, 'results.json');
    const bin = opts.bin ?? BIN;
    const envOf = (extra?: Record<string, string>): NodeJS.ProcessEnv => {
      const env = cleanEnv({ ...opts.env, ...extra });
      for (const name of opts.unset ?? []) delete env[name];
      return env;
    };
    writeFileSync(job, JSON.stringify({ bin, cases: cases.map((c) => ({ args: c.args, env: envOf(c.env), input: c.input ?? '', fault: c.fault })) }));
    if (opts.uid !== undefined) chmodSync(dir, 0o777);
    // with the process count of test/count-spawns.ts: how many CLI runs this one process stands for
    if (process.env.TARIFF_TEST_COUNT_SPAWNS)
      appendFileSync(process.env.TARIFF_TEST_COUNT_SPAWNS, `${relative(ROOT, expect.getState().testPath ?? '?')}\trunMany\t${cases.length} cases\n`);
    const r = spawnSync(process.execPath, [opts.child ?? RUNNER_CHILD, job, results], {
      cwd: opts.cwd ?? ROOT,
      input: '',
      encoding: 'utf8',
      env: envOf(),
      maxBuffer: 256 * 1024 * 1024,
      ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid } : {}),
    });
    let parsed: RunResult[];
    try {
      parsed = JSON.parse(readFileSync(results, 'utf8')) as RunResult[];
    } catch {
      throw new Error(`the CLI runner did not finish (exit ${r.status}, signal ${r.signal}): ${r.stderr.slice(-2000)}`);
    }
    if (parsed.length !== cases.length) throw new Error(`the CLI runner returned ${parsed.length} results for ${cases.length} cases`);
    return parsed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The result as compared with a spawned run: a --debug stack trace starts at the function that
 * threw the injected fault, the preload's own in a spawned run and the runner's here; that frame
 * is left out (the frames of the CLI below it must be the same).
 */
export function comparable(r: RunResult): RunResult {
  return { ...r, stderr: r.stderr.replace(/^ +at .*(?:fault\.mjs|cli-runner-child\.cjs):\d+:\d+\)?\n/gm, '') };
}

/** Compare in-process runs with spawned ones? (TARIFF_TEST_SPAWN_ALL=1) */
export const SPAWN_ALL = process.env.TARIFF_TEST_SPAWN_ALL === '1';

/**
 * Named CLI runs of a test file, all run in ONE runner process the first time any of them is read
 * (a file's independent plain runs: `const R = batch({ a: { args: [...] }, ... })`, then `R.a` in
 * its test). With TARIFF_TEST_SPAWN_ALL=1 each is also spawned (`run()`) and must give the same.
 * Only for runs that depend on nothing another test does first: their files are written when the
 * table is built.
 */
export function batch<K extends string>(cases: Record<K, CliCase>, opts: RunnerOptions = {}): Record<K, RunResult> {
  const names = Object.keys(cases) as K[];
  let results: RunResult[] | undefined;
  const out = {} as Record<K, RunResult>;
  names.forEach((name, i) => {
    Object.defineProperty(out, name, {
      enumerable: true,
      get: (): RunResult => {
        if (results === undefined) {
          results = runMany(
            names.map((n) => cases[n]),
            opts,
          );
          if (SPAWN_ALL)
            names.forEach((n, j) => {
              const c = cases[n];
              expect(results?.[j], `in process vs spawned: ${n}: ${c.args.join(' ')}`).toEqual(run(c.args, { input: c.input, env: { ...opts.env, ...c.env } }));
            });
        }
        return results[i] as RunResult;
      },
    });
  });
  return out;
}
