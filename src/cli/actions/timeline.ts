/**
 * `tariff timeline`: the same shipment under the law of every date on which a measure that
 * touches it starts, ends or is suspended, between --from and --to. The steps of 2025 (the April
 * peak, Geneva, Busan) and the end of IEEPA in February 2026 show up as rows and in the chart.
 */
import { decToString, percentString } from '../../core/decimal.js';
import { landedCost } from '../../core/landed-cost.js';
import { AS_ENTERED } from '../../core/scenario.js';
import { nearestNames } from '../../core/suggest.js';
import type { Breakdown, Measure } from '../../core/types.js';
import { moneyText } from '../../core/words.js';
import { isRealDate } from '../../core/dates.js';
import { DataError, UsageError } from '../../errors.js';
import { csvLine } from '../../io/csv.js';
import type { ShipmentFields } from '../../io/shipment-input.js';
import { JSON_SCHEMA_VERSION, scheduleStamp } from '../../render/breakdown-json.js';
import { renderGrid } from '../../render/grid.js';
import { loadSchedule, write, type Ctx, type GlobalOptions } from '../context.js';
import { checkTargets, chooseScenario, parseWhatIf } from '../scenario-choice.js';
import { shipmentFromFlags } from '../shipment-flags.js';

export interface TimelineOptions extends GlobalOptions, ShipmentFields {
  from?: string;
  to?: string;
  set?: string[];
  disable?: string[];
  format?: string;
  [key: string]: unknown;
}

export interface TimelineRow {
  date: string;
  events: string[];
  b: Breakdown;
}

function dateFlag(v: string | undefined, flag: string, dflt: string): string {
  if (v === undefined) return dflt;
  if (!isRealDate(v)) throw new UsageError(`${flag} ${JSON.stringify(v)} is not a calendar date`, ['write it as YYYY-MM-DD']);
  return v;
}

export async function timeline(opts: TimelineOptions, ctx: Ctx): Promise<void> {
  const { schedule, index, scenarios } = await loadSchedule(opts);
  const from = dateFlag(opts.from, '--from', '2018-01-01');
  const to = dateFlag(opts.to, '--to', schedule.meta.verifiedThrough);
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const extra = parseWhatIf(opts.set, opts.disable);
  const known = new Set([...schedule.measures.map((m) => m.id), ...schedule.measures.map((m) => m.authority), 'mfn']);
  checkTargets(extra, known, (t) => nearestNames(t, [...known]));
  const scenario = chooseScenario(scenarios, AS_ENTERED, extra);
  const shipment = shipmentFromFlags({ ...opts, date: from }, schedule, ctx.today, false);

  // every boundary of a measure that can touch this shipment (its line, its origin)
  const touching = index
    .candidates(shipment.importer, shipment.hts)
    .filter((m) => (m.origins === null || m.origins.has(shipment.origin)) && !(m.exceptOrigins?.has(shipment.origin) ?? false));
  const events = new Map<string, string[]>();
  const add = (date: string, text: string): void => {
    if (date <= from || date > to) return;
    const list = events.get(date) ?? [];
    list.push(text);
    events.set(date, list);
  };
  const label = (m: Measure): string => `${m.title} (${m.ref})`;
  for (const m of touching) {
    add(m.from, `starts: ${label(m)}`);
    if (m.to !== null) add(m.to, `ends: ${label(m)}`);
    if (m.suspended) add(m.suspended.since, `suspended: ${label(m)}`);
  }
  const dates = [from, ...[...events.keys()].sort()];
  const rows: TimelineRow[] = [];
  for (const date of dates) {
    const r = landedCost({ ...shipment, date }, scenario, index);
    if (!r.ok) throw new DataError(`${date}: ${r.issue.message}`, [r.issue.hint ?? '']);
    rows.push({ date, events: events.get(date) ?? ['(start of the timeline)'], b: r.value });
  }

  const format = opts.format ?? 'table';
  if (format === 'json') {
    const doc = {
      schemaVersion: JSON_SCHEMA_VERSION,
      schedule: scheduleStamp(schedule),
      shipment: { hts: rows[0]?.b.hts, origin: shipment.origin, importer: shipment.importer, mode: shipment.mode ?? null },
      from,
      to,
      assumptions: scenario.assumptions,
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
    };
    await write(ctx.out, `${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  if (format === 'csv') {
    let out = csvLine(['date', 'event', 'duty', 'fees', 'taxes', 'landed_cost', 'effective_rate']);
    for (const { date, events: ev, b } of rows) {
      out += csvLine([date, ev.join('; '), decToString({ n: b.duty, s: b.minorDigits }), decToString({ n: b.fees, s: b.minorDigits }), decToString({ n: b.taxes, s: b.minorDigits }), decToString({ n: b.landedCost, s: b.minorDigits }), decToString(b.effectiveRate)]);
    }
    await write(ctx.out, out);
    return;
  }
  const first = rows[0]?.b;
  const c = ctx.c;
  const title = first ? c.bold(`${first.hts} ${first.description}`) + `\n${shipment.origin} → ${shipment.importer}, ${moneyText(first.goodsValue, first.currency)}, each date under the law in force on it\n` : '';
  const grid = renderGrid({
    head: ['Date', 'Duty rate', 'Landed cost', 'What changed'].map((h) => c.bold(h)),
    rows: rows.map(({ date, events: ev, b }) => [date, percentString(b.effectiveRate), moneyText(b.landedCost, b.currency, b.minorDigits), ev.join('\n')]).flatMap((r) => {
      // one line per event, so long event lists stay readable
      const evs = (r[3] as string).split('\n');
      return evs.map((e, i) => (i === 0 ? [r[0] as string, r[1] as string, r[2] as string, e] : ['', '', '', e]));
    }),
    align: ['left', 'right', 'right', 'left'],
  });
  await write(ctx.out, `${title}${grid}\n${stepChart(rows, c, ctx.columns)}`);
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
