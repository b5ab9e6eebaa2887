/**
 * The hostile inputs of the batch-input fuzzing, shared by the in-process properties
 * (batch-input.test.ts: the input layer and the chunk pricer, many runs) and the runs of the built
 * CLI (csv.test.ts: the exit-code and stderr contract, a prefix of the same seeded sequences).
 */
import fc from 'fast-check';
import { parseCsv } from '../../src/io/csv.js';

/** The records a plain reading finds: UTF-8 decoded (invalid bytes → U+FFFD), one leading BOM dropped. */
export function referenceRecords(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return parseCsv(text).length;
}

export const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
export const bytes = (...b: number[]): Uint8Array => new Uint8Array(b);

/** Pieces that matter to the CSV reader and the row parser, as bytes. */
export const TOKENS: Uint8Array[] = [
  enc(','),
  enc(','),
  enc('"'),
  enc('"'),
  enc('""'),
  enc('\n'),
  enc('\n'),
  enc('\r'),
  enc('\r\n'),
  enc(' '),
  enc('\t'),
  bytes(0),
  bytes(0xff),
  bytes(0xfe),
  bytes(0xc3),
  bytes(0xe2, 0x82),
  bytes(0xed, 0xa0, 0x80),
  bytes(0xf4, 0x90, 0x80, 0x80),
  bytes(0x80),
  bytes(0xef, 0xbb, 0xbf),
  enc('\uFEFF'),
  enc('é'),
  enc('日本'),
  enc('😀'),
  enc('＝'),
  enc('hts'),
  enc('origin'),
  enc('value'),
  enc('mode'),
  enc('date'),
  enc('qty'),
  enc('content_steel'),
  enc('currency'),
  enc('importer'),
  enc('9503.00.00'),
  enc('95030000'),
  enc('8507.60.0020'),
  enc('CN'),
  enc('cn'),
  enc('XX'),
  enc('US'),
  enc('100'),
  enc('0.01'),
  enc('10000000000000'),
  enc('-1'),
  enc('1e5'),
  enc('NaN'),
  enc('12,5O0'),
  enc('ocean'),
  enc('2025-05-14'),
  enc('2025-02-30'),
  enc('=1+1'),
  enc('@SUM(A1)'),
  enc('x'),
];
export const token = fc.constantFrom(...TOKENS);
export const anyByte = fc.integer({ min: 0, max: 255 }).map((b) => bytes(b));
/** Rare, expensive pieces: a field over the 1 MiB limit, 10,000 columns, 25,000 columns (over the 20,000 limit), a long line. */
export const big = fc.constantFrom(
  enc('x'.repeat(1_100_000)),
  enc(','.repeat(9_999)),
  enc('1,'.repeat(25_000)),
  enc(`"${'y'.repeat(70_000)}"`), // a quoted field across the 64 KiB read chunks
  enc('9503.00.00,CN,1\n'.repeat(5_000)), // crosses the 64 KiB read chunks
);
export const concat = (parts: readonly Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts.map((p) => Buffer.from(p))));

/** Random byte soup with CSV structure: tokens and raw bytes, and in one file out of eight something huge. */
export const soup = (maxLength: number) =>
  fc
    .tuple(fc.array(fc.oneof({ weight: 2, arbitrary: token }, { weight: 1, arbitrary: anyByte }), { maxLength }), fc.option(big, { freq: 7 }), fc.nat())
    .map(([pieces, huge, at]) => {
      const list = [...pieces];
      if (huge !== null) list.splice(at % (list.length + 1), 0, huge);
      return concat(list);
    });

export const HEADERS = ['hts,origin,value', 'id,hts,origin,value,mode,date,note', 'HTS Code,Country of Origin,Entry Value,Entry-Date,qty,unit,content_steel'];

/** A valid shipment row, in the columns of HEADERS[1]. */
export const goodRow = fc
  .record({
    id: fc.string({ unit: fc.constantFrom('a', 'b', '1', '-', '=', ' ', ',', '"'), maxLength: 6 }),
    hts: fc.constantFrom('9503.00.00', '95030000', '6109.10.00', '8471.30.01', '8507.60.0010', '9401.61.60'),
    origin: fc.constantFrom('CN', 'HK', 'VN', 'MX', 'DE', 'cn'),
    value: fc.tuple(fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, '0')}`),
    mode: fc.constantFrom('', 'ocean', 'air', 'truck'),
    date: fc.constantFrom('', '2025-01-15', '2025-04-12', '2025-05-14', '2026-03-01'),
    note: fc.string({ maxLength: 12 }),
  })
  .map((r) => [r.id, r.hts, r.origin, r.value, r.mode, r.date, r.note].map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(','));

export interface Mutation {
  at: number;
  kind: 'insert' | 'delete' | 'duplicate' | 'replace';
  piece: Uint8Array;
  len: number;
}
export const mutationOf = (piece: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Mutation> =>
  fc.record({
    at: fc.nat(),
    kind: fc.constantFrom('insert', 'insert', 'delete', 'duplicate', 'replace'),
    piece: fc.oneof({ weight: 30, arbitrary: piece }, { weight: 6, arbitrary: anyByte }, { weight: 1, arbitrary: big }),
    len: fc.integer({ min: 1, max: 40 }),
  });
export const mutation = mutationOf(token);

/** Applies mutations at positions ≥ `from` (so that a header can be kept intact). */
export function mutate(input: Uint8Array, muts: readonly Mutation[], from = 0): Uint8Array {
  let b = Buffer.from(input);
  for (const m of muts) {
    const span = b.length - from;
    const at = from + (span > 0 ? m.at % (span + 1) : 0);
    const end = Math.min(b.length, at + m.len);
    if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), m.piece, b.subarray(at)]);
    else if (m.kind === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(end)]);
    else if (m.kind === 'duplicate') b = Buffer.concat([b.subarray(0, end), b.subarray(at, end), b.subarray(end)]);
    else b = Buffer.concat([b.subarray(0, at), m.piece, b.subarray(end)]);
  }
  return new Uint8Array(b);
}

export const nlOf = (crlf: boolean): string => (crlf ? '\r\n' : '\n');
export const validCsv = fc
  .record({ rows: fc.array(goodRow, { minLength: 1, maxLength: 60 }), crlf: fc.boolean(), bom: fc.boolean(), finalNewline: fc.boolean() })
  .map(({ rows, crlf, bom, finalNewline }) => {
    const nl = nlOf(crlf);
    const text = `${bom ? '\uFEFF' : ''}${HEADERS[1]}${nl}${rows.join(nl)}${finalNewline ? nl : ''}`;
    return { bytes: enc(text), headerBytes: Buffer.byteLength(`${bom ? '\uFEFF' : ''}${HEADERS[1]}${nl}`) };
  });

/**
 * Many fuzz inputs in one process: a clean header, then several independently mutated blocks of
 * valid rows. (A block that opens a quote and never closes it swallows the blocks after it: that
 * is one more thing to get right, and the reference reading sees the same.)
 */
export const mutatedFile = fc
  .record({
    bom: fc.boolean(),
    crlf: fc.boolean(),
    blocks: fc.array(fc.tuple(fc.array(goodRow, { minLength: 1, maxLength: 12 }), fc.array(mutation, { minLength: 1, maxLength: 6 })), {
      minLength: 1,
      maxLength: 6,
    }),
  })
  .map(({ bom, crlf, blocks }) => {
    const nl = nlOf(crlf);
    const header = enc(`${bom ? '\uFEFF' : ''}${HEADERS[1]}${nl}`);
    return concat([header, ...blocks.map(([rows, muts]) => concat([mutate(enc(rows.join(nl)), muts), enc(nl)]))]);
  });

/** Random bytes, with and without a valid header. */
export const randomInput = fc.oneof(
  soup(400),
  fc.tuple(fc.constantFrom(...HEADERS), fc.constantFrom('\n', '\r\n', '\r'), soup(600)).map(([h, nl, body]) => concat([enc(h + nl), body])),
  fc.uint8Array({ maxLength: 3000 }),
);

/** A header line with invalid UTF-8 or a second BOM after its last name. */
export const headerJunk = fc
  .tuple(
    fc.constantFrom('hts,origin,value', 'hts,origin,value,note'),
    fc.array(fc.constantFrom(bytes(0xff), bytes(0xc3), bytes(0xe2, 0x82), bytes(0xef, 0xbb, 0xbf)), { minLength: 1, maxLength: 12 }),
  )
  .map(([h, junk]) => concat([enc(`${h},`), ...junk, enc('\n')]));
export const headerJunkExamples: [Uint8Array, string[]][] = [
  [concat([enc('hts,origin,value,n'), bytes(...new Array(10).fill(0xff)), enc('\n')]), ['9503.00.00,CN,1,a', '9503.00.00,CN,200,b']],
  [concat([bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf), enc('hts,origin,value\n')]), ['9503.00.00,CN,100']],
];

/** A data record starting with U+FEFF after `n` plain rows (`rest`: what follows the BOM). */
export const bomRecord = {
  rest: fc.constantFrom('', '9503.00.00,CN,100', 'x', ',CN,1'),
  rows: (rest: string, n: number): string[] => [...Array.from({ length: n }, () => '9503.00.00,CN,5'), `\uFEFF${rest}`, '9503.00.00,CN,7'],
  file: (rest: string, n: number): Uint8Array => enc(`hts,origin,value\n${bomRecord.rows(rest, n).join('\n')}\n`),
};

// NDJSON lines
const KEYS = [
  'hts',
  'origin',
  'value',
  'mode',
  'date',
  'id',
  'freight',
  'qty',
  'unit',
  'currency',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'x',
];
const scalar = fc.oneof(
  fc.constantFrom<unknown>(
    '9503.00.00',
    '95030000',
    9503,
    'CN',
    'cn',
    'VN',
    'XX',
    100,
    '100',
    0.1 + 0.2,
    1e21,
    -1,
    '1e5',
    'ocean',
    '2025-05-14',
    '',
    null,
    true,
  ),
  fc.jsonValue({ maxDepth: 1 }),
);
const object = fc.array(fc.tuple(fc.constantFrom(...KEYS), scalar), { maxLength: 8 }).map((pairs) => {
  let text = '{';
  pairs.forEach(([k, v], i) => {
    text += `${i ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`;
  });
  return `${text}}`;
});
export const ndjsonLine = fc.oneof(
  { weight: 6, arbitrary: object },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\r', '{', '}', '[]', 'null', '"x"', '{"hts":"9503.00.00","origin":"CN","value":100}') },
);
export const ndjsonFirst = fc.constantFrom(
  '{"hts":"9503.00.00","origin":"CN","value":"100","mode":"ocean","date":"2025-05-14","id":"a"}',
  '{"hts":null,"origin":null,"value":null}',
);
