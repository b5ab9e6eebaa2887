/**
 * The splitter's record-boundary scan jumps from quote to quote (src/batch/splitter.ts,
 * scanRecords). Property: over any bytes of the CSV alphabet (text, commas, quotes, CR, LF), cut
 * into chunks anywhere, it finds the same last record end and ends in the same state as the plain
 * byte-by-byte state machine below — the grammar of src/io/csv.ts, written out one byte at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanRecords, type ScanState } from '../../src/batch/splitter.js';

const [LF, CR, QUOTE, COMMA] = [10, 13, 34, 44];
const [REC_START, FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN] = [0, 1, 2, 3, 4] as const;

/** the reference: one byte at a time */
function byteByByte(all: Uint8Array, from: ScanState): { end: number; state: ScanState } {
  let state: number = from;
  let end = -1;
  for (let i = 0; i < all.length; i++) {
    const c = all[i] as number;
    if (state === QUOTED) {
      if (c === QUOTE) state = QUOTE_SEEN;
      continue;
    }
    if (state === QUOTE_SEEN && c === QUOTE) {
      state = QUOTED;
      continue;
    }
    // at a record or field start, in an unquoted field, or after a closing quote
    if (c === LF || c === CR) {
      state = REC_START;
      end = i + 1;
    } else if (c === COMMA) state = FIELD_START;
    else if (c === QUOTE && (state === REC_START || state === FIELD_START)) state = QUOTED;
    else state = UNQUOTED;
  }
  return { end, state: state as ScanState };
}

const bytes = fc.array(fc.constantFrom(97, 98, COMMA, QUOTE, LF, CR), { maxLength: 300 }).map((a) => Uint8Array.from(a));

describe('scanRecords', () => {
  it('matches the byte-by-byte machine from every state', () => {
    fc.assert(
      fc.property(bytes, fc.constantFrom<ScanState>(REC_START, FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN), (b, from) => {
        expect(scanRecords(b, from)).toEqual(byteByByte(b, from));
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('matches it chunk by chunk, the state carried across cuts', () => {
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(300), { maxLength: 6 }), (b, cuts) => {
        const points = [...new Set([0, ...cuts.map((c) => c % (b.length + 1)), b.length])].sort((x, y) => x - y);
        let fast: ScanState = REC_START;
        let slow: ScanState = REC_START;
        for (let k = 1; k < points.length; k++) {
          const part = b.subarray(points[k - 1], points[k]);
          const f = scanRecords(part, fast);
          const s = byteByByte(part, slow);
          expect(f).toEqual(s);
          fast = f.state;
          slow = s.state;
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  // hand-worked cases: the offsets are counted on the bytes shown
  it.each([
    ['a,b\n', 0, { end: 4, state: REC_START }],
    ['a,"b\nc"\nd', 0, { end: 8, state: UNQUOTED }], // the LF inside quotes (offset 4) is data
    ['ab"c\nd', 0, { end: 5, state: UNQUOTED }], // a quote inside an unquoted field is a character
    ['"a""b"\r\n', 0, { end: 8, state: REC_START }], // "" is an escaped quote; CRLF ends once, LF last
    ['x\n"open', 0, { end: 2, state: QUOTED }],
    ['still open\nmore', 3, { end: -1, state: QUOTED }],
  ] as const)('%j from state %i', (text, from, want) => {
    expect(scanRecords(new TextEncoder().encode(text), from)).toEqual(want);
  });
});
