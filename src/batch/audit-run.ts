/**
 * The rows of `tariff audit`: entry lines as filed, each priced under the law of its entry date by
 * the batch pricer and compared (core/audit.ts) with what was reported and paid. Streamed: each
 * line is written as it is checked, an entry's totals when its lines end (lines of an entry come
 * together, as ACE lists them); only the importers' totals are kept (importers are few). Every row
 * is a line record, part of one, or a rejection (rows read = audited + folded + rejected): the
 * rows of one entry line filed one HTS number a row (same entry number and line number, one after
 * another) are audited as one line (core/audit.ts mergeLineParts). The command
 * (cli/actions/audit.ts) reads the flags and the schedule, calls runAudit once, and reports.
 */
import { eachRow } from './each-row.js';
import { mapColumns, pricedNeeds, requiredColumns, type ColumnMap, type Columns, type FieldDefaults, type Need } from './columns.js';
import { auditColumns, readFiled, type AuditColumns } from './audit-columns.js';
import { BatchPricer, raggedIssue } from './pricer.js';
import type { Row } from './row-source.js';
import type { BatchSink } from './sink.js';
import {
  addToAuditTotals,
  auditLine,
  mergeLineParts,
  emptyAuditTotals,
  UNPRICEABLE_CODES,
  unpriceableLine,
  type AuditResult,
  type AuditStatus,
  type AuditTotals,
  type FiledLine,
} from '../core/audit.js';
import type { Rejection } from '../core/batch-summary.js';
import { reportHts } from '../core/report-hts.js';
import type { MeasureIndex, ResolvedScenario, Schedule } from '../core/types.js';
import { parseMoneyField } from '../io/shipment-input.js';
import { auditCsv, auditGroupJson, auditJson, auditLineJson, auditTable, type AuditGroup, type AuditLine } from '../render/audit.js';
import { rejectsHeader, rejectsRow } from '../render/batch-output.js';
import { checksJson, RejectedList } from '../render/frame.js';
import { checkTotals } from './amount-range.js';
import { note, sayRejected, TABLE_ROWS, type RunContext } from './run-context.js';

/** the flags of an audit's input: the file, its format and delimiter, the origin of rows without one */
export interface AuditInput {
  input?: string;
  inputFormat?: 'csv' | 'ndjson';
  delimiter?: string;
  origin?: string;
}

/** what the command read of its flags and the schedule */
export interface AuditSettings {
  format: string;
  failOn: readonly AuditStatus[];
  columnMap: ColumnMap | undefined;
  schedule: Schedule;
  index: MeasureIndex;
  scenario: ResolvedScenario;
}

/** an audit's figures, for the command's summary and exit code */
export interface AuditSummary {
  name: string;
  read: number;
  rejected: number;
  /** rows audited as part of a line whose first row counts it */
  folded: number;
  total: AuditTotals;
  /** lines with a status of --fail-on, the failure's words (null without --fail-on) and its first examples */
  failing: number;
  failure: string | null;
  failExamples: readonly string[];
}

/** Reads, audits and writes every row, then the totals; commits the outputs (the caller aborts them on an error). */
export async function runAudit(opts: AuditInput, ctx: RunContext, sink: BatchSink, s: AuditSettings): Promise<AuditSummary> {
  const { format, failOn, columnMap, schedule, index, scenario } = s;
  const a = new AuditRun(opts, ctx, sink, format, failOn);
  await eachRow(
    opts.input ?? '-',
    (opts.inputFormat ?? 'csv') as 'csv' | 'ndjson',
    (h, inputName) => {
      const mapped = a.header(h, inputName, columnMap);
      a.pricer = new BatchPricer(index, scenario, mapped, a.defaults, { today: ctx.today, detail: true });
      sink.rejects?.append(rejectsHeader(h, ctx.csv?.escapeFormulas !== false));
      if (format === 'csv') sink.out.append(auditCsv.header(ctx.csv));
      else if (format === 'json') sink.out.append(auditJson.head(schedule, failOn));
    },
    (row) => a.onRow(row),
    () => sink.flush(),
    { flag: opts.delimiter as string | undefined, note: (m) => note(ctx, m), progress: (size) => sink.progress(size) },
  );
  a.flushLine();
  a.closeEntry();
  return a.finish();
}

/** A readable row waiting for the rest of its entry line (rows of a line come together). */
interface Part {
  row: Row;
  fields: readonly string[];
  f: Extract<ReturnType<typeof readFiled>, { ok: true }>;
}

/** One audit's state as the rows stream through: the open entry, the totals, the counts, what the table keeps. */
class AuditRun {
  readonly defaults: FieldDefaults;
  pricer: BatchPricer | null = null;
  private readonly style: RunContext['csv'];
  private readonly out: BatchSink['out'];
  private name = '';
  private inputHeader: string[] = [];
  private cols: AuditColumns = { reported: [], htsN: [], dutyN: new Map() };
  private priceCols: Columns | null = null;
  /** the header's own columns, for `raggedIssue` */
  private rowCols: Columns | null = null;
  private readonly total = emptyAuditTotals();
  private readonly importers = new Map<string, AuditTotals>();
  private entry: { number: string; importer: string; totals: AuditTotals } | null = null;
  private read = 0;
  private rejected = 0;
  private records = 0;
  private failing = 0;
  private readonly failExamples: string[] = [];
  private readonly kept = new RejectedList();
  private readonly tableLines: AuditLine[] = [];
  private readonly tableGroups: AuditGroup[] = [];
  private tableEntries = 0;
  private pending: { key: string; parts: Part[] } | null = null;
  /** rows audited as part of a line whose first row counts it (rows read = audited + folded + rejected) */
  private folded = 0;

  constructor(
    opts: { origin?: string },
    private readonly ctx: RunContext,
    private readonly sink: BatchSink,
    private readonly format: string,
    private readonly failOn: readonly AuditStatus[],
  ) {
    this.defaults = typeof opts.origin === 'string' ? { origin: opts.origin } : {};
    this.style = ctx.csv;
    this.out = sink.out;
  }

  /** The input's columns: the audit's own and those the pricer reads (returned); notes of what is missing. */
  header(h: string[], inputName: string, columnMap: ColumnMap | undefined): Columns {
    const { ctx } = this;
    this.name = inputName;
    this.inputHeader = h;
    const cols = auditColumns(h);
    this.cols = cols;
    // the line's own number: the hts column (or the one --columns names), else found among hts_N
    let mapped = mapColumns(h, columnMap);
    if (mapped.index.hts !== undefined) cols.hts = mapped.index.hts;
    else mapped = mapColumns([...h, 'hts'], columnMap);
    // `importer` is the importer of record here: every line is priced under US law
    delete mapped.index.importer;
    mapped.aliased = mapped.aliased.filter((x) => !x.endsWith('→ importer'));
    if (mapped.aliased.length) note(ctx, `${inputName}: columns read as: ${mapped.aliased.join(', ')}`);
    // the line's own number may come from hts_1 … hts_N instead; the date is the entry date
    const [hts, ...rest] = pricedNeeds(mapped, this.defaults);
    const needs = [
      { ...(hts as Need), or: 'hts_1 … hts_N', has: cols.hts !== undefined || cols.htsN.length > 0 },
      ...rest,
      { name: 'entry_date', field: 'date', has: mapped.index.date !== undefined },
    ];
    requiredColumns(inputName, h, needs, 'audit', 'see tariff audit --help');
    if (!cols.reported.length && !cols.htsN.length)
      note(
        ctx,
        `${inputName}: no reported_99 or hts_N column: a required Chapter 99 number is missing-99 unless the line lists it on a row of its own (one HTS number a row)`,
      );
    if (cols.dutyPaid === undefined && cols.dutyN.size === 0) note(ctx, `${inputName}: no duty_paid column: the amounts are not compared`);
    this.priceCols = mapped;
    // a row's width is the header's: without the hts column added for hts_N
    const own = { ...mapped.index };
    if (mapped.names.length > h.length) delete own.hts;
    this.rowCols = { ...mapped, names: h, index: own };
    return mapped;
  }

  onRow(row: Row) {
    this.read++;
    const header = this.inputHeader;
    if (row.error !== undefined) return this.reject(row, row.error, 'record-malformed');
    if (row.fields.length !== header.length) {
      // calc's rule and words (audit has no --allow-ragged): a short row only when the cells it lacks are optional
      const ragged = raggedIssue(this.rowCols as Columns, row.fields.length, this.defaults, undefined);
      if (ragged !== null) return this.reject(row, ragged, 'row-ragged');
    }
    const fields = row.fields.length < header.length ? [...row.fields, ...Array(header.length - row.fields.length).fill('')] : row.fields;
    const f = readFiled(this.cols, header, fields);
    if (!f.ok) return this.reject(row, f.message, 'row-invalid', f.column);
    // an entry line filed over several rows (one HTS number a row): its rows are audited as one line
    const { entry, line } = this.cols;
    const entryCell = entry === undefined ? '' : (fields[entry] ?? '').trim();
    const lineCell = line === undefined ? '' : (fields[line] ?? '').trim();
    const key = entryCell !== '' && lineCell !== '' ? `${entryCell}\u0000${lineCell}` : null;
    if (key !== null && this.pending !== null && this.pending.key === key) {
      this.pending.parts.push({ row, fields, f });
      return;
    }
    this.flushLine();
    if (key === null) this.auditRow(row, fields, f.filed, f.commodity, []);
    else this.pending = { key, parts: [{ row, fields, f }] };
  }

  /** The waiting line's rows, audited: one row as it is, several merged into one filed line. */
  flushLine() {
    const p = this.pending;
    this.pending = null;
    if (p === null) return;
    const { cols } = this;
    const only = p.parts[0] as Part;
    if (p.parts.length === 1) return this.auditRow(only.row, only.fields, only.f.filed, only.f.commodity, []);
    const own = (x: Part): string => (cols.hts === undefined ? (x.f.commodity ?? this.firstHtsN(x)) : (x.fields[cols.hts] ?? ''));
    const merged = mergeLineParts(p.parts.map((x) => ({ number: own(x), filed: x.f.filed })));
    const lines = p.parts.map((x) => x.row.line);
    const where = `entry ${(only.fields[cols.entry as number] ?? '').trim()} line ${(only.fields[cols.line as number] ?? '').trim()} (rows ${lines.join(', ')})`;
    if (typeof merged === 'string') {
      for (const x of p.parts)
        this.reject(x.row, `${where}: ${merged}`, 'row-invalid', cols.hts === undefined ? 'hts_N' : (this.inputHeader[cols.hts] ?? 'hts'));
      return;
    }
    const main = p.parts[merged.commodity] as Part;
    this.folded += p.parts.length - 1;
    this.auditRow(main.row, main.fields, merged.filed, cols.hts === undefined ? own(main) : null, [
      `one line filed over ${p.parts.length} rows (${lines.join(', ')}): their numbers and amounts taken together; value, origin and date from row ${main.row.line}`,
    ]);
  }

  /** A row's first hts_N number (a Chapter 99 one, when the row has no Chapter 1–97 number). */
  private firstHtsN(x: Part): string {
    for (const [, i] of [...this.cols.htsN].sort((a, b) => a[0] - b[0])) if ((x.fields[i] ?? '').trim() !== '') return x.fields[i] as string;
    return '';
  }

  private auditRow(row: Row, fields: readonly string[], filed: FiledLine, commodity: string | null, extraNotes: string[]) {
    const pc = this.priceCols as Columns;
    const dateAt = pc.index.date;
    if (dateAt === undefined || (fields[dateAt] ?? '').trim() === '')
      return this.reject(row, 'entry_date is required: the entry date decides which law applied', 'date-invalid', 'entry_date');
    // the pricer reads the line's own number from the last (added) column when it came from hts_N
    const priced = this.cols.hts === undefined ? [...fields, commodity ?? ''] : (fields as string[]);
    if (this.cols.hts === undefined && commodity === null)
      return this.reject(row, 'no Chapter 1–97 number on the line: give it in hts or one of the hts_N columns', 'row-invalid', 'hts');
    const r = (this.pricer as BatchPricer).priceRow({ line: row.line, fields: priced });
    const cell = (i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());
    if (!r.ok) {
      const code = r.rejection.code;
      if (!UNPRICEABLE_CODES.has(code)) return this.reject(row, r.rejection.message, code, r.rejection.column);
      const value = parseMoneyField(cell(pc.index.value), 'value');
      const result = unpriceableLine(r.rejection.message, filed);
      result.notes.push(...extraNotes);
      return this.emit(
        row,
        {
          date: cell(pc.index.date),
          hts: cell(pc.index.hts === undefined ? undefined : pc.index.hts) || (commodity ?? ''),
          origin: cell(pc.index.origin) || (this.defaults.origin ?? ''),
          value: value.ok ? value.value : null,
          result,
        },
        priced,
      );
    }
    const b = r.breakdown;
    const report = reportHts(b) ?? [];
    const result: AuditResult = auditLine(report, b.duty, b.fees, filed);
    result.notes.push(...extraNotes);
    this.emit(row, { date: b.date, hts: b.hts, origin: b.origin, value: b.customsValue, result }, priced);
  }

  /** An audited line: into its entry's, its importer's and the overall totals, counted against --fail-on, and written. */
  private emit(row: Row, a: Omit<AuditLine, 'line' | 'entryNumber' | 'entryLine' | 'importer'>, fields: readonly string[]): void {
    const { cols } = this;
    const cell = (i: number | undefined): string => (i === undefined ? '' : (fields[i] ?? '').trim());
    const line: AuditLine = { line: row.line, entryNumber: cell(cols.entry), entryLine: cell(cols.line), importer: cell(cols.importer), ...a };
    if (this.entry === null || this.entry.number !== line.entryNumber || line.entryNumber === '') {
      this.closeEntry();
      if (line.entryNumber !== '') this.entry = { number: line.entryNumber, importer: line.importer, totals: emptyAuditTotals() };
    }
    if (this.entry) addToAuditTotals(this.entry.totals, a.result);
    let imp = this.importers.get(line.importer);
    if (!imp) this.importers.set(line.importer, (imp = emptyAuditTotals()));
    addToAuditTotals(imp, a.result);
    addToAuditTotals(this.total, a.result);
    if (a.result.problems.some((p) => this.failOn.includes(p))) {
      this.failing++;
      if (this.failExamples.length < 10)
        this.failExamples.push(
          `${this.name}:${row.line}: ${line.entryNumber || 'line'}${line.entryLine ? ` line ${line.entryLine}` : ''}: ${a.result.problems.join(', ')}`,
        );
    }
    this.write(line);
  }

  private write(rec: AuditLine | AuditGroup): void {
    this.records++;
    const isLine = 'result' in rec;
    const { format, out, style } = this;
    if (format === 'csv') out.append(isLine ? auditCsv.line(rec, style) : auditCsv.group(rec, style));
    else if (format === 'ndjson') out.append(`${JSON.stringify(isLine ? auditLineJson(rec) : auditGroupJson(rec))}\n`);
    else if (format === 'json') out.append(auditJson.record(isLine ? auditLineJson(rec) : auditGroupJson(rec), this.records));
    else if (isLine) {
      if (this.tableLines.length < TABLE_ROWS) this.tableLines.push(rec);
    } else if (rec.record === 'importer' || this.tableEntries++ < TABLE_ROWS) this.tableGroups.push(rec);
  }

  closeEntry(): void {
    const e = this.entry;
    if (e) this.write({ record: 'entry', entryNumber: e.number, importer: e.importer, totals: e.totals });
    this.entry = null;
  }

  private reject(row: Row, message: string, code: string, column: string | null = null): void {
    this.rejected++;
    const rej: Rejection = { line: row.line, column, message, code, id: null, fields: row.fields };
    this.kept.add(rej);
    this.sink.rejects?.append(rejectsRow(rej, this.inputHeader.length, this.style?.escapeFormulas !== false));
    sayRejected(this.ctx, this.rejected, this.name, row.line, message);
  }

  /** The importers' and overall totals, the output's end, the outputs committed; what the command reports. */
  async finish(): Promise<AuditSummary> {
    const { ctx, format, failOn, total, failing, rejected, read, name } = this;
    for (const [imp, t] of this.importers) this.write({ record: 'importer', entryNumber: '', importer: imp, totals: t });
    this.write({ record: 'total', entryNumber: '', importer: '', totals: total });
    checkTotals(name, 'audit totals', {
      currency: 'USD',
      minorDigits: 2,
      amounts: [total.dutyRequired, total.dutyPaid, total.difference, total.underpaid, total.overpaid],
    });
    const failure = failOn.length ? `${failing} line${failing === 1 ? '' : 's'} with ${failOn.join(' or ')} (--fail-on)` : null;
    if (format === 'json') {
      const checks = failOn.length ? checksJson([['--fail-on', failOn.join(','), failOn.length]], failing ? [`--fail-on: ${failure}`] : []) : [];
      this.out.append(auditJson.tail(this.records, { read, priced: total.lines, rejected }, this.kept.list, checks, []));
    } else if (format === 'table') this.out.append(auditTable(this.tableLines, this.tableGroups, total, total.lines, ctx.c));
    await this.sink.commit();
    return { name, read, rejected, folded: this.folded, total, failing, failure, failExamples: this.failExamples };
  }
}
