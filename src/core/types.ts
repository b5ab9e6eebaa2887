/**
 * The domain model the calculation core works on: a compiled schedule (rates parsed into exact
 * decimals, HTS codes reduced to digits), shipments, scenarios and the breakdown it returns.
 */
import type { Dec, Rounding } from './decimal.js';

export type Mode = 'ocean' | 'air' | 'truck' | 'rail' | 'postal';
export type MeasureKind = 'duty' | 'fee' | 'tax' | 'exemption' | 'prohibition';
/** US entry types: a formal entry (CBP Form 7501, class 499 MPF) or an informal one (19 CFR 143.21) */
export type EntryType = 'formal' | 'informal';

export type { Rate } from './rate-kinds.js';
import type { Rate } from './rate-kinds.js';

export type Base = 'customs-value' | 'customs-value+duty' | { content: string };

export interface Measure {
  id: string;
  kind: MeasureKind;
  authority: string;
  title: string;
  importer: string;
  /** null = every origin */
  origins: ReadonlySet<string> | null;
  exceptOrigins: ReadonlySet<string> | null;
  /** HTS prefixes in digits; "" = all */
  hts: readonly string[];
  exclude: readonly string[];
  modes: ReadonlySet<Mode> | null;
  exceptModes: ReadonlySet<Mode> | null;
  from: string;
  to: string | null;
  rate: Rate;
  base: Base;
  threshold: number | null;
  replaces: readonly string[];
  notWith: readonly string[];
  inLieuOfOthers: boolean;
  /** an alternative chosen by the importer or carrier; null for an ordinary measure */
  election: { group: string; option: string; default: boolean } | null;
  ref: string;
  instrument: string;
  sources: readonly string[];
  suspended: { since: string; note: string } | null;
  note: string | null;
  /** a row of a renewed table (the MPF of one fiscal year): its table's name; null otherwise */
  recurring?: string | null;
  /** fees only: the entry types the fee is charged on (MPF formal vs informal); absent = every entry */
  entryTypes?: ReadonlySet<EntryType> | null;
  /** position in the schedule, for stable output order */
  order: number;
  /** `hts` names headings (or chapters) only; the codes are read with their line files */
  scopeInShards: boolean;
}

/** One "RATE (CODES)" group of a line's special column: a computed rate, or the text as printed. */
export interface SpecialGroup {
  codes: readonly string[];
  rate: Rate | null;
  /** the printed rate when it is not computed ("See 9822.04.01-9822.04.03"); null with a rate */
  text: string | null;
  /** the rate is the in-quota rate of the Chapter 98/99 provisions the column refers to; null otherwise */
  inQuota?: InQuota | null;
  /** with `text` (a Chapter 98/99 reference): why the build did not resolve it to one in-quota rate */
  uncomputed?: string | null;
  /** with `text`: the rate of each party the reference's provisions name (S+, P+ 9822.05.15); null otherwise */
  byOrigin?: readonly PartyRate[] | null;
  /** with `text`: the reference's in-quota provisions when they give several rates (Panama's two quotas); a claim names one (`PA:9919.04.51`); null otherwise */
  byProvision?: readonly ProvisionRate[] | null;
  /** with `text` ("The rate applicable to the natural juice in heading 2009"): the rate is that of the line of `heading` a claim names (`D:2009.89.65`); null otherwise */
  lineOf?: LineOfHeading | null;
}

/** A special rate printed as the rate of a line of another heading: the heading, and what its line classifies ("the natural juice"). */
export interface LineOfHeading {
  /** "2009" */
  heading: string;
  /** "the natural juice" */
  goods: string;
  /** the heading's 8-digit lines in the edition ("2009.89.65"): the numbers a claim may name */
  lines: readonly string[];
}

/** One in-quota provision of a reference whose quotas give several rates: the provision a claim names, its rate and its quota. */
export interface ProvisionRate {
  /** "9919.04.51" */
  provision: string;
  rate: Rate;
  /** the quota it counts against (`provisions`: this one); null: no quota, its rate is for the goods `goods` describes */
  inQuota: InQuota | null;
  /** without a quota: the provision's own words, the goods a claim naming it asserts ("Of automotive air conditioners"); null otherwise */
  goods: string | null;
}

/** The rate a Chapter 98/99 reference gives the goods of the parties its provisions name. */
export interface PartyRate {
  /** "MX", "US" */
  origins: readonly string[];
  rate: Rate;
  /** the provisions the goods are entered under ("9823.01.01") */
  provisions: readonly string[];
  /** the rate is the in-quota rate of those provisions; null: no quota */
  inQuota: InQuota | null;
}

/** A special rate printed as a Chapter 98/99 reference, resolved to the in-quota provisions that name the line. */
export interface InQuota {
  /** the reference as printed ("See 9822.04.01-9822.04.03") */
  printed: string;
  /** the provisions of the in-quota rate ("9822.04.01") */
  provisions: readonly string[];
  /** the notes whose quantitative limits they are subject to ("U.S. note 8(b) to subchapter XXII of chapter 98") */
  notes: readonly string[];
}

export interface TariffLine {
  importer: string;
  hts: string;
  description: string;
  /** the general rate from `coverageFrom` on (or always, when null) …; null when not computable */
  mfn: Rate | null;
  /** the general rate as printed, when it cannot be computed (pricing then needs an --mfn rate) */
  mfnText: string | null;
  /** the column 2 rate (null when the tariff words it in a way the tool does not compute) */
  column2: Rate | null;
  /** … and the later ones, each in force from its date, in date order */
  mfnChanges: readonly { from: string; rate: Rate }[];
  /** the special column (HTSUS general note 3(c)) from `coverageFrom` on: each group's programme codes and rate */
  special: readonly SpecialGroup[];
  /** … and the later ones, each in force from its date, in date order */
  specialChanges: readonly { from: string; special: readonly SpecialGroup[] }[];
  sources: readonly string[];
  coverageFrom: string | null;
  /** first date the code is no longer in the tariff */
  until: string | null;
  /** units of quantity the tariff reports the line in */
  units: readonly string[];
  /** 10-digit statistical suffixes that inherit the line (for look-ups) */
  suffixes: readonly { hts: string; description: string }[];
  note: string | null;
}

export interface Importer {
  code: string;
  name: string;
  currency: string;
  minorDigits: number;
  valuation: 'transaction-value' | 'cif';
  rounding: Rounding;
  sources: readonly string[];
  /** origins charged the lines' column 2 rate instead of the general one, with their windows */
  column2: readonly Column2Origins[];
  /** when an entry may be informal (19 CFR 143.21(a)); absent = every entry is formal */
  informalEntry?: InformalEntryRule | null;
}

export interface Column2Origins {
  origins: ReadonlySet<string>;
  from: string;
  to: string | null;
  ref: string;
  sources: readonly string[];
}

export interface InformalEntryRule {
  /** goods value (minor units) up to which an entry may be informal */
  max: number;
  /** a lower limit for goods with an additional Chapter 99 duty, until `chapter99MaxUntil` */
  chapter99Max: number | null;
  chapter99MaxUntil: string | null;
  sources: readonly string[];
}

export interface FxRate {
  from: string;
  to: string;
  date: string;
  rate: Dec;
  sources: readonly string[];
}

export type Override = { set: string; rate: Rate } | { disable: string } | { add: Measure };

export interface Scenario {
  id: string;
  title: string;
  description: string;
  /** null: each shipment under the law of its own entry date */
  asOf: string | null;
  extends: string | null;
  whatIf: boolean;
  summary: Readonly<Record<string, string>>;
  overrides: readonly Override[];
  /** where the scenario came from: the schedule, an overlay file, or flags */
  origin: string;
  /** set when an overlay file redefines a scenario of the same id: where the one it replaced came from */
  redefines?: string;
}

export interface RefundProgram {
  id: string;
  title: string;
  importer: string;
  authorities: readonly string[];
  entryFrom: string;
  entryTo: string;
  phase: string;
  phaseFrom: string;
  liquidatedWithinDays: number | null;
  sources: readonly string[];
  note: string | null;
  /** the quarterly overpayment interest rates (absent: interest is not estimated) */
  interest?: InterestTable;
}

/** One calendar quarter of CBP's overpayment interest rates, [from, to). */
export interface InterestQuarter {
  from: string;
  to: string;
  /** percent strings, "6%" */
  corporate: string;
  nonCorporate: string;
  /** the Federal Register notice */
  ref: string;
  sources: readonly string[];
}

export interface InterestTable {
  table: string;
  basis: string;
  sources: readonly string[];
  quarters: readonly InterestQuarter[];
}

export interface Schedule {
  meta: { title: string; version: string; verifiedThrough: string; notModelled: readonly string[] };
  /** sha256 of the schedule file's bytes, first 12 hex digits */
  hash: string;
  importers: ReadonlyMap<string, Importer>;
  lines: readonly TariffLine[];
  /** more lines of one importer, kept in per-chapter files and read when first asked for */
  lineShards: LineShards | null;
  measures: readonly Measure[];
  fx: readonly FxRate[];
  scenarios: readonly Scenario[];
  refunds: readonly RefundProgram[];
  /** the special tariff treatment programmes a claim may name (general note 3(c)(i)) */
  programmes: readonly Programme[];
}

/** A special tariff treatment programme (HTSUS general note 3(c)(i)): who may claim it, and when. */
export interface Programme {
  codes: readonly string[];
  names: readonly string[];
  title: string;
  importer: string;
  instrument: string;
  from: string | null;
  to: string | null;
  /** null: the schedule does not list the members (a claim is refused); [] with `anyOrigin` */
  members: readonly { country: string; from: string; to: string | null }[] | null;
  /** true: goods of any origin may claim it (`"members": "any"` in the data: civil aircraft, pharmaceuticals …) */
  anyOrigin?: boolean;
  /** lapses inside its dates: a claim of an entry in [from, to) is refused as lapsed (absent in older compiled forms: none) */
  gaps?: readonly ProgrammeGap[];
  /** what a code with a symbol ("E*", "P+") excludes or asks where it is printed (absent in older compiled forms: none) */
  limits?: readonly ProgrammeLimit[];
  note: string | null;
  sources: readonly string[];
}

/**
 * A limit of a code of a programme on the lines of `provisions` (HTS digits, no dots; null: every
 * line that prints the code): goods of `origins` (null: every member) are refused, or may claim it
 * on a condition printed as a note.
 */
export interface ProgrammeLimit {
  code: string;
  rule: string;
  provisions: readonly string[] | null;
  origins: readonly string[] | null;
  effect: 'refused' | 'condition';
  text: string;
  sources: readonly string[];
}

/** A lapse of a programme's authority between its own dates (AGOA from 1 October 2025 to 3 February 2026). */
export interface ProgrammeGap {
  from: string;
  /** exclusive */
  to: string;
  note: string;
  sources: readonly string[];
}

export interface LineShards {
  importer: string;
  /** how many lines the shards hold */
  count: number;
  /** every coverageFrom, mfnChanges and until date of their lines (law boundaries) */
  dates: readonly string[];
  /** the code prefixes there are files for: 4-digit headings (or 2-digit chapters), one length */
  parts: readonly string[];
  /** the lines of one part ([] without a file), and the codes of the measures whose scope is kept there */
  load(part: string): { lines: readonly TariffLine[]; scopes: Readonly<Record<string, readonly string[]>> };
}

/** A scenario with its chain of `extends` flattened and overrides indexed. */
export interface ResolvedScenario {
  id: string;
  title: string;
  asOf: string | null;
  whatIf: boolean;
  /** measure id or authority → replacement rate */
  rates: ReadonlyMap<string, Rate>;
  /** measure ids or authorities switched off */
  disabled: ReadonlySet<string>;
  added: readonly Measure[];
  /** every override in words, echoed in outputs so a reader knows what was assumed */
  assumptions: readonly string[];
  /** those of `assumptions` that say an overlay redefined a scenario of the same id (CSV notes carry them too) */
  redefinitions?: readonly string[];
}

export interface ContentShare {
  /** either a share of customs value … */
  share?: Dec;
  /** … or a value in the shipment currency's minor units */
  value?: number;
}

export interface Shipment {
  id?: string;
  /** digits only */
  hts: string;
  origin: string;
  importer: string;
  /** minor units of `currency` */
  value: number;
  currency?: string;
  freight: number;
  insurance: number;
  qty?: Dec;
  unit?: string;
  /** a second quantity in another unit, for a rate of two specific parts (2204.30.00: liters and proof liters) */
  qty2?: Dec;
  unit2?: string;
  mode?: Mode;
  /** entry date */
  date?: string;
  content?: Readonly<Record<string, ContentShare>>;
  /** overrides the schedule's dated rate: importer currency per unit of `currency` */
  fxRate?: Dec;
  /** elected alternatives: group → option (e.g. postal-method → per-item; claim → usmca) */
  elections?: Readonly<Record<string, string>>;
  /** the user's general (MFN) rate for the line, in place of the schedule's (an assumption, echoed) */
  mfnRate?: Rate;
  /** the entry type filed; absent = chosen by value (the importer's informal-entry rule) */
  entryType?: EntryType;
}

export interface AppliedLine {
  measure: string;
  kind: MeasureKind | 'fx';
  authority: string;
  title: string;
  ref: string;
  instrument: string;
  sources: readonly string[];
  rate: Rate;
  rateText: string;
  /** minor units */
  base: number;
  baseLabel: string;
  amount: number;
  formula: string;
  note?: string;
  overridden?: boolean;
}

export type NotAppliedCode =
  | 'suspended'
  | 'replaced'
  | 'not-with'
  | 'mode'
  | 'ended'
  | 'not-yet'
  | 'disabled'
  | 'de-minimis'
  | 'in-lieu'
  | 'not-elected'
  | 'below-threshold'
  | 'entry-type';

export interface NotApplied {
  measure: string;
  authority: string;
  title: string;
  ref: string;
  code: NotAppliedCode;
  reason: string;
}

/** A duty line charged, without its trail: what `reportHts` reads of it. */
export interface ChargedDuty {
  readonly kind: 'duty';
  readonly authority: string;
  readonly ref: string;
  readonly rateText: string;
  readonly amount: number;
}

export interface Breakdown {
  scenario: string;
  scenarioTitle: string;
  /** the date whose law was applied */
  date: string;
  entryDate: string | null;
  importer: string;
  origin: string;
  hts: string;
  htsLine: string;
  description: string;
  mode: Mode | null;
  /** the entry type priced: given, or chosen by value; null when the importer has no informal entries */
  entryType: EntryType | null;
  currency: string;
  minorDigits: number;
  valuation: Importer['valuation'];
  goodsValue: number;
  freight: number;
  insurance: number;
  customsValue: number;
  fx: { currency: string; rate: Dec; date: string | null; source: string } | null;
  lines: AppliedLine[];
  /**
   * Priced without its audit trail (`detail: false`, a CSV batch): the duty lines charged, in
   * order, as much of each as the HTS numbers to report need (core/report-hts.ts); `lines` is empty.
   */
  charged?: readonly ChargedDuty[];
  notApplied: NotApplied[];
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  /** duty ÷ customs value, exact to 6 decimals */
  effectiveRate: Dec;
  dutyByAuthority: Readonly<Record<string, number>>;
  assumptions: readonly string[];
  notes: string[];
}

/** What the core needs of the lookup index (implemented by `ScheduleIndex`). */
export interface MeasureIndex {
  readonly schedule: Schedule;
  /** with `on`, a code is too short only where a line or a measure reaching that origin on that date needs more digits */
  findLine(importer: string, digits: string, on?: LineContext): import('./issues.js').Result<TariffLine>;
  candidates(importer: string, digits: string): readonly Measure[];
  /** the `candidates` of the importer's own that can reach goods of `origin` (applicability.ts reachesOrigin) */
  candidatesFrom(importer: string, digits: string, origin: string): readonly Measure[];
  /** a measure by id */
  measure(id: string): Measure | undefined;
  fxRate(from: string, to: string, date: string): FxRate | undefined;
}

/** What makes a code long enough: the origin, the law date and the claims of the shipment. */
export interface LineContext {
  origin: string;
  date: string;
  elections?: Readonly<Record<string, string>> | undefined;
}
