/**
 * The CSV grammar, once. Every reader of CSV in the tool works from these definitions: the
 * streaming reader (io/csv.ts `CsvReader`), the splitter that cuts an input into slices of whole
 * records (batch/splitter.ts), the fast path's record cut (batch/chunk.ts) and its field cut
 * (batch/fast-rows.ts). The dialect itself is documented in io/csv.ts; in short:
 *
 * - delimiter `,`, quote `"`; a quote opens a quoted field only as the first code unit of a field
 *   (elsewhere it is literal); inside a quoted field `""` is one `"`, and text between a closing
 *   quote and the next delimiter or line break runs on as unquoted text (the reader reports it);
 * - a record ends at the first LF or CR outside quotes: a CRLF is a CR ending the record and an
 *   LF that is a blank line; line breaks at a record's start are blank lines;
 * - a byte-order mark is dropped only as the input's very first code unit.
 *
 * The scanners work on code units: UTF-16 units of a string or the bytes of UTF-8. The units of
 * `"` `,` CR and LF never occur inside a multi-byte UTF-8 character, so a cut made on bytes never
 * splits a character, and a scan over bytes finds the same records as one over the decoded text.
 */

export const LF = 10;
export const CR = 13;
export const QUOTE = 34;
export const COMMA = 44;
/** U+FEFF, the byte-order mark of a decoded text */
export const BOM = 0xfeff;

/** where a scan stands: between records, at a field start, in an unquoted field, in a quoted one, just after a quote in one */
export type CsvState = 0 | 1 | 2 | 3 | 4;
/** between records: nothing of the current line consumed yet (a line break here is a blank line) */
export const REC_START = 0;
/** at the start of a field, after a delimiter */
export const FIELD_START = 1;
/** in an unquoted field (or the stray tail after a closing quote) */
export const UNQUOTED = 2;
/** in a quoted field */
export const QUOTED = 3;
/** in a quoted field, just after a `"`: an escaped `""` or the closing quote */
export const QUOTE_SEEN = 4;

/** a line break: LF or CR */
export function isBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** the length of a UTF-8 byte-order mark at the start of `b` (3), else 0 */
export function utf8BomLength(b: Uint8Array): number {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}

/** The state a field is read in, from its first code unit: a quote there opens a quoted field. */
export function openField(c: number): CsvState {
  return c === QUOTE ? QUOTED : UNQUOTED;
}

/**
 * The state after the code unit `c` that follows a `"` inside a quoted field: another `"` is an
 * escaped quote (still quoted), a delimiter starts the next field, a line break ends the record,
 * anything else is stray text after the closing quote (read on as unquoted). `delimiter` as in
 * afterUnquoted.
 */
export function afterQuote(c: number, delimiter = COMMA): CsvState {
  if (c === QUOTE) return QUOTED;
  if (c === delimiter) return FIELD_START;
  return isBreak(c) ? REC_START : UNQUOTED;
}

/**
 * The state outside quotes after the code unit `c`: a line break ends the record, a delimiter the
 * field. `delimiter`: the same grammar for `;`, tab and `|` files (io/delimiter.ts rewrites them).
 */
export function afterUnquoted(c: number, delimiter = COMMA): CsvState {
  if (isBreak(c)) return REC_START;
  return c === delimiter ? FIELD_START : UNQUOTED;
}

/** The state after a `"` met outside quotes in state `s`: it opens a quoted field at a field's start, and is a literal character in an unquoted field. */
export function quoteOutside(s: CsvState): CsvState {
  return s === UNQUOTED ? UNQUOTED : QUOTED;
}

/**
 * Code units to scan: a string's UTF-16 units or UTF-8 bytes, behind one small interface so that
 * the record scan below is written once. Its calls are per quote and per stretch between quotes,
 * not per code unit.
 */
export interface CodeUnits {
  readonly length: number;
  /** the code unit at `i` (NaN or undefined past the end: no grammar character) */
  at(i: number): number;
  /** the first `"` at or after `from`, -1 when none */
  quote(from: number): number;
  /** the first line break in [a, b), -1 when none */
  firstBreak(a: number, b: number): number;
  /** the last line break in [a, b), -1 when none */
  lastBreak(a: number, b: number): number;
}

/** UTF-8 bytes as code units (memchr for quotes and for the last line break of a stretch) */
class ByteUnits implements CodeUnits {
  readonly length: number;
  constructor(private readonly b: Uint8Array) {
    this.length = b.length;
  }
  at(i: number): number {
    return this.b[i] as number;
  }
  quote(from: number): number {
    return this.b.indexOf(QUOTE, from);
  }
  firstBreak(a: number, z: number): number {
    const b = this.b;
    for (let i = a; i < z; i++) if (isBreak(b[i] as number)) return i;
    return -1;
  }
  lastBreak(a: number, z: number): number {
    const stretch = this.b.subarray(a, z);
    const brk = Math.max(stretch.lastIndexOf(LF), stretch.lastIndexOf(CR));
    return brk === -1 ? -1 : a + brk;
  }
}

/** a string's UTF-16 code units */
class TextUnits implements CodeUnits {
  readonly length: number;
  constructor(private readonly s: string) {
    this.length = s.length;
  }
  at(i: number): number {
    return this.s.charCodeAt(i);
  }
  quote(from: number): number {
    return this.s.indexOf('"', from);
  }
  firstBreak(a: number, z: number): number {
    const s = this.s;
    for (let i = a; i < z; i++) if (isBreak(s.charCodeAt(i))) return i;
    return -1;
  }
  lastBreak(a: number, z: number): number {
    const s = this.s;
    for (let i = z - 1; i >= a; i--) if (isBreak(s.charCodeAt(i))) return i;
    return -1;
  }
}

export function byteUnits(b: Uint8Array): CodeUnits {
  return new ByteUnits(b);
}

export function textUnits(s: string): CodeUnits {
  return new TextUnits(s);
}

/** where a record scan stopped: the offset just past a record's line break (-1: none), and the state at the end of what was scanned */
export interface ScanEnd {
  end: number;
  state: CsvState;
}

/**
 * The record-level grammar over `u[from, length)`, from state `state`: the offset just past the
 * line break that ends the LAST record completed in it (`first`: the FIRST one, the scan stopping
 * there), -1 when none, and the state where the scan stopped. A record end is the CR or LF
 * itself (the LF of a CRLF is then a blank line at a record start). Outside quotes only a quote
 * at a field's start changes the state, so the scan jumps from quote to quote and looks for line
 * breaks in the stretches between them: its cost follows the quotes, not the units.
 */
export function scanRecords(u: CodeUnits, state: CsvState, first = false, from = 0): ScanEnd {
  const n = u.length;
  let i = from;
  let s = state;
  let end = -1;
  while (i < n) {
    if (s === QUOTED) {
      const q = u.quote(i);
      if (q === -1) break;
      i = q + 1;
      s = QUOTE_SEEN;
      continue;
    }
    if (s === QUOTE_SEEN) {
      s = afterQuote(u.at(i));
      i++;
      if (s === REC_START) {
        end = i;
        if (first) break;
      }
      continue;
    }
    // outside quotes (at a record start, a field start or in an unquoted field) up to the next quote
    const q = u.quote(i);
    const stop = q === -1 ? n : q;
    if (stop > i) {
      const brk = first ? u.firstBreak(i, stop) : u.lastBreak(i, stop);
      if (brk !== -1) {
        end = brk + 1;
        if (first) return { end, state: REC_START };
      }
      s = afterUnquoted(u.at(stop - 1));
    }
    if (q === -1) break;
    s = quoteOutside(s);
    i = q + 1;
  }
  return { end, state: s };
}

/**
 * The end of the record that starts at `from` in `u` (a record's first code unit, not a blank
 * line): the offset just past its line break — a CRLF taken whole — or the end of `u` when no
 * line break outside quotes ends it.
 */
export function recordEnd(u: CodeUnits, from: number): number {
  const end = scanRecords(u, FIELD_START, true, from).end;
  if (end === -1) return u.length;
  return u.at(end - 1) === CR && u.at(end) === LF ? end + 1 : end;
}

/** The offset just past the first record's line break (blank lines before it skipped), or the end of `u`. */
export function firstRecordEnd(u: CodeUnits): number {
  let i = 0;
  while (i < u.length && isBreak(u.at(i))) i++;
  const end = scanRecords(u, FIELD_START, true, i).end;
  return end === -1 ? u.length : end;
}

/**
 * Where field `k` (0-based) of a record's text (without its line break) begins: a quoted field
 * runs to its closing quote (`""` inside it skipped) and then, like every field, to the next
 * delimiter. -1 when the record has fewer fields.
 */
export function fieldStart(text: string, k: number): number {
  let i = 0;
  for (let f = 0; f < k; f++) {
    if (text.charCodeAt(i) === QUOTE) {
      i = closingQuote(text, i + 1);
      if (i < 0) return -1;
    }
    const c = text.indexOf(',', i);
    if (c < 0) return -1;
    i = c + 1;
  }
  return i;
}

/** just past the quote that closes the quoted field whose text begins at `from` (`""` skipped); -1 when it is not closed */
function closingQuote(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    if (text.charCodeAt(q + 1) !== QUOTE) return q + 1;
    i = q + 2;
  }
}

/**
 * Where unquoted fields end, in a text read field by field: the next delimiter or line break at
 * or after `i` (`n`, the text's length, when none). The next `,`, LF and CR are each looked up
 * once and kept while they lie ahead (one `indexOf`, memchr, per field rather than a test of
 * every code unit); `reset` before a new text. Keep each `indexOf` here in ONE place: V8's
 * optimising compiler merges identical pure calls made in different branches and hoists the
 * merged call above both, i.e. runs it for every field (measured: a duplicated
 * `indexOf('\r', i)` made the reader 8x slower).
 */
export class UnquotedEnds {
  private comma = -1;
  private lf = -1;
  private cr = -1;

  reset(): void {
    this.comma = -1;
    this.lf = -1;
    this.cr = -1;
  }

  at(text: string, i: number, n: number): number {
    if (this.comma < i) {
      const c = text.indexOf(',', i);
      this.comma = c === -1 ? n : c;
    }
    if (this.lf < i) {
      const c = text.indexOf('\n', i);
      this.lf = c === -1 ? n : c;
    }
    if (this.cr < i) {
      const c = text.indexOf('\r', i);
      this.cr = c === -1 ? n : c;
    }
    let j = Math.min(this.comma, this.lf);
    if (this.cr < j) j = this.cr;
    return j;
  }
}

/**
 * The fields of a record without quotes, `text[start, end)`: the runs between delimiters. Writes
 * the start of field i to `starts[i]` and `end + 1` to `starts[width]` (field i is then
 * `text[starts[i], starts[i + 1] - 1)`); false when the record has not exactly `width` fields.
 */
export function cutPlainFields(text: string, start: number, end: number, starts: Int32Array, width: number): boolean {
  starts[0] = start;
  let p = start;
  for (let i = 1; i < width; i++) {
    const c = text.indexOf(',', p);
    if (c < 0 || c >= end) return false; // fewer fields
    p = c + 1;
    starts[i] = p;
  }
  const extra = text.indexOf(',', p);
  if (extra >= 0 && extra < end) return false; // more fields
  starts[width] = end + 1;
  return true;
}

/**
 * The fields of a one-line record that holds quotes, `text[start, end)`, cut as `cutPlainFields`
 * cuts them (a quoted field's span includes its quotes). Only the canonical shapes are cut: a
 * quoted field runs from a quote at its start to the closing quote (`""` inside it skipped) that
 * a delimiter or the record's end follows, and an unquoted field holds no quote. False for
 * anything else (a literal quote inside a field, text after a closing quote, an unclosed quote)
 * and when the record has not exactly `width` fields: the full reader takes those.
 */
export function cutQuotedFields(text: string, start: number, end: number, starts: Int32Array, width: number): boolean {
  let p = start;
  let quote = text.indexOf('"', p);
  if (quote < 0 || quote >= end) quote = end;
  for (let i = 0; i < width; i++) {
    starts[i] = p;
    if (quote === p && p < end) {
      // a quoted field: to its closing quote, which must end the field
      let q = p + 1;
      for (;;) {
        q = text.indexOf('"', q);
        if (q < 0 || q >= end) return false;
        if (q + 1 >= end || text.charCodeAt(q + 1) !== QUOTE) break;
        q += 2;
      }
      p = q + 1;
      quote = text.indexOf('"', p);
      if (quote < 0 || quote >= end) quote = end;
      if (p === end) {
        if (i !== width - 1) return false; // fewer fields
        break;
      }
      if (text.charCodeAt(p) !== COMMA) return false;
    } else {
      let c = text.indexOf(',', p);
      if (c < 0 || c >= end) c = end;
      if (quote < c) return false; // a quote inside an unquoted field
      p = c;
      if (p === end) {
        if (i !== width - 1) return false; // fewer fields
        break;
      }
    }
    if (i === width - 1) return false; // more fields
    p++;
  }
  starts[width] = end + 1;
  return true;
}

/** How the next line of a text is read by the fast path (`LineCuts.next`). */
export const PLAIN = 0;
/** the record holds a quote: it runs to `recordEnd`, line breaks in quotes included */
export const QUOTED_RECORD = 1;
/** the line holds a lone CR, which ends a record inside it */
export const LONE_CR = 2;
/** the record holds a quote and ends at the first LF (no line break inside its quotes, no CR in the line): `end` is that LF */
export const QUOTED_LINE = 3;

/**
 * The fast path's cut of a text that holds whole records (an LF file's) into lines: each call of
 * `cut(pos)` (at a record start) sets `end` (the record's end, its line break excluded), `next`
 * (where the next record starts) and `breaks` (the LFs in [pos, next)), and returns PLAIN for a
 * record without a quote or a lone CR, QUOTED_LINE for a record with quotes that is its line
 * (no line break inside its quotes, no CR: `end` is the LF), else QUOTED_RECORD (`end` = `next`
 * = `recordEnd`) or LONE_CR (`end`: the line's LF). The next quote and CR are looked up once and kept while they
 * lie ahead: a plain record costs one `indexOf` (its LF).
 */
export class LineCuts {
  end = 0;
  next = 0;
  breaks = 0;
  private quote = -1;
  private cr = -1;
  private readonly n: number;
  private units: CodeUnits | null = null;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  private ahead(pos: number): void {
    const text = this.text;
    if (this.quote < pos) this.quote = text.indexOf('"', pos);
    if (this.quote < 0) this.quote = this.n;
    if (this.cr < pos) this.cr = text.indexOf('\r', pos);
    if (this.cr < 0) this.cr = this.n;
  }

  cut(pos: number): number {
    const text = this.text;
    const n = this.n;
    this.ahead(pos);
    let lf = text.indexOf('\n', pos);
    if (lf < 0) lf = n;
    this.next = lf < n ? lf + 1 : n;
    this.breaks = 1;
    if (this.quote < lf) {
      this.units ??= textUnits(text);
      const stop = recordEnd(this.units, pos);
      if (stop === lf + 1 && this.cr > lf) {
        this.end = lf;
        return QUOTED_LINE;
      }
      this.end = this.next = stop;
      let breaks = 0;
      for (let i = text.indexOf('\n', pos); i >= 0 && i < stop; i = text.indexOf('\n', i + 1)) breaks++;
      this.breaks = breaks;
      return QUOTED_RECORD;
    }
    this.end = lf;
    if (this.cr < lf) {
      if (this.cr !== lf - 1) return LONE_CR;
      this.end = lf - 1; // a CRLF ends the record before its CR
    }
    return PLAIN;
  }
}
