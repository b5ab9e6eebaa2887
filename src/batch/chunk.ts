/**
 * One chunk of a batch: a slice of the input that holds whole records, priced into output text,
 * rejections and totals. The same function runs in the main thread for small inputs and in
 * worker threads for large ones, so both paths give byte-identical output.
 */
import type { RunOptions } from '../schedule/prepare-run.js';
import type { MeasureIndex, ResolvedScenario } from '../core/types.js';
import { isAscii } from 'node:buffer';
import { CsvReader } from '../io/csv.js';
import { fieldStart, LineCuts, LONE_CR, QUOTED_LINE, QUOTED_RECORD } from '../io/csv-grammar.js';
import { breakdownJson } from '../render/breakdown-json.js';
import { CsvRows, dutyAuthorities, ndjsonRow, type TableRow } from '../render/batch-output.js';
import { mapColumns, type ColumnMap, type FieldDefaults } from './columns.js';
import { FastRows } from './fast-rows.js';
import { ByteOut } from '../io/byte-out.js';
import type { Rejection } from '../core/batch-summary.js';
import { BatchPricer, BatchTotals } from './pricer.js';
import { jsonLines } from './json-lines.js';
import { MAX_FIELD_CHARS, type Row } from './row-source.js';
import { changeText, type Change, type LenientOptions } from '../io/lenient.js';

export type OutputFormat = 'csv' | 'ndjson' | 'json' | 'table';

/**
 * Output buffers kept for reuse. A file's write is done at once but said in a later tick, after
 * the slices of the chunk read (16 of 64 KB in 1 MB) have all been priced: as many buffers are
 * out at a time, about 4 MB (with 4 kept, three in four slices took a fresh one).
 */
const SPARE_BUFFERS = 32;

/** Everything a worker needs to rebuild the pricer (all plain data: it crosses a thread). */
export interface ChunkSetup {
  /** how the main thread set up the run; a worker sets up its own from the same options */
  run: RunOptions;
  header: string[];
  defaults: FieldDefaults;
  format: OutputFormat;
  inputFormat: 'csv' | 'ndjson';
  escapeFormulas: boolean;
  /** false: every row through the full reader and pricer (the differential test's switch) */
  fastPath?: boolean;
  /** a worker's old-generation heap limit in MB (a test makes it small enough to run out) */
  workerHeapMb?: number;
  /** notes that lead every CSV row's (render/batch-output.ts CsvRows) */
  runNotes?: string[];
  today: string;
  strict: boolean;
  /** --lenient (and --decimal-comma) */
  lenient?: LenientOptions;
  /** rows with more fields than the header are priced (the extras dropped) instead of rejected */
  allowRagged?: boolean;
  /** how the input counts its lines (CR-only files count CRs), decided by the splitter for the whole input */
  lineBreak?: 'lf' | 'cr';
  /**
   * The input is a rejects file (its header ended in `line,error`, dropped from `header`): the
   * last two cells of a row wider than the header are those columns, dropped before pricing
   */
  rejectsInput?: boolean;
  /** --columns: the input's own names for the columns tariff reads */
  columnMap?: ColumnMap;
}

export interface ChunkResult {
  /** output text (a worker sends it back encoded as UTF-8 bytes) */
  out: string | Uint8Array;
  /** rows written to `out` (JSON rows are joined by commas within the chunk) */
  written: number;
  rejections: Rejection[];
  totals: BatchTotals;
  /** table format only, small inputs */
  tableRows: TableRow[];
  /** the fast path's buffer that `out` is a view of: handed back with `reuse` once `out` is written */
  buffer?: ByteOut | undefined;
}

export class ChunkProcessor {
  private readonly pricer: BatchPricer;
  private readonly csv: CsvRows;
  private readonly width: number;
  private readonly verified: string;

  constructor(
    index: MeasureIndex,
    scenario: ResolvedScenario,
    private readonly setup: ChunkSetup,
  ) {
    this.width = setup.header.length;
    this.verified = index.schedule.meta.verifiedThrough;
    this.pricer = new BatchPricer(index, scenario, mapColumns(setup.header, setup.columnMap), setup.defaults, {
      today: setup.today,
      detail: setup.format !== 'csv',
      lenient: setup.lenient,
      allowRagged: setup.allowRagged === true,
    });
    this.csv = new CsvRows(dutyAuthorities(index.schedule), setup.escapeFormulas, setup.runNotes ?? []);
    // a rejects file's rows lose their line and error cells: the fast path echoes rows as read
    if (
      setup.format === 'csv' &&
      setup.inputFormat === 'csv' &&
      !setup.lenient &&
      !setup.rejectsInput &&
      (setup.lineBreak ?? 'lf') === 'lf' &&
      setup.fastPath !== false
    ) {
      const fast = new FastRows(index, scenario, mapColumns(setup.header, setup.columnMap), setup.defaults, setup.today, this.csv);
      if (fast.usable) this.fast = fast;
    }
  }

  /** CSV in, CSV out: the plain records' fast path (`fastPath: false` turns it off, for the differential test) */
  private readonly fast: FastRows | null = null;

  /**
   * Prices the records of one slice (whole records, starting at `firstLine`) as they are read:
   * no array of rows is built, so rows die young and memory stays flat.
   */
  process(bytes: Uint8Array, firstLine: number): ChunkResult {
    // an all-ASCII slice (the usual one) is its bytes one for one: read as Latin-1, a plain copy,
    // not through the UTF-8 decoder (1M rows: ~100 ms less)
    const ascii = isAscii(bytes);
    const text = ascii ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1') : this.decoder.decode(bytes);
    const res: ChunkResult = { out: '', written: 0, rejections: [], totals: new BatchTotals(), tableRows: [] };
    this.stopped = false;
    const on = (row: Row): void => {
      if (!this.stopped) this.stopped = this.one(row, res);
    };
    if (this.fast !== null) {
      // CSV rows are written as bytes, the full path's rows among them in order
      // a CSV row out is its echo and ~250 bytes of figures and report_hts: about 4.2 times a row
      // of the seeded file. A buffer sized too small grows (a copy) on every slice: the size is
      // the largest ratio of output to input seen so far, rounded up, plus one
      const size = bytes.length * this.outPerIn;
      const out = (this.bytes = this.spares.pop() ?? new ByteOut(size));
      out.reset(size);
      res.buffer = out;
      // an all-ASCII slice is echoed by copying its bytes (not every slice as long in code units
      // as in bytes: a lone invalid byte is one U+FFFD, which the echo writes in three)
      const src = ascii ? new DataView(bytes.buffer, bytes.byteOffset, bytes.length) : null;
      this.fastSlice(text, firstLine, res, on, out, src);
      this.bytes = null;
      res.out = out.bytes();
      if (out.length > size) this.outPerIn = Math.ceil(out.length / bytes.length) + 1;
    } else if (this.setup.inputFormat === 'csv') {
      const reader = new CsvReader({ maxFieldChars: MAX_FIELD_CHARS, stripBom: false, firstLine, lineBreak: this.setup.lineBreak ?? 'lf' });
      this.reading = { reader, text };
      reader.push(text, on);
      reader.end(on);
    } else {
      jsonLines(text, firstLine, this.setup.header, on, true);
    }
    res.totals.settle();
    return res;
  }

  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** output bytes to reserve per input byte of a slice (see `process`) */
  private outPerIn = 5;

  /**
   * Buffers whose output has been written, for the next slices: memory the process has touched
   * already, not a fresh allocation (new pages, and external memory for the GC to track) per slice.
   */
  private readonly spares: ByteOut[] = [];

  /** `r.out` has been written (or copied): its buffer may take another slice's rows */
  reuse(r: ChunkResult): void {
    if (r.buffer !== undefined && this.spares.length < SPARE_BUFFERS) this.spares.push(r.buffer);
    r.buffer = undefined;
  }

  /**
   * A slice of whole records, plain ones through the fast path and every other one (quoted, blank,
   * declined) through the full reader, in order. Line numbers: 1 + the LFs before the record.
   */
  private fastSlice(text: string, firstLine: number, res: ChunkResult, full: (row: Row) => void, bytes: ByteOut, src: DataView | null): void {
    const fast = this.fast as FastRows;
    const n = text.length;
    const cuts = new LineCuts(text);
    let line = firstLine;
    let pos = 0;
    while (pos < n) {
      const kind = cuts.cut(pos);
      // a quoted record that spans lines and a line with a lone CR (which ends a record within
      // the line) are the full reader's, and so is a record the fast path declines
      if (kind === QUOTED_RECORD || kind === LONE_CR || (cuts.end > pos && !fast.row(text, pos, cuts.end, res.totals, bytes, src, kind === QUOTED_LINE))) {
        this.readFull(text, pos, cuts.next, line, full);
        if (this.stopped) return;
      } else if (cuts.end > pos) {
        res.totals.read++;
        res.totals.priced++;
        res.totals.fast++;
        res.written++;
      }
      pos = cuts.next;
      line += cuts.breaks;
    }
  }

  /**
   * `text[from, to)`, whole records from line `line`, through the full reader, counting lines as
   * the input does (an LF file: a stray lone CR does not start a line), not in a mode the reader
   * would decide from this part alone.
   */
  private readFull(text: string, from: number, to: number, line: number, full: (row: Row) => void): void {
    const reader = new CsvReader({ maxFieldChars: MAX_FIELD_CHARS, stripBom: false, firstLine: line, lineBreak: 'lf' });
    const part = text.slice(from, to);
    this.reading = { reader, text: part };
    reader.push(part, full);
    reader.end(full);
  }

  /** the fast path's output of the slice being priced */
  private bytes: ByteOut | null = null;

  /** set by the full path when a --strict run meets a bad row */
  private stopped = false;

  /** the CSV reader at work and the text pushed into it: a rejected record's text is cut from it */
  private reading: { reader: CsvReader; text: string } | null = null;

  /**
   * The text of the record being delivered, without its line ending; undefined when it cannot be
   * cut whole (it began in an earlier push) or should not be kept whole (a field over the size
   * limit, too many columns, an unterminated quote that ran to the end of the input: the fields
   * recovered are written instead).
   */
  private rawRecord(row: Row): string | undefined {
    const at = this.reading;
    if (at === null || at.reader.recordStart < 0) return undefined;
    if (row.error !== undefined && !row.error.startsWith('unexpected character')) return undefined;
    const end = at.reader.recordEnd < 0 ? at.text.length : at.reader.recordEnd - 1;
    return at.text.slice(at.reader.recordStart, end);
  }

  /** One row into the result; true when a --strict run must stop. */
  private one(row: Row, res: ChunkResult): boolean {
    const totals = res.totals;
    totals.read++;
    const width = this.width;
    // a rejects file's own line and error cells: the last two of a row wider than the header
    const drop = this.setup.rejectsInput && row.fields.length > width ? Math.min(2, row.fields.length - width) : 0;
    if (drop) row = { ...row, fields: row.fields.slice(0, row.fields.length - drop) };
    const r = this.pricer.priceRow(row);
    if (r.changes) {
      totals.lenientRows++;
      const c = r.changes[0] as Change;
      totals.lenientExample ??= `line ${row.line}: ${changeText(c, (f) => f)}`;
    }
    if (!r.ok) {
      totals.rejected++;
      if (r.rejection.code === 'prohibited') totals.prohibited++;
      if (this.setup.inputFormat === 'csv') {
        let raw = this.rawRecord(row);
        if (raw !== undefined && drop) {
          const cut = fieldStart(raw, row.fields.length);
          raw = cut > 0 ? raw.slice(0, cut - 1) : undefined;
        }
        if (raw !== undefined) r.rejection.raw = raw;
      }
      res.rejections.push(r.rejection);
      return this.setup.strict;
    }
    totals.priced++;
    totals.add(r.breakdown);
    if (r.breakdown.date > this.verified) totals.staleRows++;
    const format = this.setup.format;
    if (format === 'csv') {
      if (this.bytes) this.bytes.text(this.csv.row(r.fields, this.width, r.breakdown));
      else res.out += this.csv.row(r.fields, this.width, r.breakdown);
    } else if (format === 'ndjson') res.out += ndjsonRow(r.line, r.breakdown, r.shipment.id);
    else if (format === 'json')
      res.out += `${res.written ? ',' : ''}${JSON.stringify({ line: r.line, id: r.shipment.id ?? null, ...breakdownJson(r.breakdown) })}`;
    else res.tableRows.push({ line: r.line, id: r.shipment.id ?? '', b: r.breakdown });
    res.written++;
    return false;
  }
}
