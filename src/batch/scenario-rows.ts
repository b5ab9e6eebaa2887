/**
 * A batch's rows priced under several scenarios (compare --input): each row runs through its
 * plan's program without the audit trail and its sums go to the scenario's totals as calc's fast
 * path adds them (`BatchTotals.addFast`). A row whose program has duties that may leave a line out
 * (a content base, a duty in lieu up to a value), and every row with --lenient or
 * TARIFF_FAST_PATH=0, is priced into a breakdown as before: the totals are the same either way.
 * A row rejected under any scenario counts under none.
 */
import type { Rejection } from '../core/batch-summary.js';
import { emptyRun, type Run } from '../core/program.js';
import type { Breakdown, MeasureIndex, ResolvedScenario } from '../core/types.js';
import type { LenientOptions } from '../io/lenient.js';
import type { Columns, FieldDefaults } from './columns.js';
import { BatchPricer, BatchTotals } from './pricer.js';
import type { Row } from './row-source.js';

/** a row's landed cost under each scenario (minor units), and the minor digits of the first */
export interface ScenarioCosts {
  landed: number[];
  minorDigits: number;
}

export class ScenarioRows {
  readonly totals: BatchTotals[];
  private readonly pricers: BatchPricer[];
  private readonly runs: Run[];
  private readonly light: boolean;
  /** per scenario: the row's run (light), or its breakdown's figures added on the full path */
  private readonly viaRun: boolean[];
  private readonly full: (Breakdown | null)[];

  constructor(
    index: MeasureIndex,
    resolved: readonly ResolvedScenario[],
    cols: Columns,
    defaults: FieldDefaults,
    /** fastPath false: every row with the audit trail (TARIFF_FAST_PATH=0, read by the CLI: the differential test) */
    opts: { today: string; lenient?: LenientOptions | null | undefined; fastPath: boolean },
  ) {
    this.pricers = resolved.map(
      (s) => new BatchPricer(index, s, cols, defaults, { today: opts.today, detail: false, ...(opts.lenient ? { lenient: opts.lenient } : {}) }),
    );
    this.totals = resolved.map(() => new BatchTotals());
    this.runs = resolved.map(() => emptyRun());
    this.viaRun = resolved.map(() => false);
    this.full = resolved.map(() => null);
    this.light = !opts.lenient && opts.fastPath;
  }

  /** The row under every scenario, added to the totals; the first rejection, with nothing added. */
  price(row: Row): ScenarioCosts | Rejection {
    const n = this.pricers.length;
    for (let i = 0; i < n; i++) {
      const bad = this.priceOne(i, row);
      if (bad !== null) {
        // the full path prices every scenario before it reports the first rejection: its words are the same
        return bad;
      }
    }
    const landed: number[] = new Array(n);
    let minorDigits = 2;
    for (let i = 0; i < n; i++) {
      const t = this.totals[i] as BatchTotals;
      t.priced++;
      const run = this.runs[i] as Run;
      const b = this.full[i];
      if (this.viaRun[i]) t.addFast(run.program, run);
      else if (b) t.add(b);
      landed[i] = this.viaRun[i] ? run.landedCost : (b?.landedCost ?? 0);
      if (i === 0) minorDigits = this.viaRun[i] ? run.program.importer.minorDigits : (b?.minorDigits ?? 2);
    }
    return { landed, minorDigits };
  }

  /** Sums of the light rows into the totals: before the totals are read. */
  settle(): void {
    for (const t of this.totals) t.settle();
  }

  private priceOne(i: number, row: Row): Rejection | null {
    const p = this.pricers[i] as BatchPricer;
    if (this.light) {
      const r = p.runRow(row, this.runs[i] as Run);
      if (!r.ok) return r.rejection;
      if (r.run.program.uniform) {
        this.viaRun[i] = true;
        return null;
      }
    }
    const r = p.priceRow(row);
    if (!r.ok) return r.rejection;
    this.viaRun[i] = false;
    this.full[i] = r.breakdown;
    return null;
  }
}
