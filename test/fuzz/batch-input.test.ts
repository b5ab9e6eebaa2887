/**
 * Hostile batch inputs in process: the layers `calc --input FILE --scenario geneva-30` reads and
 * prices with — BatchInput (src/batch/input.ts: open, delimiter, the splitter's slices and
 * header), ChunkProcessor (src/batch/chunk.ts: the fast path and CsvReader → BatchPricer) and the
 * CSV rows out — on random bytes and on structurally mutated valid files (stray quotes and
 * delimiters, CR/LF/CRLF, NUL, invalid UTF-8, byte-order marks, very long fields, 10,000 and 25,000
 * columns), and on NDJSON lines. `runCalc` (test/batch-run.ts) is src/batch/calc-run.ts's own run
 * of the CLI, in process: the same code from the input to the committed output, without the process.
 *
 * Properties, for every input:
 * - nothing is thrown but a TariffError of exit code 65 (any other error is the CLI's "internal
 *   error" with a stack), and that only when the header is unusable;
 * - otherwise rows read N = priced P + rejected R, the output is a well-formed CSV whose data rows
 *   number exactly P (all as wide as its header);
 * - no row is lost or invented: N equals the number of records a plain reading of the decoded
 *   input finds after the header, and the row-by-row reader of compare and refund
 *   (src/batch/each-row.ts) reads as many.
 *
 * test/fuzz/csv.test.ts runs the first inputs of the same seeded sequences through the built CLI
 * (exit codes, stderr without a stack, the summary line). Seeded (42); FC_RUNS sets the runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { eachRow } from '../../src/batch/each-row.js';
import { EXIT, TariffError } from '../../src/errors.js';
import { parseCsv } from '../../src/io/csv.js';
import { type Priced, runCalc } from '../batch-run.js';
import { notJsonLines } from '../helpers.js';
import {
  bomRecord,
  bytes,
  concat,
  enc,
  headerJunk,
  headerJunkExamples,
  HEADERS,
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

const dir = mkdtempSync(join(tmpdir(), 'tariff-fuzz-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let seq = 0;

function temp(input: Uint8Array): string {
  const f = join(dir, `in-${seq++}.csv`);
  writeFileSync(f, input);
  return f;
}

/** The contract of one input (what the CLI shows as exit 0/65, the summary and stdout); the counts, or null for an unusable header. */
async function check(input: Uint8Array): Promise<Priced | null> {
  const f = temp(input);
  try {
    const r = await runCalc(f, { scenario: 'geneva-30' });
    const ctx = `input ${JSON.stringify(Buffer.from(input).toString('latin1').slice(0, 300))}`;
    if (r instanceof TariffError) {
      expect(r.exitCode, `${ctx}: ${r.message}`).toBe(EXIT.dataErr);
      return null;
    }
    expect(r.read, ctx).toBe(r.priced + r.rejected);
    const records = parseCsv(r.out);
    expect(records.length, ctx).toBeGreaterThanOrEqual(1);
    expect(
      records.filter((x) => x.error !== undefined),
      ctx,
    ).toEqual([]);
    const width = (records[0] as { fields: string[] }).fields.length;
    expect(records.length - 1, `data rows out vs priced; ${ctx}`).toBe(r.priced);
    // every record as wide as the header: one assertion on the records that are not, not an
    // expect() per record (inputs of thousands of records)
    expect(
      records.flatMap((rec, i) => (rec.fields.length === width ? [] : [{ record: i, width: rec.fields.length }])),
      `records not ${width} fields wide; ${ctx}`,
    ).toEqual([]);
    // no row lost or invented: every record after the header is read, by both readers
    expect(r.read, `rows read vs records in the input; ${ctx}`).toBe(referenceRecords(input) - 1);
    let rows = 0;
    await eachRow(
      f,
      'csv',
      () => {},
      () => rows++,
      async () => {},
    );
    expect(rows, `the row-by-row reader (compare, refund); ${ctx}`).toBe(r.read);
    return r;
  } finally {
    rmSync(f, { force: true });
  }
}

describe('fuzz in process: hostile CSV through the batch input and the chunk pricer', () => {
  it('random bytes (with and without a valid header): a TariffError of 65 or N = P + R = rows accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(randomInput, async (b) => {
        await check(b);
      }),
      { seed: 42, numRuns: runs(300), endOnFailure: true },
    );
  }, 600_000);

  it('structurally mutated valid CSV (header kept intact, many blocks per file): always a result, no row lost or invented', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile, async (input) => {
        // the header is intact and names hts, origin and value: there is always a result
        expect(await check(input)).not.toBeNull();
      }),
      { seed: 42, numRuns: runs(300), endOnFailure: true },
    );
  }, 600_000);

  it('structurally mutated valid CSV, header included', async () => {
    await fc.assert(
      fc.asyncProperty(validCsv, fc.array(mutation, { minLength: 1, maxLength: 6 }), async (csv, muts) => {
        await check(mutate(csv.bytes, muts, 0));
      }),
      { seed: 42, numRuns: runs(200), endOnFailure: true },
    );
  }, 600_000);

  // was a DEFECT, fixed in c6bf473 (see csv.test.ts)
  it('invalid UTF-8 or a second BOM in the header: no row lost or invented', async () => {
    await fc.assert(
      fc.asyncProperty(headerJunk, fc.array(fc.constantFrom('9503.00.00,CN,100', '6109.10.00,VN,2500.50'), { minLength: 1, maxLength: 5 }), async (h, rows) => {
        const r = await check(concat([h, enc(rows.map((x) => `${x}\n`).join(''))]));
        expect(r?.read).toBe(rows.length);
        expect(r?.rejected).toBe(0);
      }),
      { seed: 42, numRuns: runs(100), examples: headerJunkExamples },
    );
  }, 600_000);

  // was a DEFECT, fixed in 943e102 (see csv.test.ts)
  it('a record starting with U+FEFF is read the same wherever it is, and never dropped', async () => {
    await fc.assert(
      fc.asyncProperty(bomRecord.rest, fc.integer({ min: 1, max: 3 }), async (rest, before) => {
        const outcome = async (n: number): Promise<Priced | null> => {
          const input = bomRecord.file(rest, n);
          const r = await check(input);
          expect(r?.read).toBe(n + 2);
          return r;
        };
        const first = await outcome(0);
        const later = await outcome(before);
        expect(first?.rejected).toBe(later?.rejected);
      }),
      { seed: 42, numRuns: runs(40) },
    );
  }, 120_000);

  it('a header of the other column sets (HEADERS) with random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...HEADERS),
        fc.array(fc.constantFrom(bytes(10), enc('9503.00.00,CN,1'), enc(','), enc('"'), bytes(0xff)), { maxLength: 40 }),
        async (h, body) => {
          await check(concat([enc(`${h}\n`), ...body]));
        },
      ),
      { seed: 42, numRuns: runs(100) },
    );
  }, 600_000);
});

describe('fuzz in process: NDJSON input', () => {
  it('random lines: a TariffError of 65 or N = P + R = the non-blank lines, one output line per priced row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(ndjsonFirst, { freq: 4 }), fc.array(ndjsonLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), async (head, lines, nl) => {
        const all = head === null ? lines : [head, ...lines];
        const f = temp(enc(all.join(nl) + nl));
        const r = await runCalc(f, { scenario: 'geneva-30', inputFormat: 'ndjson' });
        rmSync(f, { force: true });
        const ctx = `input ${JSON.stringify(all).slice(0, 400)}`;
        if (r instanceof TariffError) {
          expect(r.exitCode, `${ctx}: ${r.message}`).toBe(EXIT.dataErr);
          return;
        }
        expect(r.read, ctx).toBe(r.priced + r.rejected);
        expect(r.read, ctx).toBe(
          all
            .join(nl)
            .split('\n')
            .filter((l) => l.trim() !== '').length,
        );
        const out = r.out.split('\n').filter((l) => l !== '');
        expect(out.length, ctx).toBe(r.priced);
        expect(notJsonLines(out), `lines that are not JSON; ${ctx}`).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { seed: 42, numRuns: runs(300), endOnFailure: true },
    );
  }, 600_000);
});
