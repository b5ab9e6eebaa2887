/**
 * Hostile CSV through the built CLI: `calc --input FILE --scenario geneva-30 --summary` on random
 * bytes and on structurally mutated valid files (stray quotes and delimiters, CR/LF/CRLF, NUL,
 * invalid UTF-8, byte-order marks, very long fields, 10,000 and 25,000 columns).
 *
 * Properties, for every input:
 * - the exit code is 0 or 65, never anything else, and stderr never holds a stack trace;
 * - with a summary line `rows read N, priced P, rejected R`: N = P + R, stdout is a well-formed CSV
 *   whose data rows number exactly P (all as wide as its header), and exit 0 ⇔ R = 0;
 * - without one (the header itself is unusable): exit 65 and nothing on stdout;
 * - no row is lost or invented: N equals the number of records a plain reading of the decoded
 *   input finds after the header.
 *
 * Each property runs here on the first inputs of its seeded (42) sequence (`fc.sample`), all the
 * runs of a property in ONE process (test/cli-runner.ts: the built CLI's main() per file;
 * TARIFF_TEST_SPAWN_ALL=1 also spawns each run and requires the same exit code, stdout and stderr).
 * The fixed hostile inputs run in one process too, but for the 1.1-million-character field, which
 * stays a spawned process of its own: the real process reading a real file through its pipes (the
 * mutation property packs several mutated blocks into each file). The same sequences run
 * much longer in process (batch-input.test.ts: the input layer and the chunk pricer, without the
 * process around them); what only the CLI shows — the exit code, stderr without a stack, the
 * summary line, stdout — is checked here. FC_RUNS sets the number of runs of each property.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { runMany, SPAWN_ALL } from '../cli-runner.js';
import { BIN, cleanEnv, notJsonLines, ROOT, run, type RunResult } from '../helpers.js';
import {
  bomRecord,
  bytes,
  concat,
  enc,
  headerJunk,
  headerJunkExamples,
  mutate,
  mutatedFile,
  mutation,
  ndjsonFirst,
  ndjsonLine,
  randomInput,
  referenceRecords,
  validCsv,
} from './csv-arbitraries.js';

const numRuns = Number(process.env.FC_RUNS) > 0 ? Number(process.env.FC_RUNS) : 0;
const runs = (dflt: number): number => numRuns || dflt;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;
const SUMMARY = /^rows read (\d+), priced (\d+), rejected (\d+)$/m;

const dir = mkdtempSync(join(tmpdir(), 'tariff-fuzz-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

interface Outcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runFile(
  bytes: Uint8Array,
  args: (file: string) => string[] = (f) => ['calc', '--input', f, '--scenario', 'geneva-30', '--summary'],
): Promise<Outcome> {
  const f = join(dir, `in-${process.pid}-${seq++}.csv`);
  writeFileSync(f, bytes);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args(f)], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      rmSync(f, { force: true });
      resolve({ exitCode, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

const CALC = (f: string): string[] => ['calc', '--input', f, '--scenario', 'geneva-30', '--summary'];

/**
 * Many runs in one process (cli-runner.ts), in order: each input written to its own file, `args`
 * its command line. With TARIFF_TEST_SPAWN_ALL=1 each run is also spawned and must give the same.
 */
function runFiles(runs_: { bytes: Uint8Array; args?: (file: string) => string[] }[]): Outcome[] {
  const files = runs_.map(({ bytes: b, args = CALC }) => {
    const f = join(dir, `in-${process.pid}-${seq++}.csv`);
    writeFileSync(f, b);
    return args(f);
  });
  const results = runMany(files.map((args) => ({ args })));
  return results.map((r: RunResult, i) => {
    const args = files[i] as string[];
    if (SPAWN_ALL) expect(r, `in process vs spawned: ${args.join(' ')}`).toEqual(run(args));
    return { ...r, signal: null };
  });
}

/**
 * What every batch run owes, whatever its formats: exit 0 or 65, no stack trace, and either a
 * summary whose counts add up (exit 65 exactly when a row was rejected) or, without one, exit 65
 * and nothing on stdout. Returns the summary counts when there was one.
 */
function summaryContract(r: Outcome, ctx: string): { read: number; priced: number; rejected: number } | null {
  expect([0, 65], ctx).toContain(r.exitCode);
  expect(r.stderr, ctx).not.toMatch(STACK);
  expect(r.stderr, ctx).not.toMatch(/internal error/);
  const m = SUMMARY.exec(r.stderr);
  if (!m) {
    expect(r.exitCode, ctx).toBe(65);
    expect(r.stdout, ctx).toBe('');
    return null;
  }
  const [read, priced, rejected] = [Number(m[1]), Number(m[2]), Number(m[3])];
  expect(read, ctx).toBe(priced + rejected);
  expect(r.exitCode === 0, ctx).toBe(rejected === 0);
  return { read, priced, rejected };
}

/** The contract of one CSV run; returns the summary counts when there was one. */
function checkOutcome(r: Outcome, input: Uint8Array): { read: number; priced: number; rejected: number } | null {
  const ctx = `exit ${r.exitCode} signal ${r.signal}; input ${JSON.stringify(Buffer.from(input).toString('latin1').slice(0, 300))}; stderr ${r.stderr.slice(0, 600)}`;
  const counts = summaryContract(r, ctx);
  if (counts === null) return null;
  const { read, priced, rejected } = counts;
  const records = parseCsv(r.stdout);
  expect(records.length, ctx).toBeGreaterThanOrEqual(1);
  expect(
    records.filter((x) => x.error !== undefined),
    ctx,
  ).toEqual([]);
  const width = (records[0] as { fields: string[] }).fields.length;
  expect(records.slice(1).length, `data rows in stdout vs priced; ${ctx}`).toBe(priced);
  // every record as wide as the header: one assertion on the records that are not
  expect(
    records.flatMap((rec, i) => (rec.fields.length === width ? [] : [{ record: i, width: rec.fields.length }])),
    `records not ${width} fields wide; ${ctx}`,
  ).toEqual([]);
  // no row lost or invented: every record after the header is read
  expect(read, `rows read vs records in the input; ${ctx}`).toBe(referenceRecords(input) - 1);
  return { read, priced, rejected };
}

describe('fuzz: calc --input on hostile CSV', () => {
  it('random bytes (with and without a valid header): exit 0 or 65, no stack, N = P + R = rows accounted for', () => {
    const inputs = fc.sample(randomInput, { seed: 42, numRuns: runs(12) });
    const results = runFiles(inputs.map((b) => ({ bytes: b })));
    inputs.forEach((b, i) => {
      checkOutcome(results[i] as Outcome, b);
    });
  }, 600_000);

  it('structurally mutated valid CSV (header kept intact, many blocks per file): the contract, and no row lost or invented', () => {
    const inputs = fc.sample(mutatedFile, { seed: 42, numRuns: runs(15) });
    const results = runFiles(inputs.map((b) => ({ bytes: b })));
    inputs.forEach((input, i) => {
      const r = results[i] as Outcome;
      const counts = checkOutcome(r, input);
      // the header is intact and names hts, origin and value: there is always a summary
      expect(counts, r.stderr).not.toBeNull();
    });
  }, 600_000);

  it('compare and refund (the other batch reader) on the same files: exit 0 or 65, no stack, the rows calc reads and prices', () => {
    const inputs = fc.sample(mutatedFile, { seed: 42, numRuns: runs(8) });
    const results = runFiles(
      inputs.flatMap((b) => [
        { bytes: b },
        { bytes: b, args: (f: string) => ['compare', '--input', f, '--scenario', 'geneva-30', '--format', 'json'] },
        { bytes: b, args: (f: string) => ['refund', '--input', f, '--format', 'json'] },
      ]),
    );
    inputs.forEach((input, i) => {
      const [calc, cmp, ref] = results.slice(3 * i, 3 * i + 3) as [Outcome, Outcome, Outcome];
      const counts = checkOutcome(calc, input) as { read: number; priced: number; rejected: number };
      for (const r of [cmp, ref]) {
        const ctx = `exit ${r.exitCode}; stderr ${r.stderr.slice(0, 400)}`;
        expect([0, 65], ctx).toContain(r.exitCode);
        expect(r.stderr, ctx).not.toMatch(STACK);
        expect(r.stderr, ctx).not.toMatch(/internal error/);
      }
      const rows = (JSON.parse(cmp.stdout) as { rows: { read: number; priced: number; rejected: number } }).rows;
      expect(rows, cmp.stderr).toEqual(counts);
      expect(cmp.exitCode).toBe(calc.exitCode);
      const summary = (JSON.parse(ref.stdout) as { summary: { entriesRead: number; reported: number; rejected: number } }).summary;
      expect(summary.entriesRead).toBe(counts.read);
      expect(summary.reported + summary.rejected).toBe(summary.entriesRead);
      // refund needs a date as well: it rejects at least what calc rejects
      expect(summary.rejected).toBeGreaterThanOrEqual(counts.rejected);
    });
  }, 600_000);

  it('structurally mutated valid CSV, header included: exit 0 or 65, no stack, N = P + R', () => {
    const inputs = fc
      .sample(fc.tuple(validCsv, fc.array(mutation, { minLength: 1, maxLength: 6 })), { seed: 42, numRuns: runs(8) })
      .map(([csv, muts]) => mutate(csv.bytes, muts, 0));
    const results = runFiles(inputs.map((b) => ({ bytes: b })));
    inputs.forEach((input, i) => {
      checkOutcome(results[i] as Outcome, input);
    });
  }, 600_000);

  // was a DEFECT, fixed in c6bf473: the end of the header was found by re-encoding the decoded
  // header text, so each invalid byte (U+FFFD, 3 bytes) or a second BOM moved the start of the
  // data: the first row was corrupted or lost, or a phantom row appeared.
  it('invalid UTF-8 or a second BOM in the header: no row lost or invented', () => {
    const rowsOf = fc.array(fc.constantFrom('9503.00.00,CN,100', '6109.10.00,VN,2500.50'), { minLength: 1, maxLength: 5 });
    // the two examples first (as fc.assert's `examples` ran them), then the seeded sequence
    const cases = [...headerJunkExamples, ...fc.sample(fc.tuple(headerJunk, rowsOf), { seed: 42, numRuns: runs(6) })];
    const inputs = cases.map(([h, rows]) => concat([h, enc(rows.map((r) => `${r}\n`).join(''))]));
    const results = runFiles(inputs.map((b) => ({ bytes: b })));
    cases.forEach(([, rows], i) => {
      const counts = checkOutcome(results[i] as Outcome, inputs[i] as Uint8Array);
      expect(counts?.read).toBe(rows.length);
      expect(counts?.rejected).toBe(0);
    });
  }, 600_000);
});

describe('fuzz: NDJSON input (--input-format ndjson)', () => {
  it('random lines: exit 0 or 65, no stack, N = P + R = the non-blank lines, one output line per priced row', () => {
    const cases = fc
      .sample(fc.tuple(fc.option(ndjsonFirst, { freq: 4 }), fc.array(ndjsonLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n')), {
        seed: 42,
        numRuns: runs(10),
      })
      .map(([head, lines, nl]) => {
        const all = head === null ? lines : [head, ...lines];
        return { all, nl, input: enc(all.join(nl) + nl) };
      });
    const results = runFiles(
      cases.map(({ input }) => ({
        bytes: input,
        args: (f: string) => ['calc', '--input', f, '--input-format', 'ndjson', '--scenario', 'geneva-30', '--summary', '--format', 'ndjson'],
      })),
    );
    cases.forEach(({ all, nl }, i) => {
      const r = results[i] as Outcome;
      const ctx = `exit ${r.exitCode}; input ${JSON.stringify(all).slice(0, 400)}; stderr ${r.stderr.slice(0, 400)}`;
      const counts = summaryContract(r, ctx);
      if (counts === null) return;
      const { read, priced } = counts;
      expect(read, ctx).toBe(
        all
          .join(nl)
          .split('\n')
          .filter((l) => l.trim() !== '').length,
      );
      const out = r.stdout.split('\n').filter((l) => l !== '');
      expect(out.length, ctx).toBe(priced);
      expect(notJsonLines(out), `lines that are not JSON; ${ctx}`).toEqual([]);
      expect(({} as any).polluted).toBeUndefined();
    });
  }, 600_000);
});

describe('fuzz: U+FEFF at the start of a data record', () => {
  // was a DEFECT, fixed in 943e102: every slice was decoded with a TextDecoder that drops a leading
  // BOM, so a record starting with U+FEFF lost it only when it was the first record of a slice (the
  // first data row, or the first after a 64 KiB boundary), and a record of a lone BOM vanished.
  it('a record starting with U+FEFF is read the same wherever it is, and never dropped', () => {
    const cases = fc.sample(fc.tuple(bomRecord.rest, fc.integer({ min: 1, max: 3 })), { seed: 42, numRuns: runs(4) });
    // first data row (a slice start) vs the same row further down
    const inputs = cases.flatMap(([rest, before]) => [0, before].map((n) => ({ rows: bomRecord.rows(rest, n), input: bomRecord.file(rest, n) })));
    const results = runFiles(inputs.map(({ input }) => ({ bytes: input })));
    const counts = inputs.map(({ rows, input }, i) => {
      const c = checkOutcome(results[i] as Outcome, input);
      expect(c?.read).toBe(rows.length);
      expect(c?.read).toBe(referenceRecords(input) - 1);
      return c;
    });
    for (let i = 0; i < cases.length; i++) expect(counts[2 * i]?.rejected).toBe(counts[2 * i + 1]?.rejected);
  }, 120_000);
});

describe('fuzz: fixed hostile inputs', () => {
  const cases: [string, Uint8Array, { read: number; priced: number } | null][] = [
    [
      '10,000 columns in the header and the rows',
      enc(`hts,origin,value${',c'.repeat(9_997)}\n9503.00.00,CN,100${','.repeat(9_997)}\n`),
      { read: 1, priced: 1 },
    ],
    [
      'a row of 25,000 columns (over the limit) between good rows',
      enc(`hts,origin,value\n9503.00.00,CN,1\n${'1,'.repeat(25_000)}\n9503.00.00,CN,2\n`),
      { read: 3, priced: 2 },
    ],
    ['a header of 25,000 columns', enc(`${'h,'.repeat(25_000)}\n9503.00.00,CN,1\n`), null],
    ['a field of 1.1 million characters', enc(`hts,origin,value,note\n9503.00.00,CN,1,${'x'.repeat(1_100_000)}\n9503.00.00,CN,2,ok\n`), { read: 2, priced: 1 }],
    ['an unterminated quote swallowing the rest', enc('hts,origin,value\n9503.00.00,CN,1\n"9503.00.00,CN,2\n9503.00.00,CN,3\n'), { read: 2, priced: 1 }],
    ['NUL bytes everywhere', enc('hts,origin,value\n\0\n9503.00.00,CN,1\0\n9503.00.00,CN,2\n\0,\0,\0\n'), { read: 4, priced: 1 }],
    ['CR-only line ends', enc('hts,origin,value\r9503.00.00,CN,1\r9503.00.00,CN,2\r'), { read: 2, priced: 2 }],
    [
      'invalid UTF-8 in data rows',
      concat([enc('hts,origin,value,note\n9503.00.00,CN,1,'), bytes(0xff, 0xfe, 0xc3), enc('\n'), bytes(0xed, 0xa0, 0x80), enc(',CN,1,x\n')]),
      { read: 2, priced: 1 },
    ],
    ['only blank lines after the header', enc('hts,origin,value\n\n\r\n\r\r\n\n'), { read: 0, priced: 0 }],
    ['a header of quotes', enc('"""",","\n1,2\n'), null],
  ];
  // one spawned process (what only a real process shows), the others in one runner process
  const SPAWNED = 'a field of 1.1 million characters';
  const inProcess = cases.filter(([name]) => name !== SPAWNED);
  let results: Outcome[] | undefined;
  const resultOf = (name: string): Outcome => {
    results ??= runFiles(inProcess.map(([, input]) => ({ bytes: input })));
    return results[inProcess.findIndex(([n]) => n === name)] as Outcome;
  };
  it.each(cases)('%s', async (name, input, expected) => {
    const r = name === SPAWNED ? await runFile(input) : resultOf(name);
    const counts = checkOutcome(r, input);
    if (expected === null) expect(counts).toBeNull();
    else expect(counts).toMatchObject(expected);
  });
});
