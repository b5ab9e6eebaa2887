/**
 * Special rates printed as a reference to Chapter 98/99 ("See 9822.04.01-9822.04.03 (AU)", "See
 * 9919.02.01-9919.02.02 (PA)"): the in-quota provisions of the tariff-rate quotas of the free trade
 * agreements. The provisions are rows of the same USITC export (chapters 98 and 99), so the build
 * resolves each reference there:
 *
 *   1. the numbers printed (ranges "A-B" are the numbered provisions from A to B in the export);
 *   2. of those, the provisions whose description, or a parent's, names the line's subheading;
 *   3. of those, the ones whose special column carries the programme's code;
 *   4. of those, the in-quota ones: subject to "the quantitative limits specified in U.S. note N to
 *      this subchapter" (or "not to exceed the quantity specified in U.S. note N"), in their own
 *      text or a parent's.
 *
 * The reference is computed only when that leaves one rate the texts make unambiguous: every
 * in-quota provision left gives the same computed rate, and none is for the goods of one party of a
 * several-party programme ("Goods of Canada", "Of Costa Rica"). Otherwise it stays the printed text
 * and the build report lists it with its reason. The rate is the in-quota rate: a claim of it asserts
 * that the goods are entered within the quota (its fill is not in the tariff; the importer checks it).
 */
import { formatHts } from '../../../src/core/hts.js';
import { parseSpecialColumn } from '../../../src/core/rate-text.js';
import type { RawRate } from '../../../src/schedule/schema.js';

/** A numbered row of chapter 98 or 99 as the export prints it. */
export interface Provision {
  /** "9822.04.01" */
  number: string;
  /** the texts of its parents (outermost first), then its own */
  texts: string[];
  /** the special column as printed */
  special: string;
}

export type TrqResolution = { ok: true; rate: RawRate; provisions: string[]; notes: string[] } | { ok: false; reason: TrqReason; detail: string };

/** Why a reference stays uncomputed (the build report counts by these). */
export type TrqReason =
  | 'not-a-reference'
  | 'unreadable-reference'
  | 'provision-missing'
  | 'no-provision-names-line'
  | 'no-rate-for-code'
  | 'party-specific'
  | 'no-quota-provision'
  | 'in-quota-rate-not-computed'
  | 'several-in-quota-rates';

const QUOTA_NOTE =
  /(?:quantitative limits specified in|not to exceed the quantity specified in)\s+U\.S\.\s+note\s+(\d+(?:\s*\([a-z0-9]+\))*)\s+to this subchapter/gi;
/** a parent or own text that limits the provision to the goods of one party ("Goods of Canada", "Of Costa Rica:") */
const ONE_PARTY = /(?:^|\b)(?:goods )?of (Canada|Mexico|Costa Rica|El Salvador|Guatemala|Honduras|Nicaragua|the Dominican Republic)\b/i;

/**
 * Codes whose references differ by party whatever the provisions' words: S+ marks the goods for which
 * the tariff gives each USMCA country a different treatment (CBP CSMS 43062320; data/src/programmes.json),
 * and some of its provisions name the party only through a note ("Goods provided for in note 9(a)").
 */
const BY_PARTY: Readonly<Record<string, string>> = {
  'S+': 'S+ marks goods the tariff treats differently for each USMCA country (CBP CSMS 43062320): the party of origin decides which provision applies',
};

const ROMAN: [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [v, s] of ROMAN)
    while (rest >= v) {
      out += s;
      rest -= v;
    }
  return out;
}

/** "9822.04.01" → "subchapter XXII of chapter 98" (the subchapter is the heading's last two digits). */
export function subchapterOf(provision: string): string {
  return `subchapter ${roman(Number(provision.slice(2, 4)))} of chapter ${provision.slice(0, 2)}`;
}

/** A list of provisions for a message: the first few and how many. */
function few(numbers: readonly string[]): string {
  return numbers.length <= 4 ? numbers.join(', ') : `${numbers.slice(0, 3).join(', ')} … ${numbers[numbers.length - 1]} (${numbers.length} provisions)`;
}

/** The 8-digit subheadings a text names ("0406.90. 74" as printed in some rows counts too). */
function subheadingsNamed(text: string): Set<string> {
  const t = text.replace(/(\d{4}\.\d\d)\.\s+(\d\d)\b/g, '$1.$2');
  return new Set((t.match(/\b\d{4}\.\d\d\.\d\d\b/g) ?? []).map((s) => s.replace(/\./g, '')));
}

/**
 * The provisions a reference prints, in the export's order: "See 9918.04.50, 9918.04.51",
 * "See 9822.04.01-9822.04.03", "99.19.04.14" (a misprint of 9919.04.14: the digits are the number).
 */
export function referencedProvisions(printed: string, order: readonly string[]): { ok: true; numbers: string[] } | { ok: false; detail: string } {
  const body = printed.replace(/^see\s+/i, '');
  const out: string[] = [];
  for (const part of body.split(/\s*(?:,|\band\b)\s*/).filter(Boolean)) {
    const ends = part.split('-').map((e) => e.replace(/\D/g, ''));
    if (ends.length > 2 || ends.some((e) => !/^9[89]\d{6}$/.test(e))) return { ok: false, detail: `"${part}" is not a Chapter 98/99 number or range` };
    const [a = '', b = a] = ends;
    if (ends.length === 1) {
      out.push(formatHts(a));
      continue;
    }
    const inRange = order.filter((n) => {
      const d = n.replace(/\./g, '');
      return d >= a && d <= b;
    });
    // an end the edition does not print: named, so that the caller reports it missing
    out.push(...new Set([formatHts(a), ...inRange, formatHts(b)]));
  }
  return { ok: true, numbers: [...new Set(out)] };
}

/** The in-quota rate a reference of the special column gives the line `code8` under the programme `code`. */
export function resolveTrq(code8: string, code: string, printed: string, provisions: ReadonlyMap<string, Provision>, order: readonly string[]): TrqResolution {
  if (!/^see\s+9[89]/i.test(printed)) return { ok: false, reason: 'not-a-reference', detail: `"${printed}" is not a reference to Chapter 98/99` };
  const byParty = BY_PARTY[code];
  if (byParty !== undefined) return { ok: false, reason: 'party-specific', detail: byParty };
  const refs = referencedProvisions(printed, order);
  if (!refs.ok) return { ok: false, reason: 'unreadable-reference', detail: refs.detail };
  const missing = refs.numbers.filter((n) => !provisions.has(n));
  if (missing.length) return { ok: false, reason: 'provision-missing', detail: `${missing.join(', ')} not in the edition` };
  const all = refs.numbers.map((n) => provisions.get(n) as Provision);
  const naming = all.filter((p) => p.texts.some((t) => subheadingsNamed(t).has(code8)));
  if (naming.length === 0) return { ok: false, reason: 'no-provision-names-line', detail: `none of ${few(refs.numbers)} names ${formatHts(code8)}` };
  const withCode = naming.flatMap((p) => {
    const g = parseSpecialColumn(p.special).groups.find((x) => x.codes.includes(code));
    return g ? [{ p, rate: g.rate ?? null, text: g.text ?? null }] : [];
  });
  if (withCode.length === 0) return { ok: false, reason: 'no-rate-for-code', detail: `${few(naming.map((p) => p.number))} give no rate under ${code}` };
  const party = withCode.find((x) => x.p.texts.some((t) => ONE_PARTY.test(t)));
  if (party) {
    const who = party.p.texts.map((t) => ONE_PARTY.exec(t)?.[1]).find(Boolean);
    return {
      ok: false,
      reason: 'party-specific',
      detail: `${party.p.number} is for goods of ${who} only: the party of origin decides which provision applies`,
    };
  }
  const quota = withCode
    .map((x) => ({ ...x, notes: x.p.texts.flatMap((t) => [...t.matchAll(QUOTA_NOTE)].map((m) => (m[1] ?? '').replace(/\s+/g, ''))) }))
    .filter((x) => x.notes.length > 0);
  if (quota.length === 0) {
    return {
      ok: false,
      reason: 'no-quota-provision',
      detail: `none of ${few(withCode.map((x) => x.p.number))} is subject to a quantitative limit: their rates differ by a condition of the goods`,
    };
  }
  const uncomputed = quota.find((x) => x.rate === null);
  if (uncomputed) return { ok: false, reason: 'in-quota-rate-not-computed', detail: `${uncomputed.p.number} prints "${uncomputed.text ?? ''}"` };
  const rates = new Set(quota.map((x) => JSON.stringify(x.rate)));
  if (rates.size > 1) {
    return {
      ok: false,
      reason: 'several-in-quota-rates',
      detail: `${quota.map((x) => `${x.p.number} ${x.p.special.replace(/\s+/g, ' ').trim()} (U.S. note ${x.notes.join(', ')})`).join('; ')}: which quota the goods enter under is not shown by the code`,
    };
  }
  const notes = [...new Set(quota.flatMap((x) => x.notes.map((n) => `U.S. note ${n} to ${subchapterOf(x.p.number)}`)))];
  return { ok: true, rate: quota[0]?.rate as RawRate, provisions: quota.map((x) => x.p.number), notes };
}
