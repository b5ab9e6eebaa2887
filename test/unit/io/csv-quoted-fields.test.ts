/**
 * The fast path's cut of a one-line record with quotes (src/io/csv-grammar.ts `cutQuotedFields`,
 * `LineCuts` → QUOTED_LINE). Property: wherever it cuts a record, the reader (CsvReader) reads the
 * same fields from it with no error, each field's span being the reader's value quoted as written
 * (quotes and `""` included). Hand-worked cases, offsets counted on the text shown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkCuts } from './walk-cuts.js';
import { CsvReader } from '../../../src/io/csv.js';
import { cutQuotedFields, PLAIN, QUOTED_LINE, QUOTED_RECORD } from '../../../src/io/csv-grammar.js';

/** the one record of a line as the reader reads it */
function readOne(s: string): { fields: string[]; error?: string }[] {
  const out: { fields: string[]; error?: string }[] = [];
  const r = new CsvReader({ lineBreak: 'lf' });
  const on = (rec: { fields: string[]; error?: string }): number => out.push(rec);
  r.push(`${s}\n`, on);
  r.end(on);
  return out;
}

/** the raw text of a field as a writer that quotes it writes it */
const quoted = (v: string): string => `"${v.replaceAll('"', '""')}"`;

describe('cutQuotedFields', () => {
  it('cuts where the reader reads the same fields without an error', () => {
    const line = fc.array(fc.constantFrom('a', 'b', ',', '"'), { maxLength: 40 }).map((a) => a.join(''));
    let cut = 0;
    fc.assert(
      fc.property(line, fc.integer({ min: 1, max: 6 }), (s, width) => {
        const starts = new Int32Array(width + 1);
        // the fast path cuts no empty line (a blank line, no record)
        if (s === '' || !cutQuotedFields(s, 0, s.length, starts, width)) return;
        cut++;
        const read = readOne(s);
        expect(read.length).toBe(1);
        const rec = read[0] as { fields: string[]; error?: string };
        expect(rec.error).toBeUndefined();
        expect(rec.fields.length).toBe(width);
        for (let i = 0; i < width; i++) {
          const raw = s.slice(starts[i], (starts[i + 1] as number) - 1);
          const v = rec.fields[i] as string;
          expect(raw).toBe(raw.startsWith('"') ? quoted(v) : v);
        }
      }),
      { numRuns: 5000, seed: 21 },
    );
    // not vacuous: many of the lines drawn were cut
    expect(cut).toBeGreaterThan(100);
  });

  it('cuts the quoted description of the seeded bench file', () => {
    // S2,8507,MX,"solar, ""XL"""  fields at 0, 3, 8, 11; 26 characters: starts[4] = end + 1 = 27
    const s = 'S2,8507,MX,"solar, ""XL"""';
    const starts = new Int32Array(5);
    expect(cutQuotedFields(s, 0, s.length, starts, 4)).toBe(true);
    expect([...starts]).toEqual([0, 3, 8, 11, 27]);
  });

  it.each([
    ['a,"b,c",d', 3, true],
    ['"a",b', 2, true], // a quoted field first
    ['a,""', 2, true], // an empty quoted field last
    ['a,b,', 3, true], // an empty last field is not a quote
    ['a,"b"x,c', 3, false], // text after the closing quote
    ['a,b"c,d', 3, false], // a literal quote inside an unquoted field
    ['a,"b,c', 2, false], // not closed
    ['a,"b,c",d', 2, false], // more fields
    ['a,"b,c"', 3, false], // fewer fields
  ] as const)('%j in %i fields → %s', (s, width, want) => {
    expect(cutQuotedFields(s, 0, s.length, new Int32Array(width + 1), width)).toBe(want);
  });
});

describe('LineCuts: a record with quotes on one line', () => {
  it('is QUOTED_LINE when it ends at its LF and the line has no CR', () => {
    // 'a,"x,y"\n' (0–7), '"p\nq",r\n' (8–15), 'b,"z"\r\n' (16–22), 'c\n' (23–24)
    const s = 'a,"x,y"\n"p\nq",r\nb,"z"\r\nc\n';
    expect(walkCuts(s)).toEqual([
      [QUOTED_LINE, 7, 8, 1], // ends before its LF
      [QUOTED_RECORD, 16, 16, 2], // an LF inside the quotes: the reader's
      [QUOTED_RECORD, 23, 23, 1], // a CRLF line: the reader's (its end taken whole)
      [PLAIN, 24, 25, 1],
    ]);
  });
});
