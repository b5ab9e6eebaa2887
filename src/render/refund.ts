/**
 * `tariff refund` output: the JSON document (written as the entries come, byte for byte what
 * JSON.stringify of the whole document would give), NDJSON, the claim CSV and the table. The
 * entries come priced and classified; this only writes them.
 */
import type { CheckJson, RejectedJson, RowsJson } from './frame.js';
import type { ChalkInstance } from 'chalk';
import { addDays } from '../core/dates.js';
import { centsToPlain } from '../core/decimal.js';
import type { LiquidationPhase, RefundStatus, RefundTotals } from '../core/refund.js';
import type { InterestBasis, InterestOf, InterestPeriod } from '../core/refund-interest.js';
import type { RefundProgram, Schedule } from '../core/types.js';
import { authorityName, moneyText } from '../core/words.js';
import { csvCells, csvRecord, DEFAULT_CSV_STYLE, snakeName, type CsvStyle } from '../io/csv.js';
import { JSON_SCHEMA_VERSION, scheduleStamp, type ScheduleStamp } from './breakdown-json.js';
import { renderGrid } from './grid.js';

/** One priced entry of the input, amounts in minor units. */
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
  /** the paid_date column when given (else interest runs from the entry date) */
  paidDate: string | null;
  /** interest on the refundable duty to the refund date; null when not refundable or not estimated */
  interest: InterestOf | null;
  liquidationDate: string | null;
  liquidation: LiquidationPhase | null;
  declared: number | null;
  difference: number | null;
  flagged: boolean;
  /** the input row's fields, echoed by the CSV */
  fields: string[];
}

export type { RefundTotals } from '../core/refund.js';

export interface RefundProgramJson {
  id: string;
  title: string;
  phase: string;
  phaseFrom: string;
  entryFrom: string;
  entryTo: string;
  liquidatedWithinDays: number | null;
  sources: readonly string[];
  /** the quarterly overpayment rates the interest is computed at, each with its notice; null: none */
  interest: {
    table: string;
    basis: string;
    sources: readonly string[];
    quarters: { from: string; to: string; corporate: string; nonCorporate: string; ref: string; sources: readonly string[] }[];
  } | null;
}

/** An entry's interest: amount in dollars, the run [from, to) and its stretches by quarter. */
export interface RefundInterestJson {
  amount: number;
  from: string;
  to: string;
  days: number;
  periods: InterestPeriod[];
}

export interface RefundEntryJson {
  line: number;
  entryNumber: string | null;
  id: string | null;
  date: string;
  origin: string;
  hts: string;
  status: RefundStatus;
  reason: string;
  ieepaDuty: number;
  lines: { authority: string; measure: string; ref: string; rate: string; base: number; amount: number }[];
  otherDuty: number;
  paidDate: string | null;
  interest: RefundInterestJson | null;
  liquidationDate: string | null;
  liquidation: LiquidationPhase | null;
  declared: number | null;
  difference: number | null;
  flagged: boolean;
}

export interface RefundSummaryJson {
  entriesRead: number;
  reported: number;
  rejected: number;
  refundable: number;
  ieepaDuty: number;
  /** the refundable entries' interest, and principal plus interest */
  interest: number;
  ieepaDutyWithInterest: number;
  byLayer: Record<string, number>;
  byMonth: Record<string, number>;
  flagged: number;
}

export interface RefundDocument {
  schemaVersion: number;
  schedule: ScheduleStamp;
  asOf: string;
  /** interest runs to this date (or to the end of the rate table, with a note) */
  refundDate: string;
  /** which overpayment rate of CBP's notices: corporate or non-corporate */
  interestRate: InterestBasis;
  program: RefundProgramJson;
  entries: RefundEntryJson[];
  summary: RefundSummaryJson;
  rows: RowsJson;
  rejected: RejectedJson[];
  checks: CheckJson[];
  notes: string[];
}

/** The frame's tail (render/frame.ts): rows counted as every batch counts them, the first rejected rows. */
function refundFrame(
  t: RefundTotals,
  rejected: readonly RejectedJson[],
  notes: readonly string[],
): { rows: RowsJson; rejected: RejectedJson[]; checks: CheckJson[]; notes: string[] } {
  return { rows: { read: t.read, priced: t.read - t.rejected, rejected: t.rejected }, rejected: [...rejected], checks: [], notes: [...notes] };
}

// refund amounts are US dollars: the programs the schedule records are CBP's
const m = (c: number): number => Number(centsToPlain(c));

export function refundProgramJson(p: RefundProgram): RefundProgramJson {
  return {
    id: p.id,
    title: p.title,
    phase: p.phase,
    phaseFrom: p.phaseFrom,
    entryFrom: p.entryFrom,
    entryTo: p.entryTo,
    liquidatedWithinDays: p.liquidatedWithinDays,
    sources: p.sources,
    interest: p.interest
      ? {
          table: p.interest.table,
          basis: p.interest.basis,
          sources: p.interest.sources,
          quarters: p.interest.quarters.map((q) => ({
            from: q.from,
            to: q.to,
            corporate: q.corporate,
            nonCorporate: q.nonCorporate,
            ref: q.ref,
            sources: q.sources,
          })),
        }
      : null,
  };
}

export function refundEntryJson(e: RefundEntry): RefundEntryJson {
  return {
    line: e.line,
    entryNumber: e.entryNumber,
    id: e.id,
    date: e.date,
    origin: e.origin,
    hts: e.hts,
    status: e.status,
    reason: e.reason,
    ieepaDuty: m(e.ieepaDuty),
    lines: e.lines.map((l) => ({ ...l, base: m(l.base), amount: m(l.amount) })),
    otherDuty: m(e.otherDuty),
    paidDate: e.paidDate,
    interest: e.interest
      ? { amount: m(e.interest.amount), from: e.interest.from, to: e.interest.to, days: e.interest.days, periods: e.interest.periods.map((p) => ({ ...p })) }
      : null,
    liquidationDate: e.liquidationDate,
    liquidation: e.liquidation,
    declared: e.declared === null ? null : m(e.declared),
    difference: e.difference === null ? null : m(e.difference),
    flagged: e.flagged,
  };
}

export function refundSummaryJson(t: RefundTotals): RefundSummaryJson {
  return {
    entriesRead: t.read,
    reported: t.reported,
    rejected: t.rejected,
    refundable: t.refundable,
    ieepaDuty: m(t.total),
    interest: m(t.interest),
    ieepaDutyWithInterest: m(t.total + t.interest),
    byLayer: Object.fromEntries(Object.entries(t.byLayer).map(([k, v]) => [k, m(v)])),
    byMonth: Object.fromEntries(
      Object.entries(t.byMonth)
        .sort()
        .map(([k, v]) => [k, m(v)]),
    ),
    flagged: t.flagged,
  };
}

/**
 * The document of `--format json` in three parts, so that it streams: `head()`, then `entry()` for
 * each entry in order, then `tail()`. Joined, they are `JSON.stringify(document, null, 2)` and a
 * newline (test/unit/render/refund-json.test.ts checks it).
 */
export const refundJson = {
  head(schedule: Schedule, asOf: string, program: RefundProgram, interest: RefundInterestOptions = { refundDate: asOf, basis: 'corporate' }): string {
    const head = JSON.stringify(
      {
        schemaVersion: JSON_SCHEMA_VERSION,
        schedule: scheduleStamp(schedule),
        asOf,
        refundDate: interest.refundDate,
        interestRate: interest.basis,
        program: refundProgramJson(program),
      },
      null,
      2,
    );
    // the object without its closing "\n}", continued by the entries array
    return `${head.slice(0, -2)},\n  "entries": [`;
  },
  /** `n`: the entry's place, from 1 */
  entry(e: RefundEntry, n: number): string {
    return `${n > 1 ? ',' : ''}\n    ${JSON.stringify(refundEntryJson(e), null, 2).replaceAll('\n', '\n    ')}`;
  },
  tail(t: RefundTotals, rejected: readonly RejectedJson[] = [], notes: readonly string[] = []): string {
    const frame = JSON.stringify(refundFrame(t, rejected, notes), null, 2).slice(1, -2);
    return `${t.reported ? '\n  ' : ''}],\n  "summary": ${JSON.stringify(refundSummaryJson(t), null, 2).replaceAll('\n', '\n  ')},${frame}\n}\n`;
  },
};

/** The whole document at once (for a library caller; the command streams it with `refundJson`). */
export function refundDocument(
  schedule: Schedule,
  asOf: string,
  program: RefundProgram,
  entries: readonly RefundEntry[],
  totals: RefundTotals,
  rejected: readonly RejectedJson[] = [],
  interest: RefundInterestOptions = { refundDate: asOf, basis: 'corporate' },
  notes: readonly string[] = [],
): RefundDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(schedule),
    asOf,
    refundDate: interest.refundDate,
    interestRate: interest.basis,
    program: refundProgramJson(program),
    entries: entries.map(refundEntryJson),
    summary: refundSummaryJson(totals),
    ...refundFrame(totals, rejected, notes),
  };
}

/** The refund date and the rate basis of a run (they head the JSON document). */
export interface RefundInterestOptions {
  refundDate: string;
  basis: InterestBasis;
}

/** The claim CSV: the input columns, then the status and the amounts by layer. */
export const refundCsv = {
  header(inputHeader: readonly string[], program: RefundProgram, style: CsvStyle = DEFAULT_CSV_STYLE): string {
    return csvRecord(
      [
        ...inputHeader,
        'status',
        'ieepa_duty',
        // snake_case: the authority `ieepa-fentanyl` gives `ieepa_fentanyl` (was `ieepa_ieepa-fentanyl`)
        ...program.authorities.map((a) => snakeName(a.startsWith('ieepa-') ? a : `ieepa_${a}`)),
        'other_duty',
        'interest',
        'interest_from',
        'interest_to',
        'liquidation',
        'difference',
        'flagged',
        'reason',
      ],
      style,
    );
  },
  row(e: RefundEntry, inputHeader: readonly string[], program: RefundProgram, style: CsvStyle = DEFAULT_CSV_STYLE): string {
    const p = (c: number): string => centsToPlain(c);
    // a row as wide as the header is echoed as it is; a short or long one cut or padded to it
    const echo = e.fields.length === inputHeader.length ? e.fields : inputHeader.map((_, i) => e.fields[i] ?? '');
    // the figures are plain numbers (digits, a point, a leading minus) and the status, phase and
    // flag fixed words: csvRecord would leave each as it is. The dates and the reason go through it.
    let s = `${csvCells(echo, style)},${e.status},${p(e.ieepaDuty)}`;
    for (const a of program.authorities) s += `,${p(e.byAuthority[a] ?? 0)}`;
    s += `,${p(e.otherDuty)},${e.interest ? p(e.interest.amount) : ''},`;
    s += csvCells([e.interest?.from ?? '', e.interest?.to ?? ''], style);
    return `${s},${e.liquidation ?? ''},${e.difference === null ? '' : p(e.difference)},${e.flagged},${csvCells([e.reason], style)}\n`;
  },
};

/** The entries' grid: one row per entry, a column per refunded authority. */
function refundGrid(program: RefundProgram, rows: readonly RefundEntry[], c: ChalkInstance): string {
  return renderGrid({
    head: [
      'Line',
      'Entry',
      'Date',
      'Origin',
      'HTS',
      'Status',
      'IEEPA duty',
      ...program.authorities.map(authorityName),
      'Interest',
      'Liquidation',
      'Declared',
      'Δ',
    ].map((h) => c.bold(h)),
    rows: rows.map((e) => [
      String(e.line),
      e.entryNumber ?? e.id ?? '',
      e.date,
      e.origin,
      e.hts,
      e.status === 'refundable' ? c.green(e.status) : e.status,
      moneyText(e.ieepaDuty, 'USD'),
      ...program.authorities.map((a) => moneyText(e.byAuthority[a] ?? 0, 'USD')),
      e.interest ? moneyText(e.interest.amount, 'USD') : '',
      e.liquidation ?? '',
      e.declared === null ? '' : moneyText(e.declared, 'USD'),
      e.difference === null ? '' : e.flagged ? c.red(moneyText(e.difference, 'USD')) : moneyText(e.difference, 'USD'),
    ]),
    align: ['right', 'left', 'left', 'left', 'left', 'left', 'right', ...program.authorities.map(() => 'right' as const), 'right', 'left', 'right', 'right'],
  });
}

/** The table of the first `rows` entries, with the totals of every entry below it. */
export function refundTable(
  program: RefundProgram,
  rows: readonly RefundEntry[],
  t: RefundTotals,
  shown: number,
  c: ChalkInstance,
  interest: { basis: InterestBasis; end: string | null; notes: readonly string[] } = { basis: 'corporate', end: null, notes: [] },
): string {
  const grid = refundGrid(program, rows, c);
  const lines = [
    grid,
    ...(t.reported > rows.length
      ? [`… and ${t.reported - rows.length} more entries (the table shows the first ${shown}; --format csv or ndjson lists them all)`]
      : []),
    `${program.title} — ${program.phase} (from ${program.phaseFrom}); entry dates ${program.entryFrom} – ${addDays(program.entryTo, -1)}`,
    `entries read ${t.read}, reported ${t.reported}, rejected ${t.rejected}; refundable ${t.refundable}: IEEPA duty ${moneyText(t.total, 'USD')}`,
    interest.end === null
      ? 'interest: not estimated (the refund program has no interest table)'
      : `interest to ${interest.end} (${interest.basis} overpayment rate, compounded daily): ${moneyText(t.interest, 'USD')}; duty and interest ${moneyText(t.total + t.interest, 'USD')}`,
    ...interest.notes.map((n) => `note: ${n}`),
    `by layer: ${
      Object.entries(t.byLayer)
        .map(([k, v]) => `${authorityName(k)} ${moneyText(v, 'USD')}`)
        .join(', ') || '—'
    }`,
    `by month of entry: ${
      Object.entries(t.byMonth)
        .sort()
        .map(([k, v]) => `${k} ${moneyText(v, 'USD')}`)
        .join(', ') || '—'
    }`,
    'Estimates from the schedule, not a claim: actual refunds follow CBP liquidation records.',
  ];
  return `${lines.join('\n')}\n`;
}
