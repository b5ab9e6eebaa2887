/**
 * A refund's entries priced on their dates. Each row's program (core/program.ts) runs without the
 * audit trail, its duty lines recorded by step, and the refunded lines are read from the steps of
 * the program's authorities: the lines, amounts and reasons a breakdown would give, without the
 * breakdown. A row whose words would need the trail (no refunded duty, and layers that were not
 * applied for a reason of the row's own) is priced on the full path instead, as every row is with
 * TARIFF_FAST_PATH=0.
 */
import type { Rejection } from '../core/batch-summary.js';
import { formatHts } from '../core/hts.js';
import { emptyRun, type Run, type Step, stepRateText } from '../core/program.js';
import { inRefundWindow, type RefundLine, type RefundSubject } from '../core/refund.js';
import type { RefundProgram, Shipment } from '../core/types.js';
import type { BatchPricer } from './pricer.js';
import type { Row } from './row-source.js';

/** An entry priced on its date: what `refund` reads of it. */
export interface RefundPriced extends RefundSubject {
  shipment: Shipment;
  duty: number;
  minorDigits: number;
}

export type RefundPricedResult = { ok: true; entry: RefundPriced } | { ok: false; rejection: Rejection };

export class RefundPricer {
  private readonly run: Run = emptyRun();

  constructor(
    private readonly pricer: BatchPricer,
    private readonly program: RefundProgram,
    private readonly light: boolean,
  ) {
    this.run.dutyLines = { base: [], amount: [] };
  }

  price(row: Row): RefundPricedResult {
    if (this.light) {
      const r = this.pricer.runRow(row, this.run);
      if (!r.ok) return r;
      const entry = this.lightEntry(r.shipment, r.lawDate);
      if (entry !== null) return { ok: true, entry };
    }
    const r = this.pricer.priceRow(row);
    if (!r.ok) return r;
    const b = r.breakdown;
    return {
      ok: true,
      entry: {
        shipment: r.shipment,
        date: b.date,
        origin: b.origin,
        hts: b.hts,
        lines: b.lines,
        notApplied: b.notApplied,
        duty: b.duty,
        minorDigits: b.minorDigits,
      },
    };
  }

  /** The entry from the run, or null when its reasons need the full path. */
  private lightEntry(sh: Shipment, lawDate: string): RefundPriced | null {
    const run = this.run;
    const prog = run.program;
    const refunded = this.program.authorities;
    // a refunded authority among the fees or taxes: the breakdown's lines, in their order, say it
    if (prog.fees.some((s) => refunded.includes(s.authority)) || prog.taxes.some((s) => refunded.includes(s.authority))) return null;
    const lines: RefundLine[] = [];
    let ieepa = 0;
    let allCharged = true;
    if (!run.exempt) {
      const amounts = (run.dutyLines as NonNullable<Run['dutyLines']>).amount;
      const bases = (run.dutyLines as NonNullable<Run['dutyLines']>).base;
      for (let i = 0; i < prog.duties.length; i++) {
        const s = prog.duties[i] as Step;
        const amount = amounts[i] as number;
        if (amount < 0) allCharged = false;
        else if (refunded.includes(s.authority)) {
          lines.push({
            authority: s.authority,
            measure: s.measure.id,
            title: s.measure.title,
            ref: s.measure.ref,
            rateText: stepRateText(s, prog.importer),
            base: bases[i] as number,
            amount,
          });
          ieepa += amount;
        }
      }
    }
    const plan = prog.plan;
    // no refunded duty inside the window: the reasons are the plan's, unless the row's own run said more of these authorities
    const inWindow = inRefundWindow(lawDate, this.program);
    if (ieepa === 0 && inWindow) {
      const ownReasons = run.exempt || !allCharged || plan.exemptions.some((e) => refunded.includes(e.measure.authority));
      if (ownReasons) return null;
    }
    return {
      shipment: sh,
      date: lawDate,
      origin: plan.origin,
      hts: formatHts(sh.hts),
      lines,
      notApplied: plan.notApplied,
      duty: run.duty,
      minorDigits: prog.importer.minorDigits,
    };
  }
}
