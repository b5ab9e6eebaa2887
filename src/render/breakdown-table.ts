/**
 * A breakdown as a terminal table: every applied layer with its legal reference, rate, base and
 * amount; with `explain`, the formula of each line and the layers that did not apply, and why.
 */
import type { ClaimEffect } from '../core/claims.js';
import type { ChalkInstance } from 'chalk';
import { decToString } from '../core/decimal.js';
import { percent2 } from './rate-text.js';
import type { Breakdown } from '../core/types.js';
import { moneyText, shortDescription } from '../core/words.js';
import { renderGrid, wrapText } from './grid.js';
import { reportHts } from '../core/report-hts.js';

// the names live with the core's other words (refund reasons use them); re-exported for renderers
export { authorityName } from '../core/words.js';
import { authorityName } from '../core/words.js';

export function rateAsPercent(b: Breakdown): string {
  return percent2(b.effectiveRate);
}

type TableOptions = { explain: boolean; width?: number; claims?: readonly ClaimEffect[] };

export function renderBreakdownTable(b: Breakdown, c: ChalkInstance, opts: TableOptions): string {
  const money = (cents: number): string => moneyText(cents, b.currency, b.minorDigits);
  const out: string[] = [];
  const mode = b.mode ? `, ${b.mode}` : '';
  // the tariff's own descriptions run long: wrapped to the terminal like the tables below
  const wrap = (text: string): string => (opts.width ? wrapText(text, opts.width).join('\n') : text);
  out.push(
    c.bold(wrap(`${b.hts} ${shortDescription(b.description)}`)) +
      `\n${b.origin} → ${b.importer}${mode} · scenario ${c.cyan(b.scenario)} (law of ${b.date})` +
      (b.entryDate && b.entryDate !== b.date ? ` · entered ${b.entryDate}` : ''),
  );
  out.push(layerGrid(b, c, opts, money), totalsGrid(b, c, opts, money));
  if (b.fx) out.push(c.dim(`FX: ${decToString(b.fx.rate)} ${b.currency} per ${b.fx.currency}${b.fx.date ? ` (rate of ${b.fx.date})` : ' (--fx-rate)'}`));
  out.push(...explainedParts(b, c, opts, money));
  if (b.assumptions.length) {
    out.push(c.yellow('Assumptions (what-if):'));
    for (const a of b.assumptions) out.push(c.yellow(`  ${a}`));
  }
  for (const n of b.notes) out.push(c.dim(wrap(`note: ${n}`)));
  return `${out.join('\n')}\n`;
}

/** Every applied layer: its legal reference, rate, base and amount (and formula, with explain). */
function layerGrid(b: Breakdown, c: ChalkInstance, opts: TableOptions, money: (cents: number) => string): string {
  const head = ['Layer', 'Legal reference', 'Rate', 'Base', 'Amount'];
  if (opts.explain) head.push('Formula');
  const rows: string[][] = [];
  for (const l of b.lines) {
    const row = [
      `${authorityName(l.authority)}${l.kind !== 'duty' ? c.dim(` (${l.kind})`) : ''}${l.overridden ? c.yellow(' *') : ''}`,
      l.ref,
      l.rateText,
      money(l.base),
      money(l.amount),
    ];
    if (opts.explain) row.push(l.formula);
    rows.push(row);
  }
  return renderGrid({ head: head.map((h) => c.bold(h)), rows, align: ['left', 'left', 'right', 'right', 'right', 'left'], width: opts.width, flex: [1, 2, 5] });
}

/** Values, duty, fees, taxes, landed cost and the effective rate. */
function totalsGrid(b: Breakdown, c: ChalkInstance, opts: TableOptions, money: (cents: number) => string): string {
  const valuation = b.valuation === 'cif' ? 'CIF: goods + freight + insurance' : 'transaction value, excludes international freight and insurance';
  const totals: string[][] = [
    ['Goods value', money(b.goodsValue)],
    ...(b.freight || b.insurance ? [['Freight + insurance', money(b.freight + b.insurance)]] : []),
    [`Customs value (${valuation})`, money(b.customsValue)],
    [c.bold('Duty'), c.bold(money(b.duty))],
    ['Fees', money(b.fees)],
    ['Taxes', money(b.taxes)],
    [c.bold('Landed cost'), c.bold(money(b.landedCost))],
    ['Effective duty rate (duty ÷ customs value)', percent2(b.effectiveRate)],
  ];
  return renderGrid({ rows: totals, align: ['left', 'right'], width: opts.width, flex: [0] });
}

/** With explain: the entry line's numbers, the layers not applied and the claims not made; else a count of the layers not applied. */
function explainedParts(b: Breakdown, c: ChalkInstance, opts: TableOptions, money: (cents: number) => string): string[] {
  const out: string[] = [];
  const report = opts.explain ? reportHts(b) : null;
  if (report) {
    // the numbers of the entry line in CBP's order (CSMS #18-000624; IEEPA after 301: CSMS #65829726)
    out.push(c.bold("Report on the entry line, in CBP's order"));
    report.forEach((r, i) => {
      const num = r.hts ?? `${r.ref} (one of these: the schedule cannot tell which)`;
      out.push(`  ${i + 1}. ${num}  ${r.rate || '—'}  ${money(r.amount)}${r.position === 'commodity' ? c.dim(' (the line; value reported here)') : ''}`);
    });
  }
  if (opts.explain && b.notApplied.length) {
    out.push(c.bold('Not applied'));
    for (const n of b.notApplied) out.push(`  ${authorityName(n.authority)} — ${n.title} (${n.ref}): ${n.reason}`);
  } else if (b.notApplied.length) {
    out.push(c.dim(`${b.notApplied.length} layer${b.notApplied.length > 1 ? 's' : ''} not applied — see --explain`));
  }
  // a fact the code cannot show is the user's to claim: what each claim on offer would change
  if (opts.explain && opts.claims?.length) {
    out.push(c.bold('Claims not made'));
    for (const e of opts.claims) {
      const effect = e.duty === null ? `not priceable: ${e.issue}` : `duty ${money(b.duty)} → ${money(e.duty)}, landed cost ${money(e.landedCost as number)}`;
      // a programme (general note 3(c)(i)) by its title and the special rate it gives; a measure's claim by its references
      const what = e.programme !== null ? `(${e.programme}): special rate ${e.specialRate}; ` : `(${e.refs.join(', ')}): `;
      out.push(`  --claim ${e.claim} ${what}${effect}`);
    }
  }
  return out;
}
