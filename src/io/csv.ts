/**
 * Streaming RFC 4180 CSV reader and writer.
 *
 * The reader is a hand-written, chunk-incremental state machine. It finds delimiters, line breaks
 * and quotes with `indexOf` (memchr) and cuts fields out with `slice`: an unquoted field that lies
 * inside one chunk is a single slice of that chunk, and nothing is ever concatenated character by
 * character (only a field that spans chunks, or a quoted field with `""` escapes, is assembled
 * from a few slices). Between
 * `push` calls only the unfinished tail of the current record is kept: the fields already
 * completed and the partial field being read. Both are bounded by `maxColumns` and
 * `maxFieldChars`, so memory stays flat whatever the input.
 *
 * It never throws on input: malformed records are delivered with `error` set.
 *
 * The grammar's definitions — the states, the transitions, the scans the splitter and the batch
 * fast path cut records and fields with — are in io/csv-grammar.ts, shared by every CSV reader.
 *
 * Dialect (decisions documented here once):
 *
 * - Delimiter `,`; quote `"`; a `""` inside a quoted field is one `"`.
 * - Records end at LF, CRLF, or a *lone CR* (a CR not followed by LF), outside quotes. Treating a
 *   lone CR as a record end is a choice: it is what Python's `csv` module and most readers do, and
 *   what CR-only files (classic Mac OS exports) need; keeping it as data would instead glue such a
 *   file into one huge record.
 *   Inside quotes CR and LF are data, kept verbatim. Implementation-wise every CR outside quotes
 *   ends the record (or an empty line) and the LF of a CRLF is then skipped like an empty line,
 *   so no look-ahead across chunks is needed.
 * - Line numbers count one kind of line break per input, decided by its first line break (the
 *   first CR or LF, inside quotes or not; option `lineBreak`): an LF or a CRLF makes it an LF
 *   file, and a record's `line` is 1 + the number of `\n` before it — as `wc -l`, `grep -n`,
 *   `sed -n Np` and editors in Unix mode count, blank lines and LFs inside quoted fields included;
 *   a lone CR there does not start a new line number (records separated only by lone CRs share
 *   one). A lone CR first makes it a CR-only file (classic Mac OS, some exports), whose lines are
 *   counted by CR in the same way, LFs then not counting: counting LFs would put every record
 *   of such a file on line 1. One rule per input, not per break, so that the line numbers of an
 *   LF or CRLF file never depend on a stray CR in it.
 * - Blank lines (nothing between two line breaks, e.g. `\n\n`, `\r\n\r\n`, `\r\r`) are
 *   skipped and produce no record. A line holding only `""` is a record with one empty field; a
 *   line of spaces is a record with one field of spaces (fields are never trimmed).
 * - Lenient quotes: a `"` that appears inside an *unquoted* field (`ab"c`) is kept literally, like
 *   Excel. But text between a closing quote and the next delimiter / line end (`"ab"c,`) makes the
 *   record an error, `unexpected character after closing quote`; the record is still read to its
 *   end, the stray text being appended to the field's value (`abc`).
 * - A field longer than `maxFieldChars` (counted in UTF-16 code units) or a record with more than
 *   `maxColumns` fields is an error; the reader then reads on to the end of that record (still
 *   honouring quotes, so the record ends where it really ends) without keeping any more of it.
 *   The error record's `fields` are the fields completed before the offending one (at most
 *   `maxColumns` of them).
 * - An unterminated quoted field at end of input gives an error record
 *   `unterminated quoted field (opened on line N)` whose last field is the text read after the
 *   quote (that message replaces any earlier error of the record: a stray quote is the root
 *   cause of, e.g., a "field longer than" error).
 * - When a record has several problems, `error` describes the first one (except as above).
 * - NUL and every other code unit are ordinary data. A U+FEFF byte-order mark is dropped only as
 *   the very first character of the input.
 *
 * If `onRecord` throws, the exception propagates and the reader must not be used further.
 */

import {
  afterQuote,
  afterUnquoted,
  BOM,
  COMMA,
  CR,
  FIELD_START,
  isBreak,
  LF,
  openField,
  QUOTE,
  QUOTE_SEEN,
  QUOTED,
  REC_START,
  UNQUOTED,
  UnquotedEnds,
} from './csv-grammar.js';

export interface CsvRecord {
  /**
   * Decoded field values. Long values are usually V8 slices of the pushed chunk and keep that
   * chunk alive while referenced: a caller that retains many values across the whole file should
   * keep only what it needs (short values, < 13 chars, are copies anyway).
   */
  fields: string[];
  /** 1-based physical line number where the record starts (see the module comment). */
  line: number;
  /** Set when the record is malformed; `fields` then holds what could be recovered. */
  error?: string;
  raw?: never;
}

export interface CsvReaderOptions {
  /** Default true. False when the text is a slice from the middle of an input (batch workers). */
  stripBom?: boolean;
  /** Line number of the first line of the text (default 1): for slices from the middle of an input. */
  firstLine?: number;
  /** Default 1_048_576. A longer field makes its record an error, read on without buffering. */
  maxFieldChars?: number;
  /** Default 20_000. More columns make the record an error, read on without buffering. */
  maxColumns?: number;
  /**
   * Which line break counts lines (see the module comment): `auto` (the default) decides from
   * the first line break read; `lf` or `cr` when the caller decided it for the whole input
   * already — a slice from the middle of an input must count as the input's start decided.
   */
  lineBreak?: LineBreak;
}

export type LineBreak = 'auto' | 'lf' | 'cr';

export const DEFAULT_MAX_FIELD_CHARS = 1_048_576;
export const DEFAULT_MAX_COLUMNS = 20_000;

function positiveLimit(v: number | undefined, dflt: number): number {
  if (v === undefined || Number.isNaN(v)) return dflt;
  return v < 1 ? 1 : Math.floor(v);
}

export class CsvReader {
  private readonly maxField: number;
  private readonly maxCols: number;

  private state: number = REC_START;
  /** where the unquoted fields of the chunk being pushed end */
  private readonly ends = new UnquotedEnds();
  /** the code unit that counts a line in the chunk being pushed (LF while undecided) */
  private counted = LF;
  /** Fields of the current record completed so far. */
  private fields: string[] = [];
  /** Partial value of the current field when it spans chunks, or quoted text read so far. */
  private part = '';
  /** First error of the current record. */
  private error: string | undefined = undefined;
  /** The current record is in error and the rest of it is being skipped without buffering. */
  private discard = false;
  /** Current physical line (1-based). */
  private line = 1;
  /** Line on which the current record started. */
  private recLine = 1;
  /** Line on which the current quoted field's opening quote stands. */
  private quoteLine = 1;
  /** Some input has been seen (the BOM is only stripped before that). */
  private started = false;
  private readonly stripBom: boolean;
  /** The code unit that counts a line (LF or CR); 0 while `auto` has not seen a line break yet. */
  private nl = 0;
  /** `auto` saw a CR as the last code unit of a chunk: LF or not is known from the next one. */
  private crPending = false;
  private readonly lineBreak: LineBreak;
  /**
   * During an `onRecord` call: the offset in the chunk being pushed just past the record's line
   * terminator (for CRLF, past the CR). Lets a caller cut the input at exact record boundaries.
   */
  recordEnd = 0;
  /**
   * During an `onRecord` call: the offset in the chunk being pushed where the record began, or -1
   * when it began in an earlier chunk. With `recordEnd` (-1 when `end` delivered the record: it
   * runs to the end of the last chunk) a caller that pushes whole records can cut out a record's
   * text as read — the rejects file keeps every byte of a rejected record.
   */
  recordStart = -1;

  constructor(opts: CsvReaderOptions = {}) {
    this.stripBom = opts.stripBom ?? true;
    this.line = opts.firstLine ?? 1;
    this.recLine = this.line;
    this.maxField = positiveLimit(opts.maxFieldChars, DEFAULT_MAX_FIELD_CHARS);
    this.maxCols = positiveLimit(opts.maxColumns, DEFAULT_MAX_COLUMNS);
    this.lineBreak = opts.lineBreak ?? 'auto';
    this.nl = this.lineBreak === 'cr' ? CR : this.lineBreak === 'lf' ? LF : 0;
  }

  /** The line break that counts lines: `lf`, `cr`, or `auto` while none has been read. */
  get lineBreakMode(): LineBreak {
    return this.nl === CR ? 'cr' : this.nl === LF ? 'lf' : 'auto';
  }

  /**
   * `auto`: decides from the chunk's first CR or LF. A CR that ends the chunk is decided by the
   * next chunk; that CR is then counted late, before anything after it is read, which gives the
   * same numbers as counting it in place.
   */
  private decideLineBreak(chunk: string): void {
    if (this.crPending) {
      this.crPending = false;
      this.nl = chunk.charCodeAt(0) === LF ? LF : CR;
      if (this.nl === CR) this.line++;
      return;
    }
    const lf = chunk.indexOf('\n');
    const cr = chunk.indexOf('\r');
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      if (lf !== -1) this.nl = LF;
    } else if (cr + 1 < chunk.length) {
      this.nl = chunk.charCodeAt(cr + 1) === LF ? LF : CR;
    } else {
      // until the next chunk tells, that CR is read as in an LF file (not counted)
      this.crPending = true;
    }
  }

  /**
   * Characters currently held between chunks (completed fields of the unfinished record plus the
   * partial field). Diagnostic: it never exceeds maxColumns × maxFieldChars, and while a record is
   * being skipped it does not grow.
   */
  get bufferedChars(): number {
    let n = this.part.length;
    for (const f of this.fields) n += f.length;
    return n;
  }

  /**
   * Feed a decoded text chunk. Chunks may split anywhere (inside quotes, between CR and LF,
   * inside a `""` escape). Calls `onRecord` for each record completed by this chunk.
   */
  push(chunk: string, onRecord: (r: CsvRecord) => void): void {
    const n = chunk.length;
    if (n === 0) return;
    let i = this.begin(chunk);
    this.ends.reset();
    // one state per step; each step consumes what its state reads (a field, a quoted run, a break)
    while (i < n) {
      const state = this.state;
      if (state === REC_START) i = this.recordAt(chunk, i);
      else if (state === FIELD_START) i = this.fieldAt(chunk, i);
      else if (state === UNQUOTED) i = this.unquoted(chunk, i, n, onRecord);
      else if (state === QUOTED) i = this.quoted(chunk, i, n);
      else i = this.quoteSeen(chunk, i, onRecord);
    }
  }

  /** Where the chunk's text begins (past a BOM at the input's start); decides the line break when it can. */
  private begin(chunk: string): number {
    let i = 0;
    // a record carried over from an earlier chunk did not begin in this one
    if (this.state !== REC_START) this.recordStart = -1;
    if (!this.started) {
      this.started = true;
      if (this.stripBom && chunk.charCodeAt(0) === BOM) i = 1;
    }
    if (this.nl === 0) this.decideLineBreak(chunk);
    // while undecided, nothing counts (there is no line break before the deciding one); a CR
    // left pending at the end of this chunk is counted by the next push
    this.counted = this.nl === 0 || this.crPending ? LF : this.nl;
    return i;
  }

  /**
   * Between records: a line break here ends an empty line (or is the LF of a CRLF whose CR ended
   * the previous record): skipped, counting only the input's kind of break. Else a record begins.
   */
  private recordAt(chunk: string, i: number): number {
    const c = chunk.charCodeAt(i);
    if (isBreak(c)) {
      if (c === this.counted) this.line++;
      return i + 1;
    }
    this.recLine = this.line;
    this.recordStart = i;
    this.state = FIELD_START;
    return i;
  }

  /** At a field's start: a quote opens a quoted field. */
  private fieldAt(chunk: string, i: number): number {
    this.state = openField(chunk.charCodeAt(i));
    if (this.state !== QUOTED) return i;
    this.quoteLine = this.line;
    return i + 1;
  }

  /**
   * An unquoted field runs to the next delimiter or line break; its value is one slice of this
   * chunk (prefixed by `part` only when it started in an earlier chunk or is the stray tail after
   * a closing quote). A `"` in here is literal.
   */
  private unquoted(chunk: string, i: number, n: number, onRecord: (r: CsvRecord) => void): number {
    const j = this.ends.at(chunk, i, n);
    if (j === n) {
      this.appendPart(chunk, i, n);
      return n;
    }
    if (!this.discard) {
      const part = this.part;
      if (part.length + (j - i) > this.maxField) this.tooLong();
      else this.endField(part === '' ? chunk.slice(i, j) : part + chunk.slice(i, j));
    }
    this.part = '';
    const c = chunk.charCodeAt(j);
    this.state = afterUnquoted(c);
    // LF or CR (alone or the CR of a CRLF, whose LF is then skipped as a blank line)
    if (this.state === REC_START) this.endRecord(j + 1, c, onRecord);
    return j + 1;
  }

  /** Inside a quoted field: its text up to the next `"`, line breaks included. */
  private quoted(chunk: string, i: number, n: number): number {
    let q = chunk.indexOf('"', i);
    if (q === -1) q = n;
    // Count the line breaks of the quoted text [i, q). A plain loop, not `indexOf` (see UnquotedEnds).
    const nl = this.counted;
    for (let k = i; k < q; k++) if (chunk.charCodeAt(k) === nl) this.line++;
    this.appendPart(chunk, i, q);
    if (q === n) return n; // still inside quotes at the end of the chunk
    this.state = QUOTE_SEEN;
    return q + 1;
  }

  /** Just after a `"` inside a quoted field: an escaped quote, the field's end, or stray text. */
  private quoteSeen(chunk: string, i: number, onRecord: (r: CsvRecord) => void): number {
    const c = chunk.charCodeAt(i);
    const next = afterQuote(c);
    this.state = next;
    if (next === QUOTED) {
      this.appendPart('"', 0, 1);
      return i + 1;
    }
    if (next === UNQUOTED) {
      // text after the closing quote: an error; read on as unquoted text appended to the value
      if (this.error === undefined) this.error = 'unexpected character after closing quote';
      return i;
    }
    if (!this.discard) this.endField(this.part);
    this.part = '';
    if (next === REC_START) this.endRecord(i + 1, c, onRecord);
    return i + 1;
  }

  /** The record ends with the line break `c`, just before `end`. */
  private endRecord(end: number, c: number, onRecord: (r: CsvRecord) => void): void {
    this.recordEnd = end;
    this.emit(onRecord);
    this.state = REC_START;
    if (c === this.counted) this.line++;
  }

  /**
   * End of input: flushes the last record (a missing final newline is fine). An unterminated
   * quoted field gives an error record. The reader is then reset and may be reused.
   */
  end(onRecord: (r: CsvRecord) => void): void {
    const state = this.state;
    this.recordEnd = -1;
    if (state === FIELD_START) {
      if (!this.discard) this.endField('');
      this.emit(onRecord);
    } else if (state === UNQUOTED || state === QUOTE_SEEN) {
      if (!this.discard) this.endField(this.part);
      this.emit(onRecord);
    } else if (state === QUOTED) {
      if (!this.discard) this.endField(this.part);
      this.error = `unterminated quoted field (opened on line ${this.quoteLine})`;
      this.emit(onRecord);
    }
    this.state = REC_START;
    this.fields = [];
    this.part = '';
    this.error = undefined;
    this.discard = false;
    this.line = 1;
    this.recLine = 1;
    this.quoteLine = 1;
    this.started = false;
    this.nl = this.lineBreak === 'cr' ? CR : this.lineBreak === 'lf' ? LF : 0;
    this.crPending = false;
  }

  /** Append chunk[a, b) to the partial field, unless that would exceed the field limit. */
  private appendPart(s: string, a: number, b: number): void {
    if (this.discard || a === b) return;
    if (this.part.length + (b - a) > this.maxField) {
      this.tooLong();
      return;
    }
    this.part += a === 0 && b === s.length ? s : s.slice(a, b);
  }

  private tooLong(): void {
    if (this.error === undefined) this.error = `field longer than ${this.maxField} characters`;
    this.discard = true;
    this.part = '';
  }

  /** Complete a field of the current record (caller checks `discard`). */
  private endField(value: string): void {
    if (this.fields.length >= this.maxCols) {
      if (this.error === undefined) this.error = `too many columns (more than ${this.maxCols})`;
      this.discard = true;
      return;
    }
    this.fields.push(value);
  }

  private emit(onRecord: (r: CsvRecord) => void): void {
    const rec: CsvRecord =
      this.error === undefined ? { fields: this.fields, line: this.recLine } : { fields: this.fields, line: this.recLine, error: this.error };
    this.fields = [];
    this.part = '';
    this.error = undefined;
    this.discard = false;
    onRecord(rec);
  }
}

/** Parse a whole string (convenience for tests and small inputs). */
export function parseCsv(text: string, opts?: CsvReaderOptions): CsvRecord[] {
  const out: CsvRecord[] = [];
  const r = new CsvReader(opts);
  const add = (rec: CsvRecord): void => {
    out.push(rec);
  };
  r.push(text, add);
  r.end(add);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writer

/**
 * Quote a field when needed: when it contains `,` `"` CR or LF, begins or ends with a space or a
 * tab (so trimming readers keep it), or begins with U+FEFF (which a reader would take for a BOM
 * at the start of a file). Quotes inside are doubled. The empty string is returned as is (an
 * empty field between delimiters); `csvLine` quotes it when it is a record's only field.
 */
export function csvEscape(value: string): string {
  const n = value.length;
  if (n === 0) return value;
  let needs = false;
  let hasQuote = false;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  if (first === 32 || first === 9 || first === BOM || last === 32 || last === 9) needs = true;
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === QUOTE) {
      hasQuote = true;
      needs = true;
      break;
    }
    if (c === COMMA || c === LF || c === CR) needs = true;
  }
  if (!needs) return value;
  return hasQuote ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/**
 * Fields joined with `csvEscape` and terminated by `\n`. A record whose only field is the empty
 * string is written `""` so that it is not a blank line (which readers skip); it reads back as
 * `[""]`. An empty array gives a blank line, i.e. no record when read back.
 */
export function csvLine(fields: readonly string[]): string {
  const n = fields.length;
  if (n === 1 && fields[0] === '') return '""\n';
  let s = '';
  for (let i = 0; i < n; i++) {
    if (i > 0) s += ',';
    s += csvEscape(fields[i] as string);
  }
  return `${s}\n`;
}

const PLAIN_NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;

/** True when the string is a plain number: optional leading `-`, ASCII digits, optional `.digits`. */
export function isPlainNumber(value: string): boolean {
  return PLAIN_NUMBER.test(value);
}

/**
 * Neutralise spreadsheet formulas in text cells echoed from input: a value beginning with
 * `=` `+` `-` `@` TAB CR or a full-width `＝` `＋` `－` `＠` is prefixed with `'`. Plain numbers
 * (`-12.50`, see `isPlainNumber`) are not formulas and are returned unchanged, as is every
 * other value.
 */
export function escapeFormula(value: string): string {
  if (value.length === 0) return value;
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x40: // @
    case 0x09: // TAB
    case 0x0d: // CR
    case 0xff1d: // ＝
    case 0xff0b: // ＋
    case 0xff0d: // －
    case 0xff20: // ＠
      return `'${value}`;
    case 0x2d: // -
      return isPlainNumber(value) ? value : `'${value}`;
    default:
      return value;
  }
}

/** How the tool writes CSV: every CSV it writes (batch output, rejects, lookup, scenarios, timeline, sweep, compare, refund) follows it. */
export interface CsvStyle {
  /** neutralise formula cells (`escapeFormula`); off with --no-escape-formulas */
  escapeFormulas: boolean;
}

export const DEFAULT_CSV_STYLE: CsvStyle = { escapeFormulas: true };

/**
 * The one CSV record writer: each cell formula-escaped (unless the style says not to), quoted
 * when needed (`csvEscape`), the record ended by `\n` (`--crlf` is applied by the output stream).
 * Header cells go through it too: a column named `=x` is a formula to a spreadsheet as well.
 */
export function csvRecord(cells: readonly string[], style: CsvStyle = DEFAULT_CSV_STYLE): string {
  return csvLine(style.escapeFormulas ? cells.map(escapeFormula) : cells);
}

/** `csvRecord` without its line ending: for a record a caller continues (input columns, then results). */
export function csvCells(cells: readonly string[], style: CsvStyle = DEFAULT_CSV_STYLE): string {
  // the usual record: no cell that escaping or quoting would change, joined as it is (one string, not two per cell)
  if (plainEnds(cells, style.escapeFormulas)) {
    const joined = cells.join(',');
    if (plainJoined(joined, cells.length)) return joined;
  }
  let s = '';
  for (let i = 0; i < cells.length; i++) s += `${i ? ',' : ''}${csvEscape(style.escapeFormulas ? escapeFormula(cells[i] as string) : (cells[i] as string))}`;
  return s;
}

/**
 * Whether no cell begins or ends with what `csvEscape` (and `escapeFormula` when `formulas`)
 * changes: a space, tab or BOM at the start, a space or tab at the end, a formula start (a `-`
 * counts as one here: the caller then escapes cell by cell, exactly). `plainJoined` checks the rest.
 */
function plainEnds(cells: readonly string[], formulas: boolean): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    const n = c.length;
    if (n === 0) continue;
    const first = c.charCodeAt(0);
    if (first === 32 || first === 9 || first === BOM) return false;
    if (formulas && (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x0d || first >= 0xff0b)) return false;
    const last = c.charCodeAt(n - 1);
    if (last === 32 || last === 9) return false;
  }
  return true;
}

/** `n` cells joined by commas hold no quote or line break, and no comma but the n − 1 that join them (searched, not read unit by unit) */
function plainJoined(joined: string, n: number): boolean {
  if (joined.indexOf('"') >= 0 || joined.indexOf('\n') >= 0 || joined.indexOf('\r') >= 0) return false;
  let commas = 0;
  for (let i = joined.indexOf(','); i >= 0; i = joined.indexOf(',', i + 1)) if (++commas >= n) return false;
  return true;
}

/** Column names are snake_case: `ieepa-fentanyl` → `ieepa_fentanyl`, `pre-2025` → `pre_2025`. */
export function snakeName(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_');
}
