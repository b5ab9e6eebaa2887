/**
 * Batch results as CSV rows, NDJSON lines, a JSON document or a table, and the summary. The CSV
 * keeps the input columns in order (text cells neutralised against spreadsheet formulas) and
 * appends the documented result columns.
 */
import type { BatchSummary, Rejection } from '../core/batch-summary.js';
import { centsToPlain, decToString, ratioDec, ratioUnits } from '../core/decimal.js';
import { fraction6, percent2 } from './rate-text.js';
import type { Breakdown, ChargedDuty, Schedule } from '../core/types.js';
import { chargedDuty, type Program, type Run } from '../core/program.js';
import { reportCell, reportHts, reportHtsOf } from '../core/report-hts.js';
import { copyBytes, putAscii, putBytes, putCommaCents, putSix, putUint, putZeroCells, type ByteOut } from '../io/byte-out.js';
import { moneyText } from '../core/words.js';
import { csvCells, csvEscape, csvLine, csvRecord, escapeFormula, snakeName } from '../io/csv.js';
import { breakdownJson } from './breakdown-json.js';
import { authorityName } from './breakdown-table.js';
import { renderGrid } from './grid.js';
import { money, rate, recordsMarkdown, type MoneyCell } from './records.js';

/** Column names are snake_case (io/csv.ts: snakeName). */
export const snake = snakeName;

export const RESULT_COLUMNS = ['customs_value', 'duty', 'fees', 'taxes', 'landed_cost', 'effective_rate'];

/** Duty authorities in schedule order, MFN first: one `duty_<authority>` column each. */
export function dutyAuthorities(schedule: Schedule): string[] {
  const out = ['mfn'];
  for (const m of schedule.measures) if (m.kind === 'duty' && !out.includes(m.authority)) out.push(m.authority);
  return out;
}

export class CsvRows {
  /**
   * `runNotes` lead every row's notes: what holds for the whole run and changes its figures (an
   * overlay that redefined the scenario of the same id), so that a CSV says it as the JSON does.
   */
  constructor(
    private readonly authorities: string[],
    private readonly escapeFormulas: boolean,
    private readonly runNotes: readonly string[] = [],
  ) {}

  /** a row's notes after the run's; one array per notes array (the caches below are by identity) */
  private readonly withRunNotes = new WeakMap<readonly string[], readonly string[]>();
  private notesOf(notes: readonly string[]): readonly string[] {
    if (this.runNotes.length === 0) return notes;
    let all = this.withRunNotes.get(notes);
    if (all === undefined) this.withRunNotes.set(notes, (all = [...this.runNotes, ...notes]));
    return all;
  }

  header(inputHeader: readonly string[]): string {
    return csvLine([
      ...inputHeader.map((h) => this.cell(h)),
      ...RESULT_COLUMNS,
      ...this.authorities.map((a) => `duty_${snake(a)}`),
      'currency',
      'law_date',
      'notes',
      // last, so that a reader by position finds the other columns where they were
      'report_hts',
    ]);
  }

  private cell(v: string): string {
    // escapeFormula leaves plain numbers ("-12.50") alone
    return this.escapeFormulas ? escapeFormula(v) : v;
  }

  row(fields: readonly string[], width: number, b: Breakdown): string {
    let s = this.echo(fields, width);
    const d = b.minorDigits;
    const m = d === 2 ? money2 : (c: number): string => centsToPlain(c, d);
    s += `,${m(b.customsValue)},${m(b.duty)},${m(b.fees)},${m(b.taxes)},${m(b.landedCost)},${fraction6(b.effectiveRate)}`;
    for (const a of this.authorities) {
      const v = b.dutyByAuthority[a];
      s += v === undefined ? (ZERO[d] ?? `,${m(0)}`) : `,${m(v)}`;
    }
    // the notes (stale data, assumed content, a fee not charged) travel with the row
    const notes = this.notesOf(b.notes);
    return `${s},${b.currency},${b.date},${notes.length ? this.notesCell(notes) : ''},${this.reportCellOf(b)}\n`;
  }

  /**
   * The report_hts cell of a breakdown, escaped. Priced without a trail (a CSV batch's full path),
   * its charged duty lines are looked up among the cells already made for its HTS number: rows of
   * one kind charge the same references at the same rates (the same strings), so most rows reuse one.
   */
  private readonly cellsByHts = new Map<string, { importer: string; lines: readonly ChargedDuty[]; cell: string }[]>();
  private reportCellOf(b: Breakdown): string {
    const lines = b.lines.length === 0 ? b.charged : undefined;
    if (lines === undefined) return csvEscape(reportCell(reportHts(b)));
    let list = this.cellsByHts.get(b.hts);
    if (list === undefined) {
      if (this.cellsByHts.size > 50_000) this.cellsByHts.clear();
      this.cellsByHts.set(b.hts, (list = []));
    }
    next: for (const c of list) {
      if (c.importer !== b.importer || c.lines.length !== lines.length) continue;
      for (let i = 0; i < lines.length; i++) {
        const x = c.lines[i] as ChargedDuty;
        const y = lines[i] as ChargedDuty;
        if (x.ref !== y.ref || x.rateText !== y.rateText || x.authority !== y.authority) continue next;
      }
      return c.cell;
    }
    const cell = csvEscape(reportCell(reportHtsOf(b.importer, b.hts, lines)));
    if (list.length < 32) list.push({ importer: b.importer, lines, cell });
    return cell;
  }

  /**
   * The row `row` would write for a record the fast path priced (core/program.ts, no trail), written into `out`:
   * `text[start, end)` is the record as read, already known to need no quoting or escaping;
   * `src`, when given, is the same text as bytes at the same offsets (an all-ASCII slice).
   * `hts`: the row's HTS digits (the line's own number to report). Two decimals only (the fast path takes no other currency).
   */
  fastRow(
    out: ByteOut,
    text: string,
    start: number,
    end: number,
    src: DataView | null,
    lp: Program,
    r: Run,
    lawDate: string,
    hts: string,
    hint?: PartsHint,
  ): void {
    // the program's constant parts for this output
    const parts = this.partsOf(lp, hint);
    const layout = parts.layout ?? (parts.layout = dutyColumns(this.authorities, lp.authorities));
    const currency = lp.importer.currency;
    if (currency !== this.lastCurrency) {
      this.lastCurrency = currency;
      this.currencyBytes = Buffer.from(`,${currency},`);
    }
    // rows of a program mostly share one notes array: its cell is made when it changes
    if (r.notes !== parts.notes) {
      const notes = this.notesOf(r.notes);
      parts.notes = r.notes;
      parts.tail = notes.length ? this.notesTail(notes) : EMPTY_TAIL;
    }
    const tail = parts.tail;
    const report = this.reportBytes(r.program === lp ? parts : this.partsOf(r.program), r.program, r.exempt, hts);
    if (src === null && !out.ascii(text, start, end)) out.text(text.slice(start, end));
    // the echo (when copied), every figure (at most 20 bytes), the currency, the date and the notes
    out.reserve(
      (src === null ? 0 : end - start) + 20 * (7 + this.authorities.length) + this.currencyBytes.length + lawDate.length + tail.length + report.length,
    );
    const buf = out.buf;
    let o = out.at();
    if (src !== null) o = copyBytes(out.view, o, src, start, end);
    o = putCommaCents(buf, o, r.customsValue);
    o = putCommaCents(buf, o, r.duty);
    o = putCommaCents(buf, o, r.fees);
    o = putCommaCents(buf, o, r.taxes);
    o = putCommaCents(buf, o, r.landedCost);
    buf[o++] = 44;
    o = rate6(buf, o, r.duty, r.customsValue);
    // the plan's duty columns: its own authorities' figures, runs of ",0.00" for the others
    const by = r.byAuthority;
    const { slots, zeros } = layout;
    const view = out.view;
    for (let i = 0; i < slots.length; i++) {
      o = putZeroCells(view, o, zeros[i] as number);
      o = putCommaCents(buf, o, by[slots[i] as number] as number);
    }
    out.done(this.rowEnd(out, o, parts, zeros[slots.length] as number, currency, lawDate, tail, report));
  }

  /**
   * The rest of a fast-path row at `o`: the zero duty columns after the program's last own one,
   * the currency, the law date, the notes cell and the report cell. The same bytes for every row
   * of the program with this law date, notes and report: one copy of bytes made once (most rows),
   * else written part by part. The offset after.
   */
  private rowEnd(
    out: ByteOut,
    o: number,
    parts: FastParts,
    zerosAfter: number,
    currency: string,
    lawDate: string,
    tail: Uint8Array,
    report: Uint8Array,
  ): number {
    const buf = out.buf;
    const suffix = lawDate === parts.suffixDate ? suffixOf(parts, tail, report) : null;
    if (suffix !== null) return putBytes(buf, o, suffix);
    if (parts.suffixDate === '') {
      parts.suffixDate = lawDate;
      parts.suffixHead = Buffer.from(`${ZERO_CELL.repeat(zerosAfter)},${currency},${lawDate}`);
    }
    o = putZeroCells(out.view, o, zerosAfter);
    o = putBytes(buf, o, this.currencyBytes);
    o = putAscii(buf, o, lawDate);
    o = putBytes(buf, o, tail);
    return putBytes(buf, o, report);
  }

  /**
   * The `report_hts` cell and the line break, as bytes: what `row` writes from the breakdown's
   * lines, here from the program's duty steps (a uniform program charges each of them on every
   * row not exempt by value; an exempt row reports only its own number). Made once per program.
   */
  private reportBytes(parts: FastParts, p: Program, exempt: boolean, hts: string): Uint8Array {
    let c = parts.report;
    if (c === undefined || c.hts !== hts) parts.report = c = reportParts(p, hts);
    return exempt ? c.exempt : c.charged;
  }

  /**
   * Each program's parts for this output, kept here, not on the core's program (issue 21); the last
   * program's are at hand without a lookup (rows of a kind often follow each other).
   */
  private readonly parts = new WeakMap<Program, FastParts>();
  private lastProgram: Program | null = null;
  private lastParts: FastParts | undefined;
  private partsOf(p: Program, hint?: PartsHint): FastParts {
    if (p === this.lastProgram) return this.lastParts as FastParts;
    let parts = hint !== undefined && hint.partsProgram === p ? hint.parts : this.parts.get(p);
    if (parts === undefined) {
      parts = { layout: undefined, report: undefined, notes: null, tail: EMPTY_TAIL, suffixDate: '', suffixHead: EMPTY_TAIL, suffixes: [] };
      this.parts.set(p, parts);
    }
    this.lastProgram = p;
    this.lastParts = parts;
    if (hint !== undefined) {
      hint.partsProgram = p;
      hint.parts = parts;
    }
    return parts;
  }
  private lastCurrency = '';
  private currencyBytes: Uint8Array = EMPTY_TAIL;

  /** rows of one plan share its notes array: join, quote and encode it once */
  private lastNotes: readonly string[] | null = null;
  private lastTail: Uint8Array = EMPTY_TAIL;
  private readonly tails = new WeakMap<readonly string[], Uint8Array>();
  private notesTail(notes: readonly string[]): Uint8Array {
    if (notes !== this.lastNotes) {
      this.lastNotes = notes;
      let tail = this.tails.get(notes);
      if (tail === undefined) this.tails.set(notes, (tail = Buffer.from(`,${this.notesCell(notes)}`)));
      this.lastTail = tail;
    }
    return this.lastTail;
  }

  private readonly cells = new WeakMap<readonly string[], string>();
  private cellNotes: readonly string[] | null = null;
  private lastCell = '';
  private notesCell(notes: readonly string[]): string {
    if (notes !== this.cellNotes) {
      this.cellNotes = notes;
      let cell = this.cells.get(notes);
      if (cell === undefined) this.cells.set(notes, (cell = csvEscape(notes.join('; '))));
      this.lastCell = cell;
    }
    return this.lastCell;
  }

  /** The input fields as they came: joined as they are unless one needs quoting or escaping. */
  private echo(fields: readonly string[], width: number): string {
    let plain = fields.length === width;
    for (let i = 0; plain && i < width; i++) {
      const f = fields[i] as string;
      if (f.length !== 0 && NEEDS_CARE.test(f)) plain = false;
    }
    if (plain) return fields.join(',');
    let s = '';
    for (let i = 0; i < width; i++) s += `${i ? ',' : ''}${csvEscape(this.cell(fields[i] ?? ''))}`;
    return s;
  }
}

/**
 * The report_hts cells of a program's rows for the HTS number `hts`, charged and exempt. Not in
 * `reportBytes`: a function whose closures capture its variables allocates their context on
 * every call, even when it makes no closure (a million contexts a 1M-row batch).
 */
function reportParts(p: Program, hts: string): NonNullable<FastParts['report']> {
  const code = p.importer.code;
  const bytes = (lines: readonly ChargedDuty[]): Uint8Array => Buffer.from(`,${csvEscape(reportCell(reportHtsOf(code, hts, lines)))}\n`);
  return { hts, charged: bytes(p.duties.map((s) => chargedDuty(s, p.importer, 0))), exempt: bytes([]) };
}

/**
 * Where a caller keeps the program its rows last had and that program's parts (the fast path: on
 * each kind of row, for its one CsvRows): rows of many kinds in turn then find their parts without
 * a WeakMap lookup (~20 ns a row).
 */
export interface PartsHint {
  partsProgram: Program | null;
  parts: FastParts | undefined;
}

/** what a fast-path CSV row of a program writes the same on every row (`CsvRows.fastRow`), for one CsvRows */
export interface FastParts {
  /** its duty columns in the output's layout */
  layout: DutyColumns | undefined;
  /** the report_hts cell and line break of its rows charged and exempt, for the HTS number `hts` */
  report: { hts: string; charged: Uint8Array; exempt: Uint8Array } | undefined;
  /** the notes array of its last row with notes, and the notes cell it makes */
  notes: readonly string[] | null;
  tail: Uint8Array;
  /**
   * The law date of the program's first row ('' before it): its rows on that date (all of them under
   * a dated scenario) end in bytes made once, `suffixHead` (the zero duty columns after its last own
   * one, the currency and that date) and a notes cell and report cell, in `suffixes`
   */
  suffixDate: string;
  suffixHead: Uint8Array;
  /** flat: notes cell, report cell, the row's end made of them; at most SUFFIXES of them */
  suffixes: Uint8Array[];
}

/** the row ends a program keeps (rows of a program: with or without the entry note, exempt or not) */
const SUFFIXES = 4;

/**
 * The end of a row of the program on its `suffixDate` with this notes cell (`tail`) and report cell,
 * made on first use; null when the program has its SUFFIXES already (written part by part then).
 * The cells are compared by identity: each is one array per notes array and per report.
 */
function suffixOf(parts: FastParts, tail: Uint8Array, report: Uint8Array): Uint8Array | null {
  const list = parts.suffixes;
  for (let i = 0; i < list.length; i += 3) if (list[i] === tail && list[i + 1] === report) return list[i + 2] as Uint8Array;
  if (list.length === SUFFIXES * 3) return null;
  const head = parts.suffixHead;
  const bytes = new Uint8Array(head.length + tail.length + report.length);
  bytes.set(head, 0);
  bytes.set(tail, head.length);
  bytes.set(report, head.length + tail.length);
  list.push(tail, report, bytes);
  return bytes;
}

/** a plan's duty columns for one CsvRows: in column order, its authorities' slots, and before each (and after the last) how many zero columns */
interface DutyColumns {
  slots: Int32Array;
  zeros: Int32Array;
}

function dutyColumns(columns: readonly string[], planAuthorities: readonly string[]): DutyColumns {
  const slots: number[] = [];
  const zeros: number[] = [0];
  for (const a of columns) {
    const k = planAuthorities.indexOf(a);
    if (k < 0) zeros[zeros.length - 1] = (zeros[zeros.length - 1] as number) + 1;
    else {
      slots.push(k);
      zeros.push(0);
    }
  }
  return { slots: Int32Array.from(slots), zeros: Int32Array.from(zeros) };
}

const ZERO_CELL = ',0.00';

/** the empty notes cell of a row with no notes (the report_hts cell and the line break follow) */
const EMPTY_TAIL = Uint8Array.of(44);

/** a quote, delimiter or line break; a formula start; a leading/trailing space or a BOM */
const NEEDS_CARE = /[",\r\n]|^[\s=+\-@＝＋－＠\uFEFF]|\s$/;

/** a duty column of an authority that did not apply, per minor-digit count */
const ZERO: Record<number, string> = { 0: ',0', 2: ',0.00' };

/**
 * duty ÷ customs value as `fraction6(ratioDec(duty, value, 6))` writes it — the effective rate of
 * `price` (core/price.ts), half-up to six decimals, all six printed — from the same rounded
 * integer (core/decimal.ts ratioUnits), its digits written without a string. Exported for
 * test/unit/render/rate6.test.ts, which holds the two writers to the same bytes.
 */
export function rate6(buf: Buffer, o: number, duty: number, value: number): number {
  const q = ratioUnits(duty, value, 6);
  // a negative rate (no customs value is negative) or one beyond exact integers: the general writer
  if (q < 0 || !Number.isSafeInteger(q)) return o + buf.write(fraction6(ratioDec(duty, value, 6)), o);
  const f = q % 1_000_000;
  o = putUint(buf, o, (q - f) / 1_000_000);
  buf[o] = 46;
  return putSix(buf, o + 1, f);
}

const FRAC: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `.0${i}` : `.${i}`));

/** cents → "1234.56" for the usual two decimals, with no padding helpers (the CSV hot path). */
function money2(cents: number): string {
  if (cents < 0) return centsToPlain(cents, 2);
  const r = cents % 100;
  return String((cents - r) / 100) + (FRAC[r] as string);
}

export function ndjsonRow(line: number, b: Breakdown, id: string | undefined): string {
  return `${JSON.stringify({ line, id: id ?? null, ...breakdownJson(b) })}\n`;
}

/** The rejects file's header: the input's, then `line` and `error` (a re-read rejects file's header has lost its own). */
export function rejectsHeader(inputHeader: readonly string[], escapeFormulas = true): string {
  return csvRecord([...inputHeader, 'line', 'error'], { escapeFormulas });
}

/**
 * One rejected record: its text as read, every byte (a long ragged row keeps its extra fields, so
 * `line` and `error` are always the last two cells; a short one is padded with empty cells to the
 * header's width), then `line` and `error`. With formula escaping on (the default), a record
 * holding a cell that a spreadsheet would run is written field by field instead, those cells
 * escaped (`escapeFormula`) — the one documented change to its bytes. A record without its text
 * (NDJSON input, an over-long field) is written from the fields read.
 */
export function rejectsRow(r: Rejection, width: number, escapeFormulas = true): string {
  const tail = `,${r.line},${csvEscape(r.message)}\n`;
  const n = r.fields.length;
  if (r.raw !== undefined && !(escapeFormulas && r.fields.some((f) => escapeFormula(f) !== f))) {
    return `${r.raw}${n < width ? ','.repeat(width - n) : ''}${tail}`;
  }
  const fields = Array.from({ length: Math.max(width, n) }, (_, i) => r.fields[i] ?? '');
  return `${fields.length === 1 && fields[0] === '' ? '""' : csvCells(fields, { escapeFormulas })}${tail}`;
}

export interface TableRow {
  line: number;
  id: string;
  b: Breakdown;
}

export function batchTable(rows: TableRow[]): string {
  const notes = rows.flatMap(({ line, b }) => b.notes.map((n) => `line ${line}: ${n}`));
  return (
    renderGrid({
      head: ['Line', 'Id', 'HTS', 'Origin', 'Law of', 'Customs value', 'Duty', 'Fees', 'Taxes', 'Landed cost', 'Eff. rate'],
      rows: rows.map(({ line, id, b }) => {
        const m = (c: number): string => moneyText(c, b.currency, b.minorDigits);
        return [String(line), id, b.hts, b.origin, b.date, m(b.customsValue), m(b.duty), m(b.fees), m(b.taxes), m(b.landedCost), percent2(b.effectiveRate)];
      }),
      align: ['right', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    }) + (notes.length ? `\nNotes:\n${notes.map((n) => `  ${n}`).join('\n')}` : '')
  );
}

export function batchMarkdown(rows: TableRow[]): string {
  return recordsMarkdown({
    columns: ['line', 'id', 'hts', 'origin', 'law_date', 'customs_value', 'duty', 'fees', 'taxes', 'landed_cost', 'effective_rate'],
    headings: ['Line', 'Id', 'HTS', 'Origin', 'Law of', 'Customs value', 'Duty', 'Fees', 'Taxes', 'Landed cost', 'Eff. rate'],
    rows: rows.map(({ line, id, b }) => {
      const m = (c: number): MoneyCell => money(c, b.currency, b.minorDigits);
      return [line, id, b.hts, b.origin, b.date, m(b.customsValue), m(b.duty), m(b.fees), m(b.taxes), m(b.landedCost), rate(b.effectiveRate)];
    }),
  });
}

export function totalsJson(t: BatchSummary): Record<string, unknown> {
  return {
    rowsRead: t.read,
    rowsPriced: t.priced,
    rowsRejected: t.rejected,
    rowsProhibited: t.prohibited,
    byCurrency: [...t.byCurrency.values()].map((c) => ({
      currency: c.currency,
      rows: c.rows,
      customsValue: Number(centsToPlain(c.customsValue, c.minorDigits)),
      duty: Number(centsToPlain(c.duty, c.minorDigits)),
      dutyByAuthority: Object.fromEntries([...c.dutyByAuthority].map(([k, v]) => [k, Number(centsToPlain(v, c.minorDigits))])),
      fees: Number(centsToPlain(c.fees, c.minorDigits)),
      taxes: Number(centsToPlain(c.taxes, c.minorDigits)),
      landedCost: Number(centsToPlain(c.landedCost, c.minorDigits)),
      effectiveRate: Number(decToString(ratioDec(c.duty, c.customsValue, 6))),
    })),
  };
}

export function summaryText(t: BatchSummary): string {
  const lines = [`rows read ${t.read}, priced ${t.priced}, rejected ${t.rejected}${t.prohibited ? ` (${t.prohibited} prohibited)` : ''}`];
  for (const c of t.byCurrency.values()) {
    const m = (v: number): string => moneyText(v, c.currency, c.minorDigits);
    const by = [...c.dutyByAuthority].filter(([, v]) => v !== 0).map(([k, v]) => `${authorityName(k)} ${m(v)}`);
    lines.push(
      `${c.currency} (${c.rows} rows): customs value ${m(c.customsValue)}; duty ${m(c.duty)}${by.length ? ` (${by.join(', ')})` : ''}; fees ${m(c.fees)}; taxes ${m(c.taxes)}; landed cost ${m(c.landedCost)}; effective rate ${percent2(ratioDec(c.duty, c.customsValue, 6))}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
