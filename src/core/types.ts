/**
 * The domain model the calculation core works on: a compiled schedule (rates parsed into exact
 * decimals, HTS codes reduced to digits), shipments, scenarios and the breakdown it returns.
 */
import type { Dec, Rounding } from './decimal.js';

export type Mode = 'ocean' | 'air' | 'truck' | 'rail' | 'postal';
export type MeasureKind = 'duty' | 'fee' | 'tax' | 'exemption';

export interface Rate {
  /** ad valorem fraction (0.075 for 7.5%) */
  adValorem?: Dec;
  /** per-unit amount in the importer's major currency unit */
  specific?: { amount: Dec; per: string };
  /** floor and cap in minor units */
  min?: number;
  max?: number;
}

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
  /** position in the schedule, for stable output order */
  order: number;
}

export interface TariffLine {
  importer: string;
  hts: string;
  description: string;
  mfn: Rate;
  sources: readonly string[];
  coverageFrom: string | null;
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
}

export interface FxRate {
  from: string;
  to: string;
  date: string;
  rate: Dec;
  sources: readonly string[];
}

export type Override =
  | { set: string; rate: Rate }
  | { disable: string }
  | { add: Measure };

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
}

export interface Schedule {
  meta: { title: string; version: string; verifiedThrough: string; notModelled: readonly string[] };
  /** sha256 of the schedule file's bytes, first 12 hex digits */
  hash: string;
  importers: ReadonlyMap<string, Importer>;
  lines: readonly TariffLine[];
  measures: readonly Measure[];
  fx: readonly FxRate[];
  scenarios: readonly Scenario[];
  refunds: readonly RefundProgram[];
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
  mode?: Mode;
  /** entry date */
  date?: string;
  content?: Readonly<Record<string, ContentShare>>;
  /** overrides the schedule's dated rate: importer currency per unit of `currency` */
  fxRate?: Dec;
  /** elected alternatives: group → option (e.g. postal-method → per-item) */
  elections?: Readonly<Record<string, string>>;
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
  | 'below-threshold';

export interface NotApplied {
  measure: string;
  authority: string;
  title: string;
  ref: string;
  code: NotAppliedCode;
  reason: string;
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
  currency: string;
  minorDigits: number;
  valuation: Importer['valuation'];
  goodsValue: number;
  freight: number;
  insurance: number;
  customsValue: number;
  fx: { currency: string; rate: Dec; date: string | null; source: string } | null;
  lines: AppliedLine[];
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
  findLine(importer: string, digits: string): import('./issues.js').Result<TariffLine>;
  candidates(importer: string, digits: string): Measure[];
  fxRate(from: string, to: string, date: string): FxRate | undefined;
}
