/**
 * The columns of `tariff audit`: entry lines as filed. Names are matched as calc matches them
 * (case, spaces, underscores, hyphens, dots and `#` aside). What is read:
 *
 *   entry_number   entry, entry_no, entry_num                         the entry (totals per entry)
 *   line           line_number, line_no, entry_line                   the line within the entry
 *   entry_date     date, date_of_entry                                the law of that date applies
 *   hts            hts_number, htsus, tariff_number ...               the line's Chapter 1–97 number
 *   reported_99    chapter99, chapter_99, ch99, chapter99_numbers,    the Chapter 98/99 numbers
 *                  reported_chapter99, additional_hts                 reported (several in a cell,
 *                                                                     separated by space ; | or ,)
 *   hts_1 … hts_N  every HTS number of the line as filed, one a column: the Chapter 98/99 ones are
 *                  the numbers reported, the one in Chapters 1–97 is the line's (when there is no hts column)
 *   duty_1 … duty_N  (duty_paid_N, duty_amount_N) the duty paid under hts_N
 *   origin         country_of_origin, coo, origin_country
 *   value          entered_value, customs_value, entry_value ...
 *   duty_paid      duty, total_duty, duty_total, total_duty_paid      the line's duty paid, in total
 *   fees           fees_paid, fee, total_fees                         fees paid on the line (shown, not judged)
 *   importer       importer_of_record, ior, importer_name, importer_number   (totals per importer)
 * Any other column is ignored. `importer` here is the importer of record, not the importing
 * country of calc: the line is priced under US law.
 */
import { isChapter99, normaliseNumber, splitNumbers, type FiledLine } from '../core/audit.js';
import { issueText, parseMoneyField } from '../io/shipment-input.js';
import { normaliseName } from './columns.js';

const ENTRY = ['entrynumber', 'entry', 'entryno', 'entrynum'];
const LINE = ['line', 'linenumber', 'lineno', 'entryline', 'linenum'];
const REPORTED = ['reported99', 'chapter99', 'ch99', 'chapter99numbers', 'reportedchapter99', 'additionalhts', 'reported9903'];
const DUTY_PAID = ['dutypaid', 'duty', 'totalduty', 'dutytotal', 'totaldutypaid', 'dutypaidtotal'];
const FEES = ['fees', 'feespaid', 'fee', 'totalfees'];
const IMPORTER = ['importer', 'importerofrecord', 'ior', 'importername', 'importernumber'];
const HTS = ['hts', 'htscode', 'htsno', 'htsnumber', 'htsus', 'htsuscode', 'hscode', 'tariffnumber', 'tariffcode', 'tariffno'];

export interface AuditColumns {
  entry?: number;
  line?: number;
  hts?: number;
  reported: number[];
  /** hts_N → [N, column] */
  htsN: [number, number][];
  /** N → duty_N column */
  dutyN: Map<number, number>;
  dutyPaid?: number;
  fees?: number;
  importer?: number;
}

export function auditColumns(header: readonly string[]): AuditColumns {
  const norm = header.map((h) => normaliseName(h.replace(/^\uFEFF/, '')));
  const at = (names: readonly string[]): number | undefined => {
    const i = norm.findIndex((n) => names.includes(n));
    return i < 0 ? undefined : i;
  };
  const cols: AuditColumns = { reported: [], htsN: [], dutyN: new Map() };
  const entry = at(ENTRY);
  const line = at(LINE);
  const hts = at(HTS);
  const dutyPaid = at(DUTY_PAID);
  const fees = at(FEES);
  const importer = at(IMPORTER);
  if (entry !== undefined) cols.entry = entry;
  if (line !== undefined) cols.line = line;
  if (hts !== undefined) cols.hts = hts;
  if (dutyPaid !== undefined) cols.dutyPaid = dutyPaid;
  if (fees !== undefined) cols.fees = fees;
  if (importer !== undefined) cols.importer = importer;
  norm.forEach((n, i) => {
    if (REPORTED.includes(n)) cols.reported.push(i);
    const h = /^(?:hts|htsnumber|htsno|htscode)(\d{1,2})$/.exec(n);
    if (h) cols.htsN.push([Number(h[1]), i]);
    const d = /^(?:duty|dutypaid|dutyamount)(\d{1,2})$/.exec(n);
    if (d && !cols.dutyN.has(Number(d[1]))) cols.dutyN.set(Number(d[1]), i);
  });
  return cols;
}

/** What a row says, or the reason it cannot be read (with its column). */
export type ReadFiled = { ok: true; filed: FiledLine; commodity: string | null } | { ok: false; column: string; message: string };

/**
 * The filed line of a row: its reported numbers, the duty paid (total and by number), fees, and
 * the line's own HTS number as found among hts_N when there is no hts column (null: the hts
 * column is used).
 */
export function readFiled(cols: AuditColumns, header: readonly string[], fields: readonly string[]): ReadFiled {
  const row: RowCells = {
    cell: (i) => (i === undefined ? '' : (fields[i] ?? '').trim()),
    name: (i) => header[i] ?? `column ${i + 1}`,
  };
  const reported: string[] = [];
  const bad = readReported(cols, row, reported);
  if (bad) return bad;
  const byNumber = readHtsN(cols, row, reported);
  if (!byNumber.ok) return byNumber;
  const total = moneyCell(row, cols.dutyPaid);
  if (typeof total === 'string') return { ok: false, column: row.name(cols.dutyPaid as number), message: total };
  const fees = moneyCell(row, cols.fees);
  if (typeof fees === 'string') return { ok: false, column: row.name(cols.fees as number), message: fees };
  return {
    ok: true,
    commodity: byNumber.commodity,
    filed: { reported, paidByNumber: byNumber.perNumber ? byNumber.paid : null, dutyPaid: total, feesPaid: fees },
  };
}

/** A row's trimmed cells and its columns' names (for messages). */
interface RowCells {
  cell(i: number | undefined): string;
  name(i: number): string;
}

type Unreadable = Extract<ReadFiled, { ok: false }>;

/** `n` added to the reported numbers once (a number listed twice is reported once). */
function addReported(reported: string[], n: string): void {
  if (!reported.includes(n)) reported.push(n);
}

/** The numbers of the reported_99 columns, into `reported`; the first that is not a Chapter 98/99 number refuses the row. */
function readReported(cols: AuditColumns, row: RowCells, reported: string[]): Unreadable | null {
  for (const i of cols.reported) {
    for (const part of splitNumbers(row.cell(i))) {
      const n = normaliseNumber(part);
      if (n === null || !isChapter99(part))
        return {
          ok: false,
          column: row.name(i),
          message: `${row.name(i)} "${part}" is not a Chapter 98/99 number (9903.01.24 or 99030124) — list the line's own HTS number in hts, the Chapter 99 numbers here`,
        };
      addReported(reported, n);
    }
  }
  return null;
}

/**
 * The hts_N/duty_N pairs: Chapter 98/99 numbers into `reported`, the line's own number (when
 * there is no hts column), and the amounts paid under each number.
 */
function readHtsN(
  cols: AuditColumns,
  row: RowCells,
  reported: string[],
): { ok: true; commodity: string | null; paid: Map<string, number>; perNumber: boolean } | Unreadable {
  let commodity: string | null = null;
  const paid = new Map<string, number>();
  let perNumber = false;
  for (const [k, i] of cols.htsN) {
    const text = row.cell(i);
    const dutyCol = cols.dutyN.get(k);
    const dutyText = row.cell(dutyCol);
    if (text === '') {
      if (dutyText !== '')
        return {
          ok: false,
          column: row.name(dutyCol as number),
          message: `${row.name(dutyCol as number)} has an amount but ${row.name(i)} has no HTS number — give the number it was paid under`,
        };
      continue;
    }
    const n = normaliseNumber(text);
    if (n === null) return { ok: false, column: row.name(i), message: `${row.name(i)} "${text}" is not an HTS number of 8 or 10 digits` };
    if (isChapter99(text)) addReported(reported, n);
    else if (cols.hts === undefined) {
      if (commodity !== null && normaliseNumber(commodity) !== n)
        return {
          ok: false,
          column: row.name(i),
          message: `${row.name(i)} "${text}" is a second Chapter 1–97 number on the line (after ${commodity}) — one line has one; put each on its own line`,
        };
      commodity = text;
    }
    if (dutyText !== '') {
      const v = moneyCell(row, dutyCol);
      if (typeof v === 'string') return { ok: false, column: row.name(dutyCol as number), message: v };
      paid.set(n, (paid.get(n) ?? 0) + (v as number));
      perNumber = true;
    }
  }
  return { ok: true, commodity, paid, perNumber };
}

/**
 * An amount cell in cents: null when empty, the message when it is not an amount — read and
 * refused as every money cell is (`parseMoneyField`: its words, its hint, its maximum). Cents: an
 * audited entry is a US entry, paid in dollars.
 */
function moneyCell(row: RowCells, i: number | undefined): number | null | string {
  const t = row.cell(i);
  if (t === '') return null;
  const v = parseMoneyField(t, row.name(i as number), 2);
  return v.ok ? v.value : issueText(v.issue);
}
