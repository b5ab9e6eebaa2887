/**
 * Scenario comparison as a table (with a bar chart of landed cost), CSV, Markdown and JSON.
 * One column per scenario; rows for duty by authority, fees, taxes, landed cost, effective rate and
 * the change against the baseline.
 */
import type { ChalkInstance } from 'chalk';
import { centsToPlain, type Dec } from '../core/decimal.js';
import { delta, effectiveRate, type Column } from '../core/compare.js';
import { snake } from './batch-output.js';
import { fraction6, percent2 } from './rate-text.js';
import { csvRecord, DEFAULT_CSV_STYLE, type CsvStyle } from '../io/csv.js';
import { authorityName } from './breakdown-table.js';
import { renderGrid } from './grid.js';
import { moneyText } from '../core/words.js';

// the figures are the core's; this module only lays them out
export { delta, effectiveRate, type Column, type Delta } from '../core/compare.js';

function pctText(d: Dec | null): string {
  if (d === null) return 'n/a';
  const abs = percent2({ n: Math.abs(d.n), s: d.s });
  return d.n > 0 ? `+${abs}` : d.n < 0 ? `-${abs}` : abs;
}

function signedMoney(c: number, cur: string, digits: number): string {
  return c > 0 ? `+${moneyText(c, cur, digits)}` : moneyText(c, cur, digits);
}

/** Metric rows shared by table, CSV and Markdown: [label, per-column values]. */
function matrix(cols: Column[], base: Column, plain: boolean): string[][] {
  const authorities: string[] = [];
  for (const c of cols) for (const a of Object.keys(c.dutyByAuthority)) if (!authorities.includes(a)) authorities.push(a);
  const m = (c: Column, v: number): string => (plain ? centsToPlain(v, c.minorDigits) : moneyText(v, c.currency, c.minorDigits));
  const rows: string[][] = [];
  for (const a of authorities) rows.push([plain ? `duty_${snake(a)}` : `Duty: ${authorityName(a)}`, ...cols.map((c) => m(c, c.dutyByAuthority[a] ?? 0))]);
  rows.push([plain ? 'duty' : 'Duty', ...cols.map((c) => m(c, c.duty))]);
  rows.push([plain ? 'fees' : 'Fees', ...cols.map((c) => m(c, c.fees))]);
  rows.push([plain ? 'taxes' : 'Taxes', ...cols.map((c) => m(c, c.taxes))]);
  rows.push([plain ? 'landed_cost' : 'Landed cost', ...cols.map((c) => m(c, c.landedCost))]);
  rows.push([plain ? 'effective_rate' : 'Effective rate', ...cols.map((c) => (plain ? fraction6(effectiveRate(c)) : percent2(effectiveRate(c))))]);
  rows.push([
    plain ? 'delta' : `Δ vs ${base.id}`,
    ...cols.map((c) => (plain ? centsToPlain(delta(c, base).delta, c.minorDigits) : signedMoney(delta(c, base).delta, c.currency, c.minorDigits))),
  ]);
  rows.push([
    plain ? 'delta_pct' : `Δ% vs ${base.id}`,
    ...cols.map((c) => {
      const p = delta(c, base).deltaPct;
      return plain ? (p === null ? '' : fraction6(p)) : pctText(p);
    }),
  ]);
  return rows;
}

const heading = (c: Column): string => `${c.id}${c.whatIf ? '*' : ''}`;
const dated = (c: Column): string => c.asOf ?? 'entry date';

export function compareTable(cols: Column[], base: Column, c: ChalkInstance, width: number): string {
  const rows = matrix(cols, base, false);
  const grid = renderGrid({
    head: ['', ...cols.map((x) => c.bold(heading(x)))],
    rows: [['Law of', ...cols.map(dated)], ...rows],
    align: ['left', ...cols.map(() => 'right' as const)],
    rulesAfter: [0, rows.length - 4, rows.length - 2],
  });
  return `${grid}\n${barChart(cols, c, width)}`;
}

/** Horizontal bars of landed cost, scaled to the terminal width, with eighth-block precision. */
export function barChart(cols: Column[], c: ChalkInstance, width: number): string {
  const max = Math.max(1, ...cols.map((x) => x.landedCost));
  const label = Math.max(...cols.map((x) => heading(x).length));
  const amounts = cols.map((x) => moneyText(x.landedCost, x.currency, x.minorDigits));
  const amountW = Math.max(...amounts.map((a) => a.length));
  const room = Math.max(10, Math.min(60, width - label - amountW - 4));
  const blocks = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const lines = cols.map((x, i) => {
    // integer arithmetic on eighths of a cell: no float touches the amount, only the bar length
    const eighths = Math.round((x.landedCost / max) * room * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + blocks[eighths % 8];
    const colour = i === 0 ? c.cyan : x.landedCost > (cols[0] as Column).landedCost ? c.red : c.green;
    return `${heading(x).padEnd(label)} ${colour(bar)} ${amounts[i]}`;
  });
  return `${c.dim('landed cost')}\n${lines.join('\n')}\n`;
}

export function compareCsv(cols: Column[], base: Column, style: CsvStyle = DEFAULT_CSV_STYLE): string {
  let out = csvRecord(['metric', ...cols.map((c) => c.id)], style);
  out += csvRecord(['law_of', ...cols.map((c) => c.asOf ?? '')], style);
  for (const r of matrix(cols, base, true)) out += csvRecord(r, style);
  return out;
}

/**
 * `--long`: one CSV row per compared column — a scenario, an origin with `--origin A,B`, or a claim with `--claims` — and
 * the metrics as columns (the wide form's rows turned round): what a spreadsheet filter or a
 * database load expects.
 */
export function compareCsvLong(cols: Column[], base: Column, key: 'scenario' | 'origin' | 'claim', style: CsvStyle = DEFAULT_CSV_STYLE): string {
  const rows = matrix(cols, base, true);
  let out = csvRecord([key, 'law_of', 'currency', ...rows.map((r) => r[0] as string)], style);
  cols.forEach((c, i) => {
    out += csvRecord([c.id, c.asOf ?? '', c.currency, ...rows.map((r) => r[i + 1] as string)], style);
  });
  return out;
}

export function compareMarkdown(cols: Column[], base: Column): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = [['Law of', ...cols.map(dated)], ...matrix(cols, base, false)];
  const head = `| | ${cols.map((c) => esc(heading(c))).join(' | ')} |`;
  const rule = `|---|${cols.map(() => '---:').join('|')}|`;
  return `${[head, rule, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n')}\n`;
}
