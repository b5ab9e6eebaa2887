/**
 * `tariff audit` output. One record shape for every format: a `line` record per entry line, an
 * `entry` record when an entry's lines end (its totals), then an `importer` record per importer
 * of record and one `total` record. CSV through the one CSV writer (csvRecord: formula escaping);
 * JSON streamed (the records array as they come, the summary and the frame's tail at the end).
 */
import type { ChalkInstance } from 'chalk';
import { AUDIT_STATUSES, type AuditResult, type AuditStatus, type AuditTotals } from '../core/audit.js';
import { centsToPlain } from '../core/decimal.js';
import type { Schedule } from '../core/types.js';
import { moneyText } from '../core/words.js';
import { csvRecord, DEFAULT_CSV_STYLE, type CsvStyle } from '../io/csv.js';
import { JSON_SCHEMA_VERSION, scheduleStamp } from './breakdown-json.js';
import type { CheckJson, RejectedJson, RowsJson } from './frame.js';
import { renderGrid } from './grid.js';

/** One audited line. */
export interface AuditLine {
  /** the input line */
  line: number;
  entryNumber: string;
  entryLine: string;
  importer: string;
  date: string;
  hts: string;
  origin: string;
  /** entered value, minor units; null when unpriceable */
  value: number | null;
  result: AuditResult;
}

/** The totals of one group: an entry (key: the entry number), an importer, or the run. */
export interface AuditGroup {
  record: 'entry' | 'importer' | 'total';
  entryNumber: string;
  importer: string;
  totals: AuditTotals;
}

export const AUDIT_COLUMNS = [
  'record',
  'entry_number',
  'entry_line',
  'input_line',
  'importer',
  'entry_date',
  'hts',
  'origin',
  'entered_value',
  'status',
  'problems',
  'required_99',
  'reported_99',
  'missing_99',
  'extra_99',
  'duty_required',
  'duty_paid',
  'difference',
  'required_by_number',
  'paid_by_number',
  'fees_required',
  'fees_paid',
  'fees_difference',
  'lines',
  'reason',
];

const m = (c: number | null): string => (c === null ? '' : centsToPlain(c));
const byNumber = (r: AuditResult, paid: boolean): string =>
  r.layers
    .filter((l) => (paid ? l.paid !== null : l.position !== 'extra'))
    .map((l) => `${l.number}=${m(paid ? l.paid : l.required)}`)
    .join(';');

function lineCells(a: AuditLine): string[] {
  const r = a.result;
  return [
    'line',
    a.entryNumber,
    a.entryLine,
    String(a.line),
    a.importer,
    a.date,
    a.hts,
    a.origin,
    m(a.value),
    r.status,
    r.problems.join(';'),
    r.required99.join(' '),
    r.reported99.join(' '),
    r.missing.join(' '),
    r.extra.join(' '),
    m(r.dutyRequired),
    m(r.dutyPaid),
    m(r.difference),
    byNumber(r, false),
    byNumber(r, true),
    m(r.feesRequired),
    m(r.feesPaid),
    m(r.feesDifference),
    '1',
    [r.reason, ...r.notes].filter(Boolean).join('; '),
  ];
}

function groupCells(g: AuditGroup): string[] {
  const t = g.totals;
  const counts = AUDIT_STATUSES.filter((s) => t.byStatus[s] > 0).map((s) => `${s} ${t.byStatus[s]}`);
  return [
    g.record,
    g.entryNumber,
    '',
    '',
    g.importer,
    '',
    '',
    '',
    '',
    t.status,
    '',
    '',
    '',
    '',
    '',
    m(t.dutyRequired),
    m(t.dutyPaid),
    m(t.difference),
    '',
    '',
    '',
    '',
    '',
    String(t.lines),
    `${counts.join(', ')}; underpaid ${m(t.underpaid)}, overpaid ${m(t.overpaid)}`,
  ];
}

export const auditCsv = {
  header: (style: CsvStyle = DEFAULT_CSV_STYLE): string => csvRecord(AUDIT_COLUMNS, style),
  line: (a: AuditLine, style: CsvStyle = DEFAULT_CSV_STYLE): string => csvRecord(lineCells(a), style),
  group: (g: AuditGroup, style: CsvStyle = DEFAULT_CSV_STYLE): string => csvRecord(groupCells(g), style),
};

const num = (c: number | null): number | null => (c === null ? null : Number(centsToPlain(c)));

export function auditLineJson(a: AuditLine): Record<string, unknown> {
  const r = a.result;
  return {
    record: 'line',
    entryNumber: a.entryNumber || null,
    entryLine: a.entryLine || null,
    inputLine: a.line,
    importer: a.importer || null,
    entryDate: a.date,
    hts: a.hts,
    origin: a.origin,
    enteredValue: num(a.value),
    status: r.status,
    problems: r.problems,
    reason: r.reason,
    required99: r.required99,
    reported99: r.reported99,
    missing99: r.missing,
    extra99: r.extra,
    layers: r.layers.map((l) => ({
      number: l.number,
      position: l.position,
      authority: l.authority || null,
      rate: l.rate || null,
      required: num(l.required),
      paid: num(l.paid),
      difference: num(l.difference),
      reported: l.reported,
    })),
    dutyRequired: num(r.dutyRequired),
    dutyPaid: num(r.dutyPaid),
    difference: num(r.difference),
    feesRequired: num(r.feesRequired),
    feesPaid: num(r.feesPaid),
    feesDifference: num(r.feesDifference),
    notes: r.notes,
  };
}

export function auditGroupJson(g: AuditGroup): Record<string, unknown> {
  const t = g.totals;
  return {
    record: g.record,
    ...(g.record === 'entry' ? { entryNumber: g.entryNumber || null } : {}),
    ...(g.record !== 'total' ? { importer: g.importer || null } : {}),
    status: t.status,
    lines: t.lines,
    byStatus: t.byStatus,
    dutyRequired: num(t.dutyRequired),
    dutyPaid: num(t.dutyPaid),
    difference: num(t.difference),
    underpaid: num(t.underpaid),
    overpaid: num(t.overpaid),
  };
}

export const auditJson = {
  head(schedule: Schedule, failOn: readonly AuditStatus[]): string {
    const head = JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, schedule: scheduleStamp(schedule), failOn }, null, 2);
    return `${head.slice(0, -2)},\n  "records": [`;
  },
  record(rec: Record<string, unknown>, n: number): string {
    return `${n > 1 ? ',' : ''}\n    ${JSON.stringify(rec)}`;
  },
  tail(n: number, rows: RowsJson, rejected: readonly RejectedJson[], checks: readonly CheckJson[], notes: readonly string[]): string {
    const frame = JSON.stringify({ rows, rejected, checks, notes }, null, 2).slice(1, -2);
    return `${n ? '\n  ' : ''}],${frame}\n}\n`;
  },
};

/** The table: the first lines, then the entries, the importers and the total. */
export function auditTable(lines: readonly AuditLine[], groups: readonly AuditGroup[], total: AuditTotals, shownOf: number, c: ChalkInstance): string {
  const paint = (s: AuditStatus): string => (s === 'ok' ? c.green(s) : s === 'overpaid' ? c.yellow(s) : c.red(s));
  const out: string[] = [lineGrid(lines, paint)];
  const reasons = lines.filter((a) => a.result.reason !== '' || a.result.notes.length);
  if (reasons.length) {
    out.push('Findings:');
    for (const a of reasons)
      out.push(
        `  ${a.entryNumber || `input line ${a.line}`}${a.entryLine ? ` line ${a.entryLine}` : ''}: ${[a.result.reason, ...a.result.notes].filter(Boolean).join('; ')}`,
      );
  }
  if (shownOf > lines.length) out.push(`(the first ${lines.length} of ${shownOf} lines; --format csv, ndjson or json list them all)`);
  const entries = groups.filter((g) => g.record === 'entry');
  if (entries.length)
    out.push(
      '\nEntries',
      groupGrid('Entry', entries, (g) => g.entryNumber, paint),
    );
  const importers = groups.filter((g) => g.record === 'importer');
  if (importers.length)
    out.push(
      '\nImporters',
      groupGrid('Importer', importers, (g) => g.importer, paint),
    );
  out.push(`\n${totalText(total)}`);
  return `${out.join('\n')}\n`;
}

const usd = (v: number | null): string => (v === null ? '' : moneyText(v, 'USD'));

/** One row a line: its numbers missing and extra, duty required, paid and the difference. */
function lineGrid(lines: readonly AuditLine[], paint: (s: AuditStatus) => string): string {
  return renderGrid({
    head: ['Entry', 'Line', 'HTS', 'Origin', 'Date', 'Status', 'Missing 99', 'Extra 99', 'Required', 'Paid', 'Difference'],
    rows: lines.map((a) => [
      a.entryNumber,
      a.entryLine || `@${a.line}`,
      a.hts,
      a.origin,
      a.date,
      paint(a.result.status),
      a.result.missing.join(' '),
      a.result.extra.join(' '),
      usd(a.result.dutyRequired),
      usd(a.result.dutyPaid),
      usd(a.result.difference),
    ]),
    align: ['left', 'right', 'left', 'left', 'left', 'left', 'left', 'left', 'right', 'right', 'right'],
  });
}

/** The totals of each entry (or importer). */
function groupGrid(keyHead: string, rows: readonly AuditGroup[], key: (g: AuditGroup) => string, paint: (s: AuditStatus) => string): string {
  return renderGrid({
    head: [keyHead, 'Lines', 'Status', 'Required', 'Paid', 'Difference', 'Underpaid', 'Overpaid'],
    rows: rows.map((g) => [
      key(g) || '(none)',
      String(g.totals.lines),
      paint(g.totals.status),
      usd(g.totals.dutyRequired),
      usd(g.totals.dutyPaid),
      usd(g.totals.difference),
      usd(g.totals.underpaid),
      usd(g.totals.overpaid),
    ]),
    align: ['left', 'right', 'left', 'right', 'right', 'right', 'right', 'right'],
  });
}

/** "lines 6: ok 1, underpaid 1 …; required $… paid $… difference $…" */
export function totalText(t: AuditTotals): string {
  const counts = AUDIT_STATUSES.filter((s) => t.byStatus[s] > 0).map((s) => `${s} ${t.byStatus[s]}`);
  const usd = (v: number): string => moneyText(v, 'USD');
  return `lines ${t.lines}${counts.length ? `: ${counts.join(', ')}` : ''}; duty required ${usd(t.dutyRequired)}, paid ${usd(t.dutyPaid)}, difference ${usd(t.difference)} (underpaid ${usd(t.underpaid)}, overpaid ${usd(t.overpaid)})`;
}
