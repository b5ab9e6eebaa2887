/**
 * The library's `landedCost`: every input checked as the CLI checks it, every problem returned as
 * `{ ok: false, issue }` (never thrown), and the CLI's defaults (importer US, freight and insurance
 * 0, the entry date today under a scenario priced on entry dates).
 *
 * Money is in MINOR UNITS of the currency (cents for USD, fen for CNY): integers, never floats.
 */
import { localDate } from '../core/dates.js';
import { parseDec, type Dec } from '../core/decimal.js';
import { parseHtsInput } from '../core/hts.js';
import { fail, ok, type Issue, type Result } from '../core/issues.js';
import { landedCost as coreLandedCost } from '../core/landed-cost.js';
import type { Breakdown, ContentShare, MeasureIndex, Mode, ResolvedScenario, Shipment } from '../core/types.js';
import { isRealDate } from '../core/dates.js';
import { MAX_VALUE_MAJOR } from '../io/shipment-input.js';
import { isCountryCode } from '../core/countries.js';
import { DEFAULT_IMPORTER } from '../core/countries.js';

const MODES: readonly Mode[] = ['ocean', 'air', 'truck', 'rail', 'postal'];

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

const MAX_MINOR = MAX_VALUE_MAJOR * 100;

function minorUnits(v: unknown, path: string, required: boolean): Result<number> {
  if (v === undefined && !required) return ok(0);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > MAX_MINOR) {
    return issue(
      'value-invalid',
      path,
      `${path} ${v === undefined ? 'is required' : `${JSON.stringify(v) ?? String(v)} is not a non-negative whole number of minor units`}`,
      `give ${path} in cents (an integer): $10,000.50 is 1000050`,
    );
  }
  return ok(v);
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

function decimal(v: unknown): Dec | undefined {
  if (isDec(v)) return v;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return parseDec(String(v));
  if (typeof v === 'string') return parseDec(v.trim());
  return undefined;
}

/** Checks a caller's shipment and applies the CLI's defaults. */
export function shipmentOf(input: unknown, scenario: ResolvedScenario, today: string): Result<Shipment> {
  if (typeof input !== 'object' || input === null)
    return issue('value-invalid', 'shipment', 'the shipment is not an object', 'pass { hts, origin, value, ... }');
  const s = input as Record<string, unknown>;
  const hts = typeof s.hts === 'string' ? parseHtsInput(s.hts) : undefined;
  if (hts === undefined) {
    return issue(
      'hts-invalid',
      'hts',
      `hts ${JSON.stringify(s.hts) ?? 'undefined'} is not an HTS code`,
      'a string of 4–10 digits with optional dots, e.g. "9503.00.00" or "8507.60.0020"',
    );
  }
  const origin = typeof s.origin === 'string' ? s.origin.trim().toUpperCase() : '';
  if (!isCountryCode(origin))
    return issue('origin-invalid', 'origin', `origin ${JSON.stringify(s.origin) ?? 'undefined'} is not an ISO 3166-1 country code`, 'two letters, e.g. "CN"');
  const importer = s.importer === undefined ? DEFAULT_IMPORTER : typeof s.importer === 'string' ? s.importer.trim().toUpperCase() : '';
  if (!isCountryCode(importer))
    return issue(
      'importer-unknown',
      'importer',
      `importer ${JSON.stringify(s.importer)} is not an ISO 3166-1 country code`,
      'leave it out for "US", or give "CN"',
    );
  const value = minorUnits(s.value, 'value', true);
  if (!value.ok) return value;
  const freight = minorUnits(s.freight, 'freight', false);
  if (!freight.ok) return freight;
  const insurance = minorUnits(s.insurance, 'insurance', false);
  if (!insurance.ok) return insurance;
  const sh: Shipment = { hts, origin, importer, value: value.value, freight: freight.value, insurance: insurance.value };
  if (s.id !== undefined) {
    if (typeof s.id !== 'string') return issue('value-invalid', 'id', 'id is not a string', 'give a string or leave it out');
    sh.id = s.id;
  }
  if (s.currency !== undefined) {
    if (typeof s.currency !== 'string' || !/^[A-Za-z]{3}$/.test(s.currency.trim()))
      return issue('value-invalid', 'currency', `currency ${JSON.stringify(s.currency)} is not an ISO 4217 code`, 'e.g. "USD", "CNY"');
    sh.currency = s.currency.trim().toUpperCase();
  }
  if (s.qty !== undefined) {
    const q = decimal(s.qty);
    if (q === undefined || q.s > 6)
      return issue('value-invalid', 'qty', `qty ${JSON.stringify(s.qty)} is not a non-negative quantity`, 'e.g. "1200" or 12.5 (at most 6 decimals)');
    sh.qty = q;
  }
  if (s.unit !== undefined) {
    if (typeof s.unit !== 'string') return issue('value-invalid', 'unit', 'unit is not a string', 'e.g. "kg"');
    sh.unit = s.unit.trim().toLowerCase();
  }
  if (s.mode !== undefined) {
    const m = typeof s.mode === 'string' ? (s.mode.trim().toLowerCase() as Mode) : undefined;
    if (m === undefined || !MODES.includes(m))
      return issue('value-invalid', 'mode', `mode ${JSON.stringify(s.mode)} is not a transport mode`, `one of ${MODES.join(', ')}`);
    sh.mode = m;
  }
  if (s.date !== undefined) {
    if (typeof s.date !== 'string' || !isRealDate(s.date.trim()))
      return issue('date-invalid', 'date', `date ${JSON.stringify(s.date)} is not a calendar date`, 'write it as "YYYY-MM-DD"');
    sh.date = s.date.trim();
  } else if (scenario.asOf === null) {
    sh.date = today;
  }
  if (s.fxRate !== undefined) {
    const r = decimal(s.fxRate);
    if (r === undefined || r.n === 0)
      return issue(
        'value-invalid',
        'fxRate',
        `fxRate ${JSON.stringify(s.fxRate)} is not a positive exchange rate`,
        'importer currency per unit of `currency`, e.g. "0.1385"',
      );
    sh.fxRate = r;
  }
  if (s.elections !== undefined) {
    const e = s.elections as Record<string, unknown>;
    if (typeof e !== 'object' || e === null || Object.values(e).some((x) => typeof x !== 'string'))
      return issue('value-invalid', 'elections', 'elections is not an object of strings', 'e.g. { "postal-method": "per-item" }');
    sh.elections = e as Record<string, string>;
  }
  if (s.entryType !== undefined) {
    if (s.entryType !== 'formal' && s.entryType !== 'informal')
      return issue('value-invalid', 'entryType', `entryType ${JSON.stringify(s.entryType)} is not an entry type`, '"formal" or "informal", or leave it out');
    sh.entryType = s.entryType;
  }
  if (s.content !== undefined) {
    if (typeof s.content !== 'object' || s.content === null)
      return issue('content-invalid', 'content', 'content is not an object', 'e.g. { steel: { value: 400000 } } or { steel: { share: { n: 4, s: 1 } } }');
    const content: Record<string, ContentShare> = {};
    for (const [material, c] of Object.entries(s.content as Record<string, unknown>)) {
      const path = `content.${material}`;
      const cs = c as Record<string, unknown> | null;
      if (typeof cs !== 'object' || cs === null || (cs.share === undefined) === (cs.value === undefined)) {
        return issue('content-invalid', path, `${path} needs exactly one of share or value`, '{ share: "40%" as a Dec fraction 0.4 } or { value: cents }');
      }
      if (cs.value !== undefined) {
        const v = minorUnits(cs.value, `${path}.value`, true);
        if (!v.ok) return v;
        content[material] = { value: v.value };
      } else {
        const d = decimal(cs.share);
        if (d === undefined || d.n > 10 ** d.s)
          return issue('content-invalid', `${path}.share`, `${path}.share ${JSON.stringify(cs.share)} is not a fraction between 0 and 1`, 'e.g. 0.4 for 40%');
        content[material] = { share: d };
      }
    }
    sh.content = content;
  }
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
  const sh = shipmentOf(shipment, scenario, today);
  if (!sh.ok) return sh;
  try {
    return coreLandedCost(sh.value, scenario, index);
  } catch (e) {
    // the inputs are checked; anything thrown now is a bug, still reported as data
    return issue('value-invalid', 'shipment', `internal error while pricing: ${(e as Error).message}`, 'this is a bug in tariff; please report it');
  }
}
