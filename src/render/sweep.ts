/**
 * `tariff sweep` as JSON, CSV, NDJSON, Markdown or a table: one row per point of the range, the
 * alternative beside it, and the break-even below. The figures come priced; this only writes them.
 */
import { plainTail, type CheckJson } from './frame.js';
import { DEFAULT_CSV_STYLE, type CsvStyle } from '../io/csv.js';
import type { ChalkInstance } from 'chalk';
import { centsToPlain, decToString } from '../core/decimal.js';
import { sweepPointText, type BreakEven, type SweepRange } from '../core/sweep.js';
import type { Breakdown, ResolvedScenario, Schedule } from '../core/types.js';
import { moneyText } from '../core/words.js';
import { JSON_SCHEMA_VERSION, scheduleStamp, type ScheduleStamp } from './breakdown-json.js';
import { renderGrid } from './grid.js';
import { money, renderRecords } from './records.js';

/** What a sweep found: the points priced (with the alternative, priced once), and the break-even. */
export interface SweepResult {
  schedule: Schedule;
  scenario: ResolvedScenario;
  /** the --vary text as given */
  vary: string;
  range: SweepRange;
  steps: { k: number; b: Breakdown; a: Breakdown | null }[];
  /** origins of the base shipment and of the alternative (null without one) */
  baseOrigin: string;
  altOrigin: string | null;
  breakEven: BreakEven | null;
}

export interface SweepStepJson {
  at: string;
  value: number;
  duty: number;
  landedCost: number;
  altLandedCost?: number;
  altCheaper?: boolean;
}

export type BreakEvenJson = { found: false; reason: string } | { found: true; rate: string; value: number; reason: string };

export interface SweepDocument {
  schemaVersion: number;
  schedule: ScheduleStamp;
  scenario: string;
  vary: string;
  assumptions: readonly string[];
  steps: SweepStepJson[];
  breakEven: BreakEvenJson | null;
  checks: CheckJson[];
  notes: string[];
}

/** A point as a JSON number: a rate as a fraction (5.12% → 0.0512), an amount in major units. */
function pointNumber(range: SweepRange, k: number): number {
  if (range.param.kind === 'rate') return Number(decToString({ n: k, s: 4 }));
  if (range.param.kind === 'fx') return Number(decToString({ n: k, s: 6 }));
  return Number(centsToPlain(k));
}

export function sweepDocument(r: SweepResult): SweepDocument {
  const { range, breakEven } = r;
  const digits = r.steps[0]?.b.minorDigits ?? 2;
  const m = (c: number): number => Number(centsToPlain(c, digits));
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(r.schedule),
    scenario: r.scenario.id,
    vary: r.vary,
    assumptions: r.scenario.assumptions,
    steps: r.steps.map(({ k, b, a }) => ({
      at: sweepPointText(range, k),
      value: pointNumber(range, k),
      duty: m(b.duty),
      landedCost: m(b.landedCost),
      ...(a ? { altLandedCost: m(a.landedCost), altCheaper: a.landedCost < b.landedCost } : {}),
    })),
    breakEven:
      breakEven === null
        ? null
        : breakEven.k === null
          ? { found: false, reason: breakEven.reason }
          : { found: true, rate: sweepPointText(range, breakEven.k), value: pointNumber(range, breakEven.k), reason: breakEven.reason },
    ...plainTail(),
  };
}

/** The sweep in `format` (json, csv, ndjson, markdown; anything else is the table). */
export function renderSweep(format: string, r: SweepResult, c: ChalkInstance, style: CsvStyle = DEFAULT_CSV_STYLE): string {
  if (format === 'json') return `${JSON.stringify(sweepDocument(r), null, 2)}\n`;
  const { range, steps, breakEven } = r;
  const alt = r.altOrigin;
  const cur = steps[0]?.b.currency ?? 'USD';
  const digits = steps[0]?.b.minorDigits ?? 2;
  const text = (k: number): string => sweepPointText(range, k);
  const swept = r.vary.split('=')[0] as string;
  const flat = renderRecords(
    format,
    {
      columns: ['at', 'duty', 'landed_cost', ...(alt !== null ? ['alt_landed_cost', 'alt_cheaper'] : [])],
      headings: [swept, 'Duty', 'Landed cost', ...(alt !== null ? [`Alternative (${alt})`, 'Alternative cheaper'] : [])],
      rows: steps.map(({ k, b, a }) => [
        format === 'ndjson' ? pointNumber(range, k) : text(k),
        money(b.duty, cur, digits),
        money(b.landedCost, cur, digits),
        ...(a ? [money(a.landedCost, cur, digits), a.landedCost < b.landedCost] : []),
      ]),
    },
    style,
  );
  if (flat !== undefined) {
    return breakEven && format === 'markdown'
      ? `${flat}\n${breakEven.k === null ? `break-even: none — ${breakEven.reason}` : `**break-even: ${text(breakEven.k)}** — ${breakEven.reason}`}\n`
      : flat;
  }
  const head = [swept, 'Duty', 'Landed cost', ...(alt !== null ? [`Alternative (${alt})`, 'Cheaper'] : [])];
  const grid = renderGrid({
    head: head.map((h) => c.bold(h)),
    rows: steps.map(({ k, b, a }) => [
      text(k),
      moneyText(b.duty, cur, digits),
      moneyText(b.landedCost, cur, digits),
      ...(a ? [moneyText(a.landedCost, cur, digits), a.landedCost < b.landedCost ? c.green('alternative') : c.dim(`${r.baseOrigin}`)] : []),
    ]),
    align: ['right', 'right', 'right', 'right', 'left'],
  });
  let out = `${c.dim(`scenario ${r.scenario.id}`)}\n${grid}\n`;
  if (breakEven) out += breakEven.k === null ? `break-even: none — ${breakEven.reason}\n` : c.bold(`break-even: ${text(breakEven.k)} — ${breakEven.reason}\n`);
  return out;
}
