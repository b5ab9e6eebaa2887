/**
 * The HTS numbers to report on an entry summary line, in CBP's order, read from a priced
 * breakdown: each Chapter 99 number of the layers that applied (with its rate and duty), then the
 * line's own Chapter 1–97 number.
 *
 * CBP's order ("Entry Summary Order of Reporting for Multiple HTS", CSMS #18-000624 of
 * 20 Oct 2018, reissued as CSMS #18-000657 and CSMS #39587858, which later CSMS messages on
 * Chapter 99 reporting point back to):
 *   1. Chapter 98 (if applicable)
 *   2. Chapter 99 number(s) for additional duties
 *   3. trade remedies: first Section 301, then Section 232 or 201 duties, then their quota
 *   4. Chapter 99 number(s) for replacement duty or other use (MTB: 9902)
 *   5. Chapter 99 number for other quota
 *   6. Chapter 1 to 97 commodity tariff — last
 * With the IEEPA duties CBP placed them inside 3, after Section 301 and before Section 232/201:
 * "Trade remedies (301, IEEPA Fentanyl, IEEPA Reciprocal, Section 232/201)", the HTSUS reporting
 * sequence of CSMS #65829726 (5 Aug 2025, reciprocal tariffs from 7 Aug 2025) as C.H. Robinson's
 * client advisory of that day quotes it; a copy of CBP's updated order reads "first report the
 * Chapter 99 HTS for Section 301, followed by the Chapter 99 HTS for IEEPA (i.e., products of China
 * and Hong Kong), followed by the Chapter 99 HTS for Section 232 or 201 duties". (The CSMS texts
 * of 2025 were read in such copies, not on CBP's site.)
 *
 * What the messages do not name is placed by the tool, and said so here: other IEEPA duties (Brazil
 * 9903.01.77, India 9903.01.84) right after IEEPA reciprocal, in the IEEPA position; Chapter 99
 * duties that are not trade remedies (Section 122, Section 338) in 2, "additional duties". Within one
 * position the breakdown's order is kept; a number charged by two layers is listed once.
 */
import { formatHts } from './hts.js';
import type { Breakdown } from './types.js';

/** The positions of CBP's sequence, in order. */
export const REPORT_POSITIONS = [
  'chapter-98',
  'additional-duty',
  'section-301',
  'ieepa-fentanyl',
  'ieepa-reciprocal',
  'ieepa-other',
  'section-232-201',
  'replacement-duty',
  'commodity',
] as const;
export type ReportPosition = (typeof REPORT_POSITIONS)[number];

export interface ReportHts {
  /** the number to report: 8 or 10 digits of the line, or a Chapter 98/99 number; null when the
   * layer's reference names more than one number (which one depends on facts the schedule does not record) */
  hts: string | null;
  /** the layer's legal reference as the schedule has it ("9903.01.24", "9903.02.19 / 9903.02.20") */
  ref: string;
  position: ReportPosition;
  authority: string;
  /** the rate(s) charged under the number ("20%"; two layers on one number: "10% + 5%") */
  rate: string;
  /** the duty under the number, minor units */
  amount: number;
}

const ONE_NUMBER = /^(9[89]\d\d\.\d\d\.\d\d(?:\d\d)?)$/;
const ANY_NUMBER = /\b(9[89]\d\d\.\d\d\.\d\d)/;

/** Where a Chapter 98/99 layer goes in CBP's sequence. */
export function reportPosition(authority: string, number: string): ReportPosition {
  if (number.startsWith('98')) return 'chapter-98';
  if (number.startsWith('9902')) return 'replacement-duty';
  if (authority === 's301' || authority.startsWith('s301-')) return 'section-301';
  if (authority === 'ieepa-fentanyl') return 'ieepa-fentanyl';
  if (authority === 'ieepa-reciprocal') return 'ieepa-reciprocal';
  if (authority.startsWith('ieepa-')) return 'ieepa-other';
  if (authority === 's232' || authority === 's201') return 'section-232-201';
  return 'additional-duty';
}

/** What the order needs of a duty line: an `AppliedLine`, or the lighter record of a run without its trail. */
export interface ReportLine {
  readonly kind: string;
  readonly authority: string;
  readonly ref: string;
  readonly rateText: string;
  readonly amount: number;
}

/**
 * The numbers of a US breakdown in CBP's reporting order; null for another importer (the order is
 * CBP's). Fees, taxes and duties without a Chapter 98/99 number (a postal duty method) report none.
 * A breakdown priced without its audit trail (a CSV batch: `detail: false`) has no lines: its
 * `charged` duty lines are read instead.
 */
export function reportHts(b: Breakdown): ReportHts[] | null {
  return reportHtsOf(b.importer, b.hts, b.lines.length === 0 && b.charged !== undefined ? b.charged : b.lines);
}

/** The same from the importer, the line's own number and the duty lines charged, in the order charged. */
export function reportHtsOf(importer: string, hts: string, lines: readonly ReportLine[]): ReportHts[] | null {
  if (importer !== 'US') return null;
  const rank = (p: ReportPosition): number => REPORT_POSITIONS.indexOf(p);
  const out: ReportHts[] = [];
  const byNumber = new Map<string, ReportHts>();
  let mfn: ReportLine | undefined;
  for (const l of lines) {
    if (l.kind !== 'duty') continue;
    if (l.authority === 'mfn') {
      mfn ??= l;
      continue;
    }
    const ref = l.ref.trim();
    const any = ANY_NUMBER.exec(ref);
    if (!any) continue;
    const exact = ONE_NUMBER.exec(ref)?.[1] ?? null;
    const key = exact ?? ref;
    const seen = byNumber.get(key);
    if (seen) {
      seen.amount += l.amount;
      if (!seen.rate.split(' + ').includes(l.rateText)) seen.rate = `${seen.rate} + ${l.rateText}`;
      continue;
    }
    const r: ReportHts = {
      hts: exact,
      ref,
      position: reportPosition(l.authority, any[1] as string),
      authority: l.authority,
      rate: l.rateText,
      amount: l.amount,
    };
    byNumber.set(key, r);
    out.push(r);
  }
  // a stable sort: within one position the breakdown's order stays
  const ordered = out.map((r, i) => ({ r, i })).sort((a, z) => rank(a.r.position) - rank(z.r.position) || a.i - z.i);
  const commodity: ReportHts = {
    hts,
    ref: hts,
    position: 'commodity',
    authority: 'mfn',
    rate: mfn?.rateText ?? '',
    amount: mfn?.amount ?? 0,
  };
  return [...ordered.map((x) => x.r), commodity];
}

/**
 * The `report_hts` cell of a CSV row: each number in CBP's order, a space, the rate charged under
 * it; the numbers separated by ";" — `9903.01.24 20%;9903.01.25 10%;9503.00.0090 Free`. The line's
 * own number is written with its dots. A layer whose reference names more than one number (which
 * one depends on facts the schedule does not record) is written as the reference up to its first
 * space or " (" with the spaces taken out (`9903.81.87-.91`, `9903.05.38/9903.05.39`), so a cell
 * splits on ";" and then on its first space. No rate (exempt by value, no MFN line): the number
 * alone. Empty for another importer than the US.
 */
export function reportCell(items: readonly ReportHts[] | null): string {
  if (items === null) return '';
  let s = '';
  for (const r of items) {
    const n = r.position === 'commodity' ? formatHts((r.hts ?? r.ref).replace(/\./g, '')) : (r.hts ?? numberOfRef(r.ref));
    s += `${s === '' ? '' : ';'}${n}${r.rate === '' ? '' : ` ${r.rate}`}`;
  }
  return s;
}

/** "9903.81.87-.91 (as amended 4 Jun 2025)" → "9903.81.87-.91"; "9903.05.38 / 9903.05.39" → "9903.05.38/9903.05.39" */
function numberOfRef(ref: string): string {
  const cut = ref.indexOf(' (');
  return (cut < 0 ? ref : ref.slice(0, cut)).replace(/ /g, '');
}
