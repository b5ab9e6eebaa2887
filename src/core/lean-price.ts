/**
 * The arithmetic of `price` for the plans a batch meets most — every duty, fee and tax a plain
 * ad valorem rate (with its floor, cap or "15% inclusive of MFN" top-up) on the customs value or
 * on value plus duty — compiled once per plan, so that a row costs a few integer multiplications
 * and allocates nothing. A CSV row prints amounts, not the audit trail: no lines, formulas or
 * reasons are built.
 *
 * Whatever this does not compile (a content base, a specific rate, a duty in lieu of others up to
 * a value) stays with `price`, and so does a row it hands back (a value a de minimis exemption
 * covers, an amount beyond the exact range): the full path prices it and explains it. Same
 * rounding, same order, same notes as `price` — the differential test holds them byte-equal.
 */
import { divHalfUp, exactAmount, mulRound, pow10, ratioRound, type Dec, type Rounding } from './decimal.js';
import { assumedEntry, entryFor, type AssumedEntry } from './entry-type.js';
import type { Plan, PlannedMeasure } from './plan.js';
import { feeNotChargedNote, staleNote } from './price.js';
import type { EntryType, Importer } from './types.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

interface LeanLine {
  /** index into `LeanPlan.authorities` */
  slot: number;
  authority: string;
  adValorem: Dec | null;
  topUpTo: Dec | null;
  /** a specific amount per shipment (the informal-entry MPF), in minor units, rounded as `price` rounds it */
  fixed: number | null;
  min: number | undefined;
  max: number | undefined;
  /** the base is the customs value plus the duty so far (China's VAT) */
  onDuty: boolean;
  entryTypes: ReadonlySet<EntryType> | null;
  /** the ad valorem rate as numerator and 10^scale, for the inline half-up product; den 0: use mulRound */
  num: number;
  den: number;
  /** an MFN line: its amount is what a top-up counts */
  mfn: boolean;
}

export interface LeanPlan {
  readonly plan: Plan;
  readonly importer: Importer;
  readonly rounding: Rounding;
  readonly cif: boolean;
  readonly duties: readonly LeanLine[];
  readonly fees: readonly LeanLine[];
  readonly taxes: readonly LeanLine[];
  /** goods worth this or less are exempt by value (de minimis): nothing is collected; -1 = no such exemption */
  readonly exemptUpTo: number;
  /** the plan's duty authorities in the order `price` first sets them (its dutyByAuthority keys) */
  readonly authorities: readonly string[];
  /** a renderer's own layout of the plan's columns, kept with the plan (see CsvRows.leanRow) */
  columns?: object;
  /** the notes arrays of rows with notes of their own, by those notes: a row shares an earlier row's array */
  readonly noted: Noted[];
  lastNoted?: Noted;
  /** a batch's running sums of the plan's rows (see BatchTotals.addLean) */
  sums?: LeanSums;
  /** the entry-type rule on the law date of the plan's last row (with or without Chapter 99 duty) */
  entry?: { lawDate: string; chapter99: boolean; assumed: AssumedEntry | null };
  /** the fees of each entry type, once a row has asked for them */
  formal?: FeesFiled;
  informal?: FeesFiled;
}

interface Noted {
  extra: string[];
  notes: readonly string[];
}

/** where a batch chunk adds up a plan's rows: `owner` (the chunk's totals) tells whose they are now */
export interface LeanSums {
  owner: object | null;
  /** the currency's totals the sums go to (the batch's own type) */
  totals: object | null;
  /** rows, customs value, duty, fees, taxes, landed cost */
  readonly figures: Float64Array;
  readonly byAuthority: Float64Array;
  /** the plan's authorities are in the totals' map */
  listed: boolean;
}

interface FeesFiled {
  readonly lines: readonly LeanLine[];
  readonly uncharged: readonly string[];
}

/** What a lean row comes to: the figures of a Breakdown that a CSV row prints. */
export interface LeanResult {
  customsValue: number;
  goods: number;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  /** per `LeanPlan.authorities` */
  byAuthority: number[];
  /** exempt by value: no duty line was charged, not even at zero (no authority in the totals) */
  exempt: boolean;
  notes: readonly string[];
}

export function leanResult(): LeanResult {
  return { customsValue: 0, goods: 0, duty: 0, fees: 0, taxes: 0, landedCost: 0, byAuthority: [], exempt: false, notes: [] };
}

/** The plan compiled for lean pricing, or null when one of its lines needs the full path. */
export function compileLean(plan: Plan): LeanPlan | null {
  if (plan.overThreshold || plan.hasContentDuty) return null;
  const authorities: string[] = [];
  const line = (p: PlannedMeasure, duty: boolean): LeanLine | null => {
    const m = p.measure;
    const r = p.rate;
    if (typeof m.base === 'object' || p.partialBlockers.length) return null;
    // per unit of quantity, or beside an ad valorem part: the full path's exact compound sum
    let fixed: number | null = null;
    if (r.specific !== undefined) {
      if (r.specific.per !== 'shipment' || r.adValorem !== undefined || r.topUpTo !== undefined) return null;
      const a = r.specific.amount;
      fixed = ratioRound(BigInt(a.n) * 10n ** BigInt(plan.importer.minorDigits), 10n ** BigInt(a.s), plan.importer.rounding);
    } else if (r.topUpTo === undefined && r.adValorem === undefined) return null;
    // a top-up counts the MFN on its own base: lean only where that base is the customs value
    if (r.topUpTo !== undefined && m.base !== 'customs-value') return null;
    let slot = -1;
    if (duty) {
      slot = authorities.indexOf(m.authority);
      if (slot < 0) slot = authorities.push(m.authority) - 1;
    }
    const av = r.adValorem;
    const inline = av !== undefined && plan.importer.rounding === 'half-up' && fixed === null && r.topUpTo === undefined;
    return {
      slot,
      authority: m.authority,
      num: inline ? av.n : 0,
      den: inline ? pow10(av.s) : 0,
      mfn: m.authority === 'mfn',
      adValorem: r.adValorem ?? null,
      topUpTo: r.topUpTo ?? null,
      fixed,
      min: r.min,
      max: r.max,
      onDuty: m.base === 'customs-value+duty',
      entryTypes: m.entryTypes ?? null,
    };
  };
  const lines = (ps: readonly PlannedMeasure[], duty: boolean): LeanLine[] | null => {
    const out: LeanLine[] = [];
    for (const p of ps) {
      const l = line(p, duty);
      if (l === null) return null;
      out.push(l);
    }
    return out;
  };
  const duties = lines(plan.duties, true);
  const fees = lines(plan.fees, false);
  const taxes = lines(plan.taxes, false);
  if (duties === null || fees === null || taxes === null) return null;
  let exemptUpTo = -1;
  for (const e of plan.exemptions) if (e.measure.threshold !== null) exemptUpTo = Math.max(exemptUpTo, e.measure.threshold);
  return {
    plan,
    importer: plan.importer,
    rounding: plan.importer.rounding,
    cif: plan.importer.valuation === 'cif',
    duties,
    fees,
    taxes,
    exemptUpTo,
    authorities,
    noted: [],
  };
}

function amountOf(l: LeanLine, base: number, mfnDuty: number, rounding: Rounding): number {
  let a: number;
  const p = base * l.num;
  // mulRound's exact half-up path without its checks: base and rate are non-negative integers, p exact
  if (l.den !== 0 && p <= MAX_SAFE) a = divHalfUp(p, l.den);
  else if (l.fixed !== null) a = l.fixed;
  // as rateAmount: the top-up on the customs value counts the whole MFN duty
  else if (l.topUpTo !== null) a = Math.max(0, mulRound(base, l.topUpTo, rounding) - mfnDuty);
  else a = mulRound(base, l.adValorem as Dec, rounding);
  if (l.min !== undefined && a < l.min) a = l.min;
  else if (l.max !== undefined && a > l.max) a = l.max;
  return a;
}

/**
 * One row's figures into `out` (reused from row to row). False when the row must take the full
 * path instead; `out` is then unspecified.
 */
export function priceLean(lp: LeanPlan, goods: number, freight: number, insurance: number, lawDate: string, verifiedThrough: string, out: LeanResult): boolean {
  const rounding = lp.rounding;
  const customsValue = lp.cif ? goods + freight + insurance : goods;
  const by = out.byAuthority;
  for (let i = lp.authorities.length; i-- > 0; ) by[i] = 0;
  // as `price`: an exemption by value takes everything; the row's notes are the plan's and stale data
  const exempt = goods <= lp.exemptUpTo;
  let duty = 0;
  let mfnDuty = 0;
  let chapter99 = false;
  if (!exempt) {
    const duties = lp.duties;
    for (let i = 0; i < duties.length; i++) {
      const l = duties[i] as LeanLine;
      const a = amountOf(l, l.onDuty ? customsValue + duty : customsValue, mfnDuty, rounding);
      duty += a;
      by[l.slot] = (by[l.slot] as number) + a;
      if (l.mfn) mfnDuty += a;
      else if (a > 0) chapter99 = true;
    }
  }
  // the notes of `price`, in its order: the plan's, stale data, the entry type, fees not charged
  const extra = EXTRA;
  if (extra.length !== 0) extra.length = 0;
  if (lawDate > verifiedThrough) extra.push(staleNote(lawDate, verifiedThrough));
  let fees = 0;
  let taxes = 0;
  if (!exempt) {
    const r = leanFees(lp, customsValue, goods, duty, mfnDuty, chapter99, lawDate, extra);
    if (r === null) return false;
    fees = r;
    const tx = lp.taxes;
    for (let i = 0; i < tx.length; i++) {
      const l = tx[i] as LeanLine;
      taxes += amountOf(l, l.onDuty ? customsValue + duty : customsValue, mfnDuty, rounding);
    }
  }
  const landedCost = goods + freight + insurance + duty + fees + taxes;
  // every part is a non-negative integer no larger than the landed cost: checking it checks them all
  if (!exactAmount(landedCost) || duty < 0 || fees < 0 || taxes < 0) return false;
  out.customsValue = customsValue;
  out.goods = goods;
  out.duty = duty;
  out.fees = fees;
  out.taxes = taxes;
  out.landedCost = landedCost;
  out.exempt = exempt;
  out.notes = extra.length === 0 ? lp.plan.notes : notesOf(lp, extra);
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const EXTRA: string[] = [];
const NOTED_MAX = 16;

/** The plan's notes and the row's own, as one array shared by the rows with the same notes (so a renderer quotes them once). */
function notesOf(lp: LeanPlan, extra: readonly string[]): readonly string[] {
  // most rows with notes of their own have one, the entry type's
  if (extra.length === 1) {
    const last = lp.lastNoted;
    if (last !== undefined && last.extra[0] === extra[0] && last.extra.length === 1) return last.notes;
  }
  for (const n of lp.noted) {
    if (sameStrings(n.extra, extra)) {
      lp.lastNoted = n;
      return n.notes;
    }
  }
  const notes = [...lp.plan.notes, ...extra];
  if (lp.noted.length >= NOTED_MAX) lp.noted.shift();
  const n = { extra: [...extra], notes };
  lp.noted.push(n);
  lp.lastNoted = n;
  return notes;
}

/** The fees of the entry type the goods value gives (with its note), as `price` charges them; null: full path. */
function leanFees(
  lp: LeanPlan,
  customsValue: number,
  goods: number,
  duty: number,
  mfnDuty: number,
  chapter99: boolean,
  lawDate: string,
  notes: string[],
): number | null {
  // the rule's answers are the plan's on a law date: asked again only when the date or the Chapter 99 duty changes
  let e = lp.entry;
  if (e === undefined || e.lawDate !== lawDate || e.chapter99 !== chapter99) {
    lp.entry = e = { lawDate, chapter99, assumed: assumedEntry(lp.importer, chapter99, lawDate) };
  }
  const entry = entryFor(e.assumed, goods);
  if (!entry.ok) return null;
  if (entry.value.note) notes.push(entry.value.note);
  const filed: EntryType = entry.value.type ?? 'formal';
  const chosen = filed === 'formal' ? (lp.formal ??= feesFiled(lp, 'formal')) : (lp.informal ??= feesFiled(lp, 'informal'));
  let fees = 0;
  const lines = chosen.lines;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as LeanLine;
    fees += amountOf(l, l.onDuty ? customsValue + duty : customsValue, mfnDuty, lp.rounding);
  }
  for (const a of chosen.uncharged) notes.push(feeNotChargedNote(filed, a, lawDate));
  return fees;
}

/**
 * The fees charged on one entry type, and the authorities left with no fee for it at all (said
 * in a note, as `price` says it): the same for every row of the plan, so worked out once.
 */
function feesFiled(lp: LeanPlan, filed: EntryType): FeesFiled {
  const lines = lp.fees.filter((l) => !l.entryTypes || l.entryTypes.has(filed));
  const charged = new Set(lines.map((l) => l.authority));
  const uncharged = [...new Set(lp.fees.filter((l) => !lines.includes(l)).map((l) => l.authority))].filter((a) => !charged.has(a));
  return { lines, uncharged };
}
