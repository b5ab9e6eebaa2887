/**
 * Semicolon-, tab- and pipe-separated input, read by the one CSV grammar (io/csv-grammar.ts) with
 * that delimiter in place of the comma: which delimiter a header has, and the comma CSV it is
 * rewritten into (field values and line structure unchanged; an unquoted field with a comma quoted).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asCommaCsv, sniffDelimiter, ToCommas } from '../../../src/io/delimiter.js';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('sniffDelimiter: the first record as the grammar reads it with each delimiter', () => {
  const none = 'the header has no commas';
  it.each([
    ['commas', 'hts,origin,value\n', null],
    ['semicolons', 'hts;origin;value\n', [';', none]],
    ['tabs', 'hts\torigin\tvalue\n', ['\t', none]],
    ['pipes', 'hts|origin|value\n', ['|', none]],
    // read with commas, the quote is in the middle of a field (a literal) and the comma is outside
    // quotes: 2 fields; read with semicolons: 4 (a toggle on every quote read it as quoted)
    ['a quote inside a field', 'hts;origin;value;no"te, x\n', [';', 'the header has more semicolon-separated columns than comma-separated ones']],
    // with commas: `hts;"origin` and ` country";value` (2); with semicolons: 3, the comma quoted
    [
      'a comma inside a field quoted for semicolons',
      'hts;"origin, country";value\n',
      [';', 'the header has more semicolon-separated columns than comma-separated ones'],
    ],
    ['a semicolon inside a quoted field is not a delimiter', '"a;b",c\n', null],
    ['a tie goes to the comma', 'id,name;x\n', null],
    ['more commas than semicolons', 'hts,origin,value,note;extra\n', null],
    ['the most fields win: 2 tabs over 1 semicolon', 'a\tb;c\td\n', ['\t', none]],
    ['a tie between the others goes to the semicolon', 'a;b|c\n', [';', none]],
    ['only the first record counts', 'hts\nx;y;z\n', null],
    ['blank lines before the header are skipped', '\r\n\nhts;origin\n', [';', none]],
    ['a byte-order mark before a quoted first field', '\uFEFF"hts";"origin"\n', [';', none]],
    ['a quoted line break stays in the header', '"a\nb";c\n', [';', none]],
    ['CRLF ends the header', 'a;b\r\nc,d,e\r\n', [';', none]],
    ['one column', 'hts\n', null],
  ] as [string, string, [string, string] | null][])('%s', (_, head, expected) => {
    const got = sniffDelimiter(bytes(head));
    expect(got === null ? null : [got.delimiter, got.why]).toEqual(expected);
  });
});

const rewrite = (d: ';' | '\t' | '|', parts: string[]): string => {
  const t = new ToCommas(d);
  const out = parts.map((p) => Buffer.from(t.push(bytes(p))).toString('utf8'));
  return out.join('') + Buffer.from(t.end()).toString('utf8');
};

describe('ToCommas', () => {
  it.each([
    ['plain fields', 'hts;origin;value\n9503.00.00;CN;100\n', 'hts,origin,value\n9503.00.00,CN,100\n'],
    // the European decimal comma: the field is quoted so that it stays one field
    ['a field with a comma is quoted', 'id;value\nA;1234,50\n', 'id,value\nA,"1234,50"\n'],
    ['a quoted field passes as it is', 'id;note\nA;"x; ""y"", z"\n', 'id,note\nA,"x; ""y"", z"\n'],
    ['a quote inside an unquoted field is literal, and doubled once the field is quoted', 'a;b\n1;x"y,z\n', 'a,b\n1,"x""y,z"\n'],
    ['empty fields', ';;\n', ',,\n'],
    ['CRLF and CR line ends stay', 'a;b\r\n1;2\r3;4', 'a,b\r\n1,2\r3,4'],
    ['the last field without a line end', 'a;b\n1;2,5', 'a,b\n1,"2,5"'],
    // text after a closing quote is malformed; it passes unquoted (the reader reports it) and the
    // next delimiter is still one
    ['text after a closing quote', 'a;b\n"x"y,z;2\n', 'a,b\n"x"y,z,2\n'],
    ['a delimiter inside quotes stays', '"a;b";c\n', '"a;b",c\n'],
    ['tabs', 'a\tb\n1,5\t2\n', 'a,b\n"1,5",2\n'],
    ['pipes', 'a|b\n"|"|2\n', 'a,b\n"|",2\n'],
    ['a byte-order mark stays at the start', '\uFEFFa;b\n', '\uFEFFa,b\n'],
    // the mark is not the start of the first field: the quoted cell after it stays quoted as it was
    ['a byte-order mark before a quoted cell with a comma', '\uFEFF"hts, code";origin\n', '\uFEFF"hts, code",origin\n'],
    ['multi-byte characters', 'désignation;valeur\nchaussure;1,5\n', 'désignation,valeur\nchaussure,"1,5"\n'],
  ])('%s', (_, input, expected) => {
    expect(rewrite(input.includes('\t') ? '\t' : input.includes('|') ? '|' : ';', [input])).toBe(expected);
  });

  it('gives the same bytes however the input is cut into chunks', () => {
    const field = fc.oneof(fc.constantFrom('', 'x', '1,5', '"q"', '"a;b"', '"a""b"', 'é', 'x"y', '"x"y'), fc.string({ maxLength: 4 }));
    const text = fc
      .array(
        fc.array(field, { minLength: 1, maxLength: 4 }).map((fs) => fs.join(';')),
        { minLength: 1, maxLength: 5 },
      )
      .chain((rows) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => rows.join(eol)));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (t, cuts) => {
        const b = bytes(t);
        const at = [...new Set(cuts.map((c) => c % (b.length + 1)))].sort((x, y) => x - y);
        const parts: Uint8Array[] = [];
        let from = 0;
        for (const c of [...at, b.length]) {
          parts.push(b.subarray(from, c));
          from = c;
        }
        const whole = new ToCommas(';');
        const one = Buffer.concat([whole.push(b), whole.end()]);
        const cut = new ToCommas(';');
        const many = Buffer.concat([...parts.map((p) => cut.push(p)), cut.end()]);
        expect(many.equals(one)).toBe(true);
      }),
      { numRuns: 300, seed: 21 },
    );
  });
});

describe('asCommaCsv: the delimiter is sniffed from the whole header, however the input comes in pieces', () => {
  async function through(pieces: string[]): Promise<{ out: string; notes: string[] }> {
    async function* src(): AsyncGenerator<Buffer> {
      for (const p of pieces) yield Buffer.from(p, 'utf8');
    }
    const notes: string[] = [];
    const out: Buffer[] = [];
    for await (const b of asCommaCsv(src(), undefined, (m) => notes.push(m))) out.push(Buffer.from(b));
    return { out: Buffer.concat(out).toString('utf8'), notes };
  }
  const text = 'hts;origin;value\n9503.00.00;CN;100,5\n';
  it.each([
    ['whole', [text]],
    ['the header cut after its first word (a pipe)', ['hts', ';origin;value\n9503.00.00;CN;100,5\n']],
    ['one byte at a time', [...text]],
    ['the header cut before its line break', ['hts;origin;value', '\n9503.00.00;CN;100,5\n']],
  ])('%s', async (_, pieces) => {
    const r = await through(pieces);
    expect(r.out).toBe('hts,origin,value\n9503.00.00,CN,"100,5"\n');
    expect(r.notes).toEqual(['the header has no commas; reading the input as semicolon-separated (say --delimiter to choose)']);
  });

  it('a header with 3 commas and 4 semicolons is read as semicolons, whole or cut after "note;a"', async () => {
    const head = 'hts,origin,value,note;a;b;c;d\n';
    for (const pieces of [[head], ['hts,origin,value,note;a', ';b;c;d\n']]) expect((await through(pieces)).notes, pieces.join('|')).toHaveLength(1);
  });

  it('an input without a line break is sniffed at its end', async () => {
    expect(await through(['a;b', ';c'])).toEqual({
      out: 'a,b,c',
      notes: ['the header has no commas; reading the input as semicolon-separated (say --delimiter to choose)'],
    });
  });

  it('a comma file passes as it is', async () => {
    expect(await through(['hts,or', 'igin\n1,2\n'])).toEqual({ out: 'hts,origin\n1,2\n', notes: [] });
  });
});
