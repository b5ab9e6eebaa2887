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
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
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

/**
 * The part of an environment a process reads when it starts, or once: a case that sets one of
 * these is spawned by runIn() (Intl reads LANG/LC_* and TZ once; NODE_OPTIONS preloads;
 * TARIFF_WORKER_MIN_BYTES is read when src/cli/actions/calc-batch.ts loads).
 */
const READ_AT_START = /^(?:NODE_OPTIONS|TZ|LANG|LANGUAGE|LC_[A-Z]+|TARIFF_WORKER_MIN_BYTES)$/;

let server: { worker: Worker; port: MessagePort; signal: Int32Array } | undefined;

/**
 * run() (helpers.ts), the same arguments and result, but in the ONE long-lived runner process of
 * this module (cli-runner-child.cjs --serve, held by a worker thread while the test waits): one
 * per vitest worker process, which runs test file after test file (vitest.config.ts, isolate: false):
 * synchronous, in the order the test calls it, so its files, `-o` and `--rejects` outputs are
 * there when the next line reads them. What the runner cannot show is spawned instead, as run()
 * does: an environment read at start (READ_AT_START) and `--jobs` (worker threads). With
 * TARIFF_TEST_SPAWN_ALL=1 every in-process case is also spawned and must give the same (a case
 * that writes files runs twice: its files are those of the spawned run).
 */
export function runIn(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): RunResult {
  if (spawned(args, opts)) return run(args, opts);
  const result = serve(args, opts, false);
  if (SPAWN_ALL) expect(comparable(result), `in process vs spawned: ${args.join(' ')}`).toEqual(comparable(run(args, opts)));
  return result;
}

/** A run's result with stdout as bytes. */
export interface ByteResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * runIn() with stdout as bytes, not text (a decoding would make a raw invalid byte and its U+FFFD
 * look the same): in the runner process of runIn(), or spawned as runIn() spawns.
 */
export function runInBytes(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): ByteResult {
  if (spawned(args, opts)) return runBytes(args, opts);
  const r = serve(args, opts, true);
  const result = { ...r, stdout: Buffer.from(r.stdout, 'base64') };
  if (SPAWN_ALL) expect(result, `in process vs spawned: ${args.join(' ')}`).toEqual(runBytes(args, opts));
  return result;
}

/** run() (helpers.ts) with stdout as bytes: a spawned `node bin/tariff.js`. */
export function runBytes(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): ByteResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input: opts.input ?? '', env: cleanEnv(opts.env), maxBuffer: 256 * 1024 * 1024 });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** What the runner cannot show: `--jobs` (worker threads) and an environment read at start (READ_AT_START). */
const spawned = (args: string[], opts: { env?: Record<string, string> }): boolean =>
  args.some((a) => a === '--jobs' || a.startsWith('--jobs=')) || Object.keys(opts.env ?? {}).some((k) => READ_AT_START.test(k));

/** One case through the runner process of this test file (started on first use); stdout as base64 with `bytes`. */
function serve(args: string[], opts: { input?: string; env?: Record<string, string> }, bytes: boolean): RunResult {
  if (process.env.TARIFF_TEST_COUNT_SPAWNS)
    appendFileSync(process.env.TARIFF_TEST_COUNT_SPAWNS, `${relative(ROOT, expect.getState().testPath ?? '?')}\trunIn\t1 case\n`);
  if (server === undefined) {
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(4);
    const worker = new Worker(fileURLToPath(new URL('./cli-runner-worker.cjs', import.meta.url)), {
      workerData: { child: RUNNER_CHILD, bin: BIN, cwd: ROOT, env: cleanEnv(), port: port2, flag },
      transferList: [port2],
    });
    // neither keeps the test file's process alive; the runner process ends with it (IPC disconnect)
    worker.unref();
    port1.unref();
    server = { worker, port: port1, signal: new Int32Array(flag) };
  }
  const { port, signal } = server;
  Atomics.store(signal, 0, 0);
  port.postMessage({ args, env: cleanEnv(opts.env), input: opts.input ?? '', bytes });
  if (Atomics.wait(signal, 0, 0, 120_000) === 'timed-out') throw new Error(`the CLI runner gave no result in 120 s: ${args.join(' ')}`);
  const got = receiveMessageOnPort(port)?.message as { result?: RunResult; error?: string } | undefined;
  if (!got?.result) throw new Error(got?.error ?? 'the CLI runner gave no result');
  return got.result;
}
