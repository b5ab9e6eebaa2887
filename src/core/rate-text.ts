/**
 * Rate texts as the US tariff prints them → schedule rates, exactly (as text: "6.8¢" becomes
 * "0.068" dollars without passing through a float). Used by the HTS import, the data build and
 * the `--mfn` flag; it loads nothing else, so that a calc does not pay for the import's schemas.
 *
 *   Free | 2.5% | 6.8¢/kg | 0.9¢ each | $1.35/doz. | 37.5¢/kg + 2.9% | $1.35/doz. + 12.3%
 *   4.4¢/liter + 31.4¢/pf. liter (two specific parts in two units, nothing else beside them)
 *
 * A text that is not one of these shapes is reported, never guessed.
 */
/** A rate in the words of a schedule file: percentages and amounts as exact decimal text. */
import { divHalfUp, parseDec, parsePercent, pow10, type Dec } from './decimal.js';
import { rateOf, type Rate } from './rate-kinds.js';

export interface RateText {
  adValorem?: string;
  specific?: { amount: string; per: string };
  /** two specific parts in two different units ("4.4¢/liter + 31.4¢/pf. liter"): in place of `specific` */
  specifics?: { amount: string; per: string }[];
  topUpTo?: string;
  /** the floor counts the rate of column 1-General, whatever special rate is claimed */
  topUpCounts?: 'general';
  min?: string;
  max?: string;
}

export type ParsedRate = { ok: true; rate: RateText | null } | { ok: false; message: string };

/**
 * Units as printed in HTS rate texts (lower-cased, spaces collapsed) → the unit the schedule
 * charges per. A unit not listed is reported, not guessed: "kg on drained weight" or "clean kg"
 * measure a different quantity from plain kilograms.
 */
export const UNIT_ALIASES: Readonly<Record<string, string>> = {
  kg: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  g: 'g',
  gram: 'g',
  grams: 'g',
  t: 't',
  'metric ton': 't',
  'metric tons': 't',
  'doz.': 'doz',
  doz: 'doz',
  dozen: 'doz',
  'no.': 'item',
  no: 'item',
  each: 'item',
  item: 'item',
  items: 'item',
  pc: 'item',
  'pc.': 'item',
  pcs: 'item',
  'pcs.': 'item',
  piece: 'item',
  pieces: 'item',
  head: 'item',
  'pr.': 'pair',
  pr: 'pair',
  'prs.': 'pair',
  prs: 'pair',
  pair: 'pair',
  pairs: 'pair',
  'doz. pr.': 'doz.pair',
  'doz. prs.': 'doz.pair',
  'doz. pairs': 'doz.pair',
  'dozen pairs': 'doz.pair',
  gross: 'gross',
  liter: 'liter',
  liters: 'liter',
  litre: 'liter',
  litres: 'liter',
  l: 'liter',
  'pf. liter': 'pf.liter',
  'pf. liters': 'pf.liter',
  'pf.liters': 'pf.liter',
  'proof liter': 'pf.liter',
  'proof liters': 'pf.liter',
  m: 'm',
  meter: 'm',
  meters: 'm',
  m2: 'm2',
  'm²': 'm2',
  'sq. m': 'm2',
  'square meter': 'm2',
  'square meters': 'm2',
  m3: 'm3',
  'm³': 'm3',
  'cubic meter': 'm3',
  'cubic meters': 'm3',
  '1000': 'thousand',
  '1,000': 'thousand',
  thousand: 'thousand',
  thousands: 'thousand',
  bbl: 'bbl',
  barrel: 'bbl',
  barrels: 'bbl',
  carat: 'carat',
  carats: 'carat',
};

const CANONICAL_UNITS = new Set(Object.values(UNIT_ALIASES));
const KNOWN_UNITS = [...CANONICAL_UNITS].sort().join(', ');
/**
 * A unit as the tariff prints it (or a user writes it: "pf.liters", "kilograms", "No.") → the schedule's
 * unit; a unit's own schedule name stands for itself (rum: "23.7¢/pf.liter"). Lower case, spaces single.
 */
export const unitOf = (text: string): string | undefined =>
  Object.hasOwn(UNIT_ALIASES, text) ? UNIT_ALIASES[text] : CANONICAL_UNITS.has(text) ? text : undefined;
const NUMBER = /^(\d+)(?:\.(\d+))?$/;
const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
// "6.8¢/kg", and "0.9¢ each" (per item, as the tariff prints it for live poultry, watches …)
const CENTS = /^(\d+(?:\.\d+)?)\s*¢\s*(?:\/\s*(\S.*)|(each))$/;
const DOLLARS = /^\$\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\S.*)|(each))$/;
/** the schema's limits: percent ≤ 4 integer digits, amounts ≤ 13; both ≤ 8 decimals */
const MAX_DECIMALS = 8;

/**
 * An unsigned decimal text divided by 10^shift, as a canonical decimal string ("6.8", 2 → "0.068").
 * Pure string arithmetic: exact for any number of digits.
 */
function shiftDecimal(text: string, shift: number): { value: string; decimals: number; intDigits: number } | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const int = m[1] ?? '';
  const frac = m[2] ?? '';
  let digits = (int + frac).replace(/^0+/, '');
  let scale = frac.length + shift;
  if (digits === '') return { value: '0', decimals: 0, intDigits: 1 };
  while (scale > 0 && digits.endsWith('0')) {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (scale <= 0) return { value: digits + '0'.repeat(-scale), decimals: 0, intDigits: digits.length - scale };
  const padded = digits.padStart(scale + 1, '0');
  const intPart = padded.slice(0, -scale);
  return { value: `${intPart}.${padded.slice(-scale)}`, decimals: scale, intDigits: intPart.length };
}

type Component = { kind: 'free' } | { kind: 'percent'; value: string } | { kind: 'specific'; amount: string; per: string };

function parseComponent(part: string, whole: string): { ok: true; c: Component } | { ok: false; message: string } {
  if (/^free$/i.test(part)) return { ok: true, c: { kind: 'free' } };
  const pct = PERCENT.exec(part);
  if (pct) {
    const v = shiftDecimal(pct[1] ?? '', 0);
    if (!v || v.decimals > MAX_DECIMALS || v.intDigits > 4)
      return { ok: false, message: `percent "${part}" is out of range (at most 4 digits and 8 decimals)` };
    return { ok: true, c: { kind: 'percent', value: `${v.value}%` } };
  }
  const cents = CENTS.exec(part);
  const dollars = cents ? undefined : DOLLARS.exec(part);
  const spec = cents ?? dollars;
  if (spec) {
    const v = shiftDecimal(spec[1] ?? '', cents ? 2 : 0);
    if (!v || v.decimals > MAX_DECIMALS || v.intDigits > 13) {
      return { ok: false, message: `amount "${part}" is out of range (at most 8 decimal places of a dollar)` };
    }
    const unitText = (spec[2] ?? spec[3] ?? '').trim().replace(/\s+/g, ' ');
    const per = unitOf(unitText.toLowerCase());
    if (per === undefined) {
      return { ok: false, message: `unknown unit "${unitText}" in "${whole}" (known units: ${KNOWN_UNITS})` };
    }
    return { ok: true, c: { kind: 'specific', amount: v.value, per } };
  }
  return { ok: false, message: `cannot parse the rate text "${whole}"` };
}

/**
 * The general (MFN) rate text of one row → a schedule rate. `rate: null` when the row has no rate
 * (an empty cell: a heading, or a 10-digit line that inherits its parent's rate).
 */
export function parseGeneralRate(text: string): ParsedRate {
  const t = text.replace(/[\s\u00a0]+/g, ' ').trim();
  if (t === '') return { ok: true, rate: null };
  const parts = t.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return { ok: false, message: `cannot parse the rate text "${t}"` };
  let adValorem: string | undefined;
  const specifics: { amount: string; per: string }[] = [];
  for (const part of parts) {
    const r = parseComponent(part, t);
    if (!r.ok) return r;
    const c = r.c;
    if (c.kind === 'free') {
      if (parts.length > 1) return { ok: false, message: `"Free" combined with another rate in "${t}"` };
      return { ok: true, rate: { adValorem: '0%' } };
    }
    if (c.kind === 'percent') {
      if (adValorem !== undefined) return { ok: false, message: `two ad valorem parts in "${t}"` };
      adValorem = c.value;
    } else {
      if (specifics.some((s) => s.per === c.per)) return { ok: false, message: `two specific parts per ${c.per} in "${t}"` };
      specifics.push({ amount: c.amount, per: c.per });
    }
  }
  const rate: RateText = {};
  const [specific, second] = specifics;
  if (second !== undefined) {
    // two units (liters and proof liters): a rate of their own, with nothing else beside them
    if (specifics.length > 2) return { ok: false, message: `${specifics.length} specific parts in "${t}": a schedule rate has at most two` };
    if (adValorem !== undefined) return { ok: false, message: `two specific parts and an ad valorem part in "${t}": a schedule rate has not both` };
    rate.specifics = specifics;
    return { ok: true, rate };
  }
  if (specific) rate.specific = specific;
  if (adValorem !== undefined) rate.adValorem = adValorem;
  return { ok: true, rate };
}

export function decOf(text: string): Dec {
  const d = parseDec(text);
  if (!d) throw new Error(`not a decimal: ${text}`);
  return d;
}

function percent(text: string): Dec {
  const p = parsePercent(text);
  if (!p) throw new Error(`not a percent: ${text}`);
  return p;
}

/**
 * An amount of a schedule in minor units. A schedule's thresholds, floors and caps are validated to
 * the currency's decimals (schedule/load.ts amountProblems), so for them this is exact; the half-up
 * step is for amounts no schedule check has seen.
 */
export function minorUnits(text: string, minorDigits: number): number {
  const d = decOf(text);
  if (d.s <= minorDigits) return d.n * pow10(minorDigits - d.s);
  return divHalfUp(d.n, pow10(d.s - minorDigits));
}

/** A rate in words (validated: a schedule file by its schema, a flag by parseGeneralRate) as the kind it makes. */
export function rateFromText(t: RateText, minorDigits = 2): Rate {
  const r = rateOf({
    ...(t.adValorem !== undefined ? { adValorem: percent(t.adValorem) } : {}),
    ...(t.specific ? { specific: { amount: decOf(t.specific.amount), per: t.specific.per } } : {}),
    ...(t.specifics ? { specifics: t.specifics.map((p) => ({ amount: decOf(p.amount), per: p.per })) } : {}),
    ...(t.topUpTo !== undefined ? { topUpTo: percent(t.topUpTo) } : {}),
    ...(t.topUpCounts === 'general' ? { countsGeneral: true as const } : {}),
    ...(t.min !== undefined ? { min: minorUnits(t.min, minorDigits) } : {}),
    ...(t.max !== undefined ? { max: minorUnits(t.max, minorDigits) } : {}),
  });
  // the schema and the parser let through only the combinations that make a kind
  if (r === null) throw new Error(`not a rate: ${JSON.stringify(t)}`);
  return r;
}

/** A programme code of general note 3(c)(i) as the special column prints it ("KR", "A+", "E*"). */
export const PROGRAMME_CODE = /^[A-Z]{1,2}[*+]?$/;

/** One "RATE (CODES)" group of the special column: a rate this tool computes, or the printed text. */
export interface SpecialGroupText {
  codes: string[];
  rate?: RateText;
  /** the rate as printed when it is not one this tool computes ("See 9822.04.01-9822.04.03") */
  text?: string;
}

export interface ParsedSpecial {
  groups: SpecialGroupText[];
  /** parts of the text that are not a "RATE (CODES)" group, reported, never guessed */
  problems: string[];
}

/**
 * The special rate column of a line ("Free (A+,AU,BH,CL,…) 2.5% (KR) See 9822.04.01 (AU)") → its
 * groups, each programme code with the rate printed before it. A rate text beyond what
 * parseGeneralRate computes is kept as its text; a part that is no group at all is a problem.
 */
export function parseSpecialColumn(text: string): ParsedSpecial {
  const t = text.replace(/[\s\u00a0]+/g, ' ').trim();
  const groups: SpecialGroupText[] = [];
  const problems: string[] = [];
  if (t === '') return { groups, problems };
  const group = /([^()]+?)\s*\(([^()]*)\)/g;
  let at = 0;
  for (let m = group.exec(t); m !== null; m = group.exec(t)) {
    const before = t.slice(at, m.index).replace(/^[\s,;]+|[\s,;]+$/g, '');
    at = m.index + m[0].length;
    // an unbalanced parenthesis before the group ("See 9919.04.67 (PA (PA)"): the two are one garbled text
    if (/[()]/.test(before)) {
      problems.push(`"${before} ${m[0].trim()}" is not a "RATE (CODES)" group`);
      continue;
    }
    if (before) problems.push(`"${before}" is not a "RATE (CODES)" group`);
    const rateText = (m[1] ?? '').replace(/^[\s,;]+/, '').trim();
    // codes are separated by commas; a missing comma or a stray period ("E IL", ".OM", 2025 edition) separates too
    const codes = (m[2] ?? '')
      .split(/[\s,.]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const bad = codes.filter((c) => !PROGRAMME_CODE.test(c));
    if (bad.length || codes.length === 0) {
      problems.push(`"${m[0].trim()}": not a list of programme codes`);
      continue;
    }
    const r = parseGeneralRate(rateText);
    groups.push(r.ok && r.rate ? { codes, rate: r.rate } : { codes, text: rateText });
  }
  const rest = t.slice(at).replace(/^[\s,;]+|[\s,;]+$/g, '');
  if (rest) problems.push(`"${rest}" is not a "RATE (CODES)" group`);
  return { groups, problems };
}
