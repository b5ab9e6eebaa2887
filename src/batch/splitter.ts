/**
 * Cuts the input bytes into slices of whole records, so that each slice can be priced on its own
 * (in a worker thread) and give exactly what one sequential reader would. The boundary scan is
 * the record-level scan of the one CSV grammar (io/csv-grammar.ts) — a quote opens a quoted field
 * only at the start of a field, `""` is an escaped quote, a line break ends a record only outside
 * quotes — run on bytes, which never splits a character. NDJSON slices end at a line break.
 *
 * The header (the first record, or the first object's keys for NDJSON) is decoded here, and so is
 * how the input counts its lines (`lineBreak`, the rule of `io/csv.ts`): from its first line
 * break, an LF (or CRLF) file or a CR-only one, for the whole input — every slice's reader is
 * told, so a slice from the middle counts as the start of the file decided.
 */
import { DataError } from '../errors.js';
import { CsvReader } from '../io/csv.js';
import { byteUnits, CR, type CsvState, firstRecordEnd, LF, QUOTE_SEEN, QUOTED, REC_START, scanRecords as scan, utf8BomLength } from '../io/csv-grammar.js';

export interface Slice {
  bytes: Uint8Array;
  firstLine: number;
  /**
   * `bytes` is a buffer of its own (not a view of a chunk read, which other slices and the
   * pending rest may share): it may be transferred to a worker without a copy
   */
  owned?: boolean;
}

/** where a scan stands between two chunks (io/csv-grammar.ts `CsvState`) */
export type ScanState = CsvState;

/** the line breaks (LF or CR bytes, `nl`) in b: the lines they end */
function countBreaks(b: Uint8Array, nl: number): number {
  let n = 0;
  for (let i = b.indexOf(nl); i !== -1; i = b.indexOf(nl, i + 1)) n++;
  return n;
}

export class Splitter {
  header: string[] | null = null;
  /** the header record itself was malformed */
  headerError: string | null = null;
  /**
   * Bytes of a record not finished yet, as the chunks they came in: joined once, when the record
   * ends, so a long record costs time linear in its length (copying the pending bytes on every
   * chunk made a 60 MB field take seconds).
   */
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private state: CsvState = REC_START;
  /** line number of the first line of the pending bytes */
  private line = 1;
  private started = false;
  /** the byte that counts lines (LF or CR); 0 until the first line break is seen */
  private nl = 0;
  /** the first line break is a CR that ended the bytes so far: the next byte says CRLF or CR */
  private crWait = false;

  constructor(private readonly format: 'csv' | 'ndjson') {
    // NDJSON lines end at LF by definition
    if (format === 'ndjson') this.nl = LF;
  }

  /**
   * How the input's lines are counted, for its readers: `cr` for a CR-only file, else `lf`
   * (also before any line break is seen: there is nothing to count then).
   */
  get lineBreak(): 'lf' | 'cr' {
    return this.nl === CR ? 'cr' : 'lf';
  }

  /** bytes held while waiting for the end of a record */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  /** The error for a record over `limit` bytes: an unclosed quote when the scan is inside one. */
  tooLong(name: string, limit: number): DataError {
    if (this.format === 'csv' && (this.state === QUOTED || this.state === QUOTE_SEEN)) {
      return new DataError(`${name}:${this.line}: a quoted field opened on this record is still open after ${limit} bytes: an unclosed quote?`, [
        'check the quoting from this line on: an unclosed quote swallows the lines after it',
      ]);
    }
    return new DataError(`${name}:${this.line}: a record longer than ${limit} bytes (no line break)`, ['check that the file is line-based CSV or NDJSON']);
  }

  /** Adds bytes; returns the slice of the complete records they finish (possibly none). */
  push(chunk: Uint8Array): Slice | null {
    let data = chunk;
    if (!this.started) {
      this.started = true;
      data = data.subarray(utf8BomLength(data));
    }
    if (this.nl === 0 && data.length) this.decideLineBreak(data);
    // only the new bytes are scanned: the state carries over from the pending ones
    const end = this.format === 'csv' ? this.scanCsv(data) : data.lastIndexOf(LF) + 1;
    // still undecided with a record end: the CR ending the chunk, CRLF or not; its records are
    // handed out once it is known how their lines count
    if (end <= 0 || this.nl === 0) {
      if (data.length) {
        // an own copy: the chunk's buffer may be read into again (input.ts: reuseReads)
        this.pending.push(Uint8Array.prototype.slice.call(data));
        this.pendingLength += data.length;
      }
      return null;
    }
    const owned = this.pendingLength !== 0;
    const done = owned ? joinAll([...this.pending, data.subarray(0, end)], this.pendingLength + end) : data.subarray(0, end);
    // own copy of the rest (Uint8Array's slice: a Buffer's is a view), not a view of the chunk,
    // which may hold other slices and is not kept alive by a few pending bytes
    const rest = Uint8Array.prototype.slice.call(data, end);
    this.pending = rest.length ? [rest] : [];
    this.pendingLength = rest.length;
    return this.take(done, owned);
  }

  /** The first CR or LF of the input decides how it counts lines (see the module comment). */
  private decideLineBreak(data: Uint8Array): void {
    if (this.crWait) {
      this.crWait = false;
      this.nl = data[0] === LF ? LF : CR;
      return;
    }
    const lf = data.indexOf(LF);
    const cr = data.indexOf(CR);
    if (cr === -1 || (lf !== -1 && lf < cr)) {
      if (lf !== -1) this.nl = LF;
    } else if (cr + 1 < data.length) {
      this.nl = data[cr + 1] === LF ? LF : CR;
    } else {
      this.crWait = true;
    }
  }

  /** The rest of the input (a last record without a line break), or null. */
  end(): Slice | null {
    // a CR at the very end of the input was its only line break
    if (this.nl === 0) this.nl = this.crWait ? CR : LF;
    if (this.pendingLength === 0) return null;
    const all = joinAll(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    return this.take(all, true);
  }

  private take(bytes: Uint8Array, owned: boolean): Slice | null {
    let body = bytes;
    if (this.header === null && this.headerError === null) {
      body = this.readHeader(bytes);
      if (body.length === 0) return null;
    }
    const slice: Slice = { bytes: body, firstLine: this.line, owned: owned && body === bytes };
    this.line += countBreaks(body, this.nl);
    return slice;
  }

  /** Decodes the header from the first complete record(s); returns the bytes after it. */
  private readHeader(bytes: Uint8Array): Uint8Array {
    if (this.format === 'ndjson') {
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const obj = JSON.parse(line) as unknown;
          if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
            this.header = Object.keys(obj);
            break;
          }
        } catch {
          /* an invalid line is a rejection; the header comes from the first object */
        }
      }
      return bytes; // NDJSON data starts at the first line
    }
    // where the header ends is found on the bytes (decoding may change lengths: invalid UTF-8)
    const headerBytes = firstRecordEnd(byteUnits(bytes));
    const reader = new CsvReader({ stripBom: false, lineBreak: this.lineBreak });
    let done = false;
    const take = (r: { fields: string[]; error?: string }): void => {
      if (done) return;
      done = true;
      if (r.error) this.headerError = r.error;
      else this.header = r.fields;
    };
    reader.push(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, headerBytes)), take);
    reader.end(take);
    this.line += countBreaks(bytes.subarray(0, headerBytes), this.nl);
    return bytes.subarray(headerBytes);
  }

  private scanCsv(all: Uint8Array): number {
    const r = scanRecords(all, this.state);
    this.state = r.state;
    return r.end;
  }
}

/**
 * The record-boundary scan over new bytes from a scan state (the state at the end of the bytes
 * before): the offset after the last record end in them (-1: none), and the state at their end
 * (the grammar's scan, io/csv-grammar.ts, on bytes).
 */
export function scanRecords(all: Uint8Array, from: ScanState): { end: number; state: ScanState } {
  return scan(byteUnits(all), from);
}

/** the parts, one after another, in one array of `total` bytes */
export function joinAll(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
