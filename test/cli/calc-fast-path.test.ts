/**
 * The differential test of the batch fast path (src/batch/fast-rows.ts: the program of
 * src/core/program.ts run without a trail) through the built CLI: the same input priced with it and
 * without it (TARIFF_FAST_PATH=0: every row through CsvReader, BatchPricer and `price`) gives
 * byte-identical stdout, stderr, exit code and rejects file.
 *
 * Most of the differential runs in process: test/unit/batch/engines-agree.test.ts (a property of
 * the two engines over shipments from the bundled tariff) and test/unit/batch/fast-path-chunks.test.ts
 * (the seeded corpus of test/fast-path-corpus.ts, every scenario, the extra columns, CRLF, flag
 * defaults, what-ifs, --no-escape-formulas and the hand cases, through ChunkProcessor). What is
 * left here is what only a run of the CLI shows: the input layer's reading of the bytes (the
 * delimiter rewrite, the line-break decision for the whole file, decoding), worker threads, the
 * summary and messages on stderr, the rejects file and the exit code of --strict.
 * Each run also asserts that the fast path served most rows, so the comparison is not vacuous.
 * The runs are the built CLI's main() in the runner process of the test file (test/cli-runner.ts
 * runInBytes: stdout as bytes); the --jobs run is spawned.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpus, semicolons, strayCrs } from '../fast-path-corpus.js';
import { runInBytes } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-fast-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
  // in the runner process of the test file (test/cli-runner.ts): TARIFF_FAST_PATH is read on each
  // run; a --jobs run and TARIFF_WORKER_MIN_BYTES are spawned
  const r = runInBytes(['calc', '--input', input, '--summary', '--rejects', rejects, '-v', ...args], {
    env: { ...env, ...(fast ? {} : { TARIFF_FAST_PATH: '0' }) },
  });
  let rej = Buffer.alloc(0);
  try {
    rej = readFileSync(rejects);
  } catch {
    // no rejects file: the run failed before committing it; both runs must agree on that too
  }
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, rejects: rej };
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

// smaller files than in process (6,000 rows per scenario there): enough for every kind of record,
// rejections on stderr and in the rejects file, and two 64 KiB worker jobs with --jobs 2 (2.5 MB,
// many jobs: contract/determinism.test.ts)
const gen = corpus(42);
const plain = join(dir, 'plain.csv');
const semicolon = join(dir, 'semicolon.csv');
const strayCr = join(dir, 'stray-cr.csv');
writeFileSync(plain, gen.file(2000, false));
writeFileSync(semicolon, semicolons(gen.file(1500, false)));
writeFileSync(strayCr, strayCrs(gen.file(1500, false)));

// each case prices its file twice (~2,000 rows, the full path's with its trail): minutes on a busy
// 2-core machine, whose load stretched the first case past the 60 s default
describe('fast path = full path, byte for byte, through the CLI', { timeout: 180_000 }, () => {
  it('scenario as-entered (stdout, stderr with the summary and rejections, the rejects file, exit code)', () => compare(plain, ['--scenario', 'as-entered']));
  it("lone CRs inside an LF file (the line-break decision is the whole input's)", () => compare(strayCr, ['--scenario', 'as-entered'], {}, 0.3));
  it('a semicolon file (rewritten to commas on the fly)', () => compare(semicolon, ['--scenario', 'geneva-30', '--delimiter', ';']));
  it('worker threads (--jobs 2)', () => compare(plain, ['--scenario', 'as-entered', '--jobs', '2'], { TARIFF_WORKER_MIN_BYTES: '0' }));
  it('the file read through stdin (one buffer per read) gives the bytes of the file read in two reused buffers', () => {
    // a regular file is read into two buffers in turn (src/batch/row-source.ts fileChunks); stdin is not:
    // TARIFF_FAST_PATH does not change the reading, so this is the run that compares the two readings
    // the corpus body 17 times over (~2.1 MB): three 1 MB reads, so the first buffer is read into again
    const text = readFileSync(plain, 'utf8');
    const nl = text.indexOf('\n') + 1;
    const big = join(dir, 'big.csv');
    writeFileSync(big, text.slice(0, nl) + text.slice(nl).repeat(17));
    expect(statSync(big).size).toBeGreaterThan(2 * 1024 * 1024);
    const args = ['calc', '--scenario', 'geneva-30', '--summary'];
    const fromFile = runInBytes([...args, '--input', big]);
    const fromStdin = runInBytes(args, { input: readFileSync(big, 'utf8') });
    expect(fromFile.exitCode === 0 || fromFile.exitCode === 65).toBe(true);
    expect(fromStdin.exitCode).toBe(fromFile.exitCode);
    expect(fromStdin.stdout.equals(fromFile.stdout)).toBe(true);
    expect(fromStdin.stderr.replaceAll('stdin', big)).toBe(fromFile.stderr);
  });
  it('--strict stops at the same row', () => {
    const fast = run(plain, ['--strict'], true);
    const full = run(plain, ['--strict'], false);
    expect(fast.exitCode).toBe(65);
    expect(fast).toEqual(full);
  });
  it('an invalid UTF-8 byte inside a field (read as U+FFFD: as many code units as bytes, but not ASCII)', () => {
    const f = join(dir, 'invalid-byte.csv');
    const rows = Array.from({ length: 400 }, (_, i) => `I${i},8471.30.0100,CN,${100 + i}`);
    const text = `id,hts,origin,value\n${rows.slice(0, 100).join('\n')}\nab\x80cd,8471.30.0100,CN,100\n${rows.slice(100).join('\n')}\n`;
    writeFileSync(f, Buffer.from(text, 'latin1'));
    compare(f, ['--scenario', 'geneva-30']);
  });
});
