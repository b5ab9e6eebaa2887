import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CsvReader,
  csvLine,
  escapeFormula,
  isPlainNumber,
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_FIELD_CHARS,
  type CsvReaderOptions,
  type CsvRecord,
} from '../../src/io/csv.js';

const numRuns = Number(process.env.FC_RUNS) > 0 ? Number(process.env.FC_RUNS) : 2000;
const params = { seed: 42, numRuns };

/** Characters that matter to CSV, weighted up, plus any code point and any UTF-16 code unit. */
const special = fc.constantFrom(',', '"', '\r', '\n', '\r\n', '""', ' ', '\t', 'a', 'b', 'Z', '1', '=', '-', '@', '\u0000', '\uFEFF', 'é', '日', '😀', '＝');
const anyCodePoint = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const unit = fc.oneof({ weight: 8, arbitrary: special }, { weight: 1, arbitrary: anyCodePoint }, { weight: 1, arbitrary: anyCodeUnit });

/** Units plus whole well-formed quoted fields, so that random text has realistic structure. */
const token = fc.oneof(
  { weight: 4, arbitrary: unit },
  {
    weight: 1,
    arbitrary: fc.string({ unit, maxLength: 6 }).map((v) => `"${v.replaceAll('"', '""')}"`),
  },
);
const csvText = fc.string({ unit: token, maxLength: 80 });

/** Cut `text` into chunks at the given (arbitrary) positions; empty chunks included. */
function cut(text: string, positions: readonly number[]): string[] {
  const ps = positions.map((p) => p % (text.length + 1)).sort((x, y) => x - y);
  const out: string[] = [];
  let from = 0;
  for (const p of ps) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}
const cuts = fc.array(fc.nat(), { maxLength: 10 });

function parse(chunks: readonly string[], opts?: CsvReaderOptions): CsvRecord[] {
  const out: CsvRecord[] = [];
  const reader = new CsvReader(opts);
  const add = (r: CsvRecord): void => {
    out.push(r);
  };
  for (const c of chunks) reader.push(c, add);
  reader.end(add);
  return out;
}

/**
 * The line break that counts lines in a text (the reader's rule): its first CR or LF decides — a
 * lone CR makes it a CR-only file, an LF or CRLF an LF file.
 */
const lineBreakOf = (text: string): '\n' | '\r' => {
  const at = text.search(/[\r\n]/);
  return at !== -1 && text[at] === '\r' && text[at + 1] !== '\n' ? '\r' : '\n';
};
const countBreaks = (s: string, nl: string): number => s.split(nl).length - 1;

/**
 * Naive one-character-at-a-time reader of the same dialect (default limits, which short inputs
 * never reach): the oracle for the optimised one.
 */
function reference(input: string): CsvRecord[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let error: string | undefined;
  let line = 1;
  let recLine = 1;
  let quoteLine = 1;
  let st: 'rec' | 'start' | 'unq' | 'q' | 'qq' = 'rec';
  const nl = lineBreakOf(text);
  const endField = (): void => {
    fields.push(field);
    field = '';
  };
  const endRecord = (): void => {
    out.push(error === undefined ? { fields, line: recLine } : { fields, line: recLine, error });
    fields = [];
    error = undefined;
    st = 'rec';
  };
  for (let k = 0; k < text.length; k++) {
    const ch = text.charAt(k);
    if (st === 'rec') {
      if (ch === nl) line++;
      if (ch === '\n' || ch === '\r') continue;
      recLine = line;
      st = 'start';
    }
    if (st === 'start') {
      if (ch === '"') {
        quoteLine = line;
        st = 'q';
        continue;
      }
      st = 'unq';
    }
    if (st === 'unq') {
      if (ch === ',') {
        endField();
        st = 'start';
      } else if (ch === '\n' || ch === '\r') {
        endField();
        endRecord();
        if (ch === nl) line++;
      } else field += ch;
    } else if (st === 'q') {
      if (ch === '"') st = 'qq';
      else {
        field += ch;
        if (ch === nl) line++;
      }
    } else if (st === 'qq') {
      if (ch === '"') {
        field += '"';
        st = 'q';
      } else if (ch === ',') {
        endField();
        st = 'start';
      } else if (ch === '\n' || ch === '\r') {
        endField();
        endRecord();
        if (ch === nl) line++;
      } else {
        error ??= 'unexpected character after closing quote';
        field += ch;
        st = 'unq';
      }
    }
  }
  if (st === 'q') error = `unterminated quoted field (opened on line ${quoteLine})`;
  if (st !== 'rec') {
    endField();
    endRecord();
  }
  return out;
}

describe('csv properties', () => {
  it('csvLine-encoded records read back exactly, whatever the chunking', () => {
    // Records have at least one field: csvLine([]) is a blank line (no record) by design, and a
    // sole empty field is written `""` so that it survives.
    const record = fc.array(fc.string({ unit, maxLength: 12 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 15 }), cuts, (records, positions) => {
        const lines = records.map(csvLine);
        const text = lines.join('');
        const got = parse(cut(text, positions));
        expect(got.map((r) => r.fields)).toStrictEqual(records);
        const nl = lineBreakOf(text);
        let line = 1;
        got.forEach((r, k) => {
          expect(r.error).toBeUndefined();
          expect(r.line).toBe(line);
          line += countBreaks(lines[k]!, nl);
        });
      }),
      params,
    );
  });

  it('arbitrary input never throws, is chunking-invariant and stays within the limits', () => {
    const limit = fc.constantFrom(undefined, 0, -1, 1, 2, 3, 5, 1000, Number.NaN);
    fc.assert(
      fc.property(csvText, cuts, limit, limit, (text, positions, maxField, maxCols) => {
        const opts: CsvReaderOptions = { maxFieldChars: maxField, maxColumns: maxCols };
        const effField = maxField === undefined || Number.isNaN(maxField) ? DEFAULT_MAX_FIELD_CHARS : Math.max(1, maxField);
        const effCols = maxCols === undefined || Number.isNaN(maxCols) ? DEFAULT_MAX_COLUMNS : Math.max(1, maxCols);
        const whole = parse([text], opts);
        const chunked = parse(cut(text, positions), opts);
        expect(chunked).toStrictEqual(whole);
        const lastLine = 1 + countBreaks(text, lineBreakOf(text));
        let prev = 1;
        for (const r of whole) {
          expect(Array.isArray(r.fields)).toBe(true);
          expect(r.fields.length).toBeLessThanOrEqual(effCols);
          for (const f of r.fields) {
            expect(typeof f).toBe('string');
            expect(f.length).toBeLessThanOrEqual(effField);
          }
          if (r.error === undefined) expect(r.fields.length).toBeGreaterThanOrEqual(1);
          else expect(typeof r.error).toBe('string');
          expect(r.line).toBeGreaterThanOrEqual(prev);
          expect(r.line).toBeLessThanOrEqual(lastLine);
          prev = r.line;
        }
      }),
      params,
    );
  });

  it('agrees with a naive character-at-a-time reference reader, whatever the chunking', () => {
    fc.assert(
      fc.property(csvText, cuts, (text, positions) => {
        expect(parse(cut(text, positions))).toStrictEqual(reference(text));
      }),
      params,
    );
  });

  it('without quotes, every non-blank physical line is exactly one record', () => {
    const noQuote = unit.filter((s) => !s.includes('"'));
    fc.assert(
      fc.property(fc.string({ unit: noQuote, maxLength: 120 }), cuts, (text, positions) => {
        // Model: physical lines separated by the text's line break (LF, or CR in a CR-only
        // text); within one, the other break (a lone CR, the CR of a CRLF, or an LF in a CR-only
        // text) also ends a record; empty pieces are blank lines; fields split at commas.
        const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
        const nl = lineBreakOf(body);
        const expected: CsvRecord[] = [];
        body.split(nl).forEach((physical, k) => {
          for (const piece of physical.split(nl === '\n' ? '\r' : '\n')) {
            if (piece !== '') expected.push({ fields: piece.split(','), line: k + 1 });
          }
        });
        expect(parse(cut(text, positions))).toStrictEqual(expected);
      }),
      params,
    );
  });

  it('escapeFormula only ever prefixes a quote, and never alters plain numbers', () => {
    const value = fc.oneof(
      fc.string({ unit, maxLength: 10 }),
      fc.tuple(fc.boolean(), fc.nat(), fc.option(fc.nat())).map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`),
    );
    fc.assert(
      fc.property(value, (v) => {
        const e = escapeFormula(v);
        expect(e === v || e === `'${v}`).toBe(true);
        if (isPlainNumber(v)) expect(e).toBe(v);
        if (e !== v) expect('=+-@\t\r＝＋－＠'.includes(v.charAt(0))).toBe(true);
      }),
      params,
    );
  });
});
