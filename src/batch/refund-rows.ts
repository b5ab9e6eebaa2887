/**
 * `tariff refund`'s rows: each entry priced on its date and classified (status, refunded duty by
 * layer, interest, liquidation phase), then written. A CSV run to CSV takes calc's fast path for
 * its plain records (batch/fast-rows.ts: cut in place, priced by the compiled program without the
 * audit trail) and writes the claim row's bytes from the run's duty lines — no field array, no
 * entry object, no row string. Every other record, and every row whose words need the trail (no
 * refunded duty inside the window, a declared amount, a cell to reject), is read in full and
 * priced as before (`refundEntry`); both write the bytes `refundCsv.row` writes.
 */
import { isAscii } from 'node:buffer';
import { isRealDate } from '../core/dates.js';
import { formatHts } from '../core/hts.js';
import type { Plan, PlannedMeasure } from '../core/plan.js';
import { emptyRun, exemptionCovering, exemptReason, type Program, type Run } from '../core/program.js';
import { rateText } from '../core/rate-kinds.js';
import {
  declaredDifference,
  inRefundWindow,
  liquidationPhase,
  refundByAuthority,
  refundedLines,
  refundStatus,
  windowReason,
  type RefundTotals,
} from '../core/refund.js';
import type { InterestCalculator, InterestOf } from '../core/refund-interest.js';
import type { MeasureIndex, RefundProgram, ResolvedScenario } from '../core/types.js';
import { authorityName } from '../core/words.js';
import { ByteOut, copyBytes, putAscii, putBytes, putCommaCents } from '../io/byte-out.js';
import { csvCells, CsvReader, DEFAULT_CSV_STYLE, type CsvStyle } from '../io/csv.js';
import { LineCuts, LONE_CR, QUOTED_LINE, QUOTED_RECORD } from '../io/csv-grammar.js';
import type { OutBuffer } from '../io/out-buffer.js';
import { parseMoneyField } from '../io/shipment-input.js';
import { CsvRows } from '../render/batch-output.js';
import type { RefundEntry } from '../render/refund.js';
import { normaliseName, type Columns, type FieldDefaults } from './columns.js';
import type { ProgressSink } from './each-row.js';
import { FastRows } from './fast-rows.js';
import { BatchInput } from './input.js';
import { jsonLines } from './json-lines.js';
import { ndjsonHeader } from './columns.js';
import type { RefundPricer } from './refund-pricer.js';
import { CSV_PIECE_BYTES, FILE_READ_BYTES, MAX_FIELD_CHARS, ROW_READ_BYTES, type Row } from './row-source.js';

/** the refund's own columns of the input */
export interface RefundCols {
  entry?: number | undefined;
  liq?: number | undefined;
  paid?: number | undefined;
  date?: number | undefined;
  paidDate?: number | undefined;
}

export function refundCols(h: readonly string[]): RefundCols {
  const norm = h.map(normaliseName);
  const at = (...names: string[]): number | undefined => {
    const i = norm.findIndex((n) => names.includes(n));
    return i < 0 ? undefined : i;
  };
  return {
    entry: at('entrynumber', 'entryno', 'entry'),
    liq: at('liquidationdate', 'liquidated'),
    paid: at('dutypaidieepa', 'ieepapaid', 'paidieepa'),
    date: at('date', 'entrydate'),
    paidDate: at('paiddate', 'datepaid', 'depositdate'),
  };
}

/** a row's refund entry, or why it is rejected (message, and code when not row-invalid) */
export type EntryOrRejection = { entry: RefundEntry } | { line: number; message: string; code?: string; id?: string | null };

/** Everything a row's entry is made with, fixed for the run. */
export interface EntryContext {
  pricer: RefundPricer;
  cols: RefundCols;
  header: readonly string[];
  program: RefundProgram;
  interestCalc: InterestCalculator | null;
  asOf: string;
}

/** A row priced on its entry date and classified: its refund entry, or why it is rejected. */
export function refundEntry(row: Row, x: EntryContext): EntryOrRejection {
  const { cols, program } = x;
  const cell = (i: number | undefined): string => (i === undefined ? '' : (row.fields[i] ?? '').trim());
  if (row.error !== undefined) return { line: row.line, message: row.error, code: 'record-malformed' };
  if (cell(cols.date) === '') return { line: row.line, message: 'date is required: the entry date decides which law applied' };
  const r = x.pricer.price(row);
  if (!r.ok) return { line: row.line, message: r.rejection.message, code: r.rejection.code, id: r.rejection.id };
  const b = r.entry;
  const liqText = cell(cols.liq);
  if (liqText !== '' && !isRealDate(liqText)) return { line: row.line, message: `liquidation_date "${liqText}" is not a calendar date (YYYY-MM-DD)` };
  const paidText = cell(cols.paid);
  let declared: number | null = null;
  if (paidText !== '') {
    const v = parseMoneyField(paidText, x.header[cols.paid as number] ?? 'duty_paid_ieepa', b.minorDigits);
    if (!v.ok) return { line: row.line, message: `${v.issue.message} — ${v.issue.hint ?? ''}` };
    declared = v.value;
  }
  const paidDateText = cell(cols.paidDate);
  if (paidDateText !== '' && !isRealDate(paidDateText))
    return { line: row.line, message: `paid_date "${paidDateText}" is not a calendar date (YYYY-MM-DD): it is the date the duty was deposited` };
  const c = refundStatus(b, program);
  // interest runs from the deposit (paid_date, else the entry date) on the refundable duty only
  let interest: InterestOf | null = null;
  if (x.interestCalc && c.status === 'refundable') {
    const ir = x.interestCalc.interest(c.ieepa, paidDateText || b.date);
    if (!ir.ok) return { line: row.line, message: ir.message };
    interest = ir.interest;
  }
  const ieepaLines = refundedLines(b, program);
  const { difference, flagged } = declaredDifference(c.ieepa, declared);
  const entry: RefundEntry = {
    line: row.line,
    entryNumber: cols.entry === undefined ? null : (row.fields[cols.entry] ?? '') || null,
    id: b.shipment.id ?? null,
    date: b.date,
    origin: b.origin,
    hts: b.hts,
    status: c.status,
    reason: c.reason,
    ieepaDuty: c.ieepa,
    byAuthority: refundByAuthority(ieepaLines),
    lines: ieepaLines.map((l) => ({ authority: l.authority, measure: l.measure, ref: l.ref, rate: l.rateText, base: l.base, amount: l.amount })),
    otherDuty: b.duty - c.ieepa,
    paidDate: paidDateText || null,
    interest,
    liquidationDate: liqText || null,
    // without a liquidation column the phase is unknown, not "unliquidated"
    liquidation: cols.liq === undefined ? null : liquidationPhase(liqText, x.asOf, program),
    declared,
    difference,
    flagged,
    fields: row.fields,
  };
  return { entry };
}

/** what the fast path keeps of a program: its duty lines' places among the refund's columns, or null (the full path's) */
interface ProgramLayout {
  /** per refunded layer (the refund program's authorities): its index in the program's authorities, -1 when it has none */
  slot: Int32Array;
  /** the refunded layers the program charges, in the order its duty lines first name them */
  order: Int32Array;
}

/** the reason cell of a kind's entries with no refunded duty in a law-date bucket, and the cells after the figures without a liquidation cell */
interface NoIeepaWords {
  cell: string;
  tail: Uint8Array;
  /** for an entry exempt by value: the plan's reasons for the refunded layers, the refunded layers' names, the exemptions, the currency, the words when there are none */
  notes: string;
  layers: readonly string[];
  exemptions: readonly PlannedMeasure[];
  currency: string;
  none: string;
}

/** the cells after the figures (liquidation, difference, flagged, the status's words), by law date and liquidation phase, as bytes */
interface Tail {
  inside: Uint8Array;
  outside: Uint8Array;
}

/** The claim CSV rows of plain records, written from the run (see the head of the file). */
export class RefundFastRows {
  private readonly fast: FastRows;
  private readonly run: Run = emptyRun();
  private readonly layouts = new WeakMap<Program, ProgramLayout | null>();
  private readonly byLayer: Float64Array;
  private readonly tails = new Map<string, Tail>();
  private readonly refundable = Buffer.from(',refundable');
  private readonly outside = Buffer.from(',outside-window');
  private readonly style: CsvStyle;
  /** the refund's date column is the one the fast path reads, with no default */
  private readonly dateIsRead: boolean;
  /** the month of the last refundable row's date */
  private lastDate = '';
  private lastMonth = '';

  constructor(
    index: MeasureIndex,
    scenario: ResolvedScenario,
    mapped: Columns,
    defaults: FieldDefaults,
    private readonly today: string,
    private readonly x: EntryContext,
    style: CsvStyle | undefined,
    private readonly t: RefundTotals,
  ) {
    this.style = style ?? DEFAULT_CSV_STYLE;
    this.fast = new FastRows(index, scenario, mapped, defaults, today, new CsvRows([], this.style.escapeFormulas));
    this.byLayer = new Float64Array(x.program.authorities.length);
    this.dateIsRead = mapped.index.date === x.cols.date && defaults.date === undefined;
  }

  get usable(): boolean {
    return this.fast.usable;
  }

  /**
   * One plain record `text[start, end)` into `out` and the totals, as `refundEntry` and
   * `refundCsv.row` would give it; false when the full path must take it (nothing written then).
   */
  row(text: string, start: number, end: number, quoted: boolean, out: ByteOut, src: DataView | null): boolean {
    const r = this.run;
    const fast = this.fast;
    const { cols, program } = this.x;
    const lawDate = fast.runRecord(text, start, end, quoted, r);
    if (lawDate === null) return false;
    // a row without its entry date is rejected by the full path (the fast path's law date is then today's)
    if ((lawDate === this.today || !this.dateIsRead) && fast.field(text, cols.date) === '') return false;
    const layout = this.layoutOf(r.program);
    if (layout === null) return false;
    const inWindow = inRefundWindow(lawDate, program);
    const ieepa = this.refunded(r, layout);
    // a declared amount: the full path's
    if (fast.field(text, cols.paid) !== '') return false;
    const liquidation = this.liquidation(text);
    if (liquidation === null) return false;
    const paidDate = fast.field(text, cols.paidDate);
    if (paidDate !== '' && !isRealDate(paidDate)) return false;
    let interest: InterestOf | null = null;
    let tail: Uint8Array | string;
    if (inWindow && ieepa === 0) {
      // no refunded duty inside the window: the words of its plan's reasons
      const words = this.noIeepaWords(lawDate);
      const cell = words === null ? null : r.exempt ? this.exemptCell(words, r.goods) : words.cell;
      if (cell === null) return false;
      tail = liquidation === '' && !r.exempt ? (words as NoIeepaWords).tail : `,${liquidation},,false,${cell}\n`;
    } else {
      if (inWindow && this.x.interestCalc !== null) {
        const ir = this.x.interestCalc.interest(ieepa, paidDate || lawDate);
        if (!ir.ok) return false;
        interest = ir.interest;
      }
      tail = this.tailOf(inWindow, lawDate, liquidation);
    }
    const status = !inWindow ? this.outside : ieepa === 0 ? this.noIeepa : this.refundable;
    this.write(text, start, end, out, src, status, ieepa, r.duty - ieepa, interest, tail);
    this.count(status === this.refundable, ieepa, lawDate, interest, layout);
    return true;
  }

  /**
   * The reason cell of an entry with no refunded duty inside the window, as `refundStatus` words it
   * from the plan (kept by kind and law-date bucket: rows alike in both have one plan); null when the
   * row has reasons of its own (exempt by value, an exemption of a refunded layer): the trail's.
   */
  private noIeepaWords(lawDate: string): NoIeepaWords | null {
    const fast = this.fast;
    const { kind, bucket } = fast.lastBucket(lawDate);
    let byBucket = this.words.get(kind);
    if (byBucket === undefined) this.words.set(kind, (byBucket = new Map()));
    let words = byBucket.get(bucket);
    if (words === undefined) {
      words = this.wordsOf(fast.lastPlan(lawDate), lawDate);
      byBucket.set(bucket, words);
    }
    return words;
  }

  /** the reason cell of an entry exempt by value: each refunded layer is said not to apply, with the value (the trail's words, core/program.ts) */
  private exemptCell(words: NoIeepaWords, goods: number): string | null {
    const e = exemptionCovering(words.exemptions, goods);
    if (e === null) return null;
    const why = `: ${exemptReason(e.measure, goods, words.currency)}`;
    let reason = words.notes;
    for (const a of words.layers) reason = reason === '' ? a + why : `${reason}; ${a}${why}`;
    return csvCells([reason === '' ? words.none : reason], this.style);
  }

  private wordsOf(plan: Plan | null, lawDate: string): NoIeepaWords | null {
    const refunded = this.x.program.authorities;
    if (plan === null || plan.exemptions.some((e) => refunded.includes(e.measure.authority))) return null;
    const imp = plan.importer;
    const duties = plan.duties.filter((p) => refunded.includes(p.measure.authority));
    const lines = duties.map((p) => ({
      authority: p.measure.authority,
      measure: p.measure.id,
      title: p.measure.title,
      ref: p.measure.ref,
      rateText: rateText(p.rate, imp.currency, imp.minorDigits),
      base: 0,
      amount: 0,
    }));
    const subject = { date: lawDate, origin: plan.origin, hts: formatHts(this.fast.lastHts), lines, notApplied: plan.notApplied };
    const cell = csvCells([refundStatus(subject, this.x.program).reason], this.style);
    return {
      cell,
      tail: Buffer.from(`,,,false,${cell}\n`),
      notes: plan.notApplied
        .filter((n) => refunded.includes(n.authority))
        .map((n) => `${authorityName(n.authority)}: ${n.reason}`)
        .join('; '),
      layers: [...duties, ...plan.fees, ...plan.taxes].filter((p) => refunded.includes(p.measure.authority)).map((p) => authorityName(p.measure.authority)),
      exemptions: plan.exemptions,
      currency: imp.currency,
      none: refundStatus({ ...subject, lines: [], notApplied: [] }, this.x.program).reason,
    };
  }

  private readonly words = new WeakMap<object, Map<number, NoIeepaWords | null>>();
  private readonly noIeepa = Buffer.from(',no-ieepa');

  /** the refunded duty of the run, by layer into `byLayer` */
  private refunded(r: Run, layout: ProgramLayout): number {
    const by = this.byLayer;
    by.fill(0);
    if (r.exempt) return 0;
    // a uniform program charges every duty line of a row not exempt: the layer's duty is its authority's
    const slot = layout.slot;
    let ieepa = 0;
    for (let k = 0; k < slot.length; k++) {
      const i = slot[k] as number;
      if (i >= 0) {
        const a = r.byAuthority[i] as number;
        by[k] = a;
        ieepa += a;
      }
    }
    return ieepa;
  }

  /** the liquidation cell ('' without the column), or null when the full path rejects it */
  private liquidation(text: string): string | null {
    const { cols, program, asOf } = this.x;
    if (cols.liq === undefined) return '';
    const liq = this.fast.field(text, cols.liq);
    if (liq !== '' && !isRealDate(liq)) return null;
    return liquidationPhase(liq, asOf, program);
  }

  private write(
    text: string,
    start: number,
    end: number,
    out: ByteOut,
    src: DataView | null,
    status: Uint8Array,
    ieepa: number,
    other: number,
    interest: InterestOf | null,
    tail: Uint8Array | string,
  ): void {
    if (src === null && !out.ascii(text, start, end)) out.text(text.slice(start, end));
    const by = this.byLayer;
    out.reserve((src === null ? 0 : end - start) + 20 * (4 + by.length) + 32 + (typeof tail === 'string' ? 0 : tail.length));
    const buf = out.buf;
    let o = out.at();
    if (src !== null) o = copyBytes(out.view, o, src, start, end);
    o = putBytes(buf, o, status);
    o = putCommaCents(buf, o, ieepa);
    for (let i = 0; i < by.length; i++) o = putCommaCents(buf, o, by[i] as number);
    o = putCommaCents(buf, o, other);
    if (interest !== null) {
      o = putCommaCents(buf, o, interest.amount);
      buf[o++] = 44;
      o = putAscii(buf, o, interest.from);
      buf[o++] = 44;
      o = putAscii(buf, o, interest.to);
    } else {
      buf[o++] = 44;
      buf[o++] = 44;
      buf[o++] = 44;
    }
    if (typeof tail === 'string') {
      out.done(o);
      out.text(tail);
    } else out.done(putBytes(buf, o, tail));
  }

  /** `,liquidation,difference,flagged,reason` and the line break, made once per law date and phase */
  private tailOf(inWindow: boolean, lawDate: string, liquidation: string): Uint8Array {
    // without a liquidation cell (the usual claim file): by law date, the last one kept at hand
    if (liquidation === '' && lawDate === this.tailDate) return inWindow ? this.tailIn : this.tailOut;
    const key = `${lawDate}${liquidation}`;
    let tail = this.tails.get(key);
    if (tail === undefined) {
      const p = this.x.program;
      const words = (inside: boolean): Uint8Array => {
        const reason = windowReason(lawDate, p, inside);
        return Buffer.from(`,${liquidation},,false,${csvCells([reason], this.style)}\n`);
      };
      tail = { inside: words(true), outside: words(false) };
      if (this.tails.size > 100_000) this.tails.clear();
      this.tails.set(key, tail);
    }
    if (liquidation === '') {
      this.tailDate = lawDate;
      this.tailIn = tail.inside;
      this.tailOut = tail.outside;
    }
    return inWindow ? tail.inside : tail.outside;
  }

  private tailDate = '';
  private tailIn: Uint8Array = new Uint8Array(0);
  private tailOut: Uint8Array = new Uint8Array(0);

  /** the entry into the totals, as `addToRefundTotals` counts it */
  private count(refundable: boolean, ieepa: number, lawDate: string, interest: InterestOf | null, layout: ProgramLayout): void {
    const t = this.t;
    t.read++;
    t.reported++;
    if (!refundable) return;
    t.refundable++;
    t.total += ieepa;
    t.interest += interest?.amount ?? 0;
    // by layer in the order the lines name them (the first entry to name a layer places it)
    const authorities = this.x.program.authorities;
    const by = this.byLayer;
    const order = layout.order;
    for (let j = 0; j < order.length; j++) {
      const k = order[j] as number;
      const a = authorities[k] as string;
      t.byLayer[a] = (t.byLayer[a] ?? 0) + (by[k] as number);
    }
    if (lawDate !== this.lastDate) {
      this.lastDate = lawDate;
      this.lastMonth = lawDate.slice(0, 7);
    }
    t.byMonth[this.lastMonth] = (t.byMonth[this.lastMonth] ?? 0) + ieepa;
  }

  private lastProgram: Program | null = null;
  private lastLayout: ProgramLayout | null = null;

  private layoutOf(p: Program): ProgramLayout | null {
    if (p === this.lastProgram) return this.lastLayout;
    this.lastProgram = p;
    let l = this.layouts.get(p);
    if (l === undefined) {
      const refunded = this.x.program.authorities;
      // a refunded authority among the fees or taxes: the breakdown's lines, in their order, say it
      const elsewhere = p.fees.some((s) => refunded.includes(s.authority)) || p.taxes.some((s) => refunded.includes(s.authority));
      // each refunded layer's place among the program's authorities (the order its lines are charged in)
      const slot = Int32Array.from(refunded, (a) => p.authorities.indexOf(a));
      const order = [...slot.keys()].filter((k) => (slot[k] as number) >= 0).sort((j, k) => (slot[j] as number) - (slot[k] as number));
      l = elsewhere || !p.uniform ? null : { slot, order: Int32Array.from(order) };
      this.layouts.set(p, l);
    }
    this.lastLayout = l;
    return l;
  }
}

/** Where a refund's rows go: the sink's output, or the bytes of the slice the fast path is writing (so that rows stay in order). */
export class RefundOut {
  /** the fast path's bytes of the slice being read; null: rows are appended to the output */
  bytes: ByteOut | null = null;

  constructor(readonly out: OutBuffer) {}

  write(s: string): void {
    if (this.bytes !== null) this.bytes.text(s);
    else this.out.append(s);
  }
}

/** What reads a refund's input: as `eachRow` (batch/each-row.ts), the header giving the fast path of a CSV run, if any. */
export interface RefundReading {
  onHeader: (header: string[], name: string) => RefundFastRows | null;
  onRow: (row: Row) => void;
  afterChunk: () => Promise<void>;
  flag?: string | undefined;
  /** the rows will go through the fast path (CSV in and out): read as calc reads */
  fastReads?: boolean;
  note: (message: string) => void;
  progress?: (size: number | null) => ProgressSink;
}

/**
 * Reads a refund's input slice by slice in this thread, as `eachRow` does; with a fast path
 * (CSV, LF line breaks) its plain records are written by it and every other record goes to `onRow`.
 */
export async function eachRefundRow(file: string, format: 'csv' | 'ndjson', w: RefundOut, on: RefundReading): Promise<void> {
  // the fast path's rows keep nothing of a chunk: it reads as calc does (1 MB reads into two reused buffers, 64 KB slices);
  // the full path 64 KB at a time, so that its rows do not live long enough to be promoted
  const reads = on.fastReads ? { readBytes: FILE_READ_BYTES, pieceBytes: CSV_PIECE_BYTES, reuseReads: true } : { readBytes: ROW_READ_BYTES };
  const input = new BatchInput(file, format, { delimiter: on.flag, note: on.note, ...reads });
  const progress = on.progress?.(input.size);
  let rows = 0;
  const countedRow = (row: Row): void => {
    rows++;
    on.onRow(row);
  };
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let header: string[] | null = null;
  let fast: RefundFastRows | null = null;
  const spares: ByteOut[] = [];
  const feed = (bytes: Uint8Array, firstLine: number): void => {
    const text = decoder.decode(bytes);
    if (format === 'ndjson') jsonLines(text, firstLine, header as string[], countedRow, false);
    else if (fast !== null && input.lineBreak === 'lf') rows += fastSlice(fast, text, bytes, firstLine, w, spares, countedRow);
    else readCsv(text, firstLine, input.lineBreak, countedRow);
  };
  try {
    for await (const { slice, last } of input.slices()) {
      if (header === null && input.header !== null) {
        // NDJSON: later objects may carry optional keys the first one lacks
        header = format === 'ndjson' ? ndjsonHeader(input.header, []) : input.header;
        fast = on.onHeader(header, input.name);
      }
      if (header === null) continue;
      if (slice.bytes.length) feed(slice.bytes, slice.firstLine);
      await on.afterChunk();
      if (!last) progress?.update(input.bytes, rows);
    }
  } finally {
    progress?.clear();
  }
  const problem = input.headerProblem({ malformed: HEADER_HINT, empty: HEADER_HINT });
  if (problem) throw problem;
}

const HEADER_HINT = 'the first line must name the columns';

function readCsv(text: string, firstLine: number, lineBreak: 'lf' | 'cr', on: (row: Row) => void): void {
  const reader = new CsvReader({ stripBom: false, firstLine, maxFieldChars: MAX_FIELD_CHARS, lineBreak });
  reader.push(text, on);
  reader.end(on);
}

/**
 * A slice of whole records: plain ones through the fast path into bytes, every other one (quoted
 * over lines, blank, declined) through the full reader into the same bytes, in order. Line numbers
 * as the input counts them (1 + the LFs before the record). The fast path's rows, counted.
 */
function fastSlice(
  fast: RefundFastRows,
  text: string,
  bytes: Uint8Array,
  firstLine: number,
  w: RefundOut,
  spares: ByteOut[],
  full: (row: Row) => void,
): number {
  // a claim row is its echo and ~200 bytes of figures, dates and words
  const size = bytes.length * 4;
  const out = spares.pop() ?? new ByteOut(size);
  out.reset(size);
  w.bytes = out;
  // an all-ASCII slice is echoed by copying its bytes
  const src = isAscii(bytes) ? new DataView(bytes.buffer, bytes.byteOffset, bytes.length) : null;
  const cuts = new LineCuts(text);
  let n = 0;
  let line = firstLine;
  try {
    for (let pos = 0; pos < text.length; pos = cuts.next) {
      const kind = cuts.cut(pos);
      if (kind === QUOTED_RECORD || kind === LONE_CR || (cuts.end > pos && !fast.row(text, pos, cuts.end, kind === QUOTED_LINE, out, src)))
        readCsv(text.slice(pos, cuts.next), line, 'lf', full);
      else if (cuts.end > pos) n++;
      line += cuts.breaks;
    }
  } finally {
    w.bytes = null;
  }
  w.out.appendBytes(out.bytes(), () => spares.push(out));
  return n;
}
