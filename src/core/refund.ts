/**
 * The refund rules of a past entry: which duties a refund program gives back, whether the entry's
 * date falls in the program's window, where its liquidation stands against the program's phase,
 * and whether a declared amount disagrees with the computed one. The program (authorities,
 * windows, days) is data of the schedule; these functions only read it.
 */
import { addDays } from './dates.js';
import type { AppliedLine, NotApplied, RefundProgram } from './types.js';
import { authorityName } from './words.js';

export type RefundStatus = 'refundable' | 'outside-window' | 'no-ieepa';

/**
 * Where an entry's liquidation stands on the as-of date: not yet liquidated (no date, or a date
 * after as-of), liquidated within the program's days (or a program with no such limit), or after.
 */
export type LiquidationPhase = 'unliquidated' | 'in-phase' | 'outside-phase';

export interface RefundStatusOf {
  status: RefundStatus;
  /** why, in words: the window, or the layers that did not apply */
  reason: string;
  /** the refunded duty (minor units): the sum of the program's lines, whatever the status */
  ieepa: number;
}

/** What a refund reads of a duty line: a breakdown's line, or one of a run without the audit trail. */
export type RefundLine = Pick<AppliedLine, 'authority' | 'measure' | 'title' | 'ref' | 'rateText' | 'base' | 'amount'>;

/** What a refund reads of an entry priced on its date: a breakdown, or the same figures of a run without the trail. */
export interface RefundSubject<L extends RefundLine = RefundLine> {
  date: string;
  origin: string;
  hts: string;
  lines: readonly L[];
  notApplied: readonly Pick<NotApplied, 'authority' | 'reason'>[];
}

/** The duty lines of the authorities the program refunds, in the breakdown's order. */
export function refundedLines<L extends RefundLine>(b: Pick<RefundSubject<L>, 'lines'>, program: RefundProgram): L[] {
  return b.lines.filter((l) => program.authorities.includes(l.authority));
}

/** The refunded duty by authority (minor units), in the order the lines first name them. */
export function refundByAuthority(lines: readonly Pick<RefundLine, 'authority' | 'amount'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.authority] = (out[l.authority] ?? 0) + l.amount;
  return out;
}

/** the last day of each program's window (a date computed once, not per entry) */
const lastDays = new WeakMap<RefundProgram, string>();

function lastDayOf(program: RefundProgram): string {
  let last = lastDays.get(program);
  if (last === undefined) lastDays.set(program, (last = addDays(program.entryTo, -1)));
  return last;
}

/**
 * Whether an entry dated `date` falls in the program's window. The window is half-open,
 * [entryFrom, entryTo), as every window of the schedule.
 */
export function inRefundWindow(date: string, program: Pick<RefundProgram, 'entryFrom' | 'entryTo'>): boolean {
  return date >= program.entryFrom && date < program.entryTo;
}

/** The words of an entry's date against the window, which give its last day: "entered D, inside A – B". */
export function windowReason(date: string, program: RefundProgram, inside: boolean): string {
  return `entered ${date}, ${inside ? 'inside' : 'outside'} ${program.entryFrom} – ${lastDayOf(program)}`;
}

/** An entry's status from the law of its date and the program's window (`inRefundWindow`). */
export function refundStatus(b: RefundSubject, program: RefundProgram): RefundStatusOf {
  const lines = refundedLines(b, program);
  let ieepa = 0;
  for (const l of lines) ieepa += l.amount;
  if (!inRefundWindow(b.date, program)) return { status: 'outside-window', reason: windowReason(b.date, program, false), ieepa };
  if (ieepa === 0) {
    const why = b.notApplied.filter((n) => program.authorities.includes(n.authority)).map((n) => `${authorityName(n.authority)}: ${n.reason}`);
    const zero = lines.filter((l) => l.amount === 0).map((l) => `${authorityName(l.authority)}: ${l.title} (${l.ref}) at ${l.rateText}`);
    const reasons = [...zero, ...why];
    return {
      status: 'no-ieepa',
      reason: reasons.length ? reasons.join('; ') : `no IEEPA measure covers origin ${b.origin} for ${b.hts} in the schedule`,
      ieepa,
    };
  }
  return { status: 'refundable', reason: windowReason(b.date, program, true), ieepa };
}

/**
 * The liquidation phase on `asOf` of an entry liquidated on `liquidationDate` ('' = not yet). An
 * entry liquidated exactly `liquidatedWithinDays` days before as-of is still in the phase.
 */
export function liquidationPhase(liquidationDate: string, asOf: string, program: Pick<RefundProgram, 'liquidatedWithinDays'>): LiquidationPhase {
  if (liquidationDate === '' || liquidationDate > asOf) return 'unliquidated';
  if (program.liquidatedWithinDays === null) return 'in-phase';
  return phaseEnd(liquidationDate, program.liquidatedWithinDays) >= asOf ? 'in-phase' : 'outside-phase';
}

/** the last day of the phase of each liquidation date, per phase length (entries share few dates) */
const phaseEnds = new Map<number, Map<string, string>>();

function phaseEnd(liquidationDate: string, days: number): string {
  let ends = phaseEnds.get(days);
  if (ends === undefined) phaseEnds.set(days, (ends = new Map()));
  let end = ends.get(liquidationDate);
  if (end === undefined) {
    // bounded: a run with more distinct dates than this starts again (the dates are ~365 a year)
    if (ends.size > 100_000) ends.clear();
    ends.set(liquidationDate, (end = addDays(liquidationDate, days)));
  }
  return end;
}

/**
 * The computed refund minus the amount the importer declared paid (minor units), flagged when
 * they differ by more than one minor unit: a cent either way is rounding (per line against per
 * entry), more is a figure to look at.
 */
export function declaredDifference(computed: number, declared: number | null): { difference: number | null; flagged: boolean } {
  if (declared === null) return { difference: null, flagged: false };
  const difference = computed - declared;
  return { difference, flagged: Math.abs(difference) > 1 };
}

/** The totals of a refund run, amounts in minor units. */
export interface RefundTotals {
  read: number;
  reported: number;
  rejected: number;
  refundable: number;
  flagged: number;
  /** the refundable entries' refunded duty */
  total: number;
  /** the refundable entries' interest (each entry's rounded once) */
  interest: number;
  byLayer: Record<string, number>;
  /** by month of entry, "YYYY-MM" */
  byMonth: Record<string, number>;
}

export function emptyRefundTotals(): RefundTotals {
  return { read: 0, reported: 0, rejected: 0, refundable: 0, flagged: 0, total: 0, interest: 0, byLayer: {}, byMonth: {} };
}

/**
 * Counts a reported entry into the totals: every entry is reported and may be flagged; only a
 * refundable one adds its duty (by layer, and by the month it was entered in).
 */
export function addToRefundTotals(
  t: RefundTotals,
  e: {
    status: RefundStatus;
    flagged: boolean;
    ieepaDuty: number;
    byAuthority: Readonly<Record<string, number>>;
    date: string;
    interest?: { amount: number } | null;
  },
): void {
  t.reported++;
  if (e.flagged) t.flagged++;
  if (e.status !== 'refundable') return;
  t.refundable++;
  t.total += e.ieepaDuty;
  t.interest += e.interest?.amount ?? 0;
  for (const a in e.byAuthority) t.byLayer[a] = (t.byLayer[a] ?? 0) + (e.byAuthority[a] as number);
  const month = e.date.slice(0, 7);
  t.byMonth[month] = (t.byMonth[month] ?? 0) + e.ieepaDuty;
}
