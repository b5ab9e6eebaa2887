/**
 * `tariff audit`: an entry summary line as filed, compared with the law of its entry date. Pure:
 * the line comes read (its Chapter 99 numbers, the duty paid in total and by number), the law
 * comes priced (the breakdown's duty and fees, and `reportHts` — the numbers CBP wants reported,
 * each with its rate and duty). Amounts are integer minor units; differences are paid − required
 * (negative: underpaid), exact to the cent.
 *
 * The statuses, in the order one is chosen as the line's `status` (`problems` lists all that apply):
 *   unpriceable  the line cannot be priced (an HTS number the schedule lacks, a prohibition ...):
 *                nothing else is judged; the reason is the engine's
 *   missing-99   a Chapter 98/99 number the law requires is not reported
 *   extra-99     a Chapter 98/99 number is reported that the law does not require
 *   underpaid    duty paid < duty required (by one cent or more)
 *   overpaid     duty paid > duty required
 *   ok           none of these (a line without a duty_paid amount is judged on its numbers only)
 * Fees are compared and shown, but set no status: the MPF's minimum and maximum apply per entry,
 * not per line, so a line's share of it is the filer's allocation.
 */
import { centsToPlain } from './decimal.js';
import type { ReportHts, ReportPosition } from './report-hts.js';

export const AUDIT_STATUSES = ['ok', 'underpaid', 'overpaid', 'missing-99', 'extra-99', 'unpriceable'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** the order in which a line's status is chosen among its problems (and an entry's among its lines') */
export const STATUS_ORDER: readonly AuditStatus[] = ['unpriceable', 'missing-99', 'extra-99', 'underpaid', 'overpaid', 'ok'];

/**
 * The engine's rejections that mean "the law cannot price this line" (unpriceable), as against a
 * row that cannot be read (a bad value, date, origin or HTS spelling: rejected, as calc does).
 */
export const UNPRICEABLE_CODES: ReadonlySet<string> = new Set([
  'hts-unknown',
  'hts-ambiguous',
  'hts-deleted',
  'mfn-not-modelled',
  'qty-required',
  'unit-mismatch',
  'fx-missing',
  'prohibited',
]);

/** A line as filed, read from its cells. */
export interface FiledLine {
  /** the Chapter 98/99 numbers reported, normalised (dddd.dd.dd), in the order given, each once */
  reported: string[];
  /** duty paid under each number (normalised; the line's own HTS number too), when the file gives per-number amounts */
  paidByNumber: ReadonlyMap<string, number> | null;
  /** the line's total duty paid as given (duty_paid); null: not given (the per-number amounts, if any, are added up) */
  dutyPaid: number | null;
  feesPaid: number | null;
}

/** One layer of the line: a required number (or a reported one the law does not require). */
export interface AuditLayer {
  /** the number (dddd.dd.dd), or the reference when it names several ("9903.02.19 / 9903.02.20") */
  number: string;
  position: ReportPosition | 'extra';
  authority: string;
  rate: string;
  required: number;
  /** paid under the number (per-number amounts only) */
  paid: number | null;
  difference: number | null;
  reported: boolean;
}

export interface AuditResult {
  status: AuditStatus;
  problems: AuditStatus[];
  /** in words: what is wrong, with the amounts; "" when ok */
  reason: string;
  /** the Chapter 98/99 numbers required, in CBP's order */
  required99: string[];
  reported99: string[];
  missing: string[];
  extra: string[];
  /** every required number, then the reported extras, then the line's own HTS number (MFN) */
  layers: AuditLayer[];
  dutyRequired: number | null;
  dutyPaid: number | null;
  /** paid − required; null when either is unknown */
  difference: number | null;
  feesRequired: number | null;
  feesPaid: number | null;
  feesDifference: number | null;
  notes: string[];
}

const CH99 = /^9[89]\d{6}(?:\d\d)?$/;

/**
 * A number as filed → dddd.dd.dd (its first 8 digits: Chapter 99 numbers have 8), or null when it
 * is not an HTS number of 8 or 10 digits. Dots and spaces inside are ignored ("9903.01.24",
 * "99030124", "9903.01.2400").
 */
export function normaliseNumber(text: string): string | null {
  const d = text.trim().replace(/[.\s]/g, '');
  if (!/^\d{8}(?:\d\d)?$/.test(d)) return null;
  return `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6, 8)}`;
}

/** Is it a Chapter 98 or 99 number (as filed)? */
export function isChapter99(text: string): boolean {
  return CH99.test(text.trim().replace(/[.\s]/g, ''));
}

/** The numbers of one cell: separated by spaces, `;`, `|` or `,` (a quoted CSV cell). */
export function splitNumbers(cell: string): string[] {
  return cell.split(/[\s;|,]+/).filter((s) => s !== '');
}

/** Every Chapter 98/99 number a reference names ("9903.02.19 / 9903.02.20" → both). */
function numbersOf(ref: string): string[] {
  return [...ref.matchAll(/\b(9[89]\d\d)\.(\d\d)\.(\d\d)/g)].map((m) => `${m[1]}.${m[2]}.${m[3]}`);
}

const money = (c: number): string => centsToPlain(Math.abs(c));

/**
 * Compares a priced line with the line as filed. `report` is `reportHts(breakdown)` (the
 * commodity last); `duty` and `fees` the breakdown's totals.
 */
export function auditLine(report: readonly ReportHts[], duty: number, fees: number, filed: FiledLine): AuditResult {
  const layers99 = report.filter((r) => r.position !== 'commodity');
  const { layers, missing, extra } = auditLayers(layers99, report[report.length - 1], filed);
  const sum = paidByNumberSum(filed);
  const dutyPaid = filed.dutyPaid ?? sum;
  const difference = dutyPaid === null ? null : dutyPaid - duty;
  const { problems, words } = findings(layers, missing, extra, difference, filed);
  const notes: string[] = [];
  if (sum !== null && filed.dutyPaid !== null) {
    if (sum !== filed.dutyPaid)
      notes.push(`the per-number amounts add to ${centsToPlain(sum)}, duty_paid is ${centsToPlain(filed.dutyPaid)}: duty_paid is compared`);
  }
  if (dutyPaid === null) notes.push('no duty paid given: the numbers are checked, not the amount');
  const status = STATUS_ORDER.find((s) => problems.includes(s)) ?? 'ok';
  return {
    status,
    problems,
    reason: words.join('; '),
    required99: layers99.map((_, i) => (layers[i] as AuditLayer).number),
    reported99: [...filed.reported],
    missing,
    extra,
    layers,
    dutyRequired: duty,
    dutyPaid,
    difference,
    feesRequired: fees,
    feesPaid: filed.feesPaid,
    feesDifference: filed.feesPaid === null ? null : filed.feesPaid - fees,
    notes,
  };
}

/** The layers of the audit in order: the required Chapter 98/99 numbers, the extra ones reported, the commodity. */
function auditLayers(
  layers99: readonly ReportHts[],
  commodity: ReportHts | undefined,
  filed: FiledLine,
): { layers: AuditLayer[]; missing: string[]; extra: string[] } {
  const reportedSet = new Set(filed.reported);
  const matched = new Set<string>();
  const layers: AuditLayer[] = [];
  const missing: string[] = [];
  const paidOf = (n: string): number | null => (filed.paidByNumber ? (filed.paidByNumber.get(n) ?? 0) : null);
  for (const r of layers99) {
    // a reference naming several numbers is satisfied by any one of them
    const candidates = r.hts !== null ? [normaliseNumber(r.hts) as string] : numbersOf(r.ref);
    const hit = candidates.find((n) => reportedSet.has(n));
    if (hit !== undefined) matched.add(hit);
    const number = hit ?? (r.hts !== null ? (candidates[0] as string) : r.ref);
    if (hit === undefined) missing.push(number);
    const paid = hit === undefined ? (filed.paidByNumber ? 0 : null) : paidOf(hit);
    layers.push({
      number,
      position: r.position,
      authority: r.authority,
      rate: r.rate,
      required: r.amount,
      paid,
      difference: paid === null ? null : paid - r.amount,
      reported: hit !== undefined,
    });
  }
  const extra = filed.reported.filter((n) => !matched.has(n));
  for (const n of extra) {
    const paid = paidOf(n);
    layers.push({ number: n, position: 'extra', authority: '', rate: '', required: 0, paid, difference: paid, reported: true });
  }
  if (commodity) {
    const n = normaliseNumber(commodity.hts ?? '') ?? commodity.ref;
    const paid = paidOf(n);
    layers.push({
      number: n,
      position: 'commodity',
      authority: commodity.authority,
      rate: commodity.rate,
      required: commodity.amount,
      paid,
      difference: paid === null ? null : paid - commodity.amount,
      reported: true,
    });
  }
  return { layers, missing, extra };
}

/** The per-number amounts added up; null when the file gives none. */
function paidByNumberSum(filed: FiledLine): number | null {
  if (!filed.paidByNumber) return null;
  let sum = 0;
  for (const v of filed.paidByNumber.values()) sum += v;
  return sum;
}

/** The line's problems and the words that explain them, in the order the reason gives them. */
function findings(
  layers: readonly AuditLayer[],
  missing: readonly string[],
  extra: readonly string[],
  difference: number | null,
  filed: FiledLine,
): { problems: AuditStatus[]; words: string[] } {
  const problems: AuditStatus[] = [];
  const words: string[] = [];
  if (missing.length) {
    problems.push('missing-99');
    const what = layers.filter((l) => !l.reported).map((l) => `${l.number} (${l.rate}, ${money(l.required)})`);
    words.push(`${missing.length === 1 ? 'required number' : 'required numbers'} not reported: ${what.join(', ')}`);
  }
  if (extra.length) {
    problems.push('extra-99');
    words.push(`reported but not required: ${extra.join(', ')}`);
  }
  if (difference !== null && difference < 0) {
    problems.push('underpaid');
    words.push(`underpaid ${money(difference)}`);
  }
  if (difference !== null && difference > 0) {
    problems.push('overpaid');
    words.push(`overpaid ${money(difference)}`);
  }
  // where per-number amounts are given, the layers paid at the wrong amount
  if (filed.paidByNumber && difference !== null && difference !== 0) {
    const off = layers.filter((l) => l.reported && l.difference !== null && l.difference !== 0);
    if (off.length)
      words.push(`by number: ${off.map((l) => `${l.number} ${(l.difference as number) < 0 ? '-' : '+'}${money(l.difference as number)}`).join(', ')}`);
  }
  return { problems, words };
}

/** One row of an entry line filed over several rows (one HTS number a row, as an ACE line report lists them). */
export interface LinePart {
  /** the row's own HTS number as filed (its hts cell, or the Chapter 1–97 one of its hts_N); "" when none */
  number: string;
  filed: FiledLine;
}

/**
 * The rows of one entry line (same entry number, same line number, one after another) as one
 * filed line: the Chapter 98/99 numbers of every row (a row's own number among them when it is
 * one), the duty paid added up — a row's `duty_paid` counted as paid under the row's own number
 * when the row gives no `duty_N` amounts — and the fees added up. Returns the index of the row
 * that carries the line's Chapter 1–97 number (its value, origin and date price the line), or
 * the reason the rows are not one line.
 */
export function mergeLineParts(parts: readonly LinePart[]): { filed: FiledLine; commodity: number } | string {
  const reported: string[] = [];
  const paid = new Map<string, number>();
  let perNumber = false;
  let dutyPaid: number | null = null;
  let feesPaid: number | null = null;
  let commodity = -1;
  for (const [i, p] of parts.entries()) {
    const f = p.filed;
    const own = p.number.trim() === '' ? null : normaliseNumber(p.number);
    if (own !== null && !isChapter99(p.number)) {
      if (commodity >= 0 && normaliseNumber((parts[commodity] as LinePart).number) !== own)
        return `two Chapter 1–97 numbers on one line (${(parts[commodity] as LinePart).number.trim()}, ${p.number.trim()}): give each its own line number`;
      if (commodity < 0) commodity = i;
    }
    for (const n of f.reported) if (!reported.includes(n)) reported.push(n);
    if (own !== null && isChapter99(p.number) && !reported.includes(own)) reported.push(own);
    if (f.paidByNumber) {
      perNumber = true;
      for (const [n, v] of f.paidByNumber) paid.set(n, (paid.get(n) ?? 0) + v);
    } else if (own !== null && f.dutyPaid !== null) {
      perNumber = true;
      paid.set(own, (paid.get(own) ?? 0) + f.dutyPaid);
    }
    if (f.dutyPaid !== null) dutyPaid = (dutyPaid ?? 0) + f.dutyPaid;
    if (f.feesPaid !== null) feesPaid = (feesPaid ?? 0) + f.feesPaid;
  }
  if (commodity < 0) return `none of its ${parts.length} rows has a Chapter 1–97 number: give the line's own HTS number on one of them`;
  return { filed: { reported, paidByNumber: perNumber ? paid : null, dutyPaid, feesPaid }, commodity };
}

/** A line the law cannot price: its reason, what was filed, nothing required. */
export function unpriceableLine(reason: string, filed: FiledLine): AuditResult {
  return {
    status: 'unpriceable',
    problems: ['unpriceable'],
    reason,
    required99: [],
    reported99: [...filed.reported],
    missing: [],
    extra: [],
    layers: [],
    dutyRequired: null,
    dutyPaid: filed.dutyPaid ?? (filed.paidByNumber ? [...filed.paidByNumber.values()].reduce((a, v) => a + v, 0) : null),
    difference: null,
    feesRequired: null,
    feesPaid: filed.feesPaid,
    feesDifference: null,
    notes: [],
  };
}

/** Totals of a group of lines (an entry, an importer, the run). */
export interface AuditTotals {
  lines: number;
  byStatus: Record<AuditStatus, number>;
  /** duty required on the priced lines */
  dutyRequired: number;
  /** duty paid on the priced lines that give it (an unpriceable line is counted, not summed) */
  dutyPaid: number;
  /** Σ of the lines' differences (lines priced and with duty paid) */
  difference: number;
  underpaid: number;
  overpaid: number;
  /** the worst status of its lines (STATUS_ORDER) */
  status: AuditStatus;
}

export function emptyAuditTotals(): AuditTotals {
  return {
    lines: 0,
    byStatus: { ok: 0, underpaid: 0, overpaid: 0, 'missing-99': 0, 'extra-99': 0, unpriceable: 0 },
    dutyRequired: 0,
    dutyPaid: 0,
    difference: 0,
    underpaid: 0,
    overpaid: 0,
    status: 'ok',
  };
}

export function addToAuditTotals(t: AuditTotals, r: AuditResult): void {
  t.lines++;
  t.byStatus[r.status]++;
  if (r.dutyRequired !== null) t.dutyRequired += r.dutyRequired;
  if (r.dutyPaid !== null && r.dutyRequired !== null) t.dutyPaid += r.dutyPaid;
  if (r.difference !== null) {
    t.difference += r.difference;
    if (r.difference < 0) t.underpaid -= r.difference;
    else t.overpaid += r.difference;
  }
  if (STATUS_ORDER.indexOf(r.status) < STATUS_ORDER.indexOf(t.status)) t.status = r.status;
}

/**
 * `--fail-on underpaid,missing-99`: the statuses that fail a run. A line fails when any of its
 * problems is one of them (not only its headline status).
 */
export function parseFailOn(text: string): AuditStatus[] | string {
  const out: AuditStatus[] = [];
  for (const part of text.split(',').map((s) => s.trim())) {
    if (part === '') continue;
    if (!(AUDIT_STATUSES as readonly string[]).includes(part) || part === 'ok') return part;
    if (!out.includes(part as AuditStatus)) out.push(part as AuditStatus);
  }
  return out;
}
