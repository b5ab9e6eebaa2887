/**
 * The one CSV grammar (src/io/csv-grammar.ts) that the reader, the splitter and the fast path
 * share. Properties: its scans find the record ends the reader (CsvReader) finds, on text and on
 * bytes alike; hand-worked cases for each scanner, offsets counted on the text shown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkCuts } from './walk-cuts.js';
import { CsvReader } from '../../../src/io/csv.js';
import {
  byteUnits,
  cutPlainFields,
  fieldStart,
  FIELD_START,
  firstRecordEnd,
  LONE_CR,
  PLAIN,
  QUOTE_SEEN,
  QUOTED,
  QUOTED_RECORD,
  REC_START,
  recordEnd,
  scanRecords,
  textUnits,
  UNQUOTED,
  type CsvState,
} from '../../../src/io/csv-grammar.js';

const text = fc.array(fc.constantFrom('a', 'b', ',', '"', '\n', '\r'), { maxLength: 200 }).map((a) => a.join(''));

/** each record the reader delivers from `s` (one push, LF file): where it begins and just past its CR or LF (-1 when `end` delivered it) */
function readerCuts(s: string): { start: number; end: number; fields: string[]; error?: string }[] {
  const out: { start: number; end: number; fields: string[]; error?: string }[] = [];
  const r = new CsvReader({ lineBreak: 'lf' });
  r.push(s, (rec) => out.push({ start: r.recordStart, end: r.recordEnd, fields: rec.fields, ...(rec.error ? { error: rec.error } : {}) }));
  r.end((rec) => out.push({ start: -1, end: -1, fields: rec.fields, ...(rec.error ? { error: rec.error } : {}) }));
  return out;
}

describe('recordEnd', () => {
  it('ends each record where the reader ends it (a CRLF taken whole)', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const cut of readerCuts(s)) {
          if (cut.start < 0) continue;
          const want = cut.end < 0 ? s.length : s[cut.end - 1] === '\r' && s[cut.end] === '\n' ? cut.end + 1 : cut.end;
          expect(recordEnd(textUnits(s), cut.start)).toBe(want);
        }
      }),
      { numRuns: 3000, seed: 21 },
    );
  });

  it.each([
    ['a,b\nc', 0, 4],
    ['a,"b\nc"\nd', 0, 8], // the LF inside quotes (offset 4) is data
    ['a\r\nb', 0, 3], // CRLF whole
    ['a\rb\n', 0, 2], // a lone CR ends the record
    ['"x""y"z,w\n', 0, 10], // "" escaped, stray z read on: the LF at 9 ends it
    ['"open\n', 0, 6], // unterminated: the end of the text
    ['x\n"q"\n', 2, 6],
  ] as const)('%j from %i → %i', (s, from, want) => {
    expect(recordEnd(textUnits(s), from)).toBe(want);
  });
});

describe('scanRecords', () => {
  it('finds the same ends on the text and on its bytes, from every state', () => {
    fc.assert(
      fc.property(text, fc.constantFrom<CsvState>(REC_START, FIELD_START, UNQUOTED, QUOTED, QUOTE_SEEN), fc.boolean(), (s, from, first) => {
        expect(scanRecords(textUnits(s), from, first)).toEqual(scanRecords(byteUnits(new TextEncoder().encode(s)), from, first));
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('the last record end is where the reader last ended a record', () => {
    fc.assert(
      fc.property(text, (s) => {
        const ends = readerCuts(s)
          .map((c) => c.end)
          .filter((e) => e > 0);
        const last = scanRecords(textUnits(s), REC_START).end;
        // the scan also ends blank lines; every record end of the reader is one of its ends
        if (ends.length) expect(last).toBeGreaterThanOrEqual(ends[ends.length - 1] as number);
        if (last > 0) expect(s[last - 1] === '\n' || s[last - 1] === '\r').toBe(true);
      }),
      { numRuns: 2000, seed: 8 },
    );
  });
});

describe('firstRecordEnd', () => {
  it.each([
    ['h1,h2\nx', 6],
    ['\r\n\nh\r\nx', 5], // blank lines skipped; the record ends at its CR (offset 4)
    ['"a\nb",c\nx', 8],
    ['no break', 8],
  ] as const)('%j → %i', (s, want) => {
    expect(firstRecordEnd(textUnits(s))).toBe(want);
    expect(firstRecordEnd(byteUnits(new TextEncoder().encode(s)))).toBe(want);
  });
});

describe('fieldStart', () => {
  it('finds each field of a well-formed record the reader read', () => {
    fc.assert(
      fc.property(text, (s) => {
        for (const cut of readerCuts(s)) {
          if (cut.start < 0 || cut.error !== undefined) continue;
          const raw = s.slice(cut.start, cut.end - 1);
          for (let k = 0; k < cut.fields.length; k++) expect(fieldStart(raw, k)).toBeGreaterThanOrEqual(0);
          expect(fieldStart(raw, cut.fields.length)).toBe(-1);
        }
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it.each([
    ['a,b,c', 2, 4],
    ['"x,y",z', 1, 6], // the comma in quotes is data
    ['"x"",""y",z', 1, 10], // "" inside the quotes
    ['a,b', 2, -1],
    ['"open,x', 1, -1],
  ] as const)('%j field %i → %i', (s, k, want) => {
    expect(fieldStart(s, k)).toBe(want);
  });
});

describe('cutPlainFields', () => {
  it('cuts a record of exactly `width` fields', () => {
    const starts = new Int32Array(4);
    // "xx,a,,bc\n": fields at 3, 5, 6; starts[3] = end + 1 = 9
    expect(cutPlainFields('xx,a,,bc\n', 3, 8, starts, 3)).toBe(true);
    expect([...starts]).toEqual([3, 5, 6, 9]);
  });

  it('declines fewer or more fields than `width`', () => {
    const starts = new Int32Array(4);
    expect(cutPlainFields('a,b', 0, 3, starts, 3)).toBe(false);
    expect(cutPlainFields('a,b,c,d', 0, 7, starts, 3)).toBe(false);
    // a comma past `end` belongs to the next record
    expect(cutPlainFields('a,b,c\nd,e', 0, 5, starts, 3)).toBe(true);
  });
});

describe('LineCuts', () => {
  it('cuts plain lines, CRLF, lone CR and quoted records', () => {
    const s = 'a,b\r\nc\rd\n"x\ny",z\nw';
    expect(walkCuts(s)).toEqual([
      [PLAIN, 3, 5, 1], // "a,b" ends before its CR
      [LONE_CR, 8, 9, 1], // "c\rd": the line to its LF (offset 8) goes to the reader
      [QUOTED_RECORD, 17, 17, 2], // '"x\ny",z\n': the LF in quotes and the one ending it
      [PLAIN, 18, 18, 1], // "w" with no line break
    ]);
  });
});
