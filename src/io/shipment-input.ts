/**
 * The one shipment validator, used by the CLI's flags, every CSV batch and the library: fields as
 * text (the library writes its typed input out as text first) → a Shipment, or an issue naming the
 * field, the bad value and what was expected. Never rounds: a value with more decimals than the
 * currency has is rejected. Each field's rule and wording is written once, here; a caller chooses
 * only how fields are named (`--value`, `value`, `content.steel.value`), how a bad value is shown,
 * and the hints whose examples depend on how values are written (major units or cents).
 */
import { parseDec, parsePercent, plainMoney, pow10 } from '../core/decimal.js';
import { parseHtsInput } from '../core/hts.js';
import { fail, ok, type Issue, type IssueCode, type Result } from '../core/issues.js';
import type { ContentShare, Mode, Shipment } from '../core/types.js';
import { isCountryCode } from '../core/countries.js';
import { FIRST_YEAR, inDateRange, isRealDate, LAST_YEAR } from '../core/dates.js';
import { parseGeneralRate, rateFromText, unitOf } from '../core/rate-text.js';

/** 10^13 major units: the largest value we accept (exact far beyond it, but no real entry is larger). */
export const MAX_VALUE_MAJOR = 10 ** 13;
export const MODES: readonly Mode[] = ['ocean', 'air', 'truck', 'rail', 'postal'];

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
  /** a second quantity and its unit (proof liters beside liters): for a rate of two specific parts */
  qty2?: string | undefined;
  unit2?: string | undefined;
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

/** Rules whose hint shows how a value is written: a caller writing values otherwise gives its own. */
export type HintKey = 'money' | 'share' | 'elect';

export interface ShipmentDefaults {
  importer: string;
  minorDigits?: number;
  /** a bad value as the message shows it (field as in ShipmentFields, "content:steel"); default its text, quoted */
  show?: ((field: string, text: string) => string) | undefined;
  hints?: Partial<Record<HintKey, string>> | undefined;
}

/** What each field must be: one wording for every caller. */
const RULES = {
  hts: {
    code: 'hts-invalid',
    is: 'is not an HTS code',
    hint: 'expected 4–10 digits with optional dots, e.g. 9503.00.00 or 8507.60.0020 (keep leading zeros: 0304.61.00)',
  },
  origin: { code: 'origin-invalid', is: 'is not an ISO 3166-1 country code', hint: 'use two letters, e.g. CN, HK, VN, US' },
  importer: { code: 'importer-unknown', is: 'is not an ISO 3166-1 country code', hint: 'use US or CN' },
  currency: { code: 'value-invalid', is: 'is not an ISO 4217 code', hint: 'e.g. USD, CNY' },
  qty: { code: 'value-invalid', is: 'is not a non-negative quantity', hint: 'write it like 1200 or 12.5 (at most 6 decimals)' },
  mode: { code: 'value-invalid', is: 'is not a transport mode', hint: `use one of ${MODES.join(', ')}` },
  date: { code: 'date-invalid', is: 'is not a calendar date', hint: 'write it as YYYY-MM-DD, e.g. 2025-05-14' },
  fxRate: { code: 'value-invalid', is: 'is not a positive exchange rate', hint: 'e.g. 0.1385 (importer currency per unit of --currency)' },
  elect: { code: 'value-invalid', is: 'is not GROUP=OPTION', hint: 'e.g. postal-method=per-item' },
  claim: { code: 'value-invalid', is: 'is not a programme code or name', hint: 'e.g. KR, korus, usmca; several separated by "," or ";"' },
  mfn: {
    code: 'value-invalid',
    is: 'is not a rate',
    hint: 'write it as the tariff does: 5%, Free, 3.5¢/kg, 3.5¢/kg + 2%, $1.35/doz., or two specific parts in two units: 4.4¢/liter + 31.4¢/pf. liter',
  },
  entryType: { code: 'value-invalid', is: 'is not an entry type', hint: 'use formal or informal (or leave it empty: chosen by value)' },
  share: { code: 'value-invalid', is: 'is not a share between 0% and 100%', hint: 'write it like steel=40%' },
} as const satisfies Record<string, { code: IssueCode; is: string; hint: string }>;
export type FieldRule = keyof typeof RULES;

/** `name shown is not …` for a field's rule; `hint` replaces the rule's own. */
export function fieldIssue(rule: FieldRule, name: string, shown: string, hint?: string): Issue {
  const r = RULES[rule];
  return { code: r.code, path: name, message: `${name} ${shown} ${r.is}`, hint: hint ?? r.hint };
}

const requiredIssue = (code: IssueCode, name: string, hint: string): Issue => ({ code, path: name, message: `${name} is required`, hint });

const bad = (path: string, message: string, hint: string): Issue => ({ code: 'value-invalid', path, message, hint });

/** An issue as a rejected row's one line: the message, then the hint after a dash (calc, compare, refund, timeline). */
export function issueText(issue: Pick<Issue, 'message' | 'hint'>): string {
  return `${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`;
}

/** A text as messages quote it: JSON-quoted, cut at 40 characters. */
export function describe(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The common case — digits, an optional point and at most `minorDigits` decimals — read straight
 * into minor units; anything else takes the slow path, which also explains what is wrong.
 */
export function fastMoney(text: string, minorDigits: number): number | undefined {
  const v = plainMoney(text, 0, text.length, minorDigits, maxMinor(minorDigits));
  return v < 0 ? undefined : v;
}

/**
 * The largest amount accepted, in minor units of a currency of `minorDigits` decimals: 10^13 major
 * units, and no more than the largest exact integer (3 decimals would pass it). The one limit of
 * the fast readers (`plainMoney`) and of `parseMoneyField`, so that both refuse the same amounts.
 */
export function maxMinor(minorDigits: number): number {
  return Math.min(MAX_VALUE_MAJOR * pow10(minorDigits), Number.MAX_SAFE_INTEGER);
}

/** `maxMinor(2)`: the limit of the readers of cents (calc's fast path). */
export const MAX_CENTS = maxMinor(2);

/** An amount beyond MAX_VALUE_MAJOR. */
export function tooLarge(name: string, shown: string): Issue {
  return bad(name, `${name} ${shown} is larger than the supported maximum of 10^13`, 'check the value');
}

/** How a caller shows a bad amount (default: its text, quoted) and the hint for how to write one. */
export interface MoneyLook {
  shown: string;
  hint?: string | undefined;
}

function notMoney(text: string, t: string, name: string, look: MoneyLook | undefined): Issue {
  const why = /^-/.test(t)
    ? 'must not be negative'
    : /e/i.test(t) || /^(nan|infinity)$/i.test(t) || /^0x/i.test(t)
      ? 'is not a plain decimal number (no exponents, hex, NaN or Infinity)'
      : t.includes(',')
        ? 'is not a decimal number (no thousands separators; use "." for decimals)'
        : 'is not a decimal number';
  return bad(name, `${name} ${look?.shown ?? describe(text)} ${why}`, look?.hint ?? `write it like 10000 or 10000.50`);
}

/**
 * A money field (`name` is how the caller names it) in minor units, or the issue that says what is
 * wrong with it: the Result that parseShipment returns too.
 */
export function parseMoneyField(text: string, name: string, minorDigits = 2, look?: MoneyLook): Result<number> {
  if (minorDigits === 2) {
    const fast = fastMoney(text, 2);
    if (fast !== undefined) return ok(fast);
  }
  const t = text.trim();
  const d = parseDec(t);
  if (!d) return fail(notMoney(text, t, name, look));
  const shown = look?.shown ?? describe(text);
  if (d.s > minorDigits) {
    return fail(bad(name, `${name} ${shown} has more than ${minorDigits} decimals`, `round it to the cent yourself; tariff never rounds input silently`));
  }
  const cents = d.n * pow10(minorDigits - d.s);
  // an inexact product is past MAX_SAFE_INTEGER, so past the limit too
  if (cents > maxMinor(minorDigits)) return fail(tooLarge(name, shown));
  return ok(cents);
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

/** What a step needs beside the fields: names, shown values and hints as the caller writes them. */
interface Ctx {
  name: FieldName;
  minor: number;
  importer: string;
  /** the caller shows values its own way (the library) */
  custom: boolean;
  show: (field: string, text: string) => string;
  hints: Partial<Record<HintKey, string>>;
}

const given = (t: string | undefined): t is string => t !== undefined && t.trim() !== '';
const quote = (_field: string, text: string): string => describe(text);

function money(text: string, field: string, c: Ctx): Result<number> {
  return parseMoneyField(text, c.name(field), c.minor, c.custom ? { shown: c.show(field, text), hint: c.hints.money } : undefined);
}

/** hts, origin and importer: the codes every shipment has. */
function codes(f: ShipmentFields, c: Ctx): Result<Pick<Shipment, 'hts' | 'origin' | 'importer'>> {
  if (!given(f.hts)) return fail(requiredIssue('hts-invalid', c.name('hts'), 'give the HTS code, e.g. 9503.00.00'));
  const hts = htsOf(f.hts);
  if (hts === undefined) return fail(fieldIssue('hts', c.name('hts'), c.show('hts', f.hts)));
  if (!given(f.origin)) return fail(requiredIssue('origin-invalid', c.name('origin'), 'give the ISO country code of origin, e.g. CN'));
  const origin = countryOf(f.origin);
  if (origin === undefined) return fail(fieldIssue('origin', c.name('origin'), c.show('origin', f.origin)));
  const importer = (f.importer?.trim() || c.importer).toUpperCase();
  if (!isCountryCode(importer)) return fail(fieldIssue('importer', c.name('importer'), c.show('importer', importer)));
  return ok({ hts, origin, importer });
}

/** an amount not given */
const ZERO: Result<number> = ok(0);

/** value (required), freight and insurance (default 0), in minor units. */
function amounts(f: ShipmentFields, c: Ctx): Result<Pick<Shipment, 'value' | 'freight' | 'insurance'>> {
  if (!given(f.value)) return fail(requiredIssue('value-invalid', c.name('value'), c.hints.money ?? 'give the goods value, e.g. 10000'));
  const value = money(f.value, 'value', c);
  if (!value.ok) return value;
  const freight = given(f.freight) ? money(f.freight, 'freight', c) : ZERO;
  if (!freight.ok) return freight;
  const insurance = given(f.insurance) ? money(f.insurance, 'insurance', c) : ZERO;
  if (!insurance.ok) return insurance;
  return ok({ value: value.value, freight: freight.value, insurance: insurance.value });
}

/** One optional field: sets it on the shipment, or says what is wrong with it. */
type Step = (f: ShipmentFields, sh: Shipment, c: Ctx) => Issue | undefined;

const currencyStep: Step = (f, sh, c) => {
  if (!given(f.currency)) return undefined;
  const cur = f.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(cur)) return fieldIssue('currency', c.name('currency'), c.show('currency', f.currency));
  sh.currency = cur;
  return undefined;
};

const qtyStep: Step = (f, sh, c) => {
  if (!given(f.qty)) return undefined;
  const d = parseDec(f.qty.trim());
  if (!d || d.s > 6) return fieldIssue('qty', c.name('qty'), c.show('qty', f.qty));
  sh.qty = d;
  return undefined;
};

/** a unit as the rates read it (core/rate-text.ts unitOf), else as written */
const unitKey = (unit: string): string => {
  const text = unit.trim().toLowerCase().replace(/\s+/g, ' ');
  return unitOf(text) ?? text;
};

/** the second quantity: read as the first, and only beside it, in a unit of its own */
const qty2Step: Step = (f, sh, c) => {
  // a unit without its quantity is left unused, as --unit without --qty is (a batch's --unit2 default
  // serves the rows that give qty2)
  if (!given(f.qty2)) return undefined;
  const d = parseDec(f.qty2.trim());
  if (!d || d.s > 6) return fieldIssue('qty', c.name('qty2'), c.show('qty2', f.qty2));
  if (!given(f.qty))
    return bad(
      c.name('qty2'),
      `${c.name('qty2')} is given without ${c.name('qty')}`,
      `give the first quantity and its unit too, e.g. ${c.name('qty')} 1000 ${c.name('unit')} liters`,
    );
  if (!given(f.unit2) || !given(f.unit))
    return bad(
      c.name(given(f.unit) ? 'unit2' : 'unit'),
      `two quantities need a unit each (${c.name('unit')} and ${c.name('unit2')})`,
      `e.g. ${c.name('qty')} 1000 ${c.name('unit')} liters ${c.name('qty2')} 120 ${c.name('unit2')} pf.liters`,
    );
  // the same unit however written ("liters" and "liter", "pf.liters" and "proof liters"), as the rates read it
  if (unitKey(f.unit) === unitKey(f.unit2))
    return bad(
      c.name('unit2'),
      f.unit.trim().toLowerCase() === f.unit2.trim().toLowerCase()
        ? `${c.name('unit')} and ${c.name('unit2')} are the same unit ${describe(f.unit.trim())}`
        : `${c.name('unit')} ${describe(f.unit.trim())} and ${c.name('unit2')} ${describe(f.unit2.trim())} are the same unit (${unitKey(f.unit)})`,
      'the second quantity is in another unit (liters and pf.liters)',
    );
  sh.qty2 = d;
  return undefined;
};

const modeStep: Step = (f, sh, c) => {
  if (!given(f.mode)) return undefined;
  const m = f.mode.trim().toLowerCase() as Mode;
  if (!MODES.includes(m)) return fieldIssue('mode', c.name('mode'), c.show('mode', f.mode));
  sh.mode = m;
  return undefined;
};

const dateStep: Step = (f, sh, c) => {
  if (!given(f.date)) return undefined;
  const d = f.date.trim();
  if (!dateOk(d)) return fieldIssue('date', c.name('date'), c.show('date', f.date));
  if (!inDateRange(d)) {
    const name = c.name('date');
    return {
      code: 'date-invalid',
      path: name,
      message: `${name} ${c.show('date', f.date)} is outside ${FIRST_YEAR}–${LAST_YEAR}`,
      hint: 'a placeholder date prices nothing real: give the entry date',
    };
  }
  sh.date = d;
  return undefined;
};

const fxRateStep: Step = (f, sh, c) => {
  if (!given(f.fxRate)) return undefined;
  const r = parseDec(f.fxRate.trim());
  if (!r || r.n === 0) return fieldIssue('fxRate', c.name('fxRate'), c.show('fxRate', f.fxRate));
  sh.fxRate = r;
  return undefined;
};

const OPTION = /^[a-z0-9][a-z0-9.-]*$/;
/** one claim: an option, or a programme code of general note 3(c)(i) ("a+", "e*"), optionally with the Chapter 98/99 provision entered under ("pa:9919.04.51") or the line whose rate the claim takes ("d:2009.89.65") */
const CLAIM = /^[a-z0-9][a-z0-9.-]*[+*]?(?::[0-9. ]*)?$/;

/** group → option pairs, each name lower-case letters, digits, "." and "-"; undefined if one is not */
export function electionsOf(pairs: ReadonlyArray<readonly [string, unknown]>): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [group, option] of pairs) {
    if (typeof option !== 'string') return undefined;
    const g = group.trim();
    const o = option.trim();
    if (!OPTION.test(g) || !OPTION.test(o)) return undefined;
    out[g] = o;
  }
  return out;
}

function electPairs(text: string): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  for (const part of text.split(/[;,]/)) {
    const at = part.indexOf('=');
    if (at < 0) return undefined;
    pairs.push([part.slice(0, at), part.slice(at + 1)]);
  }
  return pairs;
}

const electStep: Step = (f, sh, c) => {
  if (!given(f.elect)) return undefined;
  const pairs = electPairs(f.elect);
  const e = pairs && electionsOf(pairs);
  if (e === undefined) return fieldIssue('elect', c.name('elect'), c.show('elect', f.elect), c.hints.elect);
  sh.elections = e;
  return undefined;
};

const claimStep: Step = (f, sh, c) => {
  if (!given(f.claim)) return undefined;
  // several claims separated by "," or ";": a programme's code ("KR", "A+") or name ("korus"), or a measure's option ("usmca")
  const claims = f.claim
    .split(/[;,]/)
    // "PA : 9919.04.51" is "pa:9919.04.51"; what follows the colon is the core's to judge (a refusal that says why)
    .map((x) =>
      x
        .trim()
        .toLowerCase()
        .replace(/\s*:\s*/, ':'),
    )
    .filter(Boolean);
  // the claim form `lookup` and --explain print ("D:2009.NN.NN"), typed as it stands: the line is to be named
  const placeholder = claims.find((x) => /:.*n{2}/.test(x));
  if (placeholder !== undefined)
    return bad(
      c.name('claim'),
      `${c.name('claim')} ${c.show('claim', f.claim)} names no line: ${placeholder.toUpperCase()} is the form of the claim, the Ns stand for the line's digits`,
      `put the digits of the line in place of the Ns (tariff lookup ${placeholder.split(':')[1]?.slice(0, 4) ?? ''} lists the lines)`,
    );
  if (claims.length === 0 || !claims.every((x) => CLAIM.test(x))) return fieldIssue('claim', c.name('claim'), c.show('claim', f.claim));
  sh.elections = { ...sh.elections, claim: [...new Set(claims)].join(';') };
  return undefined;
};

const mfnStep: Step = (f, sh, c) => {
  if (!given(f.mfn)) return undefined;
  const r = parseGeneralRate(f.mfn);
  if (!r.ok || !r.rate) return fieldIssue('mfn', c.name('mfn'), c.show('mfn', f.mfn));
  sh.mfnRate = rateFromText(r.rate, c.minor);
  return undefined;
};

const entryTypeStep: Step = (f, sh, c) => {
  if (!given(f.entryType)) return undefined;
  const t = f.entryType.trim().toLowerCase();
  if (t !== 'formal' && t !== 'informal') return fieldIssue('entryType', c.name('entryType'), c.show('entryType', f.entryType));
  sh.entryType = t;
  return undefined;
};

/** material=40% (a share of the value) or material=4000 (an amount). */
function contentShare(material: string, text: string, c: Ctx): Result<ContentShare> {
  const field = `content:${material}`;
  const t = text.trim();
  if (!t.endsWith('%')) {
    const v = money(t, field, c);
    return v.ok ? ok({ value: v.value }) : v;
  }
  const p = parsePercent(t);
  if (!p || p.n > pow10(p.s)) return fail(fieldIssue('share', c.name(field), c.show(field, text), c.hints.share ?? `write it like ${material}=40%`));
  return ok({ share: p });
}

const contentStep: Step = (f, sh, c) => {
  if (!f.content) return undefined;
  const content: Record<string, ContentShare> = {};
  for (const [material, text] of Object.entries(f.content)) {
    if (text.trim() === '') continue;
    const cs = contentShare(material, text, c);
    if (!cs.ok) return cs.issue;
    content[material] = cs.value;
  }
  if (Object.keys(content).length) sh.content = content;
  return undefined;
};

const idStep: Step = (f, sh) => {
  if (f.id !== undefined && f.id !== '') sh.id = f.id;
  return undefined;
};

const unitStep: Step = (f, sh) => {
  if (given(f.unit)) sh.unit = f.unit.trim().toLowerCase();
  if (sh.qty2 !== undefined && given(f.unit2)) sh.unit2 = f.unit2.trim().toLowerCase();
  return undefined;
};

/** The optional fields, in the order their problems are reported. */
const STEPS: readonly Step[] = [
  idStep,
  currencyStep,
  qtyStep,
  qty2Step,
  unitStep,
  modeStep,
  dateStep,
  fxRateStep,
  electStep,
  claimStep,
  mfnStep,
  entryTypeStep,
  contentStep,
];

/**
 * The shipment the fields describe, or the first problem with them (in the order of the fields:
 * the codes, the amounts, then each optional field's step).
 */
export function parseShipment(f: ShipmentFields, name: FieldName, defaults: ShipmentDefaults): Result<Shipment> {
  const c: Ctx = {
    name,
    minor: defaults.minorDigits ?? 2,
    importer: defaults.importer,
    custom: defaults.show !== undefined || defaults.hints !== undefined,
    show: defaults.show ?? quote,
    hints: defaults.hints ?? {},
  };
  const k = codes(f, c);
  if (!k.ok) return k;
  const a = amounts(f, c);
  if (!a.ok) return a;
  const { hts, origin, importer } = k.value;
  const { value, freight, insurance } = a.value;
  const sh: Shipment = { hts, origin, importer, value, freight, insurance };
  for (const step of STEPS) {
    const problem = step(f, sh, c);
    if (problem) return fail(problem);
  }
  return ok(sh);
}
