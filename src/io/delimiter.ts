/**
 * Semicolon-, tab- and pipe-separated input. European spreadsheets export `;` (the comma is their
 * decimal mark) and many tools export tabs. Rather than teach every reader a second delimiter,
 * such input is rewritten on the fly into the comma CSV the rest of the pipeline reads: the field
 * values and the line structure stay exactly as they were (line numbers in messages stay right);
 * an unquoted field that contains a comma is quoted. The bytes of `"` `,` `;` `|` TAB CR LF never
 * occur inside a multi-byte UTF-8 character, so the rewrite works on bytes across chunk edges.
 */
import { UsageError } from '../errors.js';

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

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The delimiter of a header that does not parse as commas: the first line has no comma outside
 * quotes but has `;`, tab or `|` (the most frequent wins). Null: read as commas.
 */
export function sniffDelimiter(head: Uint8Array): Delimiter | null {
  const counts = new Map<number, number>([
    [COMMA, 0],
    [59, 0],
    [9, 0],
    [124, 0],
  ]);
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i] as number;
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR) && i > 0) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) as number) + 1);
  }
  if ((counts.get(COMMA) as number) > 0) return null;
  let best: number | null = null;
  for (const c of [59, 9, 124]) if ((counts.get(c) as number) > 0 && (best === null || (counts.get(c) as number) > (counts.get(best) as number))) best = c;
  return best === null ? null : (String.fromCharCode(best) as Delimiter);
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;

/** Rewrites `delimiter`-separated bytes into comma-separated bytes, chunk by chunk. */
export class ToCommas {
  private state = FIELD_START;
  /** the unquoted field being read (it may need quoting once its end is seen) */
  private field: number[] = [];
  private fieldHasComma = false;
  private readonly d: number;

  constructor(delimiter: Delimiter) {
    this.d = delimiter.charCodeAt(0);
  }

  push(chunk: Uint8Array): Uint8Array {
    // worst case: one-byte fields that each need quoting (4 bytes), plus the held field
    const out = new Uint8Array(4 * (chunk.length + this.field.length) + 4);
    let o = 0;
    const d = this.d;
    let state = this.state;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (state === FIELD_START) {
        if (c === QUOTE) {
          out[o++] = QUOTE;
          state = QUOTED;
          continue;
        }
        if (c === d) {
          out[o++] = COMMA;
          continue;
        }
        if (c === LF || c === CR) {
          out[o++] = c;
          continue;
        }
        state = UNQUOTED;
      }
      if (state === UNQUOTED) {
        if (c === d || c === LF || c === CR) {
          o = this.flushField(out, o);
          out[o++] = c === d ? COMMA : c;
          state = FIELD_START;
        } else {
          this.field.push(c);
          if (c === COMMA) this.fieldHasComma = true;
        }
        continue;
      }
      if (state === QUOTED) {
        out[o++] = c;
        if (c === QUOTE) state = QUOTE_SEEN;
        continue;
      }
      // QUOTE_SEEN: an escaped quote, the end of the field, or text after the closing quote
      if (c === QUOTE) {
        out[o++] = c;
        state = QUOTED;
      } else if (c === d) {
        out[o++] = COMMA;
        state = FIELD_START;
      } else if (c === LF || c === CR) {
        out[o++] = c;
        state = FIELD_START;
      } else {
        out[o++] = c; // malformed: the reader reports it as it would in a comma file
      }
    }
    this.state = state;
    return out.subarray(0, o);
  }

  end(): Uint8Array {
    const out = new Uint8Array(2 * this.field.length + 2);
    const o = this.state === UNQUOTED ? this.flushField(out, 0) : 0;
    this.state = FIELD_START;
    return out.subarray(0, o);
  }

  private flushField(out: Uint8Array, at: number): number {
    let o = at;
    if (this.fieldHasComma) {
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
    return o;
  }
}

/**
 * The input chunks as comma CSV: with `flag` the delimiter given, else the one sniffed from the
 * header (announced through `note`), else the chunks as they are.
 */
export async function* asCommaCsv(chunks: AsyncIterable<Buffer>, flag: string | undefined, note: (message: string) => void): AsyncGenerator<Buffer> {
  let conv: ToCommas | null | undefined = flag === undefined ? undefined : parseDelimiter(flag) === ',' ? null : new ToCommas(parseDelimiter(flag));
  for await (const chunk of chunks) {
    if (conv === undefined) {
      const sniffed = sniffDelimiter(chunk);
      conv = sniffed === null ? null : new ToCommas(sniffed);
      if (sniffed !== null) note(`the header has no commas; reading the input as ${delimiterName(sniffed)}-separated (say --delimiter to choose)`);
    }
    yield conv === null ? chunk : Buffer.from(conv.push(chunk));
  }
  if (conv) {
    const rest = conv.end();
    if (rest.length) yield Buffer.from(rest);
  }
}
