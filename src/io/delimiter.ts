/**
 * Semicolon-, tab- and pipe-separated input. European spreadsheets export `;` (the comma is their
 * decimal mark) and many tools export tabs. Rather than teach every reader a second delimiter,
 * such input is rewritten on the fly into the comma CSV the rest of the pipeline reads: the field
 * values and the line structure stay exactly as they were (line numbers in messages stay right);
 * an unquoted field that contains a comma is quoted. The bytes of `"` `,` `;` `|` TAB CR LF never
 * occur inside a multi-byte UTF-8 character, so the rewrite works on bytes across chunk edges.
 */
import { UsageError } from '../errors.js';
import {
  afterQuote,
  afterUnquoted,
  COMMA,
  type CsvState,
  FIELD_START,
  isBreak,
  openField,
  QUOTE,
  QUOTE_SEEN,
  QUOTED,
  REC_START,
  UNQUOTED,
  utf8BomLength,
} from './csv-grammar.js';

export type Delimiter = ',' | ';' | '\t' | '|';

const NAMES: Record<string, Delimiter> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  '|': '|',
  pipe: '|',
};

export function parseDelimiter(v: string): Delimiter {
  const d = NAMES[v.toLowerCase()];
  if (d === undefined) throw new UsageError(`--delimiter ${JSON.stringify(v)}: expected , ; tab or |`, ['e.g. --delimiter ";" or --delimiter tab']);
  return d;
}

export function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '\t' ? 'tab' : 'pipe';
}

/**
 * The delimiter of a header that reads better with `;`, tab or `|` than with commas: each is read by
 * the CSV grammar (csv-grammar.ts) with that delimiter, and the one that separates the first record
 * into the most fields wins, the comma on a tie (null: read as commas). `why` is for the note.
 */
export function sniffDelimiter(head: Uint8Array): { delimiter: Delimiter; why: string } | null {
  const commas = delimitersInHeader(head, COMMA).n;
  let best: Delimiter | null = null;
  let most = commas;
  for (const d of [';', '\t', '|'] as const) {
    const { n } = delimitersInHeader(head, d.charCodeAt(0));
    if (n > most) [best, most] = [d, n];
  }
  if (best === null) return null;
  return {
    delimiter: best,
    why: commas === 0 ? 'the header has no commas' : `the header has more ${delimiterName(best)}-separated columns than comma-separated ones`,
  };
}

/** the state after `c` at a field's (or a record's) start: an empty field, the record's end, or the field opened */
function atFieldStart(c: number, d: number): CsvState {
  if (c === d) return FIELD_START;
  return isBreak(c) ? REC_START : openField(c);
}

/**
 * How many times `d` ends a field in the first record of `head` (blank lines and a BOM before it
 * skipped), read with `d` as the delimiter; `ended`: the record's line break is in `head`.
 */
function delimitersInHeader(head: Uint8Array, d: number): { n: number; ended: boolean } {
  let s: CsvState = REC_START;
  let n = 0;
  for (let i = utf8BomLength(head); i < head.length; i++) {
    const c = head[i] as number;
    if (s === QUOTED) {
      if (c === QUOTE) s = QUOTE_SEEN;
      continue;
    }
    if (s === REC_START && isBreak(c)) continue;
    s = s === UNQUOTED ? afterUnquoted(c, d) : s === QUOTE_SEEN ? afterQuote(c, d) : atFieldStart(c, d);
    if (s === REC_START) return { n, ended: true };
    if (s === FIELD_START) n++;
  }
  return { n, ended: false };
}

/** the header's record has ended in `head` however it is read (each candidate delimiter quotes differently) */
function headerRead(head: Uint8Array): boolean {
  return [COMMA, 59, 9, 124].every((d) => delimitersInHeader(head, d).ended);
}

/**
 * Rewrites `delimiter`-separated bytes into comma-separated bytes, chunk by chunk, reading them
 * with the CSV grammar of every other reader (csv-grammar.ts) and `delimiter` in place of the
 * comma: delimiters outside quotes become commas, an unquoted field with a comma in it is quoted,
 * everything else passes as it is (a malformed field too: the reader reports it as in a comma file).
 */
export class ToCommas {
  private state: CsvState = REC_START;
  /** the unquoted field being read (it may need quoting once its end is seen) */
  private field: number[] = [];
  private fieldHasComma = false;
  /** the field is text after a closing quote (malformed): passed on unquoted, for the reader to report */
  private stray = false;
  /** the first bytes have been seen (a byte-order mark is looked for there only) */
  private started = false;
  private readonly d: number;

  constructor(delimiter: Delimiter) {
    this.d = delimiter.charCodeAt(0);
  }

  push(chunk: Uint8Array): Uint8Array {
    // worst case: one-byte fields that each need quoting (4 bytes), plus the held field
    const out = new Uint8Array(4 * (chunk.length + this.field.length) + 4);
    let o = 0;
    const d = this.d;
    let s = this.state;
    let i = 0;
    if (!this.started) {
      // a byte-order mark passes as it is, before the first field (not the start of one)
      this.started = true;
      for (const n = utf8BomLength(chunk); i < n; i++) out[o++] = chunk[i] as number;
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (s === QUOTED) {
        out[o++] = c;
        if (c === QUOTE) s = QUOTE_SEEN;
        continue;
      }
      if (s === UNQUOTED) {
        s = afterUnquoted(c, d);
        if (s === UNQUOTED) {
          this.hold(c);
          continue;
        }
        o = this.flushField(out, o);
      } else {
        const afterClosing = s === QUOTE_SEEN;
        s = afterClosing ? afterQuote(c, d) : atFieldStart(c, d);
        if (s === QUOTED) {
          out[o++] = c; // an opening quote, or the second of an escaped pair
          continue;
        }
        if (s === UNQUOTED) {
          this.stray = afterClosing;
          this.hold(c);
          continue;
        }
      }
      out[o++] = s === FIELD_START ? COMMA : c; // the delimiter, or a line break as it is
    }
    this.state = s;
    return out.subarray(0, o);
  }

  end(): Uint8Array {
    const out = new Uint8Array(2 * this.field.length + 2);
    const o = this.state === UNQUOTED ? this.flushField(out, 0) : 0;
    this.state = REC_START;
    return out.subarray(0, o);
  }

  private hold(c: number): void {
    this.field.push(c);
    if (c === COMMA) this.fieldHasComma = true;
  }

  private flushField(out: Uint8Array, at: number): number {
    let o = at;
    if (this.fieldHasComma && !this.stray) {
      out[o++] = QUOTE;
      for (const b of this.field) {
        out[o++] = b;
        if (b === QUOTE) out[o++] = QUOTE;
      }
      out[o++] = QUOTE;
    } else {
      for (const b of this.field) out[o++] = b;
    }
    this.field = [];
    this.fieldHasComma = false;
    this.stray = false;
    return o;
  }
}

/** A header longer than this is sniffed from its first bytes (no real header is near it). */
const SNIFF_BYTES = 64 * 1024;

/**
 * The input chunks as comma CSV: with `flag` the delimiter given, else the one sniffed from the
 * whole header (announced through `note`), else the chunks as they are. Chunks are held until the
 * header's line has come (a pipe may bring it in pieces), copied: a reader may reuse its memory.
 */
export async function* asCommaCsv(chunks: AsyncIterable<Buffer>, flag: string | undefined, note: (message: string) => void): AsyncGenerator<Buffer> {
  let conv: ToCommas | null | undefined = flag === undefined ? undefined : parseDelimiter(flag) === ',' ? null : new ToCommas(parseDelimiter(flag));
  let held: Buffer | null = null;
  const decide = (head: Buffer): ToCommas | null => {
    const sniffed = sniffDelimiter(head);
    if (sniffed !== null) note(`${sniffed.why}; reading the input as ${delimiterName(sniffed.delimiter)}-separated (say --delimiter to choose)`);
    return sniffed === null ? null : new ToCommas(sniffed.delimiter);
  };
  for await (const chunk of chunks) {
    let bytes = chunk;
    if (conv === undefined) {
      bytes = held === null ? chunk : Buffer.concat([held, chunk]);
      if (!headerRead(bytes) && bytes.length < SNIFF_BYTES) {
        held = held === null ? Buffer.from(chunk) : bytes;
        continue;
      }
      held = null;
      conv = decide(bytes);
    }
    yield conv === null ? bytes : Buffer.from(conv.push(bytes));
  }
  if (conv === undefined && held !== null) {
    conv = decide(held);
    yield conv === null ? held : Buffer.from(conv.push(held));
  }
  if (conv) {
    const rest = conv.end();
    if (rest.length) yield Buffer.from(rest);
  }
}
