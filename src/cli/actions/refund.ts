/**
 * `tariff refund`: the IEEPA duty each past entry carried under the law of its entry date, and
 * whether it falls in the refund window the schedule records (entry dates, and for the current
 * phase, liquidation). The authorities refunded and the windows are data, not code.
 */
import { eachRow } from '../../batch/each-row.js';
import { mapColumns, normaliseName, type FieldDefaults } from '../../batch/columns.js';
import { BatchPricer } from '../../batch/pricer.js';
import { addDays, isRealDate } from '../../core/dates.js';
import { centsToPlain } from '../../core/decimal.js';
import { AS_ENTERED } from '../../core/scenario.js';
import { declaredDifference, liquidationPhase, refundByAuthority, refundedLines, refundStatus, type LiquidationPhase, type RefundStatus } from '../../core/refund.js';
import type { ResolvedScenario } from '../../core/types.js';
import { moneyText } from '../../core/words.js';
import { DataError, EXIT, UsageError } from '../../errors.js';
import { csvEscape, csvLine, escapeFormula } from '../../io/csv.js';
import { parseMoneyField } from '../../io/shipment-input.js';
import { JSON_SCHEMA_VERSION, scheduleStamp } from '../../render/breakdown-json.js';
import { authorityName } from '../../render/breakdown-table.js';
import { renderGrid } from '../../render/grid.js';
import { Progress } from '../progress.js';
import { note, verboseSchedule, write, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../prepare-run.js';

export interface RefundOptions extends GlobalOptions {
  input?: string;
  inputFormat?: string;
  format?: string;
  asOf?: string;
  program?: string;
  origin?: string;
  [key: string]: unknown;
}

/** rows of the table format (a screenful and then some); the totals below it cover every entry */
const TABLE_ROWS = 2000;

export type { RefundStatus } from '../../core/refund.js';

export interface RefundEntry {
  line: number;
  entryNumber: string | null;
  id: string | null;
  date: string;
  origin: string;
  hts: string;
  status: RefundStatus;
  reason: string;
  ieepaDuty: number;
  byAuthority: Record<string, number>;
  lines: { authority: string; measure: string; ref: string; rate: string; base: number; amount: number }[];
  otherDuty: number;
  liquidationDate: string | null;
  liquidation: LiquidationPhase | null;
  declared: number | null;
  difference: number | null;
  flagged: boolean;
  fields: string[];
}

export async function refund(opts: RefundOptions, ctx: Ctx): Promise<void> {
  const format = opts.format ?? 'table';
  const asOf = opts.asOf ?? ctx.today;
  if (!isRealDate(asOf)) throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a calendar date`);
  // the law of each entry's own date: no what-ifs (a refund is of what was actually collected)
  const { schedule, index, resolved } = await prepareRun(runOptions({ ...opts, set: [], disable: [] }, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  const programs = schedule.refunds;
  const program = opts.program ? programs.find((p) => p.id === opts.program) : programs[0];
  if (!program) {
    throw new UsageError(opts.program ? `unknown refund program "${opts.program}"` : 'the schedule records no refund program', [`programs: ${programs.map((p) => p.id).join(', ') || '(none)'}`]);
  }
  const scenario = resolved[0] as ResolvedScenario;
  const defaults: FieldDefaults = {};
  if (typeof opts.origin === 'string') defaults.origin = opts.origin;

  const m = (c: number): string => centsToPlain(c);
  const programJson = { id: program.id, title: program.title, phase: program.phase, phaseFrom: program.phaseFrom, entryFrom: program.entryFrom, entryTo: program.entryTo, liquidatedWithinDays: program.liquidatedWithinDays, sources: program.sources };
  const layers = program.authorities;

  // streamed: each entry is written as it is priced and only the totals are kept (by month too:
  // months are few), so memory stays flat at any input size
  let header: string[] = [];
  let pricer: BatchPricer | null = null;
  let cols: { entry?: number; liq?: number; paid?: number; date?: number } = {};
  let read = 0;
  let rejected = 0;
  let reported = 0;
  let refundable = 0;
  let flagged = 0;
  let total = 0;
  const byLayer: Record<string, number> = {};
  const byMonth: Record<string, number> = {};
  /** the table shows the first entries; the totals cover them all */
  const tableRows: RefundEntry[] = [];
  let out = '';
  let name = '';
  const rejectRow = (line: number, message: string): void => {
    rejected++;
    if (rejected <= 50 && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${name}:${line}:`)} ${message}\n`);
  };
  const emit = (e: RefundEntry): void => {
    reported++;
    if (e.flagged) flagged++;
    if (e.status === 'refundable') {
      refundable++;
      total += e.ieepaDuty;
      for (const [a, v] of Object.entries(e.byAuthority)) byLayer[a] = (byLayer[a] ?? 0) + v;
      const month = e.date.slice(0, 7);
      byMonth[month] = (byMonth[month] ?? 0) + e.ieepaDuty;
    }
    if (format === 'json') out += `${reported > 1 ? ',' : ''}\n    ${JSON.stringify(entryJson(e, m), null, 2).replaceAll('\n', '\n    ')}`;
    else if (format === 'ndjson') out += `${JSON.stringify(entryJson(e, m))}\n`;
    else if (format === 'csv') out += `${header.map((_, i) => csvEscape(escapeFormula(e.fields[i] ?? ''))).join(',')},${csvLine([e.status, m(e.ieepaDuty), ...layers.map((a) => m(e.byAuthority[a] ?? 0)), m(e.otherDuty), e.liquidation ?? '', e.difference === null ? '' : m(e.difference), String(e.flagged), e.reason])}`;
    else if (tableRows.length < TABLE_ROWS) tableRows.push(e);
  };
  const flush = async (): Promise<void> => {
    if (out) await write(ctx.out, out);
    out = '';
  };
  await eachRow(
    opts.input ?? '-',
    (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    (h, inputName) => {
      name = inputName;
      header = h;
      const norm = h.map(normaliseName);
      const at = (...names: string[]): number | undefined => {
        const i = norm.findIndex((n) => names.includes(n));
        return i < 0 ? undefined : i;
      };
      cols = { entry: at('entrynumber', 'entryno', 'entry'), liq: at('liquidationdate', 'liquidated'), paid: at('dutypaidieepa', 'ieepapaid', 'paidieepa'), date: at('date', 'entrydate') };
      const mapped = mapColumns(h);
      const missing = [mapped.index.hts === undefined ? 'hts' : '', mapped.index.value === undefined ? 'value' : '', mapped.index.origin === undefined && !defaults.origin ? 'origin' : '', cols.date === undefined ? 'date' : ''].filter(Boolean);
      if (missing.length) throw new DataError(`${inputName}: the input has no ${missing.join(', ')} column`, [`columns found: ${h.join(', ')}; refund needs hts, origin, value and the entry date`]);
      pricer = new BatchPricer(index, scenario, mapped, defaults, { today: ctx.today, detail: true });
      if (format === 'json') {
        // the same bytes as JSON.stringify(document, null, 2), written as the entries come
        const head = JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, schedule: scheduleStamp(schedule), asOf, program: programJson }, null, 2);
        out += `${head.slice(0, -2)},\n  "entries": [`;
      } else if (format === 'csv') {
        out += csvLine([...h, 'status', 'ieepa_duty', ...layers.map((a) => `ieepa_${a}`), 'other_duty', 'liquidation', 'difference', 'flagged', 'reason']);
      }
    },
    (row) => {
      read++;
      if (row.error !== undefined) return rejectRow(row.line, row.error);
      const dateText = (row.fields[cols.date as number] ?? '').trim();
      if (dateText === '') return rejectRow(row.line, 'date is required: the entry date decides which law applied');
      const r = (pricer as BatchPricer).priceRow(row);
      if (!r.ok) return rejectRow(row.line, r.rejection.message);
      const b = r.breakdown;
      const liqText = cols.liq === undefined ? '' : (row.fields[cols.liq] ?? '').trim();
      if (liqText !== '' && !isRealDate(liqText)) return rejectRow(row.line, `liquidation_date "${liqText}" is not a calendar date (YYYY-MM-DD)`);
      const paidText = cols.paid === undefined ? '' : (row.fields[cols.paid] ?? '').trim();
      let declared: number | null = null;
      if (paidText !== '') {
        const v = parseMoneyField(paidText, header[cols.paid as number] ?? 'duty_paid_ieepa', b.minorDigits);
        if (typeof v !== 'number') return rejectRow(row.line, `${v.message} — ${v.hint ?? ''}`);
        declared = v;
      }
      const c = refundStatus(b, program);
      const ieepaLines = refundedLines(b, program);
      const byAuthority = refundByAuthority(ieepaLines);
      // without a liquidation column the phase is unknown, not "unliquidated"
      const liquidation = cols.liq === undefined ? null : liquidationPhase(liqText, asOf, program);
      const { difference, flagged } = declaredDifference(c.ieepa, declared);
      emit({
        line: row.line,
        entryNumber: cols.entry === undefined ? null : (row.fields[cols.entry] ?? '') || null,
        id: r.shipment.id ?? null,
        date: b.date,
        origin: b.origin,
        hts: b.hts,
        status: c.status,
        reason: c.reason,
        ieepaDuty: c.ieepa,
        byAuthority,
        lines: ieepaLines.map((l) => ({ authority: l.authority, measure: l.measure, ref: l.ref, rate: l.rateText, base: l.base, amount: l.amount })),
        otherDuty: b.duty - c.ieepa,
        liquidationDate: liqText || null,
        liquidation,
        declared,
        difference,
        flagged,
        fields: row.fields,
      });
    },
    flush,
    { flag: opts.delimiter as string | undefined, note: (m) => note(ctx, m), progress: (size) => new Progress(ctx, size) },
  );

  const summary = {
    entriesRead: read,
    reported,
    rejected,
    refundable,
    ieepaDuty: Number(m(total)),
    byLayer: Object.fromEntries(Object.entries(byLayer).map(([k, v]) => [k, Number(m(v))])),
    byMonth: Object.fromEntries(Object.entries(byMonth).sort().map(([k, v]) => [k, Number(m(v))])),
    flagged,
  };

  if (format === 'json') {
    out += `${reported ? '\n  ' : ''}],\n  "summary": ${JSON.stringify(summary, null, 2).replaceAll('\n', '\n  ')}\n}\n`;
    await flush();
  } else if (format === 'ndjson' || format === 'csv') {
    await flush();
  } else {
    const c = ctx.c;
    const grid = renderGrid({
      head: ['Line', 'Entry', 'Date', 'Origin', 'HTS', 'Status', 'IEEPA duty', ...program.authorities.map(authorityName), 'Liquidation', 'Declared', 'Δ'].map((h) => c.bold(h)),
      rows: tableRows.map((e) => [
        String(e.line),
        e.entryNumber ?? e.id ?? '',
        e.date,
        e.origin,
        e.hts,
        e.status === 'refundable' ? c.green(e.status) : e.status,
        moneyText(e.ieepaDuty, 'USD'),
        ...program.authorities.map((a) => moneyText(e.byAuthority[a] ?? 0, 'USD')),
        e.liquidation ?? '',
        e.declared === null ? '' : moneyText(e.declared, 'USD'),
        e.difference === null ? '' : e.flagged ? c.red(moneyText(e.difference, 'USD')) : moneyText(e.difference, 'USD'),
      ]),
      align: ['right', 'left', 'left', 'left', 'left', 'left', 'right', ...program.authorities.map(() => 'right' as const), 'left', 'right', 'right'],
    });
    const lines = [
      grid,
      ...(reported > tableRows.length ? [`… and ${reported - tableRows.length} more entries (the table shows the first ${TABLE_ROWS}; --format csv or ndjson lists them all)`] : []),
      `${program.title} — ${program.phase} (from ${program.phaseFrom}); entry dates ${program.entryFrom} – ${addDays(program.entryTo, -1)}`,
      `entries read ${read}, reported ${reported}, rejected ${rejected}; refundable ${refundable}: IEEPA duty ${moneyText(total, 'USD')}`,
      `by layer: ${Object.entries(byLayer).map(([k, v]) => `${authorityName(k)} ${moneyText(v, 'USD')}`).join(', ') || '—'}`,
      `by month of entry: ${Object.entries(byMonth).sort().map(([k, v]) => `${k} ${moneyText(v, 'USD')}`).join(', ') || '—'}`,
      'Estimates from the schedule, not a claim: actual refunds follow CBP liquidation records.',
    ];
    await write(ctx.out, `${lines.join('\n')}\n`);
  }
  if (format !== 'table') ctx.err.write(`entries read ${read}, reported ${reported}, rejected ${rejected}; refundable ${refundable}: IEEPA duty ${m(total)}\n`);
  if (read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${name} has a header but no data rows\n`);
  if (rejected > 0) process.exitCode = EXIT.dataErr;
}

function entryJson(e: RefundEntry, m: (c: number) => string): Record<string, unknown> {
  return {
    line: e.line,
    entryNumber: e.entryNumber,
    id: e.id,
    date: e.date,
    origin: e.origin,
    hts: e.hts,
    status: e.status,
    reason: e.reason,
    ieepaDuty: Number(m(e.ieepaDuty)),
    lines: e.lines.map((l) => ({ ...l, base: Number(m(l.base)), amount: Number(m(l.amount)) })),
    otherDuty: Number(m(e.otherDuty)),
    liquidationDate: e.liquidationDate,
    liquidation: e.liquidation,
    declared: e.declared === null ? null : Number(m(e.declared)),
    difference: e.difference === null ? null : Number(m(e.difference)),
    flagged: e.flagged,
  };
}
