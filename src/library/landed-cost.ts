/**
 * The library's `landedCost`: every input checked by the CLI's own validator (io/shipment-input.ts:
 * the same rules, the same wording, with the library's field names), every problem returned as
 * `{ ok: false, issue }` (never thrown), and the CLI's defaults (importer US, freight and insurance
 * 0, the entry date today under a scenario priced on entry dates).
 *
 * Money is in MINOR UNITS of the currency (cents for USD, fen for CNY): integers, never floats. They
 * are written out as exact decimal text with the importer's minor digits for the validator, which
 * reads them back into the same integers.
 */
import { localDate } from '../core/dates.js';
import { decToString, parseDec, percentString, type Dec } from '../core/decimal.js';
import { fail, ok, type Issue, type Result } from '../core/issues.js';
import { landedCost as coreLandedCost } from '../core/landed-cost.js';
import type { Breakdown, ContentShare, MeasureIndex, Mode, ResolvedScenario, Shipment } from '../core/types.js';
import {
  describe,
  electionsOf,
  fieldIssue,
  parseShipment,
  tooLarge,
  type FieldName,
  type FieldRule,
  type ShipmentDefaults,
  type ShipmentFields,
} from '../io/shipment-input.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

/** A shipment as a library caller gives it. Amounts are integers in minor units (cents). */
export interface ShipmentInput {
  id?: string;
  /** HTS code in any form the CLI accepts: "9503.00.00", "95030000", "8507.60.0020" */
  hts: string;
  /** ISO 3166-1 alpha-2 country of origin, any case ("CN") */
  origin: string;
  /** importing country; default "US" */
  importer?: string;
  /** goods value in minor units of `currency` (cents): a non-negative integer, e.g. 1_000_000 = $10,000.00 */
  value: number;
  /** ISO 4217 code; default the importer's currency */
  currency?: string;
  /** international freight in minor units (cents); default 0 */
  freight?: number;
  /** insurance in minor units (cents); default 0 */
  insurance?: number;
  /** quantity for specific rates: a decimal string ("12.5"), a number, or a Dec */
  qty?: string | number | Dec;
  unit?: string;
  /** a second quantity in another unit, for a rate of two specific parts (2204.30.00: `qty` liters, `qty2` proof liters) */
  qty2?: string | number | Dec;
  unit2?: string;
  mode?: Mode;
  /** entry date YYYY-MM-DD; default today under a scenario that prices on entry dates */
  date?: string;
  /** material → `{ share }` (a Dec fraction, 0.4 = 40%) or `{ value }` (minor units) */
  content?: Readonly<Record<string, ContentShare>>;
  /** importer currency per unit of `currency`: a decimal string, a number or a Dec */
  fxRate?: string | number | Dec;
  /** elected alternatives, group → option (e.g. { "postal-method": "per-item" }) */
  elections?: Readonly<Record<string, string>>;
  /** "formal" or "informal"; default chosen by value (informal up to $2,500 for the US) */
  entryType?: 'formal' | 'informal';
}

const issue = (code: Issue['code'], path: string, message: string, hint: string): { ok: false; issue: Issue } => fail({ code, path, message, hint });

/** Hints for the rules whose examples depend on how a value is written: here in minor units, shares as fractions. */
const HINTS = {
  money: 'give amounts in minor units (cents), as whole numbers: $10,000.50 is 1000050',
  share: 'e.g. 0.4 for 40%',
  elect: 'e.g. { "postal-method": "per-item" }',
} as const;

/** A caller's value as a message shows it: strings quoted as the CLI quotes them, numbers as written. */
function shown(v: unknown): string {
  if (typeof v === 'string') return describe(v);
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    const json = JSON.stringify(v) ?? 'undefined';
    return json.length > 40 ? `${json.slice(0, 40)}…` : json;
  } catch {
    return Object.prototype.toString.call(v);
  }
}

/** A field written out as the validator's text, absent, or the caller's value refused for its type. */
type Text = string | undefined | Issue;

/** A string field: as given, or the field's own rule refusing a value of another type. */
function text(v: unknown, rule: FieldRule, path: string): Text {
  return v === undefined || typeof v === 'string' ? v : fieldIssue(rule, path, shown(v));
}

/** A string field the validator takes as it is (id, unit). */
function plain(v: unknown, path: string, hint: string): Text {
  return v === undefined || typeof v === 'string' ? v : { code: 'value-invalid', path, message: `${path} is not a string`, hint };
}

/** Minor units → the exact decimal text the validator reads back into the same minor units. */
function amount(v: unknown, path: string, digits: number): Text {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v))
    return { code: 'value-invalid', path, message: `${path} ${shown(v)} is not a whole number of minor units`, hint: HINTS.money };
  if (v > Number.MAX_SAFE_INTEGER) return tooLarge(path, shown(v));
  return decToString({ n: v, s: digits });
}

function isDec(v: unknown): v is Dec {
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isSafeInteger((v as Dec).n) &&
    Number.isInteger((v as Dec).s) &&
    (v as Dec).n >= 0 &&
    (v as Dec).s >= 0 &&
    (v as Dec).s <= 15
  );
}

/** A decimal given as a string, a number or a Dec → its text. */
function decimalText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return isDec(v) ? decToString(v) : undefined;
}

function decimal(v: unknown, rule: FieldRule, path: string): Text {
  return v === undefined ? undefined : (decimalText(v) ?? fieldIssue(rule, path, shown(v)));
}

/** A share as a fraction (0.4, "0.4" or { n: 4, s: 1 }) → the validator's "40%". */
function shareText(v: unknown, path: string): Text {
  const t = decimalText(v);
  const d = t === undefined ? undefined : parseDec(t.trim());
  return d === undefined ? fieldIssue('share', path, shown(v), HINTS.share) : percentString(d);
}

/** content: material → { share } or { value }, written out as "40%" or an amount. */
function contentTexts(v: unknown, digits: number): Result<Record<string, string> | undefined> {
  if (v === undefined) return ok(undefined);
  if (typeof v !== 'object' || v === null)
    return fail({
      code: 'content-invalid',
      path: 'content',
      message: 'content is not an object',
      hint: 'e.g. { steel: { value: 400000 } } or { steel: { share: { n: 4, s: 1 } } }',
    });
  const out: Record<string, string> = {};
  for (const [material, c] of Object.entries(v as Record<string, unknown>)) {
    const path = `content.${material}`;
    const cs = c as Record<string, unknown> | null;
    if (typeof cs !== 'object' || cs === null || (cs.share === undefined) === (cs.value === undefined)) {
      const hint = '{ share: "40%" as a Dec fraction 0.4 } or { value: cents }';
      return fail({ code: 'content-invalid', path, message: `${path} needs exactly one of share or value`, hint });
    }
    const t = cs.value !== undefined ? amount(cs.value, `${path}.value`, digits) : shareText(cs.share, `${path}.share`);
    if (typeof t !== 'string') return fail(t as Issue);
    out[material] = t;
  }
  return ok(out);
}

/** The caller's shipment in the validator's field form; a value of the wrong type is refused here. */
function fieldsOf(s: Record<string, unknown>, digits: number): Result<ShipmentFields> {
  const fields: Array<[keyof ShipmentFields, Text]> = [
    ['hts', text(s.hts, 'hts', 'hts')],
    ['origin', text(s.origin, 'origin', 'origin')],
    ['importer', text(s.importer, 'importer', 'importer')],
    ['value', amount(s.value, 'value', digits)],
    ['freight', amount(s.freight, 'freight', digits)],
    ['insurance', amount(s.insurance, 'insurance', digits)],
    ['id', plain(s.id, 'id', 'give a string or leave it out')],
    ['currency', text(s.currency, 'currency', 'currency')],
    ['qty', decimal(s.qty, 'qty', 'qty')],
    ['unit', plain(s.unit, 'unit', 'e.g. "kg"')],
    ['qty2', decimal(s.qty2, 'qty', 'qty2')],
    ['unit2', plain(s.unit2, 'unit2', 'e.g. "pf.liters"')],
    ['mode', text(s.mode, 'mode', 'mode')],
    ['date', text(s.date, 'date', 'date')],
    ['fxRate', decimal(s.fxRate, 'fxRate', 'fxRate')],
    ['entryType', text(s.entryType, 'entryType', 'entryType')],
  ];
  const out: Record<string, unknown> = {};
  for (const [field, t] of fields) {
    if (t !== undefined && typeof t !== 'string') return fail(t);
    if (t !== undefined) out[field] = t;
  }
  const content = contentTexts(s.content, digits);
  if (!content.ok) return content;
  if (content.value !== undefined) out.content = content.value;
  return ok(out as ShipmentFields);
}

/** The elections, checked by the validator's rule for `elect`. */
function electionsIn(v: unknown): Result<Record<string, string> | undefined> {
  if (v === undefined) return ok(undefined);
  const e = typeof v === 'object' && v !== null ? electionsOf(Object.entries(v)) : undefined;
  return e === undefined ? fail(fieldIssue('elect', 'elections', shown(v), HINTS.elect)) : ok(e);
}

/** How the validator names and shows the caller's fields: content by its own path, values as given. */
function look(s: Record<string, unknown>): Pick<ShipmentDefaults, 'show' | 'hints'> & { name: FieldName } {
  const contentOf = (field: string): Record<string, unknown> => {
    const all = s.content as Record<string, Record<string, unknown>>;
    return all[field.slice('content:'.length)] ?? {};
  };
  const kind = (field: string): 'value' | 'share' => (contentOf(field).value !== undefined ? 'value' : 'share');
  const name = (field: string): string => (field.startsWith('content:') ? `content.${field.slice(8)}.${kind(field)}` : field);
  const show = (field: string): string => shown(field.startsWith('content:') ? contentOf(field)[kind(field)] : s[field]);
  return { name, show, hints: HINTS };
}

/** The importer's minor digits, which the amounts are written out with. */
function digitsOf(s: Record<string, unknown>, index: MeasureIndex): number {
  const importer = typeof s.importer === 'string' && s.importer.trim() !== '' ? s.importer.trim().toUpperCase() : DEFAULT_IMPORTER;
  return index.schedule?.importers?.get(importer)?.minorDigits ?? 2;
}

/** Checks a caller's shipment with the CLI's validator and applies the CLI's defaults. */
export function shipmentOf(input: unknown, scenario: ResolvedScenario, index: MeasureIndex, today: string): Result<Shipment> {
  if (typeof input !== 'object' || input === null)
    return issue('value-invalid', 'shipment', 'the shipment is not an object', 'pass { hts, origin, value, ... }');
  const s = input as Record<string, unknown>;
  const digits = digitsOf(s, index);
  const fields = fieldsOf(s, digits);
  if (!fields.ok) return fields;
  const { name, show, hints } = look(s);
  const parsed = parseShipment(fields.value, name, { importer: DEFAULT_IMPORTER, minorDigits: digits, show, hints });
  if (!parsed.ok) return parsed;
  const sh = parsed.value;
  const elections = electionsIn(s.elections);
  if (!elections.ok) return elections;
  if (elections.value !== undefined) sh.elections = elections.value;
  if (sh.date === undefined && scenario.asOf === null) sh.date = today;
  return ok(sh);
}

function isScenario(s: unknown): s is ResolvedScenario {
  const r = s as ResolvedScenario | null;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && r.rates instanceof Map && r.disabled instanceof Set && Array.isArray(r.added);
}

/**
 * The landed cost of one shipment under one resolved scenario. Never throws for bad input:
 * returns `{ ok: false, issue }` with the field (`issue.path`), what is wrong and a hint.
 * All money in the result is in minor units (cents) of the importer's currency.
 */
export function landedCost(shipment: ShipmentInput, scenario: ResolvedScenario, index: MeasureIndex, today: string = localDate(new Date())): Result<Breakdown> {
  if (!isScenario(scenario))
    return issue(
      'scenario-invalid',
      'scenario',
      'the scenario is not a resolved scenario',
      'pass the value of resolveScenario(schedule.scenarios, id) when it is ok',
    );
  if (typeof index !== 'object' || index === null || typeof index.findLine !== 'function')
    return issue('value-invalid', 'index', 'the index is not a schedule index', 'pass schedule.index from loadSchedule()');
  const sh = shipmentOf(shipment, scenario, index, today);
  if (!sh.ok) return sh;
  try {
    return coreLandedCost(sh.value, scenario, index);
  } catch (e) {
    // the inputs are checked; anything thrown now is a bug, still reported as data
    return issue('value-invalid', 'shipment', `internal error while pricing: ${(e as Error).message}`, 'this is a bug in tariff; please report it');
  }
}
