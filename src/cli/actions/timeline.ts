/**
 * `tariff timeline`: the same shipment under the law of every date on which a measure that
 * touches it starts, ends or is suspended, between --from and --to. The steps of 2025 (the April
 * peak, Geneva, Busan) and the end of IEEPA in February 2026 show up as rows and in the chart.
 */
import { decToString, percentString } from '../../core/decimal.js';
import { landedCost } from '../../core/landed-cost.js';
import { BreakdownSum } from '../../core/breakdown-sum.js';
import { lawChangeDates, lawChanges, lawChangeText, measuresReaching } from '../../core/law-changes.js';
import { AS_ENTERED } from '../../core/scenario.js';
import type { Breakdown, Measure, ResolvedScenario, Schedule, Shipment } from '../../core/types.js';
import { moneyText } from '../../core/words.js';
import { isRealDate } from '../../core/dates.js';
import { DataError, EXIT, UsageError } from '../../errors.js';
import { eachRow } from '../../batch/each-row.js';
import { columnName, flagDefaults, mapColumns, rowFields, type Columns, type FieldDefaults } from '../../batch/columns.js';
import { isIssue, parseShipment, type ShipmentFields } from '../../io/shipment-input.js';
import { JSON_SCHEMA_VERSION, scheduleStamp } from '../../render/breakdown-json.js';
import { renderGrid } from '../../render/grid.js';
import { percent2 } from '../../render/rate-text.js';
import { money, rate, renderRecords, type MoneyCell } from '../../render/records.js';
import { Progress } from '../progress.js';
import { note, verboseSchedule, write, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../prepare-run.js';
import { shipmentFromFlags } from '../shipment-flags.js';

export interface TimelineOptions extends GlobalOptions, ShipmentFields {
  input?: string;
  inputFormat?: string;
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
  // each date under the law in force on it, with the what-ifs of --set/--disable on top
  const { schedule, index, resolved } = await prepareRun(runOptions(opts, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  const from = dateFlag(opts.from, '--from', '2018-01-01');
  const to = dateFlag(opts.to, '--to', schedule.meta.verifiedThrough);
  if (to < from) throw new UsageError(`--to ${to} is before --from ${from}`);
  const scenario = resolved[0] as ResolvedScenario;
  // every date on which the law can change: each shipment is priced on each of them as it is
  // read, and only the totals are kept (a batch of any size streams); the dates shown are those
  // on which a measure that reaches one of the shipments changes
  const allDates = lawChangeDates(index, scenario, from, to);
  const sums = allDates.map(() => new BreakdownSum());
  const touching = new Set<Measure>();
  let shipment = null as Shipment | null;
  let count = 0;
  const take = (s: Shipment): void => {
    shipment ??= s;
    count++;
    for (const m of measuresReaching(index, s)) touching.add(m);
    allDates.forEach((date, i) => {
      const r = landedCost({ ...s, date }, scenario, index);
      const sum = sums[i] as BreakdownSum;
      if (r.ok) sum.add(r.value);
      else sum.error ??= `${r.issue.message}\u0000${r.issue.hint ?? ''}`;
    });
  };
  // one shipment from flags, or a batch (--input) evaluated as a total
  if (opts.input !== undefined) await readShipments(opts, ctx, schedule, take);
  else take(shipmentFromFlags({ ...opts, date: from }, schedule, ctx.today, false));
  if (shipment === null) {
    if (opts.input !== undefined && process.exitCode !== EXIT.dataErr) {
      if (!ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${opts.input} has a header but no data rows: nothing to put on a timeline\n`);
      return;
    }
    throw new DataError('no shipment to put on a timeline: every row was rejected');
  }

  const changes = lawChanges(touching, from, to);
  const events = new Map([...changes].map(([date, list]) => [date, list.map(lawChangeText)]));
  const dates = [from, ...[...events.keys()].sort()];
  const rows: TimelineRow[] = [];
  for (const date of dates) {
    const sum = sums[allDates.indexOf(date)] as BreakdownSum;
    if (sum.error !== undefined) {
      const [message, hint] = sum.error.split('\u0000');
      throw new DataError(`${date}: ${message}`, [hint ?? '']);
    }
    if (sum.mixed) throw new UsageError('this batch mixes currencies (importers); put them on separate timelines');
    rows.push({ date, events: events.get(date) ?? ['(start of the timeline)'], b: sum.total() });
  }
  const shipments = { length: count };
  if (shipments.length > 1) ctx.err.write(`timeline of the total of ${shipments.length} shipments\n`);

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
  const flat = renderRecords(format, {
    columns: ['date', 'event', 'duty', 'fees', 'taxes', 'landed_cost', 'effective_rate'],
    headings: ['Date', 'What changed', 'Duty', 'Fees', 'Taxes', 'Landed cost', 'Duty rate'],
    rows: rows.map(({ date, events: ev, b }) => {
      const m = (c: number): MoneyCell => money(c, b.currency, b.minorDigits);
      return [date, ev.join('; '), m(b.duty), m(b.fees), m(b.taxes), m(b.landedCost), rate(b.effectiveRate)];
    }),
  });
  if (flat !== undefined) {
    await write(ctx.out, flat);
    return;
  }
  const first = rows[0]?.b;
  const c = ctx.c;
  const title = first ? c.bold(`${first.hts} ${first.description}`) + `\n${shipment.origin} → ${shipment.importer}, ${moneyText(first.goodsValue, first.currency)}, each date under the law in force on it\n` : '';
  const grid = renderGrid({
    head: ['Date', 'Duty rate', 'Landed cost', 'What changed'].map((h) => c.bold(h)),
    rows: rows.map(({ date, events: ev, b }) => [date, percent2(b.effectiveRate), moneyText(b.landedCost, b.currency, b.minorDigits), ev.join('\n')]).flatMap((r) => {
      // one line per event, so long event lists stay readable
      const evs = (r[3] as string).split('\n');
      return evs.map((e, i) => (i === 0 ? [r[0] as string, r[1] as string, r[2] as string, e] : ['', '', '', e]));
    }),
    align: ['left', 'right', 'right', 'left'],
    width: ctx.tableWidth,
    flex: [3],
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

/** Shipments of a batch input; bad rows are reported (and make the exit code 65) but do not stop the timeline. */
async function readShipments(opts: TimelineOptions, ctx: Ctx, schedule: Schedule, take: (s: Shipment) => void): Promise<void> {
  let taken = 0;
  let cols: Columns | null = null;
  let name = '';
  let rejected = 0;
  const defaults: FieldDefaults = flagDefaults(opts, ['origin', 'importer', 'currency', 'mode', 'freight', 'insurance', 'unit', 'fxRate', 'elect']);
  await eachRow(
    opts.input as string,
    (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    (h, n) => {
      name = n;
      cols = mapColumns(h);
    },
    (row) => {
      const c = cols as Columns;
      const fields = rowFields(c, row.fields, defaults);
      const importer = (fields.importer ?? 'US').toUpperCase();
      const reject = (message: string): void => {
        rejected++;
        if (!ctx.quiet && rejected <= 50) ctx.err.write(`${ctx.ce.red(`${name}:${row.line}:`)} ${message}\n`);
      };
      if (row.error !== undefined) return reject(row.error);
      const parsed = parseShipment(fields, (f) => columnName(c, f), { importer, minorDigits: schedule.importers.get(importer)?.minorDigits ?? 2 });
      if (isIssue(parsed)) return reject(parsed.message);
      taken++;
      take(parsed);
    },
    async () => {},
    { flag: opts.delimiter as string | undefined, note: (m) => note(ctx, m), progress: (size) => new Progress(ctx, size) },
  );
  if (rejected) {
    ctx.err.write(`tariff: ${rejected} rows rejected; the timeline covers the other ${taken}\n`);
    process.exitCode = EXIT.dataErr;
  }
}
