/**
 * Claims of a special tariff treatment programme (HTSUS general note 3(c)(i)): `--claim KR`,
 * `--claim korus`, several at once ("KR;patented"). A claim that names a programme of the
 * schedule's table replaces the general rate with the line's special rate for it on the entry
 * date; it is refused, with its reason and what the line's special column offers, when the
 * programme has lapsed (after its end, or in one of its gaps) or is not yet in force, when the origin is not a member on the date,
 * or when the line has no computed preference under it. A code with a symbol ("E*", "P+") is held
 * to its programme's `limits` (general notes 7(d), 29(a)(ii)): refused for the goods a limit
 * excludes, or on a line no limit covers; applied with a note for a condition of the goods the tool
 * cannot check. A claim that names no programme is an
 * election of the measures (`usmca`, `patented`, `in-transit` …) as before; `usmca` is both.
 *
 * A claim may name the Chapter 98/99 provision the goods are entered under, after a colon:
 * `PA:9919.04.51`. It is valid where the line's special rate for the programme is printed as a
 * reference and resolved to provisions (an in-quota rate, a party's rate, or several quotas): the
 * number must be one of them, else the claim is refused with the numbers it may name. Where the
 * reference's in-quota provisions give several rates (Panama's cheese: U.S. notes 6(a) and 6(b) to
 * subchapter XIX of chapter 99), a claim of the programme alone is refused with the provisions to
 * name: a broker files one Chapter 99 number, and the tool does not choose the quota for the user.
 *
 * A special rate printed as the rate of a line of another heading ("The rate applicable to the
 * natural juice in heading 2009": D on 2106.90.52 and 2106.90.54) is claimed with the line named
 * after the colon, `D:2009.89.65`: it is priced at the rate that line gives the same claim on the
 * same date and origin (its special rate for the code; where its special column does not list the
 * code, its general rate, the rate the natural juice of that origin would pay). The line named is
 * the importer's assertion: the tool cannot check which juice the goods are.
 */
import { formatHts } from './hts.js';
import { fail, ok, type Issue, type Result } from './issues.js';
import { isFree, tariffRateText } from './rate-kinds.js';
import type {
  Importer,
  InQuota,
  LineOfHeading,
  PartyRate,
  Programme,
  ProgrammeGap,
  ProgrammeLimit,
  ProvisionRate,
  Rate,
  Schedule,
  SpecialGroup,
  TariffLine,
} from './types.js';

/** The claims of a shipment's `claim` election, as given (lower case), in order. */
export function claimsOf(claim: string | undefined): string[] {
  return (claim ?? '')
    .split(/[;,]/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Whether elections choose `option` of `group`: the `claim` group holds several claims. */
export function elects(elections: Readonly<Record<string, string>> | undefined, group: string, option: string, byDefault: boolean): boolean {
  const chosen = elections?.[group];
  if (chosen === undefined) return byDefault;
  return group === 'claim' ? claimsOf(chosen).includes(option) : chosen === option;
}

/** A claim split at its colon: the programme's code or name, and the Chapter 98/99 provision it names ("PA:9919.04.51"), or null. */
export function splitClaim(claim: string): { word: string; provision: string | null } {
  const at = claim.indexOf(':');
  return at < 0 ? { word: claim, provision: null } : { word: claim.slice(0, at).trim(), provision: claim.slice(at + 1).trim() };
}

/** "2009.89.65" from "2009.89.65", "20098965", "2009.89.6500"; null when not a subheading of 8 digits (or a statistical number of 10). */
export function lineNumber(text: string): string | null {
  const digits = text.replace(/[.\s]/g, '');
  // a statistical number (10 digits) names its line: the rate is the line's
  return /^\d{8}(?:\d{2})?$/.test(digits) ? formatHts(digits.slice(0, 8)) : null;
}

/** "9919.04.51" from "9919.04.51", "99190451"; null when not a Chapter 98/99 subheading of 8 digits. */
export function provisionNumber(text: string): string | null {
  const digits = text.replace(/[.\s]/g, '');
  return /^9[89]\d{6}$/.test(digits) ? formatHts(digits) : null;
}

/** A claim as messages show it: the word upper-cased, a provision as the tariff prints it ("pa:99190451" → "PA:9919.04.51"). */
function shownClaim(claim: string): string {
  const { word, provision } = splitClaim(claim);
  return provision === null ? word.toUpperCase() : `${word.toUpperCase()}:${provisionNumber(provision) ?? provision}`;
}

/** The programme a claim names by code ("KR", "a+") or documented name ("korus"), for the importer; a provision after a colon ("PA:9919.04.51") does not change it. */
export function programmeOf(schedule: Schedule, importer: string, claim: string): Programme | undefined {
  const { word } = splitClaim(claim);
  const upper = word.toUpperCase();
  const lower = word.toLowerCase();
  return schedule.programmes.find((p) => p.importer === importer && (p.codes.includes(upper) || p.names.includes(lower)));
}

/**
 * The elections with each claimed programme's documented names added to the claims: a claim of a
 * programme by its code elects what its name elects (`S` or `S+` is a claim of USMCA, so it elects
 * the measures' `usmca` exemptions — CBP reads the USMCA claim from the special programme
 * indicator S/S+ on the entry line). The programme table (`names`) is the data that ties them.
 */
export function withProgrammeNames(
  schedule: Schedule,
  importer: string,
  elections: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, string>> | undefined {
  const claims = claimsOf(elections?.claim);
  const named = claims.flatMap((c) => programmeOf(schedule, importer, c)?.names ?? []);
  if (named.every((n) => claims.includes(n))) return elections;
  return { ...elections, claim: [...new Set([...claims, ...named])].join(';') };
}

/** The line's special column on `date`: the groups of the latest change on or before it. */
export function specialOn(line: TariffLine, date: string): readonly SpecialGroup[] {
  let groups = line.special;
  for (const c of line.specialChanges) if (c.from <= date) groups = c.special;
  return groups;
}

/** A special rate in words, "Free" as the tariff prints a zero rate (rate-kinds.ts). */
export function groupRate(rate: Rate, importer: Importer): string {
  return tariffRateText(rate, importer.currency, importer.minorDigits);
}

/** The special column in the tariff's words ("Free (AU, KR) · 2.5% (CL)"), or a word for an empty one. */
export function specialText(groups: readonly SpecialGroup[], importer: Importer): string {
  if (groups.length === 0) return 'no special rate';
  return groups
    .map(
      (g) =>
        `${g.rate ? groupRate(g.rate, importer) : `"${g.text ?? ''}"`}${g.inQuota ? ` in quota` : ''} (${g.codes.join(', ')}${g.inQuota ? `: ${g.inQuota.provisions.join(', ')}` : ''}${g.byOrigin ? `; by party: ${g.byOrigin.map((b) => partyRateText(b, importer)).join('; ')}` : ''}${g.byProvision ? `; by the provision claimed: ${g.byProvision.map((b) => provisionRateText(g.codes[0] ?? '', b, importer)).join('; ')}` : ''}${g.lineOf ? `; by the line claimed: ${lineClaimForm(g.codes.at(-1) ?? '', g.lineOf)}` : ''})`,
    )
    .join(' · ');
}

/** The claim form of a rate printed as the rate of a line of another heading: "D:2009.NN.NN". */
export function lineClaimForm(code: string, lineOf: LineOfHeading): string {
  return `${code}:${lineOf.heading}.NN.NN`;
}

/** "goods of MX, US Free (9823.01.01)", "goods of CA Free in quota (9823.01.02)" */
export function partyRateText(b: PartyRate, importer: Importer): string {
  return `goods of ${b.origins.join(', ')} ${groupRate(b.rate, importer)}${b.inQuota ? ' in quota' : ''} (${b.provisions.join(', ')})`;
}

/** "PA:9919.04.51 56.7¢/kg in quota (U.S. note 6(b) to subchapter XIX of chapter 99)": a claim that names the provision, its rate and its quota. */
export function provisionRateText(code: string, b: ProvisionRate, importer: Importer): string {
  return `${code}:${b.provision} ${groupRate(b.rate, importer)}${b.inQuota ? ` in quota (${b.inQuota.notes.join('; ')})` : ` (goods: "${b.goods ?? ''}")`}`;
}

/** The rate a group printed as a reference gives goods of `origin` when its provisions differ by party. */
export function partyRateOf(g: SpecialGroup, origin: string): PartyRate | undefined {
  return (g.byOrigin ?? []).find((b) => b.origins.includes(origin));
}

/** The in-quota rate's condition as a claim asserts it: the quota's notes and the provisions the goods are entered under. */
export function inQuotaCondition(q: InQuota): string {
  return `within the quantitative limits of ${q.notes.join(' or ')} (tariff-rate quota fill is the importer's to check; entered under ${q.provisions.join(' or ')})`;
}

export interface PreferenceApplied {
  programme: Programme;
  code: string;
  rate: Rate;
  /** the rate is the in-quota rate of these Chapter 98/99 provisions (the column prints a reference); null otherwise */
  inQuota: InQuota | null;
  /** the column prints a reference whose provisions differ by party: the origin's; null otherwise */
  party: PartyRate | null;
  /** the Chapter 98/99 provision the claim names ("PA:9919.04.51"); null when it names none */
  provision: string | null;
  /** a rate printed as the rate of a line of another heading: the line the claim names, whose rate applies ("2009.89.65"); null otherwise */
  rateOfLine?: string | null;
}

/** A line a claim names for its rate ("D:2009.89.65"), with its general rate on the date. */
export interface NamedLine {
  line: TariffLine;
  general: Rate | null;
}

/** Finds the line of the schedule a claim names (its 8 digits), if the schedule has it. */
export type LineAt = (digits: string) => NamedLine | undefined;

/** Whether a programme is in force on `date`: within its own dates and in none of its gaps. */
export function programmeInForce(p: Programme, date: string): boolean {
  return (p.from === null || p.from <= date) && (p.to === null || date < p.to) && gapOn(p, date) === undefined;
}

/** The lapse of the programme's authority that `date` falls in, if any. */
export function gapOn(p: Programme, date: string): ProgrammeGap | undefined {
  return (p.gaps ?? []).find((g) => g.from <= date && date < g.to);
}

/** The column 2 entry that covers `origin` on `date`, if any: its goods cannot claim a special rate (general note 3(b)). */
export function column2On(importer: Importer, origin: string, date: string): Importer['column2'][number] | undefined {
  return importer.column2.find((c) => c.origins.has(origin) && c.from <= date && (c.to === null || date < c.to));
}

/** Whether `origin` may claim the programme on `date`; null when the schedule does not list the members. */
export function memberOn(p: Programme, origin: string, date: string): boolean | null {
  if (p.anyOrigin === true) return true;
  if (p.members === null) return null;
  return p.members.some((m) => m.country === origin && m.from <= date && (m.to === null || date < m.to));
}

/** The programme codes the special column of the editions prints (general note 3(c)(i)). */
export const SPECIAL_CODES: ReadonlySet<string> = new Set([
  'A',
  'A*',
  'A+',
  'AU',
  'B',
  'BH',
  'C',
  'CA',
  'CL',
  'CO',
  'D',
  'E',
  'E*',
  'IL',
  'J',
  'J*',
  'J+',
  'JO',
  'JP',
  'K',
  'KR',
  'L',
  'MA',
  'MX',
  'NP',
  'OM',
  'P',
  'P+',
  'PA',
  'PE',
  'R',
  'S',
  'S+',
  'SG',
  'W',
]);

/**
 * Codes of the list above that no programme of the table holds, with why, where the reason is
 * known: W is not in general note 3(c)(i) (its list in the 2025 Revision 7 text has no W) and no
 * edition the build reads prints it (2025 Basic Edition, 2026 Basic Edition and Revisions 3–10).
 */
const UNLISTED_REASONS: Readonly<Record<string, string>> = {
  W: 'W is not a programme of general note 3(c)(i) (the note lists no W) and no edition the schedule reads prints it, so no special rate is given under it',
};

/** What the limits of a code say of a line for goods of an origin (general note 7(d) for "E*"). */
export interface LimitVerdict {
  /** the limit that excludes the goods, if any */
  refusedBy: ProgrammeLimit | null;
  /** true: the code has limits but none covers the line, so what it excludes there is not known */
  uncovered: boolean;
  /** the conditions of the article the claim asserts (printed as notes) */
  conditions: ProgrammeLimit[];
}

/** The limits of `code` on the line `hts` (its digits) for goods of `origin`; null when the code has none. */
export function limitVerdict(p: Programme, code: string, hts: string, origin: string): LimitVerdict | null {
  const limits = (p.limits ?? []).filter((l) => l.code === code);
  if (limits.length === 0) return null;
  const covering = limits.filter((l) => l.provisions === null || l.provisions.some((pr) => hts.startsWith(pr)));
  const concerned = covering.filter((l) => l.origins === null || l.origins.includes(origin));
  return {
    refusedBy: concerned.find((l) => l.effect === 'refused') ?? null,
    uncovered: covering.length === 0,
    conditions: concerned.filter((l) => l.effect === 'condition'),
  };
}

/** Whether the limits of `code` leave the line open to goods of `origin` (no limits: open). */
export function openUnderLimits(p: Programme, code: string, hts: string, origin: string): boolean {
  const v = limitVerdict(p, code, hts, origin);
  return v === null || (!v.uncovered && v.refusedBy === null);
}

function refused(message: string, hint: string): { ok: false; issue: Issue } {
  return fail({ code: 'claim-refused', path: 'claim', message, hint });
}

/**
 * The preference the shipment's claims give on the line, if any: null when no claim names a
 * programme, or when the one named cannot change the general rate but is also an election of a
 * measure (`usmca` on a line without "S") or the general rate is already free (a note says so).
 */
export function claimedPreference(
  schedule: Schedule,
  importer: Importer,
  line: TariffLine,
  origin: string,
  date: string,
  claim: string | undefined,
  general: Rate | null,
  electionOffered: (option: string) => boolean,
  notes: string[],
  lineAt?: LineAt,
): Result<PreferenceApplied | null> {
  if (claim === undefined) return ok(null);
  const named = claimsOf(claim).flatMap((c) => {
    const p = programmeOf(schedule, importer.code, c);
    return p ? [{ claim: c, programme: p }] : [];
  });
  const unlisted = claimsOf(claim).find(
    (c) => SPECIAL_CODES.has(splitClaim(c).word.toUpperCase()) && !programmeOf(schedule, importer.code, c) && !electionOffered(c),
  );
  // a provision after a colon belongs to a programme's claim: after anything else it would be ignored
  const stray = claimsOf(claim).find((c) => splitClaim(c).provision !== null && !programmeOf(schedule, importer.code, c) && c !== unlisted);
  if (named.length === 0 && unlisted === undefined && stray === undefined) return ok(null);
  const hts = formatHts(line.hts);
  const groups = specialOn(line, date);
  const offers = `the special column of ${hts} on ${date} offers: ${specialText(groups, importer)}`;
  const listRefusal = claimListRefusal(schedule, { unlisted, stray, named }, offers);
  if (listRefusal) return listRefusal;
  if (named.length === 0) return ok(null);
  const { claim: given, programme: p } = named[0] as { claim: string; programme: Programme };
  const { word: bare, provision: printed } = splitClaim(given);
  const word = p.codes.includes(bare.toUpperCase()) ? bare.toUpperCase() : bare;
  // a rate printed as the rate of a line of another heading: the claim names that line, not a Chapter 98/99 provision
  const lineGroup = groups.find((g) => g.rate === null && g.lineOf && p.codes.some((c) => g.codes.includes(c)));
  const lineOf = lineGroup?.lineOf ?? null;
  const provision = printed === null ? null : lineOf ? lineNumber(printed) : provisionNumber(printed);
  if (printed !== null && provision === null && lineOf) {
    return refused(
      `claim ${word}:${printed} refused: "${printed}" after the colon is not a line of the tariff (expected the 8 digits of a line of heading ${lineOf.heading}, or its 10-digit statistical number, such as ${lineOf.lines[0] ?? ''})`,
      lineHint(p.codes.find((c) => lineGroup?.codes.includes(c)) ?? word, lineOf, offers),
    );
  }
  if (printed !== null && provision === null) {
    return refused(
      `claim ${word}:${printed} refused: "${printed}" after the colon is not a Chapter 98/99 subheading (expected 8 digits such as 9919.04.51)`,
      `name the provision the goods are entered under as CODE:NNNN.NN.NN (e.g. ${word}:9919.04.51), or claim ${word} alone; ${offers}`,
    );
  }
  const claimed: Claimed = { p, word, label: `${p.codes.join('/')} (${p.title})`, date, offers, provision };
  const refusal = eligibilityRefusal(claimed, origin);
  if (refusal) return refusal;
  return specialRateOf(claimed, groups, { hts, digits: line.hts, origin, lineAt }, general, electionOffered, notes);
}

/** What a claim on a rate printed as the rate of a line of another heading names: "name the natural juice's line of heading 2009, e.g. D:2009.11.00". */
function nameTheLine(code: string, lineOf: LineOfHeading): string {
  return `name ${lineOf.goods}'s line of heading ${lineOf.heading}, e.g. ${code}:${lineOf.lines[0] ?? `${lineOf.heading}.00.00`}`;
}

/** The hint of a refused claim on such a rate: what to name, where the lines are listed, and what the tool takes on trust. */
function lineHint(code: string, lineOf: LineOfHeading, offers: string): string {
  return `${nameTheLine(code, lineOf)} (tariff lookup ${lineOf.heading} lists its ${lineOf.lines.length} lines); the line named is the importer's assertion, which the tool cannot check; ${offers}`;
}

/**
 * The claims that cannot be priced as made, refused before the line's rate is looked at: a code of the special
 * column whose programme the table does not hold, a provision after anything but a programme, two programmes,
 * one programme named twice with a provision.
 */
function claimListRefusal(
  schedule: Schedule,
  { unlisted, stray, named }: { unlisted: string | undefined; stray: string | undefined; named: { claim: string; programme: Programme }[] },
  offers: string,
): { ok: false; issue: Issue } | null {
  // a code of the special column whose programme the table does not hold: refused, never ignored
  if (unlisted !== undefined) {
    const code = splitClaim(unlisted).word.toUpperCase();
    return refused(
      `claim ${code} refused: ${UNLISTED_REASONS[code] ?? `${code} is a programme of general note 3(c)(i) that the schedule's programme table does not hold (its members and dates are not sourced yet), so its special rate is not applied`}`,
      `${offers}; the programmes a claim may name: ${schedule.programmes.map((p) => p.codes.join('/')).join(', ')}`,
    );
  }
  if (stray !== undefined) {
    const { word, provision } = splitClaim(stray);
    return refused(
      `claim ${word}:${provisionNumber(provision ?? '') ?? provision} refused: only the claim of a preference programme names a Chapter 98/99 provision (as PA:9919.04.51), and "${word}" is not a programme the schedule holds`,
      `claim ${word} without the colon, or a programme with the provision its goods are entered under; ${offers}`,
    );
  }
  if (new Set(named.map((n) => n.programme)).size > 1) {
    return refused(
      `claims of ${named.map((n) => shownClaim(n.claim)).join(' and ')} name ${named.length} programmes: a shipment is entered under one`,
      `claim one programme (${offers})`,
    );
  }
  if (new Set(named.map((n) => shownClaim(n.claim))).size > 1 && named.some((n) => splitClaim(n.claim).provision !== null)) {
    return refused(
      `claims of ${named.map((n) => shownClaim(n.claim)).join(' and ')} name the programme more than once: the goods are entered under one provision`,
      `claim it once (${offers})`,
    );
  }
  return null;
}

/** A programme named by a claim, with what the refusals say of it. */
interface Claimed {
  p: Programme;
  /** the claim as given: a code upper-cased, a name as it is */
  word: string;
  /** "KR (United States-Korea Free Trade Agreement (KORUS))" */
  label: string;
  date: string;
  /** what the line's special column offers on the date */
  offers: string;
  /** the Chapter 98/99 provision named after a colon ("9919.04.51"); null when none */
  provision: string | null;
}

/** Why the claim is refused before the line's special column is looked at: not in force, or not open to the origin. */
function eligibilityRefusal({ p, word, label, date, offers }: Claimed, origin: string): { ok: false; issue: Issue } | null {
  const gap = gapOn(p, date);
  if (gap !== undefined) {
    return refused(
      `claim ${word} refused: ${label} had lapsed on ${date} — its authority lapsed for entries from ${gap.from} to before ${gap.to}`,
      `${gap.note} Without the claim the general rate applies; ${offers}`,
    );
  }
  if (!programmeInForce(p, date)) {
    const lapsed = p.to !== null && date >= p.to;
    return refused(
      lapsed
        ? `claim ${word} refused: ${label} has lapsed — it applies to entries before ${p.to}, not on ${date}`
        : `claim ${word} refused: ${label} is not yet in force on ${date} (from ${p.from})`,
      `${p.note ? `${p.note} ` : ''}Without the claim the general rate applies; ${offers}`,
    );
  }
  const member = memberOn(p, origin, date);
  if (member === null) {
    return refused(
      `claim ${word} refused: the schedule does not list the countries that may claim ${label}, so a claim from ${origin} cannot be checked`,
      `${p.note ? `${p.note} ` : ''}${offers}`,
    );
  }
  if (!member) {
    const who = (p.members ?? []).map((m) => `${m.country} from ${m.from}${m.to ? ` to ${m.to}` : ''}`).join(', ');
    return refused(
      `claim ${word} refused: ${origin} is not a member of ${label} on ${date} (members: ${who})`,
      `only goods of a member may claim it; ${offers}`,
    );
  }
  return null;
}

/**
 * A code claimed where the column prints another code of the same programme (S on a line of S+,
 * P of P+): the code it prints and how to claim it. Those are codes of their own, with rules of
 * their own (general notes 11, 29 …); a starred code (E*) is claimed by its base code.
 */
function otherCodeOf(p: Programme, word: string, groups: readonly SpecialGroup[]): { printed: string; claim: string } | null {
  if (!p.codes.includes(word)) return null;
  const printed = p.codes.filter((c) => c !== word && groups.some((g) => g.codes.includes(c)));
  if (printed.length === 0) return null;
  return { printed: printed.join(', '), claim: `${printed.join(' or ')}${p.names[0] ? ` (or ${p.names[0]})` : ''}` };
}

/**
 * The code of the programme a claim takes on the line: a code claims that code, and its starred form where the
 * column prints that (E on a line of E*: general note 7(c) calls E* a marking of the provision, not another
 * programme, and the entry's indicator is E); a name any code of its programme (usmca: S, else S+). S+, P+, A+
 * are codes of their own.
 */
function claimedCode(p: Programme, word: string, groups: readonly SpecialGroup[]): string | undefined {
  return (p.codes.includes(word) ? [word, `${word}*`] : p.codes).find((c) => p.codes.includes(c) && groups.some((g) => g.codes.includes(c)));
}

/** A claim of a programme the line's column does not list: a note where the general rate stands anyway, else refused with what the column offers. */
function noPreference(
  { p, word, label, date, offers, provision }: Claimed,
  groups: readonly SpecialGroup[],
  hts: string,
  general: Rate | null,
  electionOffered: (option: string) => boolean,
  notes: string[],
): Result<PreferenceApplied | null> {
  if (provision !== null)
    return refused(
      `claim ${word}:${provision} refused: ${hts} has no ${p.codes.join('/')} rate on ${date}, so there is no provision of it to name`,
      `${offers}; claim a programme it lists, or none`,
    );
  if (electionOffered(word)) {
    notes.push(`claim ${word}: ${hts} has no special rate under ${p.codes.join('/')} on ${date}; the general rate applies (${offers})`);
    return ok(null);
  }
  if (general !== null && isFree(general)) {
    notes.push(`claim ${word}: the general rate of ${hts} is already free; ${offers}`);
    return ok(null);
  }
  const other = otherCodeOf(p, word, groups);
  const why = other === null ? `has no preference under ${label}` : `lists ${label} as ${other.printed}, not ${word}`;
  return refused(
    `claim ${word} refused: ${hts} ${why} on ${date}`,
    other === null ? `${offers}; claim a programme it lists, or none` : `claim ${other.claim}; ${offers}`,
  );
}

/** The special rate the line gives an eligible claim; null (with a note) when the general rate stands. */
function specialRateOf(
  { p, word, label, date, offers, provision }: Claimed,
  groups: readonly SpecialGroup[],
  { hts, digits, origin, lineAt }: { hts: string; digits: string; origin: string; lineAt: LineAt | undefined },
  general: Rate | null,
  electionOffered: (option: string) => boolean,
  notes: string[],
): Result<PreferenceApplied | null> {
  const code = claimedCode(p, word, groups);
  const group = code === undefined ? undefined : groups.find((g) => g.codes.includes(code));
  if (group === undefined || code === undefined) return noPreference({ p, word, label, date, offers, provision }, groups, hts, general, electionOffered, notes);
  const verdict = limitVerdict(p, code, digits, origin);
  const excluded = limitRefusal({ p, word, offers }, code, { hts, origin }, verdict);
  if (excluded) return excluded;
  const conditions = (verdict?.conditions ?? []).map(
    (l) => `claim ${word} on ${hts}: ${l.rule}: ${l.text}; the tool cannot check this, so the claim is taken to say the goods qualify`,
  );
  if (group.rate === null && group.byOrigin) return partyClaim({ p, word, label, date, offers, provision }, code, group, { hts, origin }, conditions, notes);
  if (group.rate === null && group.byProvision) return provisionClaim({ p, word, label, date, offers, provision }, code, group, hts, conditions, notes);
  if (group.rate === null && group.lineOf)
    return lineClaim({ p, word, label, date, offers, provision }, code, group, { hts, origin, lineAt }, conditions, notes);
  const unnamed = namedProvisionRefusal({ p, word, label, date, offers, provision }, code, group, hts);
  if (unnamed) return unnamed;
  if (group.rate === null) {
    return refused(
      `claim ${word} refused: the ${code} rate of ${hts} on ${date} is "${group.text ?? ''}", which this tool does not compute${group.uncomputed ? ` (${group.uncomputed})` : ''}`,
      `give the rate that applies with --mfn and no claim; ${offers}`,
    );
  }
  notes.push(...conditions);
  const inQuota = group.inQuota ?? null;
  // the column prints a Chapter 98/99 reference: its in-quota rate, with the quota as a condition the claim asserts
  if (inQuota) {
    notes.push(
      `claim ${word} on ${hts}: the special column prints "${inQuota.printed}"; the in-quota rate of ${inQuota.provisions.join(', ')} applies ${inQuotaCondition(inQuota)}; the tool cannot check this, so the claim is taken to say the goods qualify`,
    );
  }
  return ok({ programme: p, code, rate: group.rate, inQuota, party: null, provision });
}

/** A claim the programme's limits exclude on the line (general note 7(d) for E*, …), or whose exclusion the table cannot tell. */
function limitRefusal(
  { p, word, offers }: Pick<Claimed, 'p' | 'word' | 'offers'>,
  code: string,
  { hts, origin }: { hts: string; origin: string },
  verdict: ReturnType<typeof limitVerdict>,
): { ok: false; issue: Issue } | null {
  if (verdict?.uncovered) {
    const rules = [...new Set((p.limits ?? []).filter((l) => l.code === code).map((l) => l.rule))].join(', ');
    return refused(
      `claim ${word} refused: ${hts} prints ${code}, which means some goods or members are excluded there, and the programme table has no rule of what ${code} excludes on ${hts} (it holds ${rules})`,
      `without the claim the general rate applies; ${offers}`,
    );
  }
  if (verdict?.refusedBy) {
    const l = verdict.refusedBy;
    return refused(
      `claim ${word} refused: goods of ${origin} cannot claim ${code} on ${hts} — ${l.rule}: ${l.text}`,
      `without the claim the general rate applies; ${offers}`,
    );
  }
  return null;
}

/** A claim that names a Chapter 98/99 provision (CODE:NNNN.NN.NN) the line's rate does not print: refused with what it could name. */
function namedProvisionRefusal({ word, date, offers, provision }: Claimed, code: string, group: SpecialGroup, hts: string): { ok: false; issue: Issue } | null {
  if (provision === null) return null;
  if (!group.inQuota) {
    return refused(
      `claim ${word}:${provision} refused: the ${code} rate of ${hts} on ${date} is ${group.rate ? `printed in the special column (${groupRate(group.rate, DISPLAY)}), not as a reference to a Chapter 98/99 provision` : `"${group.text ?? ''}", which this tool does not compute${group.uncomputed ? ` (${group.uncomputed})` : ''}`}, so there is no provision to name`,
      `${group.rate ? `claim ${code} alone; ` : ''}${offers}`,
    );
  }
  if (!group.inQuota.provisions.includes(provision)) {
    return refused(
      `claim ${word}:${provision} refused: ${provision} is not a provision of the ${code} rate of ${hts} on ${date} ("${group.inQuota.printed}")`,
      `name one of: ${group.inQuota.provisions.map((n) => `${code}:${n}`).join(', ')} (in-quota rate ${group.rate ? groupRate(group.rate, DISPLAY) : ''}, ${group.inQuota.notes.join('; ')}), or claim ${code} alone; ${offers}`,
    );
  }
  return null;
}

/** Rates in a refusal's words, in the importer's currency of two minor digits (the US schedule's: the only one with references). */
const DISPLAY = { code: 'US', currency: 'USD', minorDigits: 2 } as Importer;

/**
 * A claim on a reference whose in-quota provisions give several rates (Panama's two quotas): the rate
 * of the provision the claim names; without one, or with one not listed, refused with the claims it may make.
 */
function provisionClaim(
  { p, word, date, offers, provision }: Claimed,
  code: string,
  group: SpecialGroup,
  hts: string,
  conditions: string[],
  notes: string[],
): Result<PreferenceApplied | null> {
  const list = group.byProvision ?? [];
  const chosen = list.find((b) => b.provision === provision);
  const choices = list.map((b) => provisionRateText(code, b, DISPLAY)).join(', ');
  if (chosen === undefined) {
    return refused(
      provision === null
        ? `claim ${word} refused: the ${code} rate of ${hts} on ${date} ("${group.text ?? ''}") depends on the ${list.some((b) => b.inQuota) ? 'quota' : 'provision'} the goods are entered under — name it: ${choices}`
        : `claim ${word}:${provision} refused: ${provision} is not ${list.some((b) => b.inQuota) ? 'an in-quota provision' : 'a provision'} of the ${code} rate of ${hts} on ${date} ("${group.text ?? ''}"); name one of: ${choices}`,
      `a claim names the provision the goods are entered under, e.g. --claim ${code}:${list[0]?.provision ?? ''}${list.some((b) => b.inQuota) ? '; the over-quota ("Other") provisions are not computed: for goods over the quotas give their rate with --mfn (without a claim, so the programme\'s fee exemption is not applied either)' : ''}; ${offers}`,
    );
  }
  notes.push(
    ...conditions,
    chosen.inQuota
      ? `claim ${word}:${chosen.provision} on ${hts}: the special column prints "${group.text ?? ''}"; the in-quota rate of ${chosen.provision} applies ${inQuotaCondition(chosen.inQuota)}; the tool cannot check this, so the claim is taken to say the goods qualify`
      : `claim ${word}:${chosen.provision} on ${hts}: the special column prints "${group.text ?? ''}"; the rate of ${chosen.provision} applies to the goods it describes ("${chosen.goods ?? ''}", no quantitative limit); the tool cannot check this, so the claim is taken to say the goods qualify`,
  );
  return ok({ programme: p, code, rate: chosen.rate, inQuota: chosen.inQuota, party: null, provision: chosen.provision });
}

/**
 * A claim on a rate printed as the rate of a line of another heading ("The rate applicable to the
 * natural juice in heading 2009"): the rate the line the claim names gives the same code on the
 * date — its special rate for the code, or, where its special column does not list the code, its
 * general rate (what the natural juice of the origin would pay: the plain reading of the words, as
 * CBP applies the natural juice's general rate to 2106.90.52, NY R04677). Without a line, or with a
 * number that is not a line of the heading on the date, refused with what to name.
 */
function lineClaim(
  { p, word, date, offers, provision }: Claimed,
  code: string,
  group: SpecialGroup,
  { hts, origin, lineAt }: { hts: string; origin: string; lineAt: LineAt | undefined },
  conditions: string[],
  notes: string[],
): Result<PreferenceApplied | null> {
  const lineOf = group.lineOf as LineOfHeading;
  const printed = group.text ?? '';
  const how = lineHint(code, lineOf, offers);
  if (provision === null) {
    return refused(
      `claim ${word} refused: the ${code} rate of ${hts} on ${date} is "${printed}", the rate of a line the claim must name — ${nameTheLine(code, lineOf)}`,
      how,
    );
  }
  const named = lineOf.lines.includes(provision) ? lineAt?.(provision.replace(/\D/g, '')) : undefined;
  const inForce = named !== undefined && named.line.hts === provision.replace(/\D/g, '') && (named.line.until === null || date < named.line.until);
  if (!named || !inForce) {
    return refused(
      `claim ${word}:${provision} refused: ${provision} is not a line of heading ${lineOf.heading} in force on ${date}, and the ${code} rate of ${hts} is "${printed}"`,
      how,
    );
  }
  // the programme's rate on the line named, under the code claimed or another code of it (an A* claim, a line printing A)
  const there = specialOn(named.line, date);
  const theirs = there.find((g) => g.codes.includes(code)) ?? there.find((g) => p.codes.some((c) => g.codes.includes(c)));
  if (theirs !== undefined && (theirs.rate === null || theirs.inQuota || !openUnderLimits(p, code, named.line.hts, origin))) {
    return refused(
      `claim ${word}:${provision} refused: the ${code} rate of ${provision} on ${date} is ${theirs.rate === null ? `"${theirs.text ?? ''}"` : theirs.inQuota ? `the in-quota rate of "${theirs.inQuota.printed}"` : `limited for goods of ${origin} (the programme's limits)`}, which this tool does not carry over to ${hts}`,
      `give the rate that applies with --mfn and no claim; ${offers}`,
    );
  }
  const rate = theirs?.rate ?? named.general;
  if (rate === null || rate === undefined) {
    return refused(
      `claim ${word}:${provision} refused: ${provision} has no ${code} rate on ${date}, and its general rate is "${named.line.mfnText ?? '?'}", which this tool does not compute`,
      `give the rate that applies with --mfn and no claim; ${offers}`,
    );
  }
  const shown = groupRate(rate, DISPLAY);
  notes.push(
    ...conditions,
    theirs
      ? `claim ${word}:${provision} on ${hts}: the special column prints "${printed}"; the ${code} rate of ${provision} on ${date} (${shown}) applies, the line named taken as the importer's assertion that ${lineOf.goods} of the goods is classified there (the tool cannot check this)`
      : `claim ${word}:${provision} on ${hts}: the special column prints "${printed}"; ${provision} lists no ${code} rate on ${date}, so ${lineOf.goods} of goods of ${origin} would pay its general rate (${shown}), which applies; the line named is the importer's assertion (the tool cannot check this)`,
  );
  return ok({ programme: p, code, rate, inQuota: null, party: null, provision: null, rateOfLine: provision });
}

/** A claim on a group priced by party (USMCA S+, CAFTA-DR P+): the rate of the origin's own provisions, or refused. */
function partyClaim(
  { p, word, date, offers, provision }: Claimed,
  code: string,
  group: SpecialGroup,
  { hts, origin }: { hts: string; origin: string },
  conditions: string[],
  notes: string[],
): Result<PreferenceApplied | null> {
  const party = partyRateOf(group, origin);
  if (party === undefined) {
    return refused(
      `claim ${word} refused: the ${code} rate of ${hts} on ${date} is "${group.text ?? ''}", priced by party for goods of ${(group.byOrigin ?? []).map((b) => b.origins.join(', ')).join('; ')}, not for goods of ${origin}${group.uncomputed ? ` (${group.uncomputed})` : ''}`,
      `without the claim the general rate applies; ${offers}`,
    );
  }
  if (provision !== null && !party.provisions.includes(provision)) {
    return refused(
      `claim ${word}:${provision} refused: ${provision} is not a provision of the ${code} rate of ${hts} on ${date} for goods of ${origin} ("${group.text ?? ''}")`,
      `name one of: ${party.provisions.map((n) => `${code}:${n}`).join(', ')} (${partyRateText(party, DISPLAY)}), or claim ${code} alone; ${offers}`,
    );
  }
  notes.push(
    ...conditions,
    party.inQuota
      ? `claim ${word} on ${hts}: the special column prints "${group.text ?? ''}"; for goods of ${origin} the in-quota rate of ${party.provisions.join(', ')} applies ${inQuotaCondition(party.inQuota)}; the tool cannot check this, so the claim is taken to say the goods qualify`
      : `claim ${word} on ${hts}: the special column prints "${group.text ?? ''}"; goods of ${origin} are entered under ${party.provisions.join(', ')} (no quantitative limit in its text)`,
  );
  return ok({ programme: p, code, rate: party.rate, inQuota: party.inQuota, party, provision });
}

/** The special column of a line over time: each edition's groups with the dates they hold. */
export interface SpecialWindow {
  /** null: from the line's first edition (its coverageFrom, when known) */
  from: string | null;
  /** exclusive; null: still in force */
  to: string | null;
  groups: readonly SpecialGroup[];
}

export function specialWindows(line: TariffLine): SpecialWindow[] {
  const starts = [{ from: line.coverageFrom, groups: line.special }, ...line.specialChanges.map((c) => ({ from: c.from as string | null, groups: c.special }))];
  return starts.map((s, i) => ({ from: s.from, to: starts[i + 1]?.from ?? line.until, groups: s.groups }));
}

/** A preference the special column offers an origin: its programme admits the origin on the date. */
export interface OpenPreference {
  code: string;
  programme: Programme;
  rate: Rate | null;
  /** the printed rate when not computed */
  text: string | null;
  /** the rate is the in-quota rate of a Chapter 98/99 reference; null otherwise */
  inQuota: InQuota | null;
  /** a reference not computed: why */
  uncomputed: string | null;
  /** a reference whose provisions differ by party: the origin's rate (its `rate`, `inQuota` above); null otherwise */
  party: PartyRate | null;
  /** the claim that gives this rate: the code ("KR"), or the code and the provision for a reference of several quotas ("PA:9919.04.51"), or the form of a claim naming a line ("D:2009.NN.NN") */
  claim: string;
  /** a rate printed as the rate of a line of another heading ("The rate applicable to the natural juice in heading 2009"): the claim names the line; null otherwise */
  lineOf: LineOfHeading | null;
  from: string | null;
  to: string | null;
}

/**
 * The preferences of the line's special column open to `origin` between `from` and `to`
 * (inclusive dates): for each edition's column in that period, each code whose programme is in
 * force and admits the origin on the first day of the period the column holds. Codes whose
 * programme the table does not list, or lists without its members, are `unchecked`.
 */
export function openPreferences(
  schedule: Schedule,
  line: TariffLine,
  origin: string,
  from: string,
  to: string,
): { open: OpenPreference[]; unchecked: string[] } {
  const open: OpenPreference[] = [];
  const unchecked = new Set<string>();
  const importer = schedule.importers.get(line.importer);
  for (const w of specialWindows(line)) {
    if ((w.to !== null && w.to <= from) || (w.from !== null && w.from > to)) continue;
    const day = w.from !== null && w.from > from ? w.from : from === '0000-01-01' ? (w.from ?? line.coverageFrom ?? from) : from;
    // goods of a column 2 origin pay column 2 whatever the special column offers
    if (importer && column2On(importer, origin, day)) continue;
    for (const g of w.groups)
      for (const code of g.codes) {
        const p = programmeOf(schedule, line.importer, code);
        if (p && !programmeInForce(p, day)) continue;
        if (!p || p.members === null) {
          unchecked.add(code);
          continue;
        }
        if (!programmeInForce(p, day) || !memberOn(p, origin, day) || !openUnderLimits(p, code, line.hts, origin)) continue;
        const party = partyRateOf(g, origin) ?? null;
        // several quotas: one preference per in-quota provision, each with the claim that names it
        if (!party && g.byProvision) {
          for (const b of g.byProvision)
            open.push({
              code,
              programme: p,
              rate: b.rate,
              text: g.text,
              inQuota: b.inQuota,
              uncomputed: null,
              party: null,
              claim: `${code}:${b.provision}`,
              lineOf: null,
              from: w.from,
              to: w.to,
            });
          continue;
        }
        open.push({
          claim: g.lineOf ? lineClaimForm(code, g.lineOf) : code,
          lineOf: g.lineOf ?? null,
          code,
          programme: p,
          rate: party?.rate ?? g.rate,
          text: g.text,
          inQuota: party ? party.inQuota : (g.inQuota ?? null),
          uncomputed: party ? null : (g.uncomputed ?? null),
          party,
          from: w.from,
          to: w.to,
        });
      }
  }
  return { open, unchecked: [...unchecked].sort() };
}
