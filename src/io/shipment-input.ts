/**
 * Strings (from flags or a CSV row) → a Shipment, or an issue naming the field, the bad value and
 * what was expected. Never rounds: a value with more decimals than the currency has is rejected.
 */
import { parseDec, parsePercent, pow10, type Dec } from '../core/decimal.js';
import { parseHtsInput } from '../core/hts.js';
import type { Issue } from '../core/issues.js';
import type { ContentShare, Mode, Shipment } from '../core/types.js';
import { isCountryCode } from '../core/countries.js';
import { FIRST_YEAR, inDateRange, isRealDate, LAST_YEAR } from '../core/dates.js';
import { parseGeneralRate, rateFromText } from '../core/rate-text.js';

/** 10^13 major units: the largest value we accept (exact far beyond it, but no real entry is larger). */
export const MAX_VALUE_MAJOR = 10 ** 13;
const MODES: readonly Mode[] = ['ocean', 'air', 'truck', 'rail', 'postal'];

export interface ShipmentFields {
  id?: string | undefined;
  hts?: string | undefined;
  origin?: string | undefined;
  importer?: string | undefined;
  value?: string | undefined;
  currency?: string | undefined;
  freight?: string | undefined;
  insurance?: string | undefined;
  qty?: string | undefined;
  unit?: string | undefined;
  mode?: string | undefined;
  date?: string | undefined;
  fxRate?: string | undefined;
  /** elected alternatives, "postal-method=per-item" (several separated by ; or ,) */
  elect?: string | undefined;
  /** a preference claimed on entry ("usmca"): the schedule's `claim` election */
  claim?: string | undefined;
  /** the general (MFN) rate to use instead of the schedule's, as the tariff writes rates */
  mfn?: string | undefined;
  /** material → "40%" or a value */
  content?: Readonly<Record<string, string>> | undefined;
  /** formal or informal (US); empty = chosen by value */
  entryType?: string | undefined;
}

/** Field names as the user typed them: "--value" for flags, "value" for CSV columns. */
export type FieldName = (field: string) => string;

const bad = (path: string, message: string, hint: string): Issue => ({ code: 'value-invalid', path, message, hint });

function describe(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The common case — digits, an optional point and at most `minorDigits` decimals — read straight
 * into minor units; anything else takes the slow path, which also explains what is wrong.
 */
export function fastMoney(text: string, minorDigits: number): number | undefined {
  const n = text.length;
  if (n === 0 || n > 16) return undefined;
  let v = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
  }
  if (i === 0) return undefined;
  let decimals = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46 || i === n - 1) return undefined;
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57 || decimals === minorDigits) return undefined;
      v = v * 10 + (c - 48);
      decimals++;
    }
  }
  for (; decimals < minorDigits; decimals++) v *= 10;
  return v <= MAX_CENTS ? v : undefined;
}

export const MAX_CENTS = MAX_VALUE_MAJOR * 100;

export function parseMoneyField(text: string, name: string, minorDigits = 2): number | Issue {
  if (minorDigits === 2) {
    const fast = fastMoney(text, 2);
    if (fast !== undefined) return fast;
  }
  const t = text.trim();
  const d = parseDec(t);
  if (!d) {
    const why = /^-/.test(t)
      ? 'must not be negative'
      : /e/i.test(t) || /^(nan|infinity)$/i.test(t) || /^0x/i.test(t)
        ? 'is not a plain decimal number (no exponents, hex, NaN or Infinity)'
        : t.includes(',')
          ? 'is not a decimal number (no thousands separators; use "." for decimals)'
          : 'is not a decimal number';
    return bad(name, `${name} ${describe(text)} ${why}`, `write it like 10000 or 10000.50`);
  }
  if (d.s > minorDigits) {
    return bad(name, `${name} ${describe(text)} has more than ${minorDigits} decimals`, `round it to the cent yourself; tariff never rounds input silently`);
  }
  const cents = d.n * pow10(minorDigits - d.s);
  if (!Number.isSafeInteger(cents) || cents > MAX_VALUE_MAJOR * pow10(minorDigits)) {
    return bad(name, `${name} ${describe(text)} is larger than the supported maximum of 10^13`, 'check the value');
  }
  return cents;
}

function parseQty(text: string, name: string): Dec | Issue {
  const d = parseDec(text.trim());
  if (!d || d.s > 6) return bad(name, `${name} ${describe(text)} is not a non-negative quantity`, 'write it like 1200 or 12.5 (at most 6 decimals)');
  return d;
}

function parseContent(material: string, text: string, name: string, minorDigits: number): ContentShare | Issue {
  const t = text.trim();
  if (t.endsWith('%')) {
    const p = parsePercent(t);
    if (!p || p.n > pow10(p.s)) return bad(name, `${name} ${describe(text)} is not a share between 0% and 100%`, `write it like ${material}=40%`);
    return { share: p };
  }
  const v = parseMoneyField(t, name, minorDigits);
  return typeof v === 'number' ? { value: v } : v;
}

/** Repeated values (a few HTS codes, origins and dates in a million rows) are checked once. */
const memo = <T>(fn: (s: string) => T): ((s: string) => T) => {
  const cache = new Map<string, T>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined && !cache.has(s)) {
      if (cache.size > 50_000) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v as T;
  };
};
const htsOf = memo(parseHtsInput);
const dateOk = memo((s: string) => isRealDate(s.trim()));
const countryOf = memo((s: string) => {
  const c = s.trim().toUpperCase();
  return isCountryCode(c) ? c : undefined;
});

export function parseShipment(f: ShipmentFields, name: FieldName, defaults: { importer: string; minorDigits?: number }): Shipment | Issue {
  const minor = defaults.minorDigits ?? 2;
  if (f.hts === undefined || f.hts.trim() === '') {
    return { code: 'hts-invalid', path: name('hts'), message: `${name('hts')} is required`, hint: 'give the HTS code, e.g. 9503.00.00' };
  }
  const hts = htsOf(f.hts);
  if (hts === undefined) {
    return {
      code: 'hts-invalid',
      path: name('hts'),
      message: `${name('hts')} ${describe(f.hts)} is not an HTS code`,
      hint: 'expected 4–10 digits with optional dots, e.g. 9503.00.00 or 8507.60.0020 (keep leading zeros: 0304.61.00)',
    };
  }
  if (f.origin === undefined || f.origin.trim() === '') {
    return { code: 'origin-invalid', path: name('origin'), message: `${name('origin')} is required`, hint: 'give the ISO country code of origin, e.g. CN' };
  }
  const origin = countryOf(f.origin);
  if (origin === undefined) {
    return {
      code: 'origin-invalid',
      path: name('origin'),
      message: `${name('origin')} ${describe(f.origin)} is not an ISO 3166-1 country code`,
      hint: 'use two letters, e.g. CN, HK, VN, US',
    };
  }
  const importer = (f.importer?.trim() || defaults.importer).toUpperCase();
  if (!isCountryCode(importer)) {
    return {
      code: 'importer-unknown',
      path: name('importer'),
      message: `${name('importer')} ${describe(importer)} is not an ISO 3166-1 country code`,
      hint: 'use US or CN',
    };
  }
  if (f.value === undefined || f.value.trim() === '') {
    return bad(name('value'), `${name('value')} is required`, 'give the goods value, e.g. 10000');
  }
  const value = parseMoneyField(f.value, name('value'), minor);
  if (typeof value !== 'number') return value;
  let freight = 0;
  if (f.freight !== undefined && f.freight.trim() !== '') {
    const r = parseMoneyField(f.freight, name('freight'), minor);
    if (typeof r !== 'number') return r;
    freight = r;
  }
  let insurance = 0;
  if (f.insurance !== undefined && f.insurance.trim() !== '') {
    const r = parseMoneyField(f.insurance, name('insurance'), minor);
    if (typeof r !== 'number') return r;
    insurance = r;
  }
  const sh: Shipment = { hts, origin, importer, value, freight, insurance };
  if (f.id !== undefined && f.id !== '') sh.id = f.id;
  if (f.currency !== undefined && f.currency.trim() !== '') {
    const c = f.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(c)) return bad(name('currency'), `${name('currency')} ${describe(f.currency)} is not an ISO 4217 code`, 'e.g. USD, CNY');
    sh.currency = c;
  }
  if (f.qty !== undefined && f.qty.trim() !== '') {
    const q = parseQty(f.qty, name('qty'));
    if ('code' in q) return q;
    sh.qty = q;
  }
  if (f.unit !== undefined && f.unit.trim() !== '') sh.unit = f.unit.trim().toLowerCase();
  if (f.mode !== undefined && f.mode.trim() !== '') {
    const m = f.mode.trim().toLowerCase() as Mode;
    if (!MODES.includes(m)) return bad(name('mode'), `${name('mode')} ${describe(f.mode)} is not a transport mode`, `use one of ${MODES.join(', ')}`);
    sh.mode = m;
  }
  if (f.date !== undefined && f.date.trim() !== '') {
    const d = f.date.trim();
    if (!dateOk(d))
      return {
        code: 'date-invalid',
        path: name('date'),
        message: `${name('date')} ${describe(f.date)} is not a calendar date`,
        hint: 'write it as YYYY-MM-DD, e.g. 2025-05-14',
      };
    if (!inDateRange(d))
      return {
        code: 'date-invalid',
        path: name('date'),
        message: `${name('date')} ${describe(f.date)} is outside ${FIRST_YEAR}–${LAST_YEAR}`,
        hint: 'a placeholder date prices nothing real: give the entry date',
      };
    sh.date = d;
  }
  if (f.fxRate !== undefined && f.fxRate.trim() !== '') {
    const r = parseDec(f.fxRate.trim());
    if (!r || r.n === 0)
      return bad(
        name('fxRate'),
        `${name('fxRate')} ${describe(f.fxRate)} is not a positive exchange rate`,
        'e.g. 0.1385 (importer currency per unit of --currency)',
      );
    sh.fxRate = r;
  }
  if (f.elect !== undefined && f.elect.trim() !== '') {
    const elections: Record<string, string> = {};
    for (const part of f.elect.split(/[;,]/)) {
      const m = /^\s*([a-z0-9][a-z0-9.-]*)\s*=\s*([a-z0-9][a-z0-9.-]*)\s*$/.exec(part);
      if (!m) return bad(name('elect'), `${name('elect')} ${describe(f.elect)} is not GROUP=OPTION`, 'e.g. postal-method=per-item');
      elections[m[1] as string] = m[2] as string;
    }
    sh.elections = elections;
  }
  if (f.claim !== undefined && f.claim.trim() !== '') {
    const c = f.claim.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(c)) return bad(name('claim'), `${name('claim')} ${describe(f.claim)} is not a programme name`, 'e.g. usmca');
    sh.elections = { ...sh.elections, claim: c };
  }
  if (f.mfn !== undefined && f.mfn.trim() !== '') {
    const r = parseGeneralRate(f.mfn);
    if (!r.ok || !r.rate)
      return bad(name('mfn'), `${name('mfn')} ${describe(f.mfn)} is not a rate`, 'write it as the tariff does: 5%, Free, 3.5¢/kg, 3.5¢/kg + 2%, $1.35/doz.');
    sh.mfnRate = rateFromText(r.rate, minor);
  }
  if (f.entryType !== undefined && f.entryType.trim() !== '') {
    const t = f.entryType.trim().toLowerCase();
    if (t !== 'formal' && t !== 'informal')
      return bad(
        name('entryType'),
        `${name('entryType')} ${describe(f.entryType)} is not an entry type`,
        'use formal or informal (or leave it empty: chosen by value)',
      );
    sh.entryType = t;
  }
  if (f.content) {
    const content: Record<string, ContentShare> = {};
    for (const [material, text] of Object.entries(f.content)) {
      if (text.trim() === '') continue;
      const c = parseContent(material, text, name(`content:${material}`), minor);
      if ('code' in c) return c;
      content[material] = c;
    }
    if (Object.keys(content).length) sh.content = content;
  }
  return sh;
}

export function isIssue(x: unknown): x is Issue {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
}
