/**
 * `tariff timeline` as JSON, CSV, NDJSON, Markdown or a table with a step chart: one row per date
 * on which the shipment's law changes. The figures come priced; this only writes them.
 */
import { plainTail, type CheckJson, type RejectedJson, type RowsJson } from './frame.js';
import { DEFAULT_CSV_STYLE, type CsvStyle } from '../io/csv.js';
import type { ChalkInstance } from 'chalk';
import { decToString, percentString } from '../core/decimal.js';
import type { Breakdown, Mode, ResolvedScenario, Schedule, Shipment } from '../core/types.js';
import { moneyText, shortDescription } from '../core/words.js';
import { JSON_SCHEMA_VERSION, scheduleStamp, type ScheduleStamp } from './breakdown-json.js';
import { renderGrid } from './grid.js';
import { percent2 } from './rate-text.js';
import { money, rate, renderRecords, type MoneyCell } from './records.js';

export interface TimelineRow {
  date: string;
  events: string[];
  b: Breakdown;
}

/** What a timeline found: the shipment (the first, for a batch) and the priced rows. */
export interface TimelineResult {
  schedule: Schedule;
  scenario: ResolvedScenario;
  shipment: Shipment;
  from: string;
  to: string;
  rows: TimelineRow[];
  /** an --input: its rows counted and the first rejected ones (the JSON frame's rows and rejected[]) */
  batch?: TimelineBatch;
}

export interface TimelineBatch {
  rows: RowsJson;
  rejected: RejectedJson[];
}

export interface TimelineStepJson {
  date: string;
  events: string[];
  duty: number;
  dutyByAuthority: Record<string, number>;
  fees: number;
  taxes: number;
  landedCost: number;
  effectiveRate: number;
}

export interface TimelineDocument {
  schemaVersion: number;
  schedule: ScheduleStamp;
  shipment: { hts: string | undefined; origin: string; importer: string; mode: Mode | null };
  from: string;
  to: string;
  assumptions: readonly string[];
  steps: TimelineStepJson[];
  rows?: RowsJson;
  rejected?: RejectedJson[];
  checks: CheckJson[];
  notes: string[];
}

export function timelineDocument(r: TimelineResult): TimelineDocument {
  const { rows, shipment } = r;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(r.schedule),
    shipment: { hts: rows[0]?.b.hts, origin: shipment.origin, importer: shipment.importer, mode: shipment.mode ?? null },
    from: r.from,
    to: r.to,
    assumptions: r.scenario.assumptions,
    steps: rows.map(({ date, events: ev, b }) => ({
      date,
      events: ev,
      duty: Number(decToString({ n: b.duty, s: b.minorDigits })),
      dutyByAuthority: Object.fromEntries(Object.entries(b.dutyByAuthority).map(([k, v]) => [k, Number(decToString({ n: v, s: b.minorDigits }))])),
      fees: Number(decToString({ n: b.fees, s: b.minorDigits })),
      taxes: Number(decToString({ n: b.taxes, s: b.minorDigits })),
      landedCost: Number(decToString({ n: b.landedCost, s: b.minorDigits })),
      effectiveRate: Number(decToString(b.effectiveRate)),
    })),
    ...(r.batch ? { rows: r.batch.rows, rejected: r.batch.rejected } : {}),
    ...plainTail(),
  };
}

/**
 * The goods value of the title: the first date's total; for one shipment converted at the schedule's
 * dated rates, its own amount too, as the rate (and so the value in dollars) may move from date to date.
 */
function valueText({ rows, shipment, batch }: TimelineResult): string {
  const first = (rows[0] as TimelineRow).b;
  const value = moneyText(first.goodsValue, first.currency, first.minorDigits);
  if (batch !== undefined || first.fx === null || first.fx.date === null) return value;
  return `${moneyText(shipment.value, first.fx.currency, first.minorDigits)} (${value} at the rate of ${first.fx.date}; each date at its own)`;
}

/** The timeline in `format` (json, csv, ndjson, markdown; anything else is the table and chart). */
export function renderTimeline(
  format: string,
  r: TimelineResult,
  c: ChalkInstance,
  size: { width: number; columns: number },
  style: CsvStyle = DEFAULT_CSV_STYLE,
): string {
  if (format === 'json') return `${JSON.stringify(timelineDocument(r), null, 2)}\n`;
  const { rows, shipment } = r;
  const flat = renderRecords(
    format,
    {
      columns: ['date', 'event', 'duty', 'fees', 'taxes', 'landed_cost', 'effective_rate'],
      headings: ['Date', 'What changed', 'Duty', 'Fees', 'Taxes', 'Landed cost', 'Duty rate'],
      rows: rows.map(({ date, events: ev, b }) => {
        const m = (x: number): MoneyCell => money(x, b.currency, b.minorDigits);
        return [date, ev.join('; '), m(b.duty), m(b.fees), m(b.taxes), m(b.landedCost), rate(b.effectiveRate)];
      }),
    },
    style,
  );
  if (flat !== undefined) return flat;
  const first = rows[0]?.b;
  const title = first
    ? `${c.bold(`${first.hts} ${shortDescription(first.description)}`)}\n${shipment.origin} → ${shipment.importer}, ${valueText(r)}, each date under the law in force on it\n`
    : '';
  const grid = renderGrid({
    head: ['Date', 'Duty rate', 'Landed cost', 'What changed'].map((h) => c.bold(h)),
    rows: rows
      .map(({ date, events: ev, b }) => [date, percent2(b.effectiveRate), moneyText(b.landedCost, b.currency, b.minorDigits), ev.join('\n')])
      .flatMap((row) => {
        // one line per event, so long event lists stay readable
        const evs = (row[3] as string).split('\n');
        return evs.map((e, i) => (i === 0 ? [row[0] as string, row[1] as string, row[2] as string, e] : ['', '', '', e]));
      }),
    align: ['left', 'right', 'right', 'left'],
    width: size.width,
    flex: [3],
  });
  return `${title}${grid}\n${stepChart(rows, c, size.columns)}`;
}

/** A column chart of the effective duty rate at each step: eighth blocks, 8 rows high. */
export function stepChart(rows: TimelineRow[], c: { dim: (s: string) => string }, width: number): string {
  const rates = rows.map((r) => r.b.effectiveRate);
  // rates as integer millionths: the chart scales exact figures, it does not compute money
  const micro = rates.map((d) => Math.round(d.n * 10 ** (6 - Math.min(6, d.s))));
  const max = Math.max(1, ...micro);
  const H = 8;
  const cols = rows.slice(0, Math.max(1, width - 12));
  const levels = ' ▁▂▃▄▅▆▇█';
  const lines: string[] = [];
  for (let row = H - 1; row >= 0; row--) {
    let line = '';
    for (let i = 0; i < cols.length; i++) {
      const eighths = Math.round(((micro[i] as number) / max) * H * 8) - row * 8;
      line += eighths >= 8 ? '█' : eighths <= 0 ? ' ' : levels[eighths];
    }
    const axis = row === H - 1 ? percentString({ n: max, s: 6 }).padStart(9) : row === 0 ? '0%'.padStart(9) : ' '.repeat(9);
    lines.push(`${axis} ┤${line}`);
  }
  const first = rows[0]?.date ?? '';
  const last = rows[rows.length - 1]?.date ?? '';
  lines.push(`${' '.repeat(9)} └${'─'.repeat(cols.length)}`);
  lines.push(`${' '.repeat(11)}${first}${last !== first ? ` … ${last}` : ''} (one column per step)`);
  return `${c.dim('effective duty rate at each step')}\n${lines.join('\n')}\n`;
}
