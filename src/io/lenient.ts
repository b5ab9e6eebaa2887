/**
 * `--lenient`: the spellings spreadsheets produce, read as what they mean, before the strict
 * parser sees them. Opt-in and echoed (every run says it was lenient, and each changed value is
 * counted with an example); the default stays strict, where `12,500.00` is a rejected row.
 *
 * - money and quantities: thousands separators (`12,500.00`; with --decimal-comma `1.234,56`),
 *   a currency symbol or code (`$8,900`, `€3000`, `3000 EUR`), which also sets the currency when
 *   the row has none (a symbol that contradicts the row's currency is left for the parser to
 *   reject); spaces and apostrophes as group separators (`12 500`, `12'500`);
 * - origin: country names and aliases (`China`, `PRC`, `Viet Nam`) → ISO codes;
 * - HTS and other codes: Excel's leading apostrophe (`'0101.21.00`);
 * - mode: any case (`Ocean`, `OCEAN`).
 * Only a value that matches one of these shapes exactly is changed; anything else goes through
 * as it came, to be accepted or rejected by the strict rules.
 */
import type { ShipmentFields } from './shipment-input.js';
import { countryCodeOf } from '../core/country-names.js';

export interface LenientOptions {
  decimalComma: boolean;
}

const SYMBOL_CURRENCY: Readonly<Record<string, string>> = { $: 'USD', US$: 'USD', '€': 'EUR', '£': 'GBP', 'CN¥': 'CNY', RMB: 'CNY' };
const CODES = new Set(['USD', 'EUR', 'GBP', 'CNY', 'HKD', 'JPY', 'CAD', 'MXN', 'VND', 'INR']);

/** "12,500.00" → "12500.00" (or with a decimal comma "1.234,56" → "1234.56"); undefined when not a grouped number. */
export function ungroup(text: string, decimalComma: boolean): string | undefined {
  const t = text.trim();
  if (decimalComma) {
    if (/^\d{1,3}([.\s'\u00a0\u202f]\d{3})+(,\d+)?$/.test(t) || /^\d+(,\d+)?$/.test(t)) return t.replace(/[.\s'\u00a0\u202f]/g, '').replace(',', '.');
    return undefined;
  }
  if (/^\d{1,3}([,\s'\u00a0\u202f]\d{3})+(\.\d+)?$/.test(t)) return t.replace(/[,\s'\u00a0\u202f]/g, '');
  return undefined;
}

/** "$8,900" → {amount: "8900", currency: "USD"}; "3000 EUR" → {amount: "3000", currency: "EUR"}. */
export function lenientAmount(text: string, decimalComma: boolean): { amount: string; currency?: string } | undefined {
  let t = text.trim();
  let currency: string | undefined;
  const sym = /^(US\$|CN¥|RMB|[$€£])\s*/.exec(t) ?? /\s*(US\$|CN¥|RMB|[$€£])$/.exec(t);
  if (sym) {
    currency = SYMBOL_CURRENCY[sym[1] as string];
    t = t.replace(sym[0], '');
  } else {
    const code = /^([A-Z]{3})\s+/.exec(t) ?? /\s+([A-Z]{3})$/.exec(t);
    if (code && CODES.has(code[1] as string)) {
      currency = code[1];
      t = t.replace(code[0], '');
    }
  }
  const plain = /^\d+(\.\d+)?$/.test(t) && !decimalComma ? t : ungroup(t, decimalComma);
  if (plain === undefined) return undefined;
  if (plain === text.trim() && currency === undefined) return undefined;
  return currency === undefined ? { amount: plain } : { amount: plain, currency };
}

export interface Change {
  field: string;
  from: string | undefined;
  to: string;
}

const MONEY_FIELDS = ['value', 'freight', 'insurance'] as const;

/** The fields with the lenient readings applied, and what changed. */
export function lenientFields(f: ShipmentFields, opts: LenientOptions): { fields: ShipmentFields; changes: Change[] } {
  const out: ShipmentFields = { ...f };
  const changes: Change[] = [];
  const set = (field: keyof ShipmentFields, to: string): void => {
    const from = (out as Record<string, unknown>)[field] as string;
    if (from !== to) {
      changes.push({ field, from, to });
      (out as Record<string, unknown>)[field] = to;
    }
  };
  for (const field of MONEY_FIELDS) {
    const v = out[field];
    if (v === undefined) continue;
    const a = lenientAmount(v, opts.decimalComma);
    if (!a) continue;
    if (a.currency !== undefined && out.currency !== undefined && out.currency.trim().toUpperCase() !== a.currency) continue; // a contradiction: leave it to the strict parser
    set(field, a.amount);
    if (a.currency !== undefined && out.currency === undefined) set('currency', a.currency);
  }
  for (const field of ['qty', 'qty2'] as const) {
    const v = out[field];
    const q = v === undefined ? undefined : ungroup(v, opts.decimalComma);
    if (q !== undefined) set(field, q);
  }
  for (const field of ['hts', 'id'] as const) {
    const v = out[field];
    if (v?.startsWith("'")) set(field, v.slice(1));
  }
  if (out.origin !== undefined) {
    const code = countryCodeOf(out.origin.replace(/^'/, ''));
    if (code !== undefined) set('origin', code);
  }
  if (out.mode !== undefined && out.mode !== out.mode.trim().toLowerCase()) set('mode', out.mode.trim().toLowerCase());
  return { fields: out, changes };
}

/** "value \"12,500.00\" read as \"12500.00\"", or "currency set to \"EUR\"" when the field was empty. */
export function changeText(c: Change, name: (field: string) => string): string {
  return c.from === undefined
    ? `${name(c.field)} set to ${JSON.stringify(c.to)} (from the currency symbol)`
    : `${name(c.field)} ${JSON.stringify(c.from)} read as ${JSON.stringify(c.to)}`;
}

export const LENIENT_ASSUMPTION =
  '--lenient: thousands separators, currency symbols, country names, leading apostrophes and the case of modes were read as what they mean; check the changed values';
