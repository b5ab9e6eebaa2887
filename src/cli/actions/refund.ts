/**
 * `tariff refund`: the IEEPA duty each past entry carried under the law of its entry date, and
 * whether it falls in the refund window the schedule records (entry dates, and for the current
 * phase, liquidation). The authorities refunded and the windows are data, not code.
 */
import { RejectedList } from '../../render/frame.js';
import type { InputFlags } from '../options.js';
import { eachRow } from '../../batch/each-row.js';
import { mapColumns, normaliseName, parseColumnMap, type FieldDefaults } from '../../batch/columns.js';
import { BatchPricer } from '../../batch/pricer.js';
import { isRealDate } from '../../core/dates.js';
import { centsToPlain } from '../../core/decimal.js';
import { AS_ENTERED } from '../../core/scenario.js';
import { INTEREST_BASES, InterestCalculator, type InterestBasis, type InterestOf } from '../../core/refund-interest.js';
import {
  addToRefundTotals,
  declaredDifference,
  emptyRefundTotals,
  liquidationPhase,
  refundByAuthority,
  refundedLines,
  refundStatus,
} from '../../core/refund.js';
import type { ResolvedScenario } from '../../core/types.js';
import { DataError, EXIT, UsageError } from '../../errors.js';
import { parseMoneyField } from '../../io/shipment-input.js';
import { refundCsv, refundEntryJson, refundJson, refundTable, type RefundEntry } from '../../render/refund.js';
import { CapeWriter } from '../cape-files.js';
import { checkTotals } from '../amount-range.js';
import { BatchSink } from '../../batch/sink.js';
import { note, staleWarning, verboseSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { prepareRun, runOptions } from '../../schedule/prepare-run.js';
import { DEFAULT_IMPORTER } from '../../core/countries.js';

export interface RefundOptions extends GlobalOptions, InputFlags {
  format?: string;
  asOf?: string;
  program?: string;
  origin?: string;
  refundDate?: string;
  interestRate?: string;
  cape?: string;
}

/** rows of the table format (a screenful and then some); the totals below it cover every entry */
const TABLE_ROWS = 2000;

export type { RefundStatus } from '../../core/refund.js';
export type { RefundEntry };

export async function refund(opts: RefundOptions, ctx: Ctx): Promise<void> {
  const format = opts.format ?? 'table';
  const asOf = opts.asOf ?? ctx.today;
  if (!isRealDate(asOf)) throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a calendar date`);
  const refundDate = opts.refundDate ?? ctx.today;
  if (!isRealDate(refundDate))
    throw new UsageError(`--refund-date ${JSON.stringify(refundDate)} is not a calendar date`, [
      'give the date the refund is paid as YYYY-MM-DD (default today)',
    ]);
  const basis = (opts.interestRate ?? 'corporate') as InterestBasis;
  if (!INTEREST_BASES.includes(basis))
    throw new UsageError(`--interest-rate ${JSON.stringify(opts.interestRate)} is not a rate of CBP's notices`, [
      `use one of: ${INTEREST_BASES.join(', ')} (corporate, the default, when the importer of record is a corporation)`,
    ]);
  // the law of each entry's own date: no what-ifs (a refund is of what was actually collected)
  const { schedule, index, resolved } = await prepareRun(runOptions({ ...opts, set: [], disable: [] }, [AS_ENTERED]));
  verboseSchedule(opts, schedule);
  // the refund phases and rules are those known on verifiedThrough
  if (!ctx.quiet) staleWarning(ctx, schedule, asOf);
  const programs = schedule.refunds;
  const program = opts.program ? programs.find((p) => p.id === opts.program) : programs[0];
  if (!program) {
    throw new UsageError(opts.program ? `unknown refund program "${opts.program}"` : 'the schedule records no refund program', [
      `programs: ${programs.map((p) => p.id).join(', ') || '(none)'}`,
    ]);
  }
  const scenario = resolved[0] as ResolvedScenario;
  // interest to the refund date at the quarterly rates of the program's table (absent: not estimated)
  const interestCalc = program.interest ? new InterestCalculator(program.interest, basis, refundDate) : null;
  const notes: string[] = [];
  const runOut = interestCalc?.runOutNote() ?? null;
  // said on stderr once the input is open (a run with no input to read says only that)
  if (runOut) notes.push(runOut);
  if (!interestCalc) notes.push(`the refund program ${program.id} has no interest table: interest is not estimated`);
  const defaults: FieldDefaults = {};
  if (typeof opts.origin === 'string') defaults.origin = opts.origin;

  const m = (c: number): string => centsToPlain(c);

  // streamed: each entry is written as it is priced and only the totals are kept (by month too:
  // months are few), so memory stays flat at any input size
  let header: string[] = [];
  let pricer: BatchPricer | null = null;
  let cols: { entry?: number; liq?: number; paid?: number; date?: number; paidDate?: number } = {};
  const t = emptyRefundTotals();
  /** the table shows the first entries; the totals cover them all */
  const tableRows: RefundEntry[] = [];
  let name = '';
  const sink = BatchSink.open(ctx);
  // the CAPE declaration files (--cape DIR), kept only when the whole run succeeds
  let cape: CapeWriter | null = null;
  try {
    cape = opts.cape === undefined ? null : new CapeWriter(opts.cape, asOf);
  } catch (e) {
    sink.abort();
    throw e;
  }
  let capeWarned = 0;
  const out = sink.out;
  const kept = new RejectedList();
  const rejectRow = (line: number, message: string, code = 'row-invalid', id: string | null = null): void => {
    t.rejected++;
    kept.add({ line, message, code, id, column: null, fields: [] });
    if (t.rejected <= 50 && !ctx.quiet) ctx.err.write(`${ctx.ce.red(`${name}:${line}:`)} ${message}\n`);
  };
  const emit = (e: RefundEntry): void => {
    addToRefundTotals(t, e);
    const why = cape?.add(e) ?? null;
    if (why !== null && ++capeWarned <= 50 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow(`${name}:${e.line}:`)} --cape: ${why}\n`);
    if (format === 'json') out.append(refundJson.entry(e, t.reported));
    else if (format === 'ndjson') out.append(`${JSON.stringify(refundEntryJson(e))}\n`);
    else if (format === 'csv') out.append(refundCsv.row(e, header, program, ctx.csv));
    else if (tableRows.length < TABLE_ROWS) tableRows.push(e);
  };
  try {
    await eachRow(
      opts.input ?? '-',
      (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
      (h, inputName) => {
        name = inputName;
        header = h;
        if (runOut && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${runOut}\n`);
        const norm = h.map(normaliseName);
        const at = (...names: string[]): number | undefined => {
          const i = norm.findIndex((n) => names.includes(n));
          return i < 0 ? undefined : i;
        };
        cols = {
          entry: at('entrynumber', 'entryno', 'entry'),
          liq: at('liquidationdate', 'liquidated'),
          paid: at('dutypaidieepa', 'ieepapaid', 'paidieepa'),
          date: at('date', 'entrydate'),
          paidDate: at('paiddate', 'datepaid', 'depositdate'),
        };
        const mapped = mapColumns(h, parseColumnMap(opts.columns));
        if (mapped.aliased.length) note(ctx, `${inputName}: columns read as: ${mapped.aliased.join(', ')}`);
        const missing = [
          mapped.index.hts === undefined ? 'hts' : '',
          mapped.index.value === undefined ? 'value' : '',
          mapped.index.origin === undefined && !defaults.origin ? 'origin' : '',
          cols.date === undefined ? 'date' : '',
        ].filter(Boolean);
        if (cape && cols.liq === undefined)
          throw new DataError(
            `${inputName}: --cape needs a liquidation_date column: which CAPE phase an entry is in, or whether it needs a protest, depends on it`,
            ['add liquidation_date (empty for an entry not yet liquidated)'],
          );
        if (missing.length)
          throw new DataError(`${inputName}: the input has no ${missing.join(', ')} column`, [
            `columns found: ${h.join(', ')}; refund needs hts, origin, value and the entry date`,
          ]);
        pricer = new BatchPricer(index, scenario, mapped, defaults, { today: ctx.today, detail: true });
        if (format === 'json') out.append(refundJson.head(schedule, asOf, program, { refundDate, basis }));
        else if (format === 'csv') out.append(refundCsv.header(h, program, ctx.csv));
      },
      (row) => {
        t.read++;
        if (row.error !== undefined) return rejectRow(row.line, row.error, 'record-malformed');
        const dateText = (row.fields[cols.date as number] ?? '').trim();
        if (dateText === '') return rejectRow(row.line, 'date is required: the entry date decides which law applied');
        const r = (pricer as BatchPricer).priceRow(row);
        if (!r.ok) return rejectRow(row.line, r.rejection.message, r.rejection.code, r.rejection.id);
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
        const paidDateText = cols.paidDate === undefined ? '' : (row.fields[cols.paidDate] ?? '').trim();
        if (paidDateText !== '' && !isRealDate(paidDateText))
          return rejectRow(row.line, `paid_date "${paidDateText}" is not a calendar date (YYYY-MM-DD): it is the date the duty was deposited`);
        const c = refundStatus(b, program);
        // interest runs from the deposit (paid_date, else the entry date) on the refundable duty only
        let interest: InterestOf | null = null;
        if (interestCalc && c.status === 'refundable') {
          const ir = interestCalc.interest(c.ieepa, paidDateText || b.date);
          if (!ir.ok) return rejectRow(row.line, ir.message);
          interest = ir.interest;
        }
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
          paidDate: paidDateText || null,
          interest,
          liquidationDate: liqText || null,
          liquidation,
          declared,
          difference,
          flagged,
          fields: row.fields,
        });
      },
      () => sink.flush(),
      { flag: opts.delimiter as string | undefined, note: (m) => note(ctx, m), progress: (size) => sink.progress(size) },
    );
    // a refund total is a sum of many entries: within the exact range, or 65 before it is printed
    checkTotals(name, 'refund totals', {
      currency: schedule.importers.get(DEFAULT_IMPORTER)?.currency ?? 'USD',
      minorDigits: schedule.importers.get(DEFAULT_IMPORTER)?.minorDigits ?? 2,
      amounts: [t.total, t.interest, t.total + t.interest, ...Object.values(t.byLayer), ...Object.values(t.byMonth)],
    });
    if (format === 'json') out.append(refundJson.tail(t, kept.list, notes));
    else if (format !== 'ndjson' && format !== 'csv')
      out.append(refundTable(program, tableRows, t, TABLE_ROWS, ctx.c, { basis, end: interestCalc?.end ?? null, notes }));
  } catch (e) {
    sink.abort();
    cape?.abort();
    throw e;
  }
  await sink.commit();
  if (cape) {
    await cape.commit();
    const k = cape.counts;
    ctx.err.write(
      `--cape ${opts.cape}: ${k.declared} entr${k.declared === 1 ? 'y' : 'ies'} in ${k.files.length} declaration file${k.files.length === 1 ? '' : 's'}${
        k.files.length ? ` (${k.files.join(', ')})` : ''
      }; ${k.protest} need${k.protest === 1 ? 's' : ''} a protest instead (protest-needed.csv${k.protestPast ? `, ${k.protestPast} past the 180 days` : ''})${
        k.noNumber ? `; ${k.noNumber} refundable row${k.noNumber === 1 ? '' : 's'} without a usable entry number not declared` : ''
      }\n`,
    );
  }
  if (format !== 'table')
    ctx.err.write(
      `entries read ${t.read}, reported ${t.reported}, rejected ${t.rejected}; refundable ${t.refundable}: IEEPA duty ${m(t.total)}${
        interestCalc ? `, interest ${m(t.interest)} to ${interestCalc.end} (${basis} rate)` : ''
      }\n`,
    );
  if (t.read === 0 && !ctx.quiet) ctx.err.write(`${ctx.ce.yellow('warning:')} ${name} has a header but no data rows\n`);
  if (t.rejected > 0) process.exitCode = EXIT.dataErr;
}
