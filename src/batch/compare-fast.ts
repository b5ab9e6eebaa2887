/**
 * The fast path of `compare --input` (CSV in, LF line breaks): a plain record is priced under each
 * scenario by calc's fast path (batch/fast-rows.ts, one FastRows per scenario) and its --per-row
 * CSV row written as bytes — the record as read, then the landed cost under each scenario and its
 * change from the baseline's — without a field array, a Shipment or a string per row. A record any
 * scenario's fast path declines is the full path's (ScenarioRows), which also writes every
 * rejection: the rows and the totals are the same either way (test/cli/compare-fast.test.ts).
 */
import { putCommaCents, copyBytes, type ByteOut } from '../io/byte-out.js';
import type { Program, Run } from '../core/program.js';
import type { MeasureIndex, ResolvedScenario } from '../core/types.js';
import { CsvRows } from '../render/batch-output.js';
import type { Columns, FieldDefaults } from './columns.js';
import { FastRows } from './fast-rows.js';
import { BatchTotals } from './pricer.js';

/**
 * calc's row writer kept from writing: the program and the run of the record the fast path
 * priced, for the caller to add and write (the run is the FastRows' own, valid until its next row).
 */
class PricedRow extends CsvRows {
  program: Program | null = null;
  run: Run | null = null;

  constructor() {
    super([], false);
  }

  override fastRow(_out: ByteOut, _text: string, _start: number, _end: number, _src: DataView | null, lp: Program, r: Run): void {
    this.program = lp;
    this.run = r;
  }
}

/**
 * Totals that add nothing: a scenario's fast path prices the record before the next scenario's
 * may decline it (then the full path prices and adds it), so its sums are added only once every
 * scenario has priced it.
 */
class NoTotals extends BatchTotals {
  override addFast(): void {}
}

/** a figure with its comma takes at most 21 bytes (a sign, 16 digits, a point, two decimals) */
const FIGURE_BYTES = 22;

export class CompareFast {
  private readonly fast: FastRows[];
  private readonly priced: PricedRow[];
  private readonly none = new NoTotals();
  private readonly landed: Float64Array;
  /** whether the fast path can serve this run at all (the columns and flag defaults it reads) */
  readonly usable: boolean;

  constructor(
    index: MeasureIndex,
    resolved: readonly ResolvedScenario[],
    cols: Columns,
    defaults: FieldDefaults,
    today: string,
    /** the baseline's place among the scenarios */
    private readonly baseAt: number,
    /** false: totals only, no row written */
    private readonly perRow: boolean,
  ) {
    this.priced = resolved.map(() => new PricedRow());
    this.fast = resolved.map((s, i) => new FastRows(index, s, cols, defaults, today, this.priced[i] as PricedRow));
    this.landed = new Float64Array(resolved.length);
    this.usable = this.fast.every((f) => f.usable);
  }

  /**
   * Prices the plain record `text[start, end)` (see FastRows.row) under every scenario, adds it
   * to each scenario's totals and writes its --per-row row into `out`; false when any scenario's
   * fast path declines it (nothing added, nothing written: the full path's then).
   */
  row(text: string, start: number, end: number, src: DataView | null, quoted: boolean, out: ByteOut, totals: readonly BatchTotals[]): boolean {
    const fast = this.fast;
    const n = fast.length;
    for (let i = 0; i < n; i++) if (!(fast[i] as FastRows).row(text, start, end, this.none, out, src, quoted)) return false;
    const landed = this.landed;
    for (let i = 0; i < n; i++) {
      const p = this.priced[i] as PricedRow;
      const run = p.run as Run;
      const t = totals[i] as BatchTotals;
      t.priced++;
      t.addFast(p.program as Program, run);
      landed[i] = run.landedCost;
    }
    if (this.perRow) this.write(text, start, end, src, out);
    return true;
  }

  /** the record as read, `,landed` under each scenario, `,delta` from the baseline's, LF */
  private write(text: string, start: number, end: number, src: DataView | null, out: ByteOut): void {
    const landed = this.landed;
    const n = landed.length;
    if (src === null && !out.ascii(text, start, end)) out.text(text.slice(start, end));
    out.reserve((src === null ? 0 : end - start) + 2 * n * FIGURE_BYTES + 1);
    const buf = out.buf;
    let o = out.at();
    if (src !== null) o = copyBytes(out.view, o, src, start, end);
    for (let i = 0; i < n; i++) o = putCommaCents(buf, o, landed[i] as number);
    const base = landed[this.baseAt] as number;
    for (let i = 0; i < n; i++) o = putSignedCents(buf, o, (landed[i] as number) - base);
    buf[o++] = 10;
    out.done(o);
  }
}

/** `,` and cents as `centsToPlain(c, 2)` writes them, a minus sign before a negative figure ("-0.05"); the offset after */
export function putSignedCents(buf: Uint8Array, o: number, c: number): number {
  if (c >= 0) return putCommaCents(buf, o, c);
  // the figure one byte on, its comma then overwritten by the sign
  const e = putCommaCents(buf, o + 1, -c);
  buf[o] = 44;
  buf[o + 1] = 45;
  return e;
}
