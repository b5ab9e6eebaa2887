import { describe, it, expect } from 'vitest';
import { CsvReader, csvEscape, csvLine, escapeFormula, isPlainNumber, parseCsv, type CsvReaderOptions, type CsvRecord } from '../../../src/io/csv.js';

function rec(fields: string[], line: number, error?: string): CsvRecord {
  return error === undefined ? { fields, line } : { fields, line, error };
}

/** Parse `chunks` in order with one reader and return every record. */
function parseChunks(chunks: readonly string[], opts?: CsvReaderOptions): CsvRecord[] {
  const out: CsvRecord[] = [];
  const reader = new CsvReader(opts);
  const add = (r: CsvRecord): void => {
    out.push(r);
  };
  for (const c of chunks) reader.push(c, add);
  reader.end(add);
  return out;
}

interface Case {
  name: string;
  input: string;
  expected: CsvRecord[];
  opts?: CsvReaderOptions;
}

const UNTERMINATED = (line: number): string => `unterminated quoted field (opened on line ${line})`;
const AFTER_QUOTE = 'unexpected character after closing quote';

const cases: Case[] = [
  { name: 'simple record', input: 'a,b,c\n', expected: [rec(['a', 'b', 'c'], 1)] },
  { name: 'LF line ends', input: 'a,b\nc,d\n', expected: [rec(['a', 'b'], 1), rec(['c', 'd'], 2)] },
  { name: 'CRLF line ends', input: 'a,b\r\nc,d\r\n', expected: [rec(['a', 'b'], 1), rec(['c', 'd'], 2)] },
  { name: 'mixed LF and CRLF', input: 'a\r\nb\nc\r\n', expected: [rec(['a'], 1), rec(['b'], 2), rec(['c'], 3)] },
  { name: 'missing final newline', input: 'a,b\nc,d', expected: [rec(['a', 'b'], 1), rec(['c', 'd'], 2)] },
  { name: 'missing final newline after CRLF', input: 'a\r\nb', expected: [rec(['a'], 1), rec(['b'], 2)] },
  { name: 'quoted field with commas', input: '"a,b",c\n', expected: [rec(['a,b', 'c'], 1)] },
  { name: 'escaped quotes', input: '"say ""hi""",x\n', expected: [rec(['say "hi"', 'x'], 1)] },
  { name: 'field that is one escaped quote', input: '""""\n', expected: [rec(['"'], 1)] },
  {
    name: 'embedded LF in quotes',
    input: '"l1\nl2",b\nnext\n',
    expected: [rec(['l1\nl2', 'b'], 1), rec(['next'], 3)],
  },
  {
    name: 'embedded CRLF in quotes',
    input: '"l1\r\nl2",b\r\nnext\r\n',
    expected: [rec(['l1\r\nl2', 'b'], 1), rec(['next'], 3)],
  },
  {
    name: 'lone CR inside quotes is data',
    input: '"a\rb",c\nd\n',
    expected: [rec(['a\rb', 'c'], 1), rec(['d'], 2)],
  },
  { name: 'trailing empty field', input: 'a,b,\n', expected: [rec(['a', 'b', ''], 1)] },
  { name: 'trailing empty field at EOF', input: 'a,b,', expected: [rec(['a', 'b', ''], 1)] },
  { name: 'all fields empty', input: ',,\n', expected: [rec(['', '', ''], 1)] },
  { name: 'empty quoted fields', input: '"",a,""\n', expected: [rec(['', 'a', ''], 1)] },
  { name: 'sole empty quoted field', input: '""\n', expected: [rec([''], 1)] },
  { name: 'only a header', input: 'id,hts,origin\n', expected: [rec(['id', 'hts', 'origin'], 1)] },
  { name: 'only a header, no newline', input: 'id,hts,origin', expected: [rec(['id', 'hts', 'origin'], 1)] },
  { name: 'empty input', input: '', expected: [] },
  { name: 'only blank lines', input: '\n\r\n\n', expected: [] },
  {
    name: 'blank lines skipped but counted',
    input: 'a\n\n\nb\r\n\r\nc\n\n',
    expected: [rec(['a'], 1), rec(['b'], 4), rec(['c'], 6)],
  },
  { name: 'leading blank lines', input: '\n\nx\n', expected: [rec(['x'], 3)] },
  { name: 'BOM stripped', input: '\uFEFFid,name\n1,x\n', expected: [rec(['id', 'name'], 1), rec(['1', 'x'], 2)] },
  { name: 'BOM before a quoted field', input: '\uFEFF"a",b\n', expected: [rec(['a', 'b'], 1)] },
  { name: 'BOM kept when not at the very start', input: 'a\n\uFEFFb\n', expected: [rec(['a'], 1), rec(['\uFEFFb'], 2)] },
  {
    name: 'unicode',
    input: 'ü,日本語,😀\n"€,£","ß"\n',
    expected: [rec(['ü', '日本語', '😀'], 1), rec(['€,£', 'ß'], 2)],
  },
  {
    name: 'NUL characters are data',
    input: 'a\u0000b,\u0000\n"\u0000"\n',
    expected: [rec(['a\u0000b', '\u0000'], 1), rec(['\u0000'], 2)],
  },
  { name: 'lenient quote inside unquoted field', input: 'ab"c,d"\n', expected: [rec(['ab"c', 'd"'], 1)] },
  { name: 'quote after a leading space is literal', input: ' "a",b\n', expected: [rec([' "a"', 'b'], 1)] },
  { name: 'spaces preserved', input: ' a , b \n', expected: [rec([' a ', ' b '], 1)] },
  {
    name: 'CR-only file: a lone CR ends a record and a line',
    input: 'a,b\rc,d\re',
    expected: [rec(['a', 'b'], 1), rec(['c', 'd'], 2), rec(['e'], 3)],
  },
  {
    name: 'LF file: a lone CR later ends a record, not a line',
    input: 'a\nb,c\rd\ne',
    expected: [rec(['a'], 1), rec(['b', 'c'], 2), rec(['d'], 2), rec(['e'], 3)],
  },
  {
    name: 'CR-only file: LFs do not count, CRs in quotes do',
    input: 'a\r"b\rc"\rd\ne\r',
    expected: [rec(['a'], 1), rec(['b\rc'], 2), rec(['d'], 4), rec(['e'], 4)],
  },
  { name: 'CR after a closing quote', input: '"a"\r"b"\r\n', expected: [rec(['a'], 1), rec(['b'], 2)] },
  { name: 'blank line made of lone CRs', input: 'a\r\rb\n', expected: [rec(['a'], 1), rec(['b'], 3)] },
  { name: 'CRLF file: lines count as in an LF file', input: 'a\r\n\r\n"b\r\nc"\r\nd', expected: [rec(['a'], 1), rec(['b\r\nc'], 3), rec(['d'], 5)] },
  { name: 'quoted field at EOF', input: '"a"', expected: [rec(['a'], 1)] },
  { name: 'quoted field then comma at EOF', input: '"a",', expected: [rec(['a', ''], 1)] },
  {
    name: 'unterminated quote at EOF',
    input: 'a,"bc\nd\n',
    expected: [rec(['a', 'bc\nd\n'], 1, UNTERMINATED(1))],
  },
  {
    name: 'unterminated quote opened on a later line of the record',
    input: 'x\ny,"a\nb",c,"d\ne',
    expected: [rec(['x'], 1), rec(['y', 'a\nb', 'c', 'd\ne'], 2, UNTERMINATED(3))],
  },
  {
    name: 'text after closing quote',
    input: '"ab"c,d\nok\n',
    expected: [rec(['abc', 'd'], 1, AFTER_QUOTE), rec(['ok'], 2)],
  },
  { name: 'space after closing quote', input: '"a" ,b\n', expected: [rec(['a ', 'b'], 1, AFTER_QUOTE)] },
  {
    name: 'quotes after closing quote are literal',
    input: '"a"b"c",d\n',
    expected: [rec(['ab"c"', 'd'], 1, AFTER_QUOTE)],
  },
  {
    name: 'unquoted field over the limit',
    input: 'ab,abcdef,x\nok,1\n',
    opts: { maxFieldChars: 5 },
    expected: [rec(['ab'], 1, 'field longer than 5 characters'), rec(['ok', '1'], 2)],
  },
  {
    name: 'multi-line quoted field over the limit',
    input: 'a,"abc\ndefgh\ni,j",x\nok\n',
    opts: { maxFieldChars: 5 },
    expected: [rec(['a'], 1, 'field longer than 5 characters'), rec(['ok'], 4)],
  },
  {
    name: 'fields at the limit are fine',
    input: 'abcde,"vwxyz"\n',
    opts: { maxFieldChars: 5 },
    expected: [rec(['abcde', 'vwxyz'], 1)],
  },
  {
    name: 'escaped quotes count once toward the limit',
    input: '"a""b"\n"a""bc"\nz\n',
    opts: { maxFieldChars: 3 },
    expected: [rec(['a"b'], 1), rec([], 2, 'field longer than 3 characters'), rec(['z'], 3)],
  },
  {
    name: 'too many columns',
    input: 'a,b,c,d,e\nx,y\n',
    opts: { maxColumns: 3 },
    expected: [rec(['a', 'b', 'c'], 1, 'too many columns (more than 3)'), rec(['x', 'y'], 2)],
  },
  { name: 'exactly maxColumns', input: 'a,b,c\n', opts: { maxColumns: 3 }, expected: [rec(['a', 'b', 'c'], 1)] },
  {
    name: 'too many columns, quotes still honoured while skipping',
    input: 'a,b,"c\nd",e\nf\n',
    opts: { maxColumns: 2 },
    expected: [rec(['a', 'b'], 1, 'too many columns (more than 2)'), rec(['f'], 3)],
  },
  {
    name: 'first error of a record wins',
    input: '"a"x,b,c\n',
    opts: { maxColumns: 2 },
    expected: [rec(['ax', 'b'], 1, AFTER_QUOTE)],
  },
  {
    name: 'unterminated quote replaces an earlier error',
    input: 'a,"bcdefg\nh',
    opts: { maxFieldChars: 3 },
    expected: [rec(['a'], 1, UNTERMINATED(1))],
  },
];

/** The input cut at every position into 2 chunks. */
function twoChunkSplits(input: string): string[][] {
  const out: string[][] = [];
  for (let p = 0; p <= input.length; p++) out.push([input.slice(0, p), input.slice(p)]);
  return out;
}

/** The input as 1-code-unit chunks (surrogate pairs are split too). */
function oneCharChunks(input: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < input.length; k++) out.push(input.charAt(k));
  return out;
}

describe('CsvReader: RFC 4180 conformance', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name (whole input)', ({ input, expected, opts }) => {
    expect(parseChunks([input], opts)).toStrictEqual(expected);
    expect(parseCsv(input, opts)).toStrictEqual(expected);
  });

  it.each(cases)('$name (split into 2 chunks at every position)', ({ input, expected, opts }) => {
    for (const chunks of twoChunkSplits(input)) {
      expect(parseChunks(chunks, opts), JSON.stringify(chunks)).toStrictEqual(expected);
    }
  });

  it.each(cases)('$name (1-character chunks)', ({ input, expected, opts }) => {
    expect(parseChunks(oneCharChunks(input), opts)).toStrictEqual(expected);
  });
});

describe('CsvReader: limits with default options', () => {
  const chunked = (s: string, size: number): string[] => {
    const out: string[] = [];
    for (let k = 0; k < s.length; k += size) out.push(s.slice(k, k + size));
    return out;
  };

  it('a field over 1_048_576 characters is an error; later records parse with correct lines', () => {
    const input = `id,desc\n1,${'x'.repeat(1_048_577)},tail\n\n2,ok\n`;
    const expected = [rec(['id', 'desc'], 1), rec(['1'], 2, 'field longer than 1048576 characters'), rec(['2', 'ok'], 4)];
    expect(parseCsv(input)).toStrictEqual(expected);
    expect(parseChunks(chunked(input, 65_536))).toStrictEqual(expected);
    expect(parseChunks(chunked(input, 1000))).toStrictEqual(expected);
  });

  it('a field of exactly 1_048_576 characters is accepted', () => {
    const big = 'y'.repeat(1_048_576);
    const got = parseChunks(chunked(`"${big}",z\n`, 65_536));
    expect(got).toHaveLength(1);
    expect(got[0]!.error).toBeUndefined();
    expect(got[0]!.fields[0]).toHaveLength(1_048_576);
    expect(got[0]!.fields[1]).toBe('z');
  });

  it('an oversized quoted multi-line field is skipped to its real end', () => {
    const body = 'line\n'.repeat(300_000); // 1.5M characters, 300k LFs
    const input = `a,"${body}",b\nnext\n`;
    const expected = [rec(['a'], 1, 'field longer than 1048576 characters'), rec(['next'], 300_002)];
    expect(parseChunks(chunked(input, 65_536))).toStrictEqual(expected);
  });

  it('keeps buffered data bounded while skipping an oversized field', () => {
    const reader = new CsvReader({ maxFieldChars: 1000 });
    const got: CsvRecord[] = [];
    const add = (r: CsvRecord): void => {
      got.push(r);
    };
    reader.push('k,"', add);
    const chunk = 'z'.repeat(65_536);
    for (let k = 0; k < 200; k++) {
      reader.push(chunk, add); // 13M characters in total
      expect(reader.bufferedChars).toBeLessThanOrEqual(1001);
    }
    reader.push('"\nv,w\n', add);
    reader.end(add);
    expect(got).toStrictEqual([rec(['k'], 1, 'field longer than 1000 characters'), rec(['v', 'w'], 2)]);
  });

  it('more than 20_000 columns is an error; the record keeps the first 20_000', () => {
    const input = `${'c,'.repeat(20_000)}last\nnext\n`;
    const got = parseChunks(chunked(input, 4096));
    expect(got).toHaveLength(2);
    expect(got[0]!.error).toBe('too many columns (more than 20000)');
    expect(got[0]!.fields).toHaveLength(20_000);
    expect(got[1]).toStrictEqual(rec(['next'], 2));
    const ok = parseCsv(`${'c,'.repeat(19_999)}last\n`);
    expect(ok[0]!.error).toBeUndefined();
    expect(ok[0]!.fields).toHaveLength(20_000);
  });
});

describe('CsvReader: streaming behaviour', () => {
  it('ignores empty chunks and calls back only for complete records', () => {
    const reader = new CsvReader();
    const got: CsvRecord[] = [];
    const add = (r: CsvRecord): void => {
      got.push(r);
    };
    reader.push('', add);
    reader.push('a,"b', add);
    expect(got).toHaveLength(0);
    reader.push('",c\nd', add);
    expect(got).toStrictEqual([rec(['a', 'b', 'c'], 1)]);
    reader.push('', add);
    reader.end(add);
    expect(got).toStrictEqual([rec(['a', 'b', 'c'], 1), rec(['d'], 2)]);
  });

  it('can be reused after end(): line numbers and BOM handling restart', () => {
    const reader = new CsvReader();
    const got: CsvRecord[] = [];
    const add = (r: CsvRecord): void => {
      got.push(r);
    };
    reader.push('\uFEFFa\nb', add);
    reader.end(add);
    reader.push('\uFEFFc\n', add);
    reader.end(add);
    expect(got).toStrictEqual([rec(['a'], 1), rec(['b'], 2), rec(['c'], 1)]);
  });

  it('unquoted fields spanning many chunks are reassembled', () => {
    expect(parseChunks(['ab', 'cd', 'ef,g', 'h\r', '\nij'])).toStrictEqual([rec(['abcdef', 'gh'], 1), rec(['ij'], 2)]);
  });

  it('a CR-only input counts its lines by CR whatever the chunking, also when a chunk ends on the deciding CR', () => {
    const text = 'h1,h2\r1,"x\ry"\r\r2,z\r3,w';
    const want = [rec(['h1', 'h2'], 1), rec(['1', 'x\ry'], 2), rec(['2', 'z'], 5), rec(['3', 'w'], 6)];
    expect(parseCsv(text)).toStrictEqual(want);
    for (let k = 1; k < text.length; k++) expect(parseChunks([text.slice(0, k), text.slice(k)]), `cut at ${k}`).toStrictEqual(want);
    expect(parseChunks([...text])).toStrictEqual(want);
  });

  it('a CRLF split between its CR and LF is still an LF file', () => {
    const want = [rec(['a'], 1), rec(['b'], 2), rec(['c'], 2)];
    // the lone CR after b does not count: the first break, a CRLF, made it an LF file
    expect(parseChunks(['a\r', '\nb\rc'])).toStrictEqual(want);
    expect(parseCsv('a\r\nb\rc')).toStrictEqual(want);
  });

  it('lineBreak says how a slice from the middle of an input counts, whatever its own first break', () => {
    // a slice of an LF file that starts with the LF of a CRLF, or holds a lone CR first
    expect(parseCsv('\nx\ry\nz', { lineBreak: 'lf', firstLine: 7 })).toStrictEqual([rec(['x'], 8), rec(['y'], 8), rec(['z'], 9)]);
    expect(parseCsv('x\ny\rz', { lineBreak: 'cr', firstLine: 7 })).toStrictEqual([rec(['x'], 7), rec(['y'], 7), rec(['z'], 8)]);
    expect(parseCsv('x\ry\rz', { lineBreak: 'lf' })).toStrictEqual([rec(['x'], 1), rec(['y'], 1), rec(['z'], 1)]);
  });

  it('invalid option values fall back to sane limits', () => {
    expect(parseCsv('ab,c\n', { maxFieldChars: 0, maxColumns: -3 })).toStrictEqual([rec([], 1, 'field longer than 1 characters')]);
    expect(parseCsv('ab,c\n', { maxFieldChars: Number.NaN })).toStrictEqual([rec(['ab', 'c'], 1)]);
  });
});

describe('csvEscape', () => {
  it.each([
    ['abc', 'abc'],
    ['', ''],
    ['12.50', '12.50'],
    ['naïve 日本', 'naïve 日本'],
    ['in"side', '"in""side"'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['a\nb', '"a\nb"'],
    ['a\rb', '"a\rb"'],
    ['a\r\nb', '"a\r\nb"'],
    [' lead', '" lead"'],
    ['trail ', '"trail "'],
    [' ', '" "'],
    ['\ttab', '"\ttab"'],
    ['mid space', 'mid space'],
    ['\uFEFFbom', '"\uFEFFbom"'],
    ['a\u0000b', 'a\u0000b'],
  ])('csvEscape(%j) === %j', (value, expected) => {
    expect(csvEscape(value)).toBe(expected);
  });
});

describe('csvLine', () => {
  it.each([
    [['a', 'b', 'c'], 'a,b,c\n'],
    [['a,b', 'c"d', 'e\nf'], '"a,b","c""d","e\nf"\n'],
    [[''], '""\n'],
    [['', ''], ',\n'],
    [['a', ''], 'a,\n'],
    [[], '\n'],
  ])('csvLine(%j) === %j', (fields, expected) => {
    expect(csvLine(fields)).toBe(expected);
  });

  const roundTrip: string[][] = [
    ['plain', 'fields'],
    ['with,comma', 'with "quotes"', 'with\nLF', 'with\r\nCRLF', 'with\rCR'],
    [''],
    ['', ''],
    ['', 'x', ''],
    [' padded ', '\ttabbed\t', '"'],
    ['\uFEFFstarts with a BOM', 'ü日本😀', 'nul\u0000'],
    ['=SUM(A1)', '-12.50', '@x'],
  ];
  it.each(roundTrip)('round-trips %j through csvLine and the reader', (...fields) => {
    const text = csvLine(fields);
    expect(parseCsv(text)).toStrictEqual([rec(fields, 1)]);
  });

  it('round-trips a whole document, with line numbers', () => {
    const text = roundTrip.map(csvLine).join('');
    const got = parseCsv(text);
    expect(got.map((r) => r.fields)).toStrictEqual(roundTrip);
    let line = 1;
    got.forEach((r, k) => {
      expect(r.line).toBe(line);
      line += csvLine(roundTrip[k]!).split('\n').length - 1;
    });
  });
});

describe('escapeFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['-', "'-"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM', "'＠SUM"],
    ['-12.50', '-12.50'],
    ['-7', '-7'],
    ['12.50', '12.50'],
    ['abc', 'abc'],
    ['', ''],
    [' =1', ' =1'],
    ['a=b', 'a=b'],
    ["'=1", "'=1"],
  ])('escapeFormula(%j) === %j', (value, expected) => {
    expect(escapeFormula(value)).toBe(expected);
  });
});

describe('isPlainNumber', () => {
  it.each(['-12.50', '0', '12', '1.5', '-0', '007', '123456789012345678901234567890.5'])('%j is a plain number', (v) => {
    expect(isPlainNumber(v)).toBe(true);
  });
  it.each(['', '-', '1.', '.5', '+1', '1e5', '1,000', ' 1', '1 ', '--1', '1.2.3', '١٢', 'NaN', 'Infinity', '0x10'])('%j is not a plain number', (v) => {
    expect(isPlainNumber(v)).toBe(false);
  });
});
