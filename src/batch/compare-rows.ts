/**
 * `compare --input`: a batch's rows read in this thread and priced under each scenario into the
 * scenarios' totals, and with --per-row one CSV row per input row written through the sink as it
 * is priced — the input row, then its landed cost under each scenario (`landed_<id>`) and its
 * change from the baseline's (`delta_<id>`). A CSV input with LF line breaks takes the fast path
 * (batch/compare-fast.ts) for its plain records, as calc does (batch/chunk.ts), and the full path
 * (CsvReader → ScenarioRows) for every other record, in input order.
 */
import { isAscii } from 'node:buffer';
import type { Rejection } from '../core/batch-summary.js';
import { centsToPlain } from '../core/decimal.js';
import type { MeasureIndex, ResolvedScenario } from '../core/types.js';
import { ByteOut } from '../io/byte-out.js';
import { csvCells, csvRecord, CsvReader, type CsvStyle } from '../io/csv.js';
import { LineCuts, LONE_CR, QUOTED_LINE, QUOTED_RECORD } from '../io/csv-grammar.js';
import type { LenientOptions } from '../io/lenient.js';
import { snake } from '../render/batch-output.js';
import { RejectedList, type RejectedJson } from '../render/frame.js';
import { mapColumns, ndjsonHeader, parseColumnMap, pricedNeeds, requiredColumns, type FieldDefaults } from './columns.js';
import { CompareFast } from './compare-fast.js';
import { DEFAULTS_OK } from './fast-rows.js';
import { BatchInput } from './input.js';
import { jsonLines } from './json-lines.js';
import { BatchTotals } from './pricer.js';
import { CSV_PIECE_BYTES, FILE_READ_BYTES, MAX_FIELD_CHARS, ROW_READ_BYTES, type Row } from './row-source.js';
import { ScenarioRows, type ScenarioCosts } from './scenario-rows.js';
import type { BatchSink } from './sink.js';

export interface CompareInput {
  /** the input file, or "-" */
  file: string;
  format: 'csv' | 'ndjson';
  delimiter?: string | undefined;
  /** --columns as given */
  columns?: string | undefined;
  defaults: FieldDefaults;
  lenient: LenientOptions | null;
  /** --per-row: one CSV row per input row; else the totals only */
  perRow: boolean;
  /** the baseline's place among the scenarios */
  baseAt: number;
  today: string;
  /** how the echo escapes cells (undefined: the default style) */
  csv: CsvStyle | undefined;
  /** false: every row through the full path (TARIFF_FAST_PATH=0: the differential test) */
  fastPath: boolean;
  /** a note for stderr */
  note: (message: string) => void;
  /** a rejected row, as it is met (`count`: the rejections so far, this one included) */
  rejected: (name: string, r: Rejection, count: number) => void;
}

export interface CompareRowsResult {
  name: string;
  read: number;
  rejected: number;
  rejectedList: RejectedJson[];
  /** per scenario, settled */
  totals: BatchTotals[];
}

/** Reads the input and prices every row under every scenario; the per-row CSV goes to `sink.out`. */
export async function compareRows(index: MeasureIndex, resolved: readonly ResolvedScenario[], sink: BatchSink, o: CompareInput): Promise<CompareRowsResult> {
  const run = new CompareRun(index, resolved, sink, o);
  // the fast path reads as calc does (1 MB reads into two reused buffers, 64 KB slices: its rows keep nothing of a chunk);
  // the full path 64 KB at a time in 4 KB slices (row-source.ts: ROW_READ_BYTES)
  const reads = fastReads(o) ? { readBytes: FILE_READ_BYTES, pieceBytes: CSV_PIECE_BYTES, reuseReads: true } : { readBytes: ROW_READ_BYTES };
  const input = new BatchInput(o.file, o.format, { delimiter: o.delimiter, note: o.note, ...reads });
  const progress = sink.progress(input.size);
  try {
    for await (const { slice, last } of input.slices()) {
      if (run.header === null && input.header !== null)
        run.start(o.format === 'ndjson' ? ndjsonHeader(input.header, []) : input.header, input.name, input.lineBreak);
      if (run.header === null) continue;
      if (slice.bytes.length) run.feed(slice.bytes, slice.firstLine);
      await sink.flush();
      if (!last) progress.update(input.bytes, run.read);
    }
  } finally {
    progress.clear();
  }
  const problem = input.headerProblem({ malformed: HEADER_HINT, empty: HEADER_HINT });
  if (problem) throw problem;
  return run.result(input.name);
}

const HEADER_HINT = 'the first line must name the columns';

/** output buffers kept for the next slices (a write is said done a tick or more after it was made) */
const SPARE_BUFFERS = 32;

/** whether the run may take the fast path (the header decides the rest) */
function fastReads(o: CompareInput): boolean {
  return o.fastPath && !o.lenient && o.format === 'csv' && Object.keys(o.defaults).every((k) => DEFAULTS_OK.has(k));
}

/** One run's state: the pricers (made from the header), the counts, the output buffers. */
class CompareRun {
  header: string[] | null = null;
  read = 0;
  private rejected = 0;
  private readonly kept = new RejectedList();
  private name = '';
  private rows: ScenarioRows | null = null;
  private fast: CompareFast | null = null;
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private lineBreak: 'lf' | 'cr' = 'lf';
  /** the slice's output while the fast path writes it (the full path's rows go in between) */
  private bytes: ByteOut | null = null;
  /** buffers the output stream has written, for the next slices */
  private readonly spares: ByteOut[] = [];

  constructor(
    private readonly index: MeasureIndex,
    private readonly resolved: readonly ResolvedScenario[],
    private readonly sink: BatchSink,
    private readonly o: CompareInput,
  ) {}

  /** the header names the columns: the pricers are made from it, and the per-row header written */
  start(h: string[], name: string, lineBreak: 'lf' | 'cr'): void {
    const { o, resolved } = this;
    this.header = h;
    this.name = name;
    this.lineBreak = lineBreak;
    const cols = mapColumns(h, parseColumnMap(o.columns));
    if (cols.aliased.length) o.note(`${name}: columns read as: ${cols.aliased.join(', ')}`);
    requiredColumns(name, h, pricedNeeds(cols, o.defaults), 'compare');
    this.rows = new ScenarioRows(this.index, resolved, cols, o.defaults, { today: o.today, lenient: o.lenient, fastPath: o.fastPath });
    if (fastReads(o)) {
      const fast = new CompareFast(this.index, resolved, cols, o.defaults, o.today, o.baseAt, o.perRow);
      if (fast.usable) this.fast = fast;
    }
    if (o.perRow)
      this.sink.out.append(csvRecord([...h, ...resolved.map((s) => `landed_${snake(s.id)}`), ...resolved.map((s) => `delta_${snake(s.id)}`)], o.csv));
  }

  /** The records of one slice (whole records from line `firstLine`), priced and written in order. */
  feed(bytes: Uint8Array, firstLine: number): void {
    const text = this.decoder.decode(bytes);
    if (this.o.format === 'ndjson') {
      jsonLines(text, firstLine, this.header as string[], this.full, false);
      return;
    }
    if (this.fast === null || this.lineBreak !== 'lf') {
      this.readFull(text, firstLine, this.lineBreak);
      return;
    }
    const out = this.spares.pop() ?? new ByteOut(bytes.length * 2);
    out.reset(bytes.length + (bytes.length >> 1));
    this.bytes = out;
    // an all-ASCII slice is echoed by copying its bytes (see ChunkProcessor.process)
    const src = isAscii(bytes) ? new DataView(bytes.buffer, bytes.byteOffset, bytes.length) : null;
    this.fastSlice(text, firstLine, this.fast, out, src);
    this.bytes = null;
    const spare = (): void => {
      if (this.spares.length < SPARE_BUFFERS) this.spares.push(out);
    };
    if (out.length > 0) this.sink.out.appendBytes(out.bytes(), spare);
    else spare();
  }

  /**
   * A slice's plain records through the fast path, every other one (quoted over lines, a lone CR,
   * declined) through the full reader, in order. Line numbers: 1 + the LFs before the record.
   */
  private fastSlice(text: string, firstLine: number, fast: CompareFast, out: ByteOut, src: DataView | null): void {
    const n = text.length;
    const cuts = new LineCuts(text);
    // the fast path's rows go into the same totals as the full path's, in input order
    const totals = (this.rows as ScenarioRows).totals;
    let line = firstLine;
    let pos = 0;
    while (pos < n) {
      const kind = cuts.cut(pos);
      if (kind === QUOTED_RECORD || kind === LONE_CR || (cuts.end > pos && !fast.row(text, pos, cuts.end, src, kind === QUOTED_LINE, out, totals))) {
        this.readFull(text.slice(pos, cuts.next), line, 'lf');
      } else if (cuts.end > pos) this.read++;
      pos = cuts.next;
      line += cuts.breaks;
    }
  }

  /** whole records from line `line` through the CSV reader and the full path */
  private readFull(text: string, line: number, lineBreak: 'lf' | 'cr'): void {
    const reader = new CsvReader({ maxFieldChars: MAX_FIELD_CHARS, stripBom: false, firstLine: line, lineBreak });
    reader.push(text, this.full);
    reader.end(this.full);
  }

  /** One row on the full path: priced under every scenario, its rejection kept and said, or its per-row CSV written. */
  private readonly full = (row: Row): void => {
    this.read++;
    const r = (this.rows as ScenarioRows).price(row);
    if ('message' in r) {
      this.rejected++;
      this.kept.add(r);
      this.o.rejected(this.name, r, this.rejected);
      return;
    }
    if (!this.o.perRow) return;
    const text = perRowCsv(this.header as string[], row.fields, r, this.o.baseAt, this.o.csv);
    if (this.bytes !== null) this.bytes.text(text);
    else this.sink.out.append(text);
  };

  result(name: string): CompareRowsResult {
    this.rows?.settle();
    const totals = this.rows?.totals ?? this.resolved.map(() => new BatchTotals());
    return { name: this.name || name, read: this.read, rejected: this.rejected, rejectedList: this.kept.list, totals };
  }
}

/** One --per-row CSV record: the input row, then the landed cost under each scenario and its delta from the baseline. */
export function perRowCsv(header: readonly string[], fields: readonly string[], r: ScenarioCosts, baseAt: number, style: CsvStyle | undefined): string {
  // a row as wide as the header is echoed as it is; a short or long one (--allow-ragged) cut or padded to it
  const echo = csvCells(fields.length === header.length ? fields : header.map((_, i) => fields[i] ?? ''), style);
  const { landed, minorDigits: digits } = r;
  const base = landed[baseAt] as number;
  let costs = '';
  let deltas = '';
  for (let i = 0; i < landed.length; i++) {
    const l = landed[i] as number;
    costs += `,${centsToPlain(l, digits)}`;
    deltas += `,${centsToPlain(l - base, digits)}`;
  }
  return `${echo}${costs}${deltas}\n`;
}
