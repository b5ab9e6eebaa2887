/**
 * One chunk of a batch: a slice of the input that holds whole records, priced into output text,
 * rejections and totals. The same function runs in the main thread for small inputs and in
 * worker threads for large ones, so both paths give byte-identical output.
 */
import type { RunOptions } from '../cli/prepare-run.js';
import type { MeasureIndex, ResolvedScenario } from '../core/types.js';
import { CsvReader } from '../io/csv.js';
import { breakdownJson } from '../render/breakdown-json.js';
import { CsvRows, dutyAuthorities, ndjsonRow, type TableRow } from '../render/batch-output.js';
import { mapColumns, type FieldDefaults } from './columns.js';
import { BatchPricer, BatchTotals, type Rejection } from './pricer.js';
import { jsonLines } from './json-lines.js';
import { MAX_FIELD_CHARS, type Row } from './row-source.js';
import { changeText, type Change, type LenientOptions } from '../io/lenient.js';

export type OutputFormat = 'csv' | 'ndjson' | 'json' | 'table';

/** Everything a worker needs to rebuild the pricer (all plain data: it crosses a thread). */
export interface ChunkSetup {
  /** how the main thread set up the run; a worker sets up its own from the same options */
  run: RunOptions;
  header: string[];
  defaults: FieldDefaults;
  format: OutputFormat;
  inputFormat: 'csv' | 'ndjson';
  escapeFormulas: boolean;
  today: string;
  strict: boolean;
  /** --lenient (and --decimal-comma) */
  lenient?: LenientOptions;
  /** rows with more fields than the header are priced (the extras dropped) instead of rejected */
  allowRagged?: boolean;
  /** how the input counts its lines (CR-only files count CRs), decided by the splitter for the whole input */
  lineBreak?: 'lf' | 'cr';
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
}

export class ChunkProcessor {
  private readonly pricer: BatchPricer;
  private readonly csv: CsvRows;
  private readonly width: number;

  constructor(
    index: MeasureIndex,
    scenario: ResolvedScenario,
    private readonly setup: ChunkSetup,
  ) {
    this.width = setup.header.length;
    this.pricer = new BatchPricer(index, scenario, mapColumns(setup.header), setup.defaults, {
      today: setup.today,
      detail: setup.format !== 'csv',
      lenient: setup.lenient,
      allowRagged: setup.allowRagged === true,
    });
    this.csv = new CsvRows(dutyAuthorities(index.schedule), setup.escapeFormulas);
  }

  /**
   * Prices the records of one slice (whole records, starting at `firstLine`) as they are read:
   * no array of rows is built, so rows die young and memory stays flat.
   */
  process(bytes: Uint8Array, firstLine: number): ChunkResult {
    const text = this.decoder.decode(bytes);
    const res: ChunkResult = { out: '', written: 0, rejections: [], totals: new BatchTotals(), tableRows: [] };
    let stop = false;
    const on = (row: Row): void => {
      if (!stop) stop = this.one(row, res);
    };
    if (this.setup.inputFormat === 'csv') {
      const reader = new CsvReader({ maxFieldChars: MAX_FIELD_CHARS, stripBom: false, firstLine, lineBreak: this.setup.lineBreak ?? 'lf' });
      reader.push(text, on);
      reader.end(on);
    } else {
      jsonLines(text, firstLine, this.setup.header, on, true);
    }
    return res;
  }

  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  /** One row into the result; true when a --strict run must stop. */
  private one(row: Row, res: ChunkResult): boolean {
    const totals = res.totals;
    totals.read++;
    const r = this.pricer.priceRow(row);
    if (r.changes) {
      totals.lenientRows++;
      const c = r.changes[0] as Change;
      totals.lenientExample ??= `line ${row.line}: ${changeText(c, (f) => f)}`;
    }
    if (!r.ok) {
      totals.rejected++;
      res.rejections.push(r.rejection);
      return this.setup.strict;
    }
    totals.priced++;
    totals.add(r.breakdown);
    const format = this.setup.format;
    if (format === 'csv') res.out += this.csv.row(r.fields, this.width, r.breakdown);
    else if (format === 'ndjson') res.out += ndjsonRow(r.line, r.breakdown, r.shipment.id);
    else if (format === 'json') res.out += `${res.written ? ',' : ''}${JSON.stringify({ line: r.line, id: r.shipment.id ?? null, ...breakdownJson(r.breakdown) })}`;
    else res.tableRows.push({ line: r.line, id: r.shipment.id ?? '', b: r.breakdown });
    res.written++;
    return false;
  }
}
