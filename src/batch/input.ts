/**
 * A batch input, the one way every batch command reads: open (a file, a FIFO or stdin) → bytes
 * (UTF-16 refused, a file that changes while read refused) → a CSV in another delimiter rewritten
 * to commas → slices of whole records (the splitter), the header decoded on the way, every record
 * within MAX_RECORD_BYTES. Its consumers price the slices in this thread (each-row.ts, the calc
 * batch) or hand them to worker threads (pool.ts).
 */
import { DataError } from '../errors.js';
import { asCommaCsv } from '../io/delimiter.js';
import { MAX_RECORD_BYTES, openInput, readable } from './row-source.js';
import { Splitter, type Slice } from './splitter.js';
import { digestNatively } from '../schedule/load-digest.js';

export const NDJSON_HINT = 'the input looks like NDJSON (one JSON object a line): add --input-format ndjson';

export interface InputOptions {
  /** --delimiter (CSV only); undefined: sniffed from the header */
  delimiter?: string | undefined;
  /** a note for stderr (a delimiter sniffed ...) */
  note: (message: string) => void;
  /** the size of the pieces handed on (row-source.ts: PIECE_BYTES, CSV_PIECE_BYTES) */
  pieceBytes?: number;
  /** how much of a regular file one read takes (row-source.ts: FILE_READ_BYTES, ROW_READ_BYTES) */
  readBytes?: number;
  /**
   * The consumer is done with each slice (views of it included) before it asks for the next one:
   * a regular file is then read into two buffers in turn, not a fresh one per read (row-source.ts: fileChunks)
   */
  reuseReads?: boolean;
}

export class BatchInput {
  readonly name: string;
  /** bytes of a regular file (for progress); null for a pipe */
  readonly size: number | null;
  /** bytes read so far */
  bytes = 0;
  /** the first bytes look like a JSON object (a hint when CSV was expected) */
  looksJson = false;
  private readonly splitter: Splitter;
  private readonly chunks: AsyncIterable<Buffer>;

  /** Opens the input: do it after every output has been opened (a FIFO waits for its writer). */
  constructor(
    file: string,
    readonly format: 'csv' | 'ndjson',
    opts: InputOptions,
  ) {
    const input = openInput(file, opts.readBytes, opts.reuseReads === true);
    // the rows' kinds read line files as they come: worth node:crypto's start-up (load-digest.ts)
    digestNatively();
    this.name = input.name;
    this.size = input.size;
    this.splitter = new Splitter(format);
    const bytes = readable(input, opts.pieceBytes);
    this.chunks = format === 'csv' ? asCommaCsv(bytes, opts.delimiter, (m) => opts.note(`${input.name}: ${m}`)) : bytes;
  }

  /** the header, once the first record has been read (null before, or when it is malformed) */
  get header(): string[] | null {
    return this.splitter.header;
  }

  /** how the input counts its lines (a CR-only file counts CRs), for the readers of its slices */
  get lineBreak(): 'lf' | 'cr' {
    return this.splitter.lineBreak;
  }

  /**
   * The slices of whole records after the header, in order. The last one (`last`, possibly
   * empty) comes at the end of the input, so a consumer can flush what it holds.
   */
  async *slices(): AsyncGenerator<{ slice: Slice; last: boolean }> {
    const splitter = this.splitter;
    for await (const chunk of this.chunks) {
      if (this.bytes === 0) this.looksJson = /^\s*\{/.test(chunk.subarray(0, 64).toString('latin1'));
      this.bytes += chunk.length;
      const slice = splitter.push(chunk);
      if (splitter.pendingBytes > MAX_RECORD_BYTES) throw splitter.tooLong(this.name, MAX_RECORD_BYTES);
      if (slice) yield { slice, last: false };
    }
    yield { slice: splitter.end() ?? { bytes: new Uint8Array(0), firstLine: 0 }, last: true };
  }

  /** After the slices: why the input has no header (a malformed first record, or none), or null. */
  headerProblem(hints: { malformed: string; empty: string }): DataError | null {
    if (this.splitter.header !== null) return null;
    if (this.splitter.headerError !== null)
      return new DataError(`${this.name}:1: the header row is malformed: ${this.splitter.headerError}`, [hints.malformed]);
    return new DataError(`${this.name}: the input is empty (no header row)`, [hints.empty]);
  }
}
