/**
 * How the core writes rates, money and formulas in words. Pure string building, shared by every
 * renderer so that a formula reads the same in a table, in JSON and in CSV.
 */
import { centsGrouped, decToString, type Dec } from './decimal.js';
import type { Base } from './types.js';

const SYMBOLS: Record<string, string> = { USD: '$', CNY: '¥', EUR: '€', GBP: '£' };

export function moneyText(cents: number, currency: string, minorDigits = 2): string {
  const sym = SYMBOLS[currency];
  const amount = centsGrouped(cents, minorDigits);
  if (sym === undefined) return `${currency} ${amount}`;
  return cents < 0 ? `-${sym}${amount.slice(1)}` : `${sym}${amount}`;
}

export function unitAmount(amount: Dec, currency: string): string {
  const sym = SYMBOLS[currency];
  const text = decToString(amount);
  return sym === undefined ? `${currency} ${text}` : `${sym}${text}`;
}

export function baseText(base: Base): string {
  if (base === 'customs-value') return 'customs value';
  if (base === 'customs-value+duty') return 'customs value + duty';
  return `${base.content} content`;
}

export function qtyText(qty: Dec, unit: string): string {
  // qty is normalised (no trailing zeros), so the grouped text needs no trimming
  return `${centsGrouped(qty.n, qty.s)} ${unit}`;
}

/** The authorities in words, for tables, summaries and reasons (an id not listed gets a label made from it). */
const AUTHORITY_NAMES: Record<string, string> = {
  mfn: 'MFN',
  s301: 'Section 301',
  's301-forced-labor': 'Section 301 forced labor',
  's301-brazil': 'Section 301 Brazil',
  s338: 'Section 338',
  s232: 'Section 232',
  'ieepa-fentanyl': 'IEEPA fentanyl',
  'ieepa-reciprocal': 'IEEPA reciprocal',
  'ieepa-brazil': 'IEEPA Brazil',
  'ieepa-india': 'IEEPA India',
  s122: 'Section 122',
  s201: 'Section 201',
  'cn-retaliation': 'China retaliation',
  mpf: 'MPF',
  hmf: 'HMF',
  vat: 'VAT',
  'postal-duty': 'Postal duty',
  'de-minimis': 'De minimis',
};

export function authorityName(a: string): string {
  return AUTHORITY_NAMES[a] ?? labelOf(a);
}

/**
 * A label for an authority a schedule or overlay adds (`ieepa-mexico`, `s122-2`): never a raw id
 * beside the labels of a summary. `s<N>` reads "Section N", `ieepa`/`mpf`/`hmf`/`vat`/`cn`/`us`
 * in capitals, other words capitalised.
 */
function labelOf(id: string): string {
  const words = id.split(/[-_]+/).filter(Boolean);
  if (words.length === 0) return id;
  return words
    .map((w) => {
      const s = /^s(\d+)$/i.exec(w);
      if (s) return `Section ${s[1]}`;
      if (/^(ieepa|mpf|hmf|vat|cn|us|mfn|usmca)$/i.test(w)) return w.toUpperCase();
      return `${w.charAt(0).toUpperCase()}${w.slice(1)}`;
    })
    .join(' ');
}

/**
 * A tariff line's description for a title or a table cell: the whole indented path is kept in the
 * data (and in JSON/CSV); on screen the middle of a long path gives way ("Heading: …: Line").
 */
export function shortDescription(text: string, max = 200): string {
  if (text.length <= max) return text;
  const parts = text.split(': ');
  while (parts.length > 2 && `${parts[0]}: …: ${parts.slice(1).join(': ')}`.length > max) parts.splice(1, 1);
  const cut = parts.length < text.split(': ').length ? `${parts[0]}: …: ${parts.slice(1).join(': ')}` : text;
  return cut.length > max ? `${cut.slice(0, max - 1)}…` : cut;
}
