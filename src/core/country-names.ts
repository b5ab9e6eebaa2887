/**
 * Country names and common aliases → ISO 3166-1 alpha-2 codes, for `--lenient` input. The names
 * of `core/countries.ts` (Debian iso-codes) are matched whatever their case and spacing; the aliases
 * below are the other spellings spreadsheets carry. An alias that could mean two countries
 * ("Korea", "Congo", "Guinea") is deliberately absent: a guess there would be a wrong duty.
 */
import { COUNTRIES } from './countries.js';

const ALIASES: Readonly<Record<string, string>> = {
  prc: 'CN',
  'p.r.c.': 'CN',
  'p.r. china': 'CN',
  'pr china': 'CN',
  "people's republic of china": 'CN',
  'peoples republic of china': 'CN',
  'mainland china': 'CN',
  'china mainland': 'CN',
  'china (mainland)': 'CN',
  'viet nam': 'VN',
  'socialist republic of vietnam': 'VN',
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  'u.k.': 'GB',
  'great britain': 'GB',
  britain: 'GB',
  'republic of korea': 'KR',
  'korea, republic of': 'KR',
  'korea (south)': 'KR',
  'hong kong sar': 'HK',
  'hong kong, china': 'HK',
  macau: 'MO',
  'macao sar': 'MO',
  'taiwan, province of china': 'TW',
  'chinese taipei': 'TW',
  russia: 'RU',
  'czech republic': 'CZ',
  turkey: 'TR',
  türkiye: 'TR',
  'republic of india': 'IN',
  holland: 'NL',
  'the netherlands': 'NL',
  uae: 'AE',
};

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

let byName: Map<string, string> | null = null;

/** The ISO code a country name or alias stands for, or undefined. */
export function countryCodeOf(name: string): string | undefined {
  if (byName === null) {
    byName = new Map(Object.entries(COUNTRIES).map(([code, n]) => [norm(n), code]));
    for (const [alias, code] of Object.entries(ALIASES)) byName.set(alias, code);
  }
  const n = norm(name);
  return byName.get(n) ?? (/^[a-z]{2}$/.test(n) && Object.hasOwn(COUNTRIES, n.toUpperCase()) ? n.toUpperCase() : undefined);
}
