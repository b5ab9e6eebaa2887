/**
 * The kinds of rate the law uses, and everything a kind means in one place: its amount (one
 * rounding step), its formula and words, and its JSON. Each function switches over every kind
 * and ends in `never`, so a new kind is a compile error in each of them until it is handled —
 * never priced as something else by a path that did not know it.
 */
import { centsToNumber, decToString, divHalfUp, mulRound, percentString, pow10, ratioRound, type Dec, type Rounding } from './decimal.js';
import { moneyText, qtyText, unitAmount } from './words.js';

/** a specific amount per unit of quantity, in the importer's major unit ("per shipment": one unit per entry) */
export interface PerUnit {
  amount: Dec;
  per: string;
}

/** floor and cap of the amount, in minor units */
interface Bounds {
  min?: number;
  max?: number;
}

/** a fraction of the base (0.075 for 7.5%) */
export interface AdValoremRate extends Bounds {
  kind: 'ad-valorem';
  adValorem: Dec;
}
export interface SpecificRate extends Bounds {
  kind: 'specific';
  specific: PerUnit;
}
/** an ad valorem and a specific part, summed exactly and rounded once */
export interface CompoundRate extends Bounds {
  kind: 'compound';
  adValorem: Dec;
  specific: PerUnit;
}
/**
 * Two specific parts, each per its own unit, summed exactly and rounded once: the tariff's
 * "4.4¢/liter + 31.4¢/pf. liter" (2204.30.00), charged on the liters of the goods and on their
 * proof liters. The units differ; the shipment gives a quantity in each (qty/unit and qty2/unit2).
 */
export interface MultiSpecificRate extends Bounds {
  kind: 'multi-specific';
  specifics: readonly [PerUnit, PerUnit];
}
/**
 * A floor on the general duty: what brings the MFN duty up to this fraction of the base, nothing
 * where MFN is already there (the EU, Japan … "15% inclusive" arrangements).
 */
export interface TopUpRate extends Bounds {
  kind: 'top-up';
  topUpTo: Dec;
  /**
   * The floor counts the rate of column 1-General, not the rate applied (the EU, Swiss and
   * Liechtenstein headings' words): when a programme's special rate is claimed, `general` holds the
   * general rate the floor counts in place of the duty charged.
   */
  countsGeneral?: true;
  general?: Rate;
}

export type Rate = AdValoremRate | SpecificRate | CompoundRate | MultiSpecificRate | TopUpRate;
export type RateKind = Rate['kind'];

function unhandled(rate: never): never {
  throw new Error(`rate kind not handled: ${JSON.stringify(rate)}`);
}

/** The parts a schedule file writes (each optional) as the one kind they make; null when they make none. */
export function rateOf(parts: {
  adValorem?: Dec;
  specific?: PerUnit;
  specifics?: readonly PerUnit[];
  topUpTo?: Dec;
  countsGeneral?: true;
  min?: number;
  max?: number;
}): Rate | null {
  const bounds: Bounds = {};
  if (parts.min !== undefined) bounds.min = parts.min;
  if (parts.max !== undefined) bounds.max = parts.max;
  const { adValorem, specific, specifics, topUpTo } = parts;
  if (parts.countsGeneral && topUpTo === undefined) return null;
  if (specifics !== undefined) {
    // two specific parts alone, in two different units (an ad valorem or a third part beside them: none)
    const [a, b] = specifics;
    if (specifics.length !== 2 || a === undefined || b === undefined || a.per === b.per) return null;
    if (adValorem !== undefined || specific !== undefined || topUpTo !== undefined) return null;
    if (a.per === 'shipment' || b.per === 'shipment') return null;
    return { kind: 'multi-specific', specifics: [a, b], ...bounds };
  }
  if (topUpTo !== undefined) {
    if (adValorem !== undefined || specific !== undefined) return null;
    return { kind: 'top-up', topUpTo, ...(parts.countsGeneral ? { countsGeneral: true as const } : {}), ...bounds };
  }
  if (adValorem !== undefined && specific !== undefined) return { kind: 'compound', adValorem, specific, ...bounds };
  if (adValorem !== undefined) return { kind: 'ad-valorem', adValorem, ...bounds };
  if (specific !== undefined) return { kind: 'specific', specific, ...bounds };
  return null;
}

export function adValoremRate(adValorem: Dec): AdValoremRate {
  return { kind: 'ad-valorem', adValorem };
}

/**
 * The units of quantity the rate needs from the shipment, in the order of its parts (the first is
 * read into `AmountInput.qty`, the second into `qty2`); null when it needs none.
 */
export function unitsNeeded(rate: Rate): readonly [string] | readonly [string, string] | null {
  switch (rate.kind) {
    case 'ad-valorem':
      return null;
    case 'top-up':
      return rate.general ? unitsNeeded(rate.general) : null;
    case 'specific':
    case 'compound':
      return rate.specific.per === 'shipment' ? null : [rate.specific.per];
    case 'multi-specific':
      return [rate.specifics[0].per, rate.specifics[1].per];
    default:
      return unhandled(rate);
  }
}

/** The unit of quantity the rate needs (the first, for a rate of two specific parts); null when it needs none. */
export function unitNeeded(rate: Rate): string | null {
  return unitsNeeded(rate)?.[0] ?? null;
}

// ── the amount ────────────────────────────────────────────────────────────────────────────────

/**
 * A rate made ready for one importer (its rounding and minor digits): what can be worked out
 * before the first shipment is.
 */
export interface RateKernel {
  readonly rate: Rate;
  readonly rounding: Rounding;
  readonly minorDigits: number;
  /** ad valorem under half-up rounding: the rate as numerator and 10^scale for the inline product; den 0: none */
  readonly num: number;
  readonly den: number;
  /** a specific amount per shipment alone, in minor units; null otherwise */
  readonly fixed: number | null;
  /** the rate's floor and cap (none: -1 and +∞), on the kernel so that every kernel has one shape */
  readonly min: number;
  readonly max: number;
  /** a floor that counts the general rate (a special rate claimed): that rate made ready; null otherwise */
  readonly counted: RateKernel | null;
}

export function rateKernel(rate: Rate, rounding: Rounding, minorDigits: number): RateKernel {
  let num = 0;
  let den = 0;
  let fixed: number | null = null;
  switch (rate.kind) {
    case 'ad-valorem':
      if (rounding === 'half-up') {
        num = rate.adValorem.n;
        den = pow10(rate.adValorem.s);
      }
      break;
    case 'specific':
      if (rate.specific.per === 'shipment') {
        const a = rate.specific.amount;
        fixed = ratioRound(BigInt(a.n) * 10n ** BigInt(minorDigits), 10n ** BigInt(a.s), rounding);
      }
      break;
    case 'compound':
    case 'multi-specific':
    case 'top-up':
      break;
    default:
      unhandled(rate);
  }
  const counted = rate.kind === 'top-up' && rate.general ? rateKernel(rate.general, rounding, minorDigits) : null;
  return { rate, rounding, minorDigits, num, den, fixed, min: rate.min ?? -1, max: rate.max ?? Number.POSITIVE_INFINITY, counted };
}

/**
 * What one line is charged on: the base, the quantities in the units `unitsNeeded` names (found
 * and checked before: `qty` in the first, `qty2` in the second), the MFN already charged.
 */
export interface AmountInput {
  base: number;
  qty: Dec | undefined;
  /** the quantity in the second unit of a rate of two specific parts */
  qty2?: Dec | undefined;
  /** the MFN duty of the shipment and the value it was charged on (what a floor inclusive of MFN counts) */
  mfnDuty: number;
  mfnOn: number;
}

const ONE: Dec = { n: 1, s: 0 };

/** The quantity a specific part is charged on: one unit per shipment, else the shipment's. */
function qtyOf(spec: PerUnit, qty: Dec | undefined): Dec {
  return spec.per === 'shipment' ? ONE : (qty as Dec);
}

/** The MFN a floor counts on its base: all of it on the customs value, its share on part of it. */
function mfnOnBase(x: AmountInput, rounding: Rounding): number {
  return x.base === x.mfnOn || x.mfnOn === 0 ? x.mfnDuty : ratioRound(BigInt(x.mfnDuty) * BigInt(x.base), BigInt(x.mfnOn), rounding);
}

/** What a floor counts: the general rate on its base where a special rate replaced it, else the MFN charged. */
function countedByFloor(k: RateKernel, x: AmountInput): number {
  return k.counted !== null ? amountOf(k.counted, x) : mfnOnBase(x, k.rounding);
}

/** base × ad valorem + qty × amount × 10^minor, summed exactly, rounded once */
function compoundExact(base: number, adv: Dec | null, spec: PerUnit, qty: Dec, k: RateKernel): number {
  const sAdv = adv?.s ?? 0;
  const sSpec = qty.s + spec.amount.s;
  const S = Math.max(sAdv, sSpec);
  let num = BigInt(qty.n) * BigInt(spec.amount.n) * 10n ** BigInt(k.minorDigits) * 10n ** BigInt(S - sSpec);
  if (adv) num += BigInt(base) * BigInt(adv.n) * 10n ** BigInt(S - sAdv);
  return ratioRound(num, 10n ** BigInt(S), k.rounding);
}

/** qty × amount × 10^minor + qty2 × amount2 × 10^minor, summed exactly, rounded once */
function specificsExact(parts: MultiSpecificRate['specifics'], qty: Dec, qty2: Dec, k: RateKernel): number {
  const [a, b] = parts;
  const sA = qty.s + a.amount.s;
  const sB = qty2.s + b.amount.s;
  const S = Math.max(sA, sB);
  const minor = 10n ** BigInt(k.minorDigits);
  const num = BigInt(qty.n) * BigInt(a.amount.n) * minor * 10n ** BigInt(S - sA) + BigInt(qty2.n) * BigInt(b.amount.n) * minor * 10n ** BigInt(S - sB);
  return ratioRound(num, 10n ** BigInt(S), k.rounding);
}

/** The amount before the rate's floor and cap: the one rounding step of the line. */
export function exactAmount(k: RateKernel, x: AmountInput): number {
  // the common case first, without touching the rate (kernels have one shape, rates five)
  if (k.den !== 0) {
    const p = x.base * k.num;
    if (p <= Number.MAX_SAFE_INTEGER) return divHalfUp(p, k.den);
  }
  const rate = k.rate;
  switch (rate.kind) {
    case 'ad-valorem': {
      const p = x.base * k.num;
      // mulRound's exact half-up path without its checks: base and rate are non-negative integers, p exact
      if (k.den !== 0 && p <= Number.MAX_SAFE_INTEGER) return divHalfUp(p, k.den);
      return mulRound(x.base, rate.adValorem, k.rounding);
    }
    case 'specific':
      return k.fixed ?? compoundExact(x.base, null, rate.specific, qtyOf(rate.specific, x.qty), k);
    case 'compound':
      return compoundExact(x.base, rate.adValorem, rate.specific, qtyOf(rate.specific, x.qty), k);
    case 'multi-specific':
      return specificsExact(rate.specifics, x.qty as Dec, x.qty2 as Dec, k);
    case 'top-up':
      return Math.max(0, mulRound(x.base, rate.topUpTo, k.rounding) - countedByFloor(k, x));
    default:
      return unhandled(rate);
  }
}

/** The amount of the line: exact, then raised to the rate's floor or cut to its cap. */
export function amountOf(k: RateKernel, x: AmountInput): number {
  const exact = exactAmount(k, x);
  if (exact < k.min) return k.min;
  return Math.min(exact, k.max);
}

// ── words ─────────────────────────────────────────────────────────────────────────────────────

/** The parts of the rate in words, without its floor and cap ("7.5%", "$0.68/kg", "15% less MFN"). */
function partsText(rate: Rate, currency: string): string {
  switch (rate.kind) {
    case 'ad-valorem':
      return percentString(rate.adValorem);
    case 'specific':
      return `${unitAmount(rate.specific.amount, currency)}/${rate.specific.per}`;
    case 'compound':
      return `${percentString(rate.adValorem)} + ${unitAmount(rate.specific.amount, currency)}/${rate.specific.per}`;
    case 'multi-specific':
      return rate.specifics.map((p) => `${unitAmount(p.amount, currency)}/${p.per}`).join(' + ');
    case 'top-up':
      return `${percentString(rate.topUpTo)} less ${rate.general ? 'the general rate' : 'MFN'}`;
    default:
      return unhandled(rate);
  }
}

/** 0% ad valorem with no floor: what the tariff prints as "Free". */
export function isFree(rate: Rate): boolean {
  return rate.kind === 'ad-valorem' && rate.adValorem.n === 0 && rate.min === undefined;
}

/** A rate as the tariff's columns print it: "Free" for a zero rate, else its parts and bounds. */
export function tariffRateText(rate: Rate, currency: string, minorDigits = 2): string {
  return isFree(rate) ? 'Free' : rateText(rate, currency, minorDigits);
}

export function rateText(rate: Rate, currency: string, minorDigits = 2): string {
  let text = partsText(rate, currency);
  if (rate.min !== undefined) text += `, min ${moneyText(rate.min, currency, minorDigits)}`;
  if (rate.max !== undefined) text += `, max ${moneyText(rate.max, currency, minorDigits)}`;
  return text;
}

/** How the line's amount was worked out, in words: the formula and, where it bit, the floor or cap. */
export function formulaText(k: RateKernel, x: AmountInput, currency: string): string {
  const d = k.minorDigits;
  const money = (n: number): string => moneyText(n, currency, d);
  const rate = k.rate;
  let formula: string;
  switch (rate.kind) {
    case 'ad-valorem':
      formula = `${percentString(rate.adValorem)} × ${money(x.base)}`;
      break;
    case 'specific':
      formula = `${partsText(rate, currency)} × ${qtyText(qtyOf(rate.specific, x.qty), rate.specific.per)}`;
      break;
    case 'compound':
      formula = `${percentString(rate.adValorem)} × ${money(x.base)} + ${unitAmount(rate.specific.amount, currency)}/${rate.specific.per} × ${qtyText(qtyOf(rate.specific, x.qty), rate.specific.per)}`;
      break;
    case 'multi-specific': {
      const [a, b] = rate.specifics;
      formula = `${unitAmount(a.amount, currency)}/${a.per} × ${qtyText(x.qty as Dec, a.per)} + ${unitAmount(b.amount, currency)}/${b.per} × ${qtyText(x.qty2 as Dec, b.per)}`;
      break;
    }
    case 'top-up': {
      const floor = mulRound(x.base, rate.topUpTo, k.rounding);
      const counted = countedByFloor(k, x);
      const whole = x.base === x.mfnOn || x.mfnOn === 0;
      const what = rate.general
        ? `the general rate ${rateText(rate.general, currency, k.minorDigits)} (column 1-General)`
        : whole
          ? 'MFN'
          : `MFN on this value (${money(x.mfnDuty)} × ${money(x.base)} ÷ ${money(x.mfnOn)})`;
      formula = `${percentString(rate.topUpTo)} × ${money(x.base)} − ${what} ${money(counted)}${floor < counted ? ' (MFN is above the floor)' : ''}`;
      break;
    }
    default:
      return unhandled(rate);
  }
  const exact = exactAmount(k, x);
  if (rate.min !== undefined && exact < rate.min) return `${formula} = ${money(exact)}, raised to the minimum ${money(rate.min)}`;
  if (rate.max !== undefined && exact > rate.max) return `${formula} = ${money(exact)}, capped at the maximum ${money(rate.max)}`;
  return formula;
}

// ── JSON ──────────────────────────────────────────────────────────────────────────────────────

/** A rate in JSON: percentages as text ("7.5%"), specific amounts as exact decimal text, min/max as money. */
export interface RateJson {
  adValorem?: string;
  specific?: { amount: string; per: string };
  /** two specific parts, each per its own unit (summed, rounded once): in place of `specific` */
  specifics?: { amount: string; per: string }[];
  /** a floor inclusive of MFN: the duty brings MFN up to this percentage */
  topUpTo?: string;
  /** the floor counts the general rate (column 1-General), not a special rate claimed */
  countsGeneral?: true;
  min?: number;
  max?: number;
}

export function rateJson(rate: Rate, minorDigits: number): RateJson {
  const out: RateJson = {};
  switch (rate.kind) {
    case 'ad-valorem':
      out.adValorem = percentString(rate.adValorem);
      break;
    case 'specific':
      out.specific = { amount: decToString(rate.specific.amount), per: rate.specific.per };
      break;
    case 'compound':
      out.adValorem = percentString(rate.adValorem);
      out.specific = { amount: decToString(rate.specific.amount), per: rate.specific.per };
      break;
    case 'multi-specific':
      out.specifics = rate.specifics.map((p) => ({ amount: decToString(p.amount), per: p.per }));
      break;
    case 'top-up':
      out.topUpTo = percentString(rate.topUpTo);
      if (rate.countsGeneral) out.countsGeneral = true;
      break;
    default:
      unhandled(rate);
  }
  if (rate.min !== undefined) out.min = centsToNumber(rate.min, minorDigits);
  if (rate.max !== undefined) out.max = centsToNumber(rate.max, minorDigits);
  return out;
}
