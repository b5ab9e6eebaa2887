/**
 * `tariff refund` output: the JSON document (written as the entries come, byte for byte what
 * JSON.stringify of the whole document would give), NDJSON, the claim CSV and the table. The
 * entries come priced and classified; this only writes them.
 */
import type { ChalkInstance } from 'chalk';
import { addDays } from '../core/dates.js';
import { centsToPlain } from '../core/decimal.js';
import type { LiquidationPhase, RefundStatus, RefundTotals } from '../core/refund.js';
import type { RefundProgram, Schedule } from '../core/types.js';
import { authorityName, moneyText } from '../core/words.js';
import { csvEscape, csvLine, escapeFormula } from '../io/csv.js';
import { JSON_SCHEMA_VERSION, scheduleStamp, type ScheduleStamp } from './breakdown-json.js';
import { renderGrid } from './grid.js';
import { snake } from './batch-output.js';

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
  byLayer: Record<string, number>;
  byMonth: Record<string, number>;
  flagged: number;
}

export interface RefundDocument {
  schemaVersion: number;
  schedule: ScheduleStamp;
  asOf: string;
  program: RefundProgramJson;
  entries: RefundEntryJson[];
  summary: RefundSummaryJson;
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
  head(schedule: Schedule, asOf: string, program: RefundProgram): string {
    const head = JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, schedule: scheduleStamp(schedule), asOf, program: refundProgramJson(program) }, null, 2);
    // the object without its closing "\n}", continued by the entries array
    return `${head.slice(0, -2)},\n  "entries": [`;
  },
  /** `n`: the entry's place, from 1 */
  entry(e: RefundEntry, n: number): string {
    return `${n > 1 ? ',' : ''}\n    ${JSON.stringify(refundEntryJson(e), null, 2).replaceAll('\n', '\n    ')}`;
  },
  tail(t: RefundTotals): string {
    return `${t.reported ? '\n  ' : ''}],\n  "summary": ${JSON.stringify(refundSummaryJson(t), null, 2).replaceAll('\n', '\n  ')}\n}\n`;
  },
};

/** The whole document at once (for a library caller; the command streams it with `refundJson`). */
export function refundDocument(
  schedule: Schedule,
  asOf: string,
  program: RefundProgram,
  entries: readonly RefundEntry[],
  totals: RefundTotals,
): RefundDocument {
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    schedule: scheduleStamp(schedule),
    asOf,
    program: refundProgramJson(program),
    entries: entries.map(refundEntryJson),
    summary: refundSummaryJson(totals),
  };
}

/** The claim CSV: the input columns, then the status and the amounts by layer. */
export const refundCsv = {
  header(inputHeader: readonly string[], program: RefundProgram): string {
    return csvLine([
      ...inputHeader,
      'status',
      'ieepa_duty',
      // snake_case, without saying IEEPA twice: ieepa-fentanyl → ieepa_fentanyl
      ...program.authorities.map((a) => `ieepa_${snake(a.replace(/^ieepa-/, ''))}`),
      'other_duty',
      'liquidation',
      'difference',
      'flagged',
      'reason',
    ]);
  },
  row(e: RefundEntry, inputHeader: readonly string[], program: RefundProgram): string {
    const p = (c: number): string => centsToPlain(c);
    return `${inputHeader.map((_, i) => csvEscape(escapeFormula(e.fields[i] ?? ''))).join(',')},${csvLine([e.status, p(e.ieepaDuty), ...program.authorities.map((a) => p(e.byAuthority[a] ?? 0)), p(e.otherDuty), e.liquidation ?? '', e.difference === null ? '' : p(e.difference), String(e.flagged), e.reason])}`;
  },
};

/** The table of the first `rows` entries, with the totals of every entry below it. */
export function refundTable(program: RefundProgram, rows: readonly RefundEntry[], t: RefundTotals, shown: number, c: ChalkInstance): string {
  const grid = renderGrid({
    head: ['Line', 'Entry', 'Date', 'Origin', 'HTS', 'Status', 'IEEPA duty', ...program.authorities.map(authorityName), 'Liquidation', 'Declared', 'Δ'].map(
      (h) => c.bold(h),
    ),
    rows: rows.map((e) => [
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
    ...(t.reported > rows.length
      ? [`… and ${t.reported - rows.length} more entries (the table shows the first ${shown}; --format csv or ndjson lists them all)`]
      : []),
    `${program.title} — ${program.phase} (from ${program.phaseFrom}); entry dates ${program.entryFrom} – ${addDays(program.entryTo, -1)}`,
    `entries read ${t.read}, reported ${t.reported}, rejected ${t.rejected}; refundable ${t.refundable}: IEEPA duty ${moneyText(t.total, 'USD')}`,
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
