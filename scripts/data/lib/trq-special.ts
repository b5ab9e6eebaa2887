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
 * several-party programme ("Goods of Canada", "Of Costa Rica"). A reference whose provisions are for
 * the goods of one party or another (S+, and P+ 9822.05.15 "Of Costa Rica") is given a rate by party
 * where the provisions' words name the party (`parties`, below); it stays the printed text for the
 * other origins. Otherwise it stays the printed text and the build report lists it with its reason. The rate is the in-quota rate: a claim of it asserts
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

/** The rate a reference gives the goods of the parties a provision's own words name ("Goods of Mexico", "Of Costa Rica"). */
export interface PartyRate {
  /** ISO codes of the parties named (MX, CA, CR …) */
  origins: string[];
  rate: RawRate;
  /** the provisions the goods are entered under */
  provisions: string[];
  /** the U.S. notes whose quantitative limits the provisions are subject to; empty: no quota */
  notes: string[];
}

/** One quota of a reference whose in-quota provisions give several rates (Panama's cheese: U.S. notes 6(a) and 6(b)): the provision a claim names. */
export interface QuotaRate {
  /** "9919.04.51" */
  provision: string;
  rate: RawRate;
  /** its special column as printed ("56.7¢/kg (PA)"), for the build report */
  printed: string;
  /** the U.S. notes whose quantitative limits the provision is subject to; empty: no quota (its rate is for the goods its own text describes) */
  notes: string[];
  /** its own text: with no quota, the condition of the goods a claim naming it asserts ("Of automotive air conditioners") */
  text: string;
}

export type TrqResolution =
  /** `linked`: the provision names none of the line's subheadings, and the line's own special column refers to it alone: why it is taken */
  | { ok: true; rate: RawRate; provisions: string[]; notes: string[]; linked?: string }
  /** `parties`: with reason party-specific, the rates of the parties the provisions name (`detail` is then what a claim from another origin is told) */
  /** `quotas`: with reason several-in-quota-rates, each in-quota provision with its rate, for a claim that names the provision (`--claim PA:9919.04.51`) */
  | { ok: false; reason: TrqReason; detail: string; parties?: PartyRate[]; complete?: boolean; quotas?: QuotaRate[] };

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

// "U.S." is optional: 9823.10.02 prints "Subject to the quantitative limits specified in note 10(b)(1) to this subchapter"
const QUOTA_NOTE =
  /(?:quantitative limits specified in|not to exceed the quantity specified in)\s+(?:U\.S\.\s+)?note\s+(\d+(?:\s*\([a-z0-9]+\))*)\s+to this subchapter/gi;
/** a parent or own text that limits the provision to the goods of one party ("Goods of Canada", "Of Costa Rica:") */
const ONE_PARTY = /(?:^|\b)(?:goods )?of (Canada|Mexico|Costa Rica|El Salvador|Guatemala|Honduras|Nicaragua|the Dominican Republic)\b/i;

/** The parties' names as the provisions print them, and their ISO codes (the words of the texts only). */
const PARTY_CODES: Readonly<Record<string, string>> = {
  canada: 'CA',
  mexico: 'MX',
  'the united states': 'US',
  'costa rica': 'CR',
  'el salvador': 'SV',
  guatemala: 'GT',
  honduras: 'HN',
  nicaragua: 'NI',
  'the dominican republic': 'DO',
};
const PARTY_NAMES = /\b(?:goods )?of (Canada|Mexico|the United States|Costa Rica|El Salvador|Guatemala|Honduras|Nicaragua|the Dominican Republic)\b/gi;

/**
 * Provisions that name the party only through a note of their subchapter ("Goods provided for in note 9(a) to
 * this subchapter"): the parties that note names, by heading and note subdivision. U.S. notes 9 (sugar) and 10
 * (sugar-containing products) to subchapter XXIII of chapter 98 (USMCA), as copied in
 * data/sources/usitc/ch98_subchapter23_notes_9_10.md: "(a) Goods of Mexico … and goods of the United States
 * shall be eligible for USMCA tariff treatment only under subheading 9823.09.01" (9823.10.01); "(b) Goods of
 * Canada … only under subheadings 9823.09.02 through 9823.09.09" (9823.10.02 through 9823.10.45), and
 * (b)(1)–(3) speak of "originating goods of Canada" / "goods of Canada" throughout.
 */
export const NOTE_PARTIES: Readonly<Record<string, readonly string[]>> = {
  // notes 3 (butter, cream and cream powder) and 7 (concentrated milk), as copied in
  // data/sources/usitc/ch98_subchapter23_notes_1_3_4_7.md: "(a) Goods of Mexico … and goods of the United States …
  // only under subheading 9823.03.01" (9823.07.01); "(b) Goods of Canada … only under subheadings 9823.03.02
  // through 9823.03.11" (9823.07.02 through 9823.07.07)
  '9823 3(a)': ['MX', 'US'],
  '9823 3(b)': ['CA'],
  '9823 7(a)': ['MX', 'US'],
  '9823 7(b)': ['CA'],
  '9823 9(a)': ['MX', 'US'],
  '9823 9(b)': ['CA'],
  '9823 10(a)': ['MX', 'US'],
  '9823 10(b)': ['CA'],
};
/**
 * The permanent subheadings a note of subchapter XXIII of chapter 98 says its provisions apply to (notes 1, 3, 4, 7): "This note and
 * subheadings 9823.03.01 through 9823.03.11 are effective as to originating goods … classified in the permanent
 * subheadings of 0401.50.75, 0402.21.90, …" (note 3), "9823.07.01 through 9823.07.07 … 0402.91.70, …" (note 7),
 * as copied in data/sources/usitc/ch98_subchapter23_notes_1_3_4_7.md. A provision of that range whose own text names
 * no subheading ("Subject to the quantitative limits specified in U.S. note 7(b) to this subchapter") names these
 * lines: the export's group text above it misprints them ("0401.50.70", "2106.9026" for note 3; notes 1 and 4
 * below) or is indented beside it (note 7's group text at level 2, so that 9823.07.02 is not under it).
 */
export const NOTE_LINES: Readonly<Record<string, { provisions: readonly [string, string]; lines: readonly string[] }>> = {
  // note 1: the export's group text of 9823.01 prints "2209.99.28" for 2202.99.28
  '9823 1': { provisions: ['9823.01.01', '9823.01.07'], lines: ['0401.40.25', '0401.50.25', '0403.90.16', '2105.00.20', '2202.99.28'] },
  '9823 3': {
    provisions: ['9823.03.01', '9823.03.11'],
    lines: ['0401.50.75', '0402.21.90', '0403.90.65', '0403.90.78', '0405.10.20', '0405.20.30', '0405.20.70', '0405.90.20', '2106.90.26', '2106.90.36'],
  },
  // note 4 as the copy prints it ("0403.20.71" there is 0406.20.71, which the export's group text names): the
  // export's group text prints "0406.10,18", "0406.30,38" and "… or 0406.90.36" for 1901.90.36
  '9823 4': {
    provisions: ['9823.04.01', '9823.04.54'],
    lines: [
      '0406.10.08',
      '0406.10.18',
      '0406.10.28',
      '0406.10.38',
      '0406.10.48',
      '0406.10.58',
      '0406.10.68',
      '0406.10.78',
      '0406.10.88',
      '0406.20.28',
      '0406.20.33',
      '0406.20.39',
      '0406.20.48',
      '0406.20.53',
      '0406.20.63',
      '0406.20.67',
      '0403.20.71',
      '0406.20.75',
      '0406.20.79',
      '0406.20.83',
      '0406.20.87',
      '0406.20.91',
      '0406.30.18',
      '0406.30.28',
      '0406.30.38',
      '0406.30.48',
      '0406.30.53',
      '0406.30.63',
      '0406.30.67',
      '0406.30.71',
      '0406.30.75',
      '0406.30.79',
      '0406.30.83',
      '0406.30.87',
      '0406.30.91',
      '0406.40.70',
      '0406.90.12',
      '0406.90.18',
      '0406.90.32',
      '0406.90.37',
      '0406.90.42',
      '0406.90.48',
      '0406.90.54',
      '0406.90.68',
      '0406.90.74',
      '0406.90.78',
      '0406.90.84',
      '0406.90.88',
      '0406.90.92',
      '0406.90.94',
      '0406.90.97',
      '1901.90.36',
    ],
  },
  '9823 7': { provisions: ['9823.07.01', '9823.07.07'], lines: ['0402.91.70', '0402.91.90', '0402.99.45', '0402.99.55', '0402.99.90'] },
};

/** Whether a provision names the line `code8` through the note its range belongs to (`NOTE_LINES`): only when its own text names no subheading. */
export function namedByNote(p: Provision, code8: string): boolean {
  if (subheadingsNamed(p.texts[p.texts.length - 1] ?? '').size > 0) return false;
  return Object.values(NOTE_LINES).some(
    (n) => p.number >= n.provisions[0] && p.number <= n.provisions[1] && n.lines.some((l) => l.replace(/\./g, '') === code8),
  );
}

const NOTE_REFERENCE = /\bprovided for in note (\d+)\s*\(([a-z])\)/i;

/** The parties of a text by its words, else by the note it names (`NOTE_PARTIES`). */
function partiesNamed(text: string, heading: string): string[] {
  const names = [...text.matchAll(PARTY_NAMES)].map((m) => PARTY_CODES[(m[1] ?? '').toLowerCase()] ?? '');
  if (names.length) return names;
  const note = NOTE_REFERENCE.exec(text);
  return note ? [...(NOTE_PARTIES[`${heading} ${note[1]}(${(note[2] ?? '').toLowerCase()})`] ?? [])] : [];
}

/**
 * The parties a provision is for, by the words of its own text or of the nearest grouping text above it
 * that names one (or names a note that names one: `NOTE_PARTIES`). A grouping text ends with ":" ("Goods of Canada provided for in note 1(b) to this
 * subchapter:", "Of Costa Rica:"); a parent that is itself a provision with its own rate (the export
 * indents 9823.03.01 "Goods of Mexico …" above "Goods provided for in note 3(b) …:") does not end with
 * one and is not read as a group.
 */
export function partiesOf(p: Provision): { parties: string[]; own: boolean } {
  const own = p.texts.length - 1;
  for (let i = own; i >= 0; i--) {
    const t = p.texts[i] ?? '';
    if (i !== own && !/:\s*$/.test(t)) continue;
    const names = partiesNamed(t, p.number.replace(/\D/g, '').slice(0, 4));
    if (names.length) return { parties: [...new Set(names)].sort(), own: i === own };
  }
  return { parties: [], own: false };
}

/**
 * Codes whose references differ by party whatever the provisions' words: S+ marks the goods for which
 * the tariff gives each USMCA country a different treatment (CBP CSMS 43062320; data/src/programmes.json),
 * and some of its provisions name the party only through a note ("Goods provided for in note 9(a)": `NOTE_PARTIES`).
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

interface WithCode {
  p: Provision;
  rate: RawRate | null;
  text: string | null;
}

/**
 * The quota notes of a provision's texts. A provision under an "Other" text below the one that names the
 * note is the over-quota branch, not within the quota: the export indents "Other:" under "Subject to the
 * quantitative limits specified in U.S. note 4(b) to this subchapter:" (9919.04.13, 9919.04.14), where the
 * chapter 99 text prints them side by side and note 4(b) itself counts only "subheading 9919.04.11 through
 * 9919.04.12" (U.S. note 4(b) to subchapter XIX of chapter 99, data/sources/usitc/chapter99_2026_revision_6.txt.gz).
 */
export function quotaNotes(p: Provision): string[] {
  const last = p.texts.reduce((at, t, i) => (new RegExp(QUOTA_NOTE.source, 'i').test(t) ? i : at), -1);
  if (last >= 0 && p.texts.slice(last + 1).some((t) => /^\s*other\b/i.test(t))) return [];
  return p.texts.flatMap((t) => [...t.matchAll(QUOTA_NOTE)].map((m) => (m[1] ?? '').replace(/\s+/g, '')));
}

function withQuotaNotes<T extends WithCode>(list: readonly T[]): (T & { notes: string[] })[] {
  return list.map((x) => ({ ...x, notes: quotaNotes(x.p) }));
}

/**
 * A reference whose provisions differ by party: for each party the provisions' words name, its rate —
 * the in-quota rate of its provisions subject to a quantitative limit where it has any, else the one rate
 * of the provisions whose own text names the party (9823.01.01 "Goods of Mexico or goods of the United
 * States …", Free, no quota). A provision without a limit that only a parent names the party of is the
 * over-quota rate of that party's quota (9823.01.03 under "Goods of Canada …: Goods provided for in note
 * 1(b)(2)"): never a party's rate by itself.
 * Provisions that name no party, by their words or a note of `NOTE_PARTIES`, leave the other
 * origins uncomputed; when every provision names its party, an origin none names has no rate under the code.
 */
function byParties(code8: string, code: string, withCode: readonly WithCode[], fallback: string): TrqResolution {
  const all = withQuotaNotes(withCode).map((x) => ({ ...x, ...partiesOf(x.p) }));
  const unnamed = all.filter((x) => x.parties.length === 0);
  const groups = new Map<string, typeof all>();
  for (const x of all.filter((y) => y.parties.length > 0)) groups.set(x.parties.join(','), [...(groups.get(x.parties.join(',')) ?? []), x]);
  const parties: PartyRate[] = [];
  const problems: string[] = [];
  for (const [key, list] of groups) {
    const quota = list.filter((x) => x.notes.length > 0);
    const chosen = quota.length > 0 ? quota : list.filter((x) => x.own);
    if (chosen.length === 0) {
      problems.push(`${key}: only ${list.map((x) => x.p.number).join(', ')} name the line, without a quantitative limit (over-quota)`);
      continue;
    }
    const rates = new Set(chosen.map((x) => JSON.stringify(x.rate)));
    const first = chosen[0];
    if (first === undefined || first.rate === null || rates.size > 1 || chosen.some((x) => x.rate === null)) {
      problems.push(`${key}: ${chosen.map((x) => `${x.p.number} ${x.p.special.replace(/\s+/g, ' ').trim()}`).join('; ')}`);
      continue;
    }
    parties.push({
      origins: key.split(','),
      rate: first.rate,
      provisions: chosen.map((x) => x.p.number),
      notes: [...new Set(chosen.flatMap((x) => x.notes.map((n) => `U.S. note ${n} to ${subchapterOf(x.p.number)}`)))],
    });
  }
  if (parties.length === 0) return { ok: false, reason: 'party-specific', detail: fallback };
  const named = parties.map((p) => `${p.origins.join(', ')} (${p.provisions.join(', ')})`).join('; ');
  const why = [
    ...(unnamed.length ? [`${few(unnamed.map((x) => x.p.number))} name${unnamed.length === 1 ? 's' : ''} the goods only through a note, not by party`] : []),
    ...(problems.length ? [`no one rate for ${problems.join(' / ')}`] : []),
  ];
  const complete = why.length === 0;
  return {
    ok: false,
    reason: 'party-specific',
    parties,
    complete,
    detail: complete
      ? `the provisions of ${code} on ${formatHts(code8)} name the goods of ${named} only: goods of another origin have no ${code} rate here`
      : `the provisions of ${code} on ${formatHts(code8)} give a rate by party to ${named}; for goods of another origin the rate is not computed: ${why.join('; ')}`,
  };
}

/**
 * A reference to ONE provision that names none of the line's subheadings (9822.04.25 names 1901.10.30 …, the
 * subheadings before 1901.10 was renumbered; 9822.08.01 lists sugar goods without 3006.93.20): the line's own special
 * column refers to that provision alone, so the reference is the link — taken when the provision has one computed
 * rate under the code and is subject to a quantitative limit (an in-quota provision), never for a provision of one
 * party. Otherwise null (the reference stays uncomputed).
 */
function linkedByReference(code8: string, code: string, p: Provision): TrqResolution | null {
  const g = parseSpecialColumn(p.special).groups.find((x) => x.codes.includes(code));
  const notes = quotaNotes(p);
  if (!g?.rate || notes.length === 0 || p.texts.some((t) => ONE_PARTY.test(t))) return null;
  const named = [...new Set(p.texts.flatMap((t) => [...subheadingsNamed(t)]))].map(formatHts);
  return {
    ok: true,
    rate: g.rate,
    provisions: [p.number],
    notes: [...new Set(notes.map((n) => `U.S. note ${n} to ${subchapterOf(p.number)}`))],
    linked: `${p.number} names ${named.length ? few(named) : 'no subheading'}, not ${formatHts(code8)}: the line's special column refers to it alone`,
  };
}

/** A provision's own text, without the export's trailing dots ("Of automotive air conditioners"). */
function ownText(p: Provision): string {
  return (p.texts[p.texts.length - 1] ?? '').replace(/[\s.:]+$/, '').trim();
}

/** The in-quota rate a reference of the special column gives the line `code8` under the programme `code`. */
export function resolveTrq(code8: string, code: string, printed: string, provisions: ReadonlyMap<string, Provision>, order: readonly string[]): TrqResolution {
  if (!/^see\s+9[89]/i.test(printed)) return { ok: false, reason: 'not-a-reference', detail: `"${printed}" is not a reference to Chapter 98/99` };
  const byParty = BY_PARTY[code];
  const r = resolve(code8, code, printed, provisions, order, byParty);
  // a code that differs by party whatever the words: a reference that does not resolve by party stays party-specific
  return byParty !== undefined && (r.ok || r.reason !== 'party-specific') ? { ok: false, reason: 'party-specific', detail: byParty } : r;
}

function resolve(
  code8: string,
  code: string,
  printed: string,
  provisions: ReadonlyMap<string, Provision>,
  order: readonly string[],
  byParty: string | undefined,
): TrqResolution {
  const refs = referencedProvisions(printed, order);
  if (!refs.ok) return { ok: false, reason: 'unreadable-reference', detail: refs.detail };
  const missing = refs.numbers.filter((n) => !provisions.has(n));
  if (missing.length) return { ok: false, reason: 'provision-missing', detail: `${missing.join(', ')} not in the edition` };
  const all = refs.numbers.map((n) => provisions.get(n) as Provision);
  const naming = all.filter((p) => p.texts.some((t) => subheadingsNamed(t).has(code8)) || namedByNote(p, code8));
  if (naming.length === 0) {
    const linked = byParty === undefined && all.length === 1 ? linkedByReference(code8, code, all[0] as Provision) : null;
    return linked ?? { ok: false, reason: 'no-provision-names-line', detail: `none of ${few(refs.numbers)} names ${formatHts(code8)}` };
  }
  const withCode = naming.flatMap((p) => {
    const g = parseSpecialColumn(p.special).groups.find((x) => x.codes.includes(code));
    return g ? [{ p, rate: g.rate ?? null, text: g.text ?? null }] : [];
  });
  if (withCode.length === 0) return { ok: false, reason: 'no-rate-for-code', detail: `${few(naming.map((p) => p.number))} give no rate under ${code}` };
  const party = withCode.find((x) => x.p.texts.some((t) => ONE_PARTY.test(t)));
  if (byParty !== undefined || party) {
    const who = party?.p.texts.map((t) => ONE_PARTY.exec(t)?.[1]).find(Boolean);
    const fallback = byParty ?? `${party?.p.number} is for goods of ${who} only: the party of origin decides which provision applies`;
    return byParties(code8, code, withCode, fallback);
  }
  const quota = withQuotaNotes(withCode).filter((x) => x.notes.length > 0);
  if (quota.length === 0) {
    // rates that differ by a condition of the goods (9921.01.01 "Of automotive air conditioners" 1.4%, 9921.01.02
    // "Other" Free): a claim names the provision whose goods it asserts, when every rate is computed
    const computed = withCode.every((x) => x.rate !== null) && new Set(withCode.map((x) => JSON.stringify(x.rate))).size > 1;
    // a rate printed in words (PA ethanol: "The rate provided for beneficiary countries in heading 9901.00.50") is what
    // stops it, not the condition: the refusal quotes it
    const words = withCode.find((x) => x.rate === null);
    const why = words
      ? `, and ${words.p.number} prints its rate as "${(words.text ?? '').replace(/\s+/g, ' ').trim()}", which this tool does not compute`
      : `: their rates differ by a condition of the goods${computed ? `: a claim names the provision (${code}:${withCode[0]?.p.number})` : ''}`;
    return {
      ok: false,
      reason: 'no-quota-provision',
      detail: `none of ${few(withCode.map((x) => x.p.number))} is subject to a quantitative limit${why}`,
      ...(computed
        ? {
            quotas: withCode.map((x) => ({
              provision: x.p.number,
              rate: x.rate as RawRate,
              printed: x.p.special.replace(/\s+/g, ' ').trim(),
              text: ownText(x.p),
              notes: [],
            })),
          }
        : {}),
    };
  }
  const uncomputed = quota.find((x) => x.rate === null);
  if (uncomputed) return { ok: false, reason: 'in-quota-rate-not-computed', detail: `${uncomputed.p.number} prints "${uncomputed.text ?? ''}"` };
  const rates = new Set(quota.map((x) => JSON.stringify(x.rate)));
  if (rates.size > 1) {
    // several quotas (or several rates within one): the claim names the provision the goods are entered under
    return {
      ok: false,
      reason: 'several-in-quota-rates',
      detail: `${quota.map((x) => `${x.p.number} ${x.p.special.replace(/\s+/g, ' ').trim()} (U.S. note ${x.notes.join(', ')})`).join('; ')}: which quota the goods enter under is not shown by the code: a claim names the provision (${code}:${quota[0]?.p.number})`,
      quotas: quota.map((x) => ({
        provision: x.p.number,
        rate: x.rate as RawRate,
        printed: x.p.special.replace(/\s+/g, ' ').trim(),
        text: ownText(x.p),
        notes: [...new Set(x.notes.map((n) => `U.S. note ${n} to ${subchapterOf(x.p.number)}`))],
      })),
    };
  }
  const notes = [...new Set(quota.flatMap((x) => x.notes.map((n) => `U.S. note ${n} to ${subchapterOf(x.p.number)}`)))];
  return { ok: true, rate: quota[0]?.rate as RawRate, provisions: quota.map((x) => x.p.number), notes };
}
