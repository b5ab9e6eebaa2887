/**
 * The landed cost of one shipment under one scenario: which legal layers apply (and why the
 * others do not), on which value, for how much.
 *
 * Pricing runs in two steps. `planShipment` chooses the measures for (importer, origin, HTS code,
 * law date, mode) — the part that reads the law, which a batch caches per distinct key. `price`
 * turns a plan and a shipment's amounts into money. Stacking is driven by the data alone:
 * `replaces`, `notWith`, `inLieuOfOthers`, exemption thresholds, windows and suspensions.
 */
import { decToString, exactAmount, MAX_EXACT_MINOR, mulRound, ratioDec, ratioRound, type Dec } from './decimal.js';
import { formatHts } from './hts.js';
import { fail, ok, type Issue, type Result } from './issues.js';
import type {
  AppliedLine,
  Breakdown,
  EntryType,
  Importer,
  Measure,
  MeasureIndex,
  Mode,
  NotApplied,
  NotAppliedCode,
  Rate,
  ResolvedScenario,
  Shipment,
  TariffLine,
} from './types.js';
import { baseText, moneyText, qtyText, rateText } from './words.js';

export interface PlannedMeasure {
  measure: Measure;
  rate: Rate;
  overridden: boolean;
  /** measures applied on part of the value (content) that this one does not stack on */
  partialBlockers: Measure[];
}

export interface Plan {
  scenario: ResolvedScenario;
  importer: Importer;
  line: TariffLine;
  origin: string;
  lawDate: string;
  mode: Mode | null;
  exemptions: PlannedMeasure[];
  duties: PlannedMeasure[];
  fees: PlannedMeasure[];
  taxes: PlannedMeasure[];
  notApplied: NotApplied[];
  notes: string[];
  /**
   * A measure collected in lieu of the others only up to a value (the postal duty on items of
   * $800 or less): the plan to use when the goods are worth more than `threshold` minor units.
   */
  overThreshold?: { threshold: number; plan: Plan };
  /** a duty of the plan is charged on a content (metal) base */
  hasContentDuty: boolean;
}

const byOrder = (a: PlannedMeasure, b: PlannedMeasure): number => a.measure.order - b.measure.order;

function notApplied(m: Measure, code: NotAppliedCode, reason: string): NotApplied {
  return { measure: m.id, authority: m.authority, title: m.title, ref: m.ref, code, reason };
}

function inWindow(m: Measure, date: string): boolean {
  return m.from <= date && (m.to === null || date < m.to);
}

/** The line's general rate in force on `date`: the latest change on or before it, else `mfn`. */
export function mfnRateOn(line: TariffLine, date: string): Rate | null {
  let rate = line.mfn;
  for (const c of line.mfnChanges) if (c.from <= date) rate = c.rate;
  return rate;
}

/** The MFN rate of the tariff line, as a measure so that it stacks and renders like the others. */
function mfnMeasure(line: TariffLine, importer: Importer, rate: Rate): Measure {
  return {
    id: `mfn-${line.importer.toLowerCase()}-${line.hts}`,
    kind: 'duty',
    authority: 'mfn',
    title: `MFN (general rate) — ${line.description}`,
    importer: line.importer,
    origins: null,
    exceptOrigins: null,
    hts: [line.hts],
    exclude: [],
    modes: null,
    exceptModes: null,
    from: '0000-01-01',
    to: null,
    rate,
    base: 'customs-value',
    threshold: null,
    replaces: [],
    notWith: [],
    inLieuOfOthers: false,
    election: null,
    ref: `${importer.name} tariff ${formatHts(line.hts)}`,
    instrument: `${importer.name} tariff schedule, general (MFN) rate`,
    sources: line.sources,
    suspended: null,
    note: line.note,
    order: -1,
    scopeInShards: false,
  };
}

function named(m: Measure, set: ReadonlySet<string> | readonly string[]): boolean {
  const has = (k: string): boolean => ('has' in set ? set.has(k) : set.includes(k));
  return has(m.id) || has(m.authority);
}

/** Chooses the measures for one (importer, origin, HTS, date, mode) under a scenario. */
export function planShipment(
  index: MeasureIndex,
  scenario: ResolvedScenario,
  key: {
    importer: string;
    hts: string;
    origin: string;
    date: string;
    mode: Mode | null;
    elections?: Readonly<Record<string, string>> | undefined;
    /** the user's general rate, in place of the line's */
    mfnRate?: Rate | undefined;
  },
): Result<Plan> {
  const schedule = index.schedule;
  const importer = schedule.importers.get(key.importer);
  if (!importer) {
    return fail({
      code: 'importer-unknown',
      path: 'importer',
      message: `importer "${key.importer}" is not in the schedule`,
      hint: `use one of: ${[...schedule.importers.keys()].join(', ')}`,
    });
  }
  const found = index.findLine(key.importer, key.hts);
  if (!found.ok) return found;
  const line = found.value;
  const date = key.date;
  const notes: string[] = [];
  const out: NotApplied[] = [];
  if (line.until !== null && date >= line.until) {
    return fail({
      code: 'hts-deleted',
      path: 'hts',
      message: `HTS ${formatHts(line.hts)} is no longer in the ${key.importer} tariff on ${date}: it was removed on ${line.until}`,
      hint: `give the code in force on ${date} (tariff lookup ${formatHts(line.hts).slice(0, 4)} lists them)`,
    });
  }
  if (line.coverageFrom !== null && date < line.coverageFrom) {
    notes.push(`warning: the schedule models ${formatHts(line.hts)} only from ${line.coverageFrom}; layers in force before then may be missing`);
  }

  const forOrigin = (m: Measure): boolean =>
    m.importer === key.importer &&
    (m.origins === null || m.origins.has(key.origin)) &&
    !(m.exceptOrigins?.has(key.origin) ?? false);

  // column 2 (general note 3(b)): origins denied normal trade relations pay the column 2 rate
  const col2 = importer.column2.find((c) => c.origins.has(key.origin) && c.from <= date && (c.to === null || date < c.to));
  const scheduled = col2 ? line.column2 : mfnRateOn(line, date);
  const mfnRate = key.mfnRate ?? scheduled;
  if (mfnRate === null) {
    return fail({
      code: 'mfn-not-modelled',
      path: 'hts',
      message: col2
        ? `HTS ${formatHts(line.hts)} from ${key.origin} pays its column 2 rate (${col2.ref}), which the schedule does not compute for this line`
        : `the general rate of HTS ${formatHts(line.hts)} is "${line.mfnText ?? '?'}", which this tool cannot compute`,
      hint: 'give the rate that applies to the goods with --mfn (or an mfn_rate column), e.g. --mfn 5% or --mfn "3.5¢/kg + 2%"',
    });
  }
  if (key.mfnRate) {
    notes.push(`assumption: general (MFN) rate ${rateText(key.mfnRate, importer.currency, importer.minorDigits)} as given (--mfn)${scheduled ? `; the schedule's rate is ${rateText(scheduled, importer.currency, importer.minorDigits)}` : `; the tariff prints "${line.mfnText ?? ''}"`}`);
  }
  const mfn = mfnMeasure(line, importer, mfnRate);
  const candidates = [col2 ? { ...mfn, title: `Column 2 rate — ${line.description}`, ref: `${mfn.ref}, column 2`, instrument: col2.ref, sources: [...col2.sources, ...line.sources] } : mfn, ...index.candidates(key.importer, key.hts).filter(forOrigin)];
  for (const m of scenario.added) {
    if (forOrigin(m) && covers(m, key.hts)) candidates.push(m);
  }

  // an election that no measure here offers changes nothing: say so rather than let it pass silently
  for (const [group, option] of Object.entries(key.elections ?? {})) {
    if (!candidates.some((m) => m.election?.group === group && m.election.option === option && inWindow(m, date))) {
      notes.push(`note: ${group === 'claim' ? `claim ${option}` : `${group}=${option}`} changes nothing for this shipment: no measure in force on ${date} offers it for ${formatHts(line.hts)} from ${key.origin}`);
    }
  }

  // 1. dates, suspensions, scenario switches, transport mode
  const active: Measure[] = [];
  const outOfWindow: Measure[] = [];
  for (const m of candidates) {
    if (!inWindow(m, date)) {
      outOfWindow.push(m);
    } else if (m.suspended && m.suspended.since <= date) {
      out.push(notApplied(m, 'suspended', `suspended since ${m.suspended.since}: ${m.suspended.note}`));
    } else if (named(m, scenario.disabled)) {
      out.push(notApplied(m, 'disabled', `switched off by scenario ${scenario.id}`));
    } else if (m.election !== null && (key.elections?.[m.election.group] ?? (m.election.default ? m.election.option : undefined)) !== m.election.option) {
      const chosen = key.elections?.[m.election.group];
      out.push(notApplied(m, 'not-elected', `an alternative: ${m.election.group} = ${m.election.option}${m.election.default ? ' (the default)' : ''}, but ${chosen === undefined ? 'the default was used' : `${m.election.group} = ${chosen} was elected`}`));
    } else if (m.exceptModes !== null && key.mode !== null && m.exceptModes.has(key.mode)) {
      out.push(notApplied(m, 'mode', `does not apply to ${key.mode} shipments`));
    } else if (m.modes !== null && (key.mode === null || !m.modes.has(key.mode))) {
      // an ordinary measure (not one of a carrier's alternatives) lost only for want of a mode
      if (key.mode === null && m.election === null) {
        notes.push(`${m.title} not charged: it applies to ${[...m.modes].join('/')} shipments only and no transport mode was given (give --mode or a mode column)`);
      }
      out.push(
        notApplied(m, 'mode', `applies to ${[...m.modes].join('/')} shipments only (this one: ${key.mode ?? 'mode not given'})`),
      );
    } else {
      active.push(m);
    }
  }

  // 2. a measure that replaces another while both are in force (Four-Year-Review 301 rates)
  const replacedBy = new Map<string, Measure>();
  for (const m of active) for (const r of m.replaces) if (!replacedBy.has(r)) replacedBy.set(r, m);
  const applied = active.filter((m) => {
    const by = replacedBy.get(m.id);
    if (!by) return true;
    out.push(notApplied(m, 'replaced', `replaced by ${by.title} (${by.ref}) from ${by.from}`));
    return false;
  });

  // 3. a measure collected in lieu of all other duties (postal duty on low-value mail); when it
  //    is limited to a value (items of $800 or less), the plan for higher values is kept beside it
  const inLieu = applied.find((m) => m.inLieuOfOthers && m.kind === 'duty');
  if (!inLieu) return ok(finish(applied, out, notes));
  const overOut = [...out];
  const overNotes = [...notes];
  const under = applied.filter((m) => {
    if (m === inLieu || m.kind !== 'duty') return true;
    out.push(notApplied(m, 'in-lieu', `not collected: ${inLieu.title} (${inLieu.ref}) is collected in lieu of other duties`));
    return false;
  });
  const plan = finish(under, out, notes);
  if (inLieu.threshold !== null) {
    const limit = moneyText(inLieu.threshold, importer.currency, importer.minorDigits);
    overOut.push(notApplied(inLieu, 'below-threshold', `applies only to goods valued at or under ${limit}; this shipment is worth more and is entered as an ordinary entry`));
    overNotes.push(`${inLieu.title} not collected: the goods are valued above ${limit} (${inLieu.ref}); ordinary duties apply`);
    plan.overThreshold = { threshold: inLieu.threshold, plan: finish(applied.filter((m) => m !== inLieu), overOut, overNotes) };
  }
  return ok(plan);

  function finish(applied: Measure[], out: NotApplied[], notes: string[]): Plan {
    // 4. non-stacking: a measure is not applied where a measure it names in `notWith` applies
    const blockedMemo = new Map<Measure, Measure[] | null>();
    const appliedSet = new Set(applied);
    const blockersOf = (m: Measure, depth: number): Measure[] | null => {
      // null: not blocked; [] never happens; list: the applied measures that block it
      if (blockedMemo.has(m)) return blockedMemo.get(m) as Measure[] | null;
      if (m.notWith.length === 0 || depth > 16) return null;
      const blockers = applied.filter((b) => b !== m && named(b, m.notWith) && isApplied(b, depth + 1));
      const result = blockers.length ? blockers : null;
      blockedMemo.set(m, result);
      return result;
    };
    const isApplied = (m: Measure, depth: number): boolean => {
      if (!appliedSet.has(m)) return false;
      const b = blockersOf(m, depth);
      return b === null || !b.some((x) => typeof x.base === 'string');
    };
    const planned: PlannedMeasure[] = [];
    for (const m of applied) {
      const blockers = blockersOf(m, 0);
      const full = blockers?.find((b) => typeof b.base === 'string');
      if (full) {
        out.push(notApplied(m, 'not-with', `not applied: ${full.title} applies (${full.ref})`));
        continue;
      }
      const override = scenario.rates.get(m.id) ?? scenario.rates.get(m.authority);
      planned.push({ measure: m, rate: override ?? m.rate, overridden: override !== undefined, partialBlockers: blockers ?? [] });
    }

    // 5. for an authority with nothing in force, say when it ended or when it starts
    const mentioned = new Set([...planned.map((p) => p.measure.authority), ...out.filter((n) => n.code !== 'suspended').map((n) => n.authority)]);
    const byAuthority = new Map<string, Measure[]>();
    for (const m of outOfWindow) {
      if (mentioned.has(m.authority)) continue;
      const list = byAuthority.get(m.authority) ?? [];
      list.push(m);
      byAuthority.set(m.authority, list);
    }
    for (const list of byAuthority.values()) {
      const ended = list.filter((m) => m.to !== null && m.to <= date).sort((a, b) => ((a.to as string) < (b.to as string) ? 1 : -1))[0];
      if (ended) {
        out.push(notApplied(ended, 'ended', `no longer in force: ended ${ended.to} (in force ${ended.from} to ${ended.to})`));
        continue;
      }
      const next = list.filter((m) => m.from > date).sort((a, b) => (a.from < b.from ? -1 : 1))[0];
      if (next) out.push(notApplied(next, 'not-yet', `not yet in force: starts ${next.from}`));
    }

    for (const [target] of scenario.rates) {
      const hit = candidates.some((m) => m.id === target || m.authority === target);
      const live = planned.some((p) => p.measure.id === target || p.measure.authority === target);
      if (hit && !live) notes.push(`override of "${target}" had no effect: no such measure applies on the law date`);
    }

    const kind = (k: Measure['kind']): PlannedMeasure[] => planned.filter((p) => p.measure.kind === k).sort(byOrder);
    return {
      scenario,
      importer: importer as Importer,
      line,
      origin: key.origin,
      lawDate: date,
      mode: key.mode,
      exemptions: kind('exemption'),
      duties: kind('duty'),
      fees: kind('fee'),
      taxes: kind('tax'),
      notApplied: out.sort((a, b) => (a.authority < b.authority ? -1 : a.authority > b.authority ? 1 : 0)),
      notes,
      hasContentDuty: planned.some((p) => p.measure.kind === 'duty' && typeof p.measure.base === 'object'),
    };
  }
}

function covers(m: Measure, digits: string): boolean {
  if (m.exclude.some((x) => digits.startsWith(x))) return false;
  return m.hts.some((p) => digits.startsWith(p));
}

/** The law date: the scenario's, else the shipment's entry date. */
export function lawDateOf(shipment: Shipment, scenario: ResolvedScenario): Result<string> {
  const date = scenario.asOf ?? shipment.date;
  if (date === undefined) {
    return fail({
      code: 'date-invalid',
      path: 'date',
      message: `scenario ${scenario.id} prices each shipment on its entry date, and this shipment has none`,
      hint: 'give --date YYYY-MM-DD (or a date column), or choose a dated scenario',
    });
  }
  return ok(date);
}

export interface Amounts {
  goods: number;
  freight: number;
  insurance: number;
  customsValue: number;
  content: Map<string, number>;
  fx: Breakdown['fx'];
}

/** Converts the shipment's money into the importer's currency and values it for customs. */
export function valueShipment(index: MeasureIndex, plan: Plan, sh: Shipment, lawDate = plan.lawDate): Result<Amounts> {
  const imp = plan.importer;
  let convert = (cents: number): number => cents;
  let fx: Breakdown['fx'] = null;
  if (sh.currency !== undefined && sh.currency !== imp.currency) {
    const dated = sh.fxRate === undefined ? index.fxRate(sh.currency, imp.currency, lawDate) : undefined;
    const rate = sh.fxRate ?? dated?.rate;
    if (rate === undefined) {
      return fail({
        code: 'fx-missing',
        path: 'currency',
        message: `no ${sh.currency}→${imp.currency} exchange rate in the schedule for ${lawDate}`,
        hint: `give --fx-rate (${imp.currency} per ${sh.currency}), or price in ${imp.currency}`,
      });
    }
    convert = (cents) => mulRound(cents, rate, imp.rounding);
    fx = {
      currency: sh.currency,
      rate,
      date: dated?.date ?? null,
      source: dated ? (dated.sources[0] ?? 'schedule') : '--fx-rate',
    };
  }
  const goods = convert(sh.value);
  const freight = convert(sh.freight);
  const insurance = convert(sh.insurance);
  const customsValue = imp.valuation === 'cif' ? goods + freight + insurance : goods;
  const content = sh.content ? new Map<string, number>() : NO_CONTENT;
  let declared = 0;
  for (const [material, c] of Object.entries(sh.content ?? {})) {
    const v = c.share !== undefined ? mulRound(customsValue, c.share, imp.rounding) : convert(c.value ?? 0);
    declared += v;
    content.set(material, v);
    if (declared > customsValue) {
      // the metals of one article are parts of its value: together they cannot exceed it
      const materials = [...content.keys()];
      const money = (x: number): string => moneyText(x, imp.currency, imp.minorDigits);
      return fail({
        code: 'content-invalid',
        path: `content.${material}`,
        message: `${materials.join(' + ')} content ${materials.length > 1 ? `(${materials.map((k) => money(content.get(k) as number)).join(' + ')}) ` : ''}${money(declared)} exceeds the customs value ${money(customsValue)}`,
        hint: 'the declared contents are parts of the goods: together they must not exceed the customs value',
      });
    }
  }
  return ok({ goods, freight, insurance, customsValue, content, fx });
}

const NO_CONTENT: Map<string, number> = new Map();

/**
 * The entry type: the one given, else informal when the goods value is within the importer's
 * informal-entry limit (US: $2,500, 19 CFR 143.21(a); $250 for goods with an additional Chapter 99
 * duty until CBP suspended that exception in 2025), else formal. Said in a note when assumed.
 */
export function chooseEntry(imp: Importer, given: EntryType | undefined, goods: number, chapter99: boolean, lawDate: string): EntryChoice {
  const rule = imp.informalEntry ?? null;
  if (given !== undefined) {
    if (given === 'informal' && (rule === null || goods > rule.max)) {
      const money = (c: number): string => moneyText(c, imp.currency, imp.minorDigits);
      return fail({
        code: 'value-invalid',
        path: 'entryType',
        message: rule === null ? `${imp.name} has no informal entries in the schedule` : `an informal entry is limited to goods of ${money(rule.max)} (this one: ${money(goods)})`,
        hint: 'leave the entry type out, or give formal',
      });
    }
    return given === 'formal' ? GIVEN_FORMAL : GIVEN_INFORMAL;
  }
  if (rule === null) return NO_RULE;
  const lower = rule.chapter99Max !== null && chapter99 && (rule.chapter99MaxUntil === null || lawDate < rule.chapter99MaxUntil);
  const limit = lower ? (rule.chapter99Max as number) : rule.max;
  if (goods > limit && goods > rule.max) return FORMAL;
  // a batch asks this for every row: the few possible answers are made once per importer and limit
  let byLimit = assumedEntries.get(imp);
  if (byLimit === undefined) assumedEntries.set(imp, (byLimit = new Map()));
  let a = byLimit.get(limit);
  if (a === undefined) {
    const money = (c: number): string => moneyText(c, imp.currency, imp.minorDigits);
    a = {
      informal: ok({ type: 'informal', note: `informal entry assumed: the goods value is within the ${money(limit)} limit for informal entry (19 CFR 143.21(a)); give --entry-type formal (or an entry_type column) if it is entered formally` }),
      formal: ok({ type: 'formal', note: `formal entry assumed: goods with an additional Chapter 99 duty valued above ${money(limit)} could not be entered informally before ${rule.chapter99MaxUntil} (19 CFR 143.21(a))` }),
    };
    byLimit.set(limit, a);
  }
  return goods <= limit ? a.informal : a.formal;
}

/** an entry type and the note that says it was assumed (results are shared: read, never change them) */
export type EntryChoice = Result<{ readonly type: EntryType | null; readonly note: string | null }>;
const NO_RULE: EntryChoice = ok({ type: null, note: null });
const FORMAL: EntryChoice = ok({ type: 'formal', note: null });
const GIVEN_FORMAL: EntryChoice = ok({ type: 'formal', note: null });
const GIVEN_INFORMAL: EntryChoice = ok({ type: 'informal', note: null });
const assumedEntries = new WeakMap<Importer, Map<number, { informal: EntryChoice; formal: EntryChoice }>>();

/** a dated exchange rate older than this (in days) before the law date is flagged in the notes */
export const FX_STALE_DAYS = 7;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Contents the shipment does not declare, for the content-based duties of the plan. CBP charges
 * a Section 232 duty on the full value when the metal content is not known (CSMS #64384423 and
 * #64384496, March 2025), and values a mixed article's metal as the entered value less the other
 * materials (CBP Base Metals CEE guidance, reported 2026); so an article's value is counted once:
 * what is assumed is the customs value less the declared contents, charged to the first
 * undeclared material in schedule order; a second undeclared material gets nothing. No CBP text
 * found says how to split an undeclared multi-metal value: this is the rule chosen.
 */
function undeclaredContent(plan: Plan, v: Amounts): Map<string, number> {
  const out = new Map<string, number>();
  let rest = v.customsValue;
  for (const c of v.content.values()) rest -= c;
  for (const p of plan.duties) {
    const b = p.measure.base;
    if (typeof b !== 'object' || v.content.has(b.content) || out.has(b.content)) continue;
    out.set(b.content, Math.max(0, rest));
    rest = 0;
  }
  return out;
}

const noteCache = new Map<string, string>();

/** a fee of the importer with no amount for this entry type on this date */
export function feeNotChargedNote(filed: EntryType, authority: string, lawDate: string): string {
  return `no ${filed}-entry ${authority.toUpperCase()} amount in the schedule for ${lawDate}: not charged`;
}

export function staleNote(lawDate: string, verified: string): string {
  const k = `${lawDate}|${verified}`;
  let n = noteCache.get(k);
  if (n === undefined) {
    if (noteCache.size > 10_000) noteCache.clear();
    n = `warning: ${lawDate} is after the schedule's verifiedThrough date (${verified}): rates after that date may be stale`;
    noteCache.set(k, n);
  }
  return n;
}

function undeclaredNote(material: string, undeclared: ReadonlyMap<string, number>, v: Amounts): string {
  const first = [...undeclared.keys()][0];
  const k = `${material}|${first}|${v.content.size > 0}`;
  const hit = noteCache.get(k);
  if (hit !== undefined) return hit;
  const n = undeclaredNoteText(material, first, v);
  noteCache.set(k, n);
  return n;
}

function undeclaredNoteText(material: string, first: string | undefined, v: Amounts): string {
  if (material !== first) {
    return `${material} content not declared: the undeclared value is already charged as ${first} content (a value is charged once); declare each metal's content (--content ${material}=VALUE or %)`;
  }
  return `${material} content not declared: charged on the ${v.content.size ? 'customs value less the declared content' : 'full customs value'} (CBP charges undeclared content at full value); declare it with --content ${material}=VALUE or %`;
}

interface LineAmount {
  amount: number;
  formula: string;
}

function rateAmount(
  rate: Rate,
  base: number,
  sh: Shipment,
  imp: Importer,
  m: Measure,
  detail = true,
  /** the MFN duty of the shipment and the value it was charged on (for a floor inclusive of MFN) */
  mfn: { duty: number; on: number } = { duty: 0, on: 0 },
): Result<LineAmount> {
  const cur = imp.currency;
  const d = imp.minorDigits;
  const parts: string[] = [];
  let exact: number;
  if (rate.topUpTo !== undefined) {
    // the floor is on `base`; the MFN it counts is the MFN on that same value: the whole MFN duty
    // when the base is the customs value, its share of it when the base is part (the non-metal
    // value beside a Section 232 content duty) — (15% − MFN rate) × base, for any MFN shape
    const floor = mulRound(base, rate.topUpTo, imp.rounding);
    const mfnOnBase = base === mfn.on || mfn.on === 0 ? mfn.duty : ratioRound(BigInt(mfn.duty) * BigInt(base), BigInt(mfn.on), imp.rounding);
    exact = Math.max(0, floor - mfnOnBase);
    if (detail) {
      const what = base === mfn.on || mfn.on === 0 ? 'MFN' : `MFN on this value (${moneyText(mfn.duty, cur, d)} × ${moneyText(base, cur, d)} ÷ ${moneyText(mfn.on, cur, d)})`;
      parts.push(`${rateText({ topUpTo: rate.topUpTo }, cur, d).replace(' less MFN', '')} × ${moneyText(base, cur, d)} − ${what} ${moneyText(mfnOnBase, cur, d)}${floor < mfnOnBase ? ' (MFN is above the floor)' : ''}`);
    }
  } else if (rate.specific === undefined) {
    const adv = rate.adValorem as Dec;
    exact = mulRound(base, adv, imp.rounding);
    if (detail) parts.push(`${rateText({ adValorem: adv }, cur, d)} × ${moneyText(base, cur, d)}`);
  } else {
    const spec = rate.specific;
    // "per shipment" (a postal item, an entry): one unit, whatever the quantity of goods
    const perShipment = spec.per === 'shipment';
    const qty = perShipment ? { n: 1, s: 0 } : sh.qty;
    if (qty === undefined) {
      return fail(qtyIssue(m, spec.per, 'qty-required', `${m.title} is ${rateText(rate, cur, d)}: it needs a quantity in ${spec.per}`));
    }
    if (!perShipment && (sh.unit ?? '').toLowerCase() !== spec.per) {
      return fail(
        qtyIssue(m, spec.per, 'unit-mismatch', `${m.title} is charged per ${spec.per}, but the quantity is in ${sh.unit ?? 'no unit'}`),
      );
    }
    // one exact sum, one rounding: base × adv + qty × amount × 10^minor
    const adv = rate.adValorem;
    const sAdv = adv?.s ?? 0;
    const sSpec = qty.s + spec.amount.s;
    const S = Math.max(sAdv, sSpec);
    let num = BigInt(qty.n) * BigInt(spec.amount.n) * 10n ** BigInt(d) * 10n ** BigInt(S - sSpec);
    if (adv) {
      num += BigInt(base) * BigInt(adv.n) * 10n ** BigInt(S - sAdv);
      parts.push(`${rateText({ adValorem: adv }, cur, d)} × ${moneyText(base, cur, d)}`);
    }
    parts.push(`${rateText({ specific: spec }, cur, d)} × ${qtyText(qty, spec.per)}`);
    exact = ratioRound(num, 10n ** BigInt(S), imp.rounding);
  }
  let formula = parts.join(' + ');
  let amount = exact;
  if (rate.min !== undefined && amount < rate.min) {
    if (detail) formula += ` = ${moneyText(exact, cur, d)}, raised to the minimum ${moneyText(rate.min, cur, d)}`;
    amount = rate.min;
  } else if (rate.max !== undefined && amount > rate.max) {
    if (detail) formula += ` = ${moneyText(exact, cur, d)}, capped at the maximum ${moneyText(rate.max, cur, d)}`;
    amount = rate.max;
  }
  return ok({ amount, formula });
}

function qtyIssue(m: Measure, per: string, code: Issue['code'], message: string): Issue {
  return { code, path: 'qty', message, hint: `give --qty N --unit ${per} (or qty and unit columns); rate from ${m.ref}` };
}

export interface PriceOptions {
  /** the law date when the plan is shared by several dates (a batch caches plans by date bucket) */
  lawDate?: string;
  /** false: skip formulas and rate texts (CSV output does not print them) */
  detail?: boolean;
}

/**
 * Turns a plan and the shipment's money into the breakdown. With `detail: false` (CSV output)
 * the arithmetic is the same, line for line, but no line objects, formulas or reasons are built.
 */
export function price(index: MeasureIndex, planned: Plan, sh: Shipment, opts: PriceOptions = {}): Result<Breakdown> {
  const lawDate = opts.lawDate ?? planned.lawDate;
  const detail = opts.detail ?? true;
  const valued = valueShipment(index, planned, sh, lawDate);
  if (!valued.ok) return valued;
  const v = valued.value;
  const plan = planned.overThreshold && v.goods > planned.overThreshold.threshold ? planned.overThreshold.plan : planned;
  const imp = plan.importer;
  const skipped = detail ? [...plan.notApplied] : plan.notApplied;
  // notes are built in every format (a CSV row carries them too); the plan's are shared until a
  // row adds its own, so a batch row without notes of its own allocates nothing
  let notes: string[] = detail ? [...plan.notes] : plan.notes;
  let ownNotes = detail;
  const note = (n: string): void => {
    if (!ownNotes) {
      notes = [...notes];
      ownNotes = true;
    }
    notes.push(n);
  };
  const verified = index.schedule.meta.verifiedThrough;
  if (lawDate > verified) note(staleNote(lawDate, verified));
  const lines: AppliedLine[] = [];
  const dutyByAuthority: Record<string, number> = {};
  let duty = 0;
  let fees = 0;
  let taxes = 0;
  /** an additional (Chapter 99) duty applies: it limits informal entry before 2025 */
  let chapter99 = false;
  let entryType: EntryType | null = sh.entryType ?? null;

  // exemptions by value (de minimis): when one applies, nothing else is collected
  let exemption: PlannedMeasure | undefined;
  for (const e of plan.exemptions) if (exemption === undefined && e.measure.threshold !== null && v.goods <= e.measure.threshold) exemption = e;
  if (detail) {
    for (const e of plan.exemptions) {
      if (e === exemption) continue;
      skipped.push(notApplied(e.measure, 'below-threshold', `value ${moneyText(v.goods, imp.currency)} is above the ${moneyText(e.measure.threshold ?? 0, imp.currency)} threshold`));
    }
  }
  const undeclared = plan.hasContentDuty ? undeclaredContent(plan, v) : NO_CONTENT;
  /** the declared content value, or what the undeclared-content rule assumes (see undeclaredContent) */
  const contentValue = (material: string): number => v.content.get(material) ?? undeclared.get(material) ?? 0;
  let noted: Set<string> | null = null;

  const applyLine = (p: PlannedMeasure, base: number, label: string): Result<number> => {
    const m = p.measure;
    const a = rateAmount(p.rate, base, sh, imp, m, detail, { duty: dutyByAuthority.mfn ?? 0, on: v.customsValue });
    if (!a.ok) return a;
    let lineNote: string | undefined;
    if (typeof m.base === 'object' && !v.content.has(m.base.content)) {
      lineNote = undeclaredNote(m.base.content, undeclared, v);
      noted ??= new Set<string>();
      if (!noted.has(m.base.content)) note(lineNote);
      noted.add(m.base.content);
    }
    if (detail) {
      lines.push({
        measure: m.id,
        kind: m.kind as AppliedLine['kind'],
        authority: m.authority,
        title: m.title,
        ref: m.ref,
        instrument: m.instrument,
        sources: m.sources,
        rate: p.rate,
        rateText: rateText(p.rate, imp.currency, imp.minorDigits),
        base,
        baseLabel: label,
        amount: a.value.amount,
        formula: a.value.formula,
        ...(lineNote ? { note: lineNote } : {}),
        ...(p.overridden ? { overridden: true } : {}),
      });
    }
    return ok(a.value.amount);
  };
  const baseOf = (p: PlannedMeasure): number => {
    const b = p.measure.base;
    if (typeof b === 'object') return contentValue(b.content);
    return b === 'customs-value+duty' ? v.customsValue + duty : v.customsValue;
  };

  if (exemption) {
    const e = exemption.measure;
    if (detail) {
      for (const p of [...plan.duties, ...plan.fees, ...plan.taxes]) {
        skipped.push(notApplied(p.measure, 'de-minimis', `exempt: value ${moneyText(v.goods, imp.currency)} ≤ ${moneyText(e.threshold ?? 0, imp.currency)} (${e.title}, ${e.ref})`));
      }
      note(`${e.title} applies (${e.ref}): no duty, fees or taxes collected`);
    }
  } else {
    for (const p of plan.duties) {
      let base = baseOf(p);
      let label = detail ? baseText(p.measure.base) : '';
      if (p.partialBlockers.length) {
        // applies to what the content-based measures it does not stack on leave uncovered
        const materials = new Set<string>();
        for (const b of p.partialBlockers) if (typeof b.base === 'object') materials.add(b.base.content);
        let covered = 0;
        for (const mat of materials) covered += contentValue(mat);
        base = Math.max(0, v.customsValue - covered);
        if (base === 0) {
          if (detail) {
            skipped.push(notApplied(p.measure, 'not-with', `not applied: ${p.partialBlockers.map((b) => `${b.title} (${b.ref})`).join(', ')} covers the whole value`));
          }
          continue;
        }
        if (detail) label = `customs value less ${[...materials].join(' and ')} content`;
      }
      const r = applyLine(p, base, label);
      if (!r.ok) return r;
      duty += r.value;
      const a = p.measure.authority;
      dutyByAuthority[a] = (dutyByAuthority[a] ?? 0) + r.value;
      if (a !== 'mfn' && r.value > 0) chapter99 = true;
    }
    const entry = chooseEntry(imp, sh.entryType, v.goods, chapter99, lawDate);
    if (!entry.ok) return entry;
    entryType = entry.value.type;
    if (entry.value.note) note(entry.value.note);
    const filed = entryType ?? 'formal';
    const feeLeft = new Set<string>();
    const feeCharged = new Set<string>();
    for (const p of plan.fees) {
      const types = p.measure.entryTypes;
      if (types && !types.has(filed)) {
        if (detail) skipped.push(notApplied(p.measure, 'entry-type', `charged on ${[...types].join('/')} entries only (this one: ${filed})`));
        feeLeft.add(p.measure.authority);
        continue;
      }
      feeCharged.add(p.measure.authority);
      const r = applyLine(p, baseOf(p), detail ? baseText(p.measure.base) : '');
      if (!r.ok) return r;
      fees += r.value;
    }
    for (const a of feeLeft) {
      if (!feeCharged.has(a)) note(feeNotChargedNote(filed, a, lawDate));
    }
    for (const p of plan.taxes) {
      const r = applyLine(p, baseOf(p), detail ? baseText(p.measure.base) : '');
      if (!r.ok) return r;
      taxes += r.value;
    }
  }
  if (v.fx) {
    note(
      `values converted from ${v.fx.currency} at ${decToString(v.fx.rate)} ${imp.currency}/${v.fx.currency}${v.fx.date ? ` (rate of ${v.fx.date})` : ' (--fx-rate)'}, rounded once per amount`,
    );
    const age = v.fx.date === null ? 0 : daysBetween(v.fx.date, lawDate);
    if (age > FX_STALE_DAYS) {
      note(`warning: the ${v.fx.currency}→${imp.currency} rate is of ${v.fx.date}, ${age} days before the law date ${lawDate}: the schedule has no later rate; give --fx-rate with the rate of the date of exportation`);
    }
  }
  const landedCost = v.goods + v.freight + v.insurance + duty + fees + taxes;
  // a hostile or mistyped schedule (a huge specific rate × a huge quantity) must not print a
  // rounded or exponent-notation figure: refuse what the outputs cannot carry to the cent
  const big = [landedCost, duty, fees, taxes, v.customsValue].find((n) => !exactAmount(n));
  if (big !== undefined) {
    return fail({
      code: 'amount-out-of-range',
      path: 'value',
      message: `an amount of this shipment (${Number.isFinite(big) ? `about ${big.toExponential(3)} ${imp.currency} minor units` : 'not finite'}) is beyond ${moneyText(MAX_EXACT_MINOR, imp.currency, imp.minorDigits)}, the largest figure priced exactly to the cent`,
      hint: 'check the value and quantity, and the rates of the schedule (a specific rate entered per unit instead of per thousand?)',
    });
  }
  return ok({
    scenario: plan.scenario.id,
    scenarioTitle: plan.scenario.title,
    date: lawDate,
    entryDate: sh.date ?? null,
    importer: imp.code,
    origin: plan.origin,
    hts: detail ? formatHts(sh.hts) : sh.hts,
    htsLine: detail ? formatHts(plan.line.hts) : plan.line.hts,
    description: plan.line.description,
    mode: plan.mode,
    entryType,
    currency: imp.currency,
    minorDigits: imp.minorDigits,
    valuation: imp.valuation,
    goodsValue: v.goods,
    freight: v.freight,
    insurance: v.insurance,
    customsValue: v.customsValue,
    fx: v.fx,
    lines,
    notApplied: skipped,
    duty,
    fees,
    taxes,
    landedCost,
    effectiveRate: ratioDec(duty, v.customsValue, 6),
    dutyByAuthority,
    assumptions: plan.scenario.assumptions,
    notes,
  });
}

/** One shipment, one scenario: plan and price. */
export function landedCost(shipment: Shipment, scenario: ResolvedScenario, index: MeasureIndex): Result<Breakdown> {
  const date = lawDateOf(shipment, scenario);
  if (!date.ok) return date;
  const plan = planShipment(index, scenario, {
    importer: shipment.importer,
    hts: shipment.hts,
    origin: shipment.origin,
    date: date.value,
    mode: shipment.mode ?? null,
    elections: shipment.elections,
    mfnRate: shipment.mfnRate,
  });
  if (!plan.ok) return plan;
  return price(index, plan.value, shipment);
}


/**
 * Dates on which the law can change for this schedule and scenario: every window edge, suspension
 * and coverage date. Two dates with the same number of boundaries at or before them see exactly the
 * same measures, so a batch can share one plan between them.
 */
export function lawBoundaries(index: MeasureIndex, scenario: ResolvedScenario, origin?: string): string[] {
  const set = new Set<string>();
  for (const m of [...index.schedule.measures, ...scenario.added]) {
    // with an origin, only the measures that can apply to it move the boundaries (fewer plans)
    if (origin !== undefined && ((m.origins !== null && !m.origins.has(origin)) || m.exceptOrigins?.has(origin))) continue;
    set.add(m.from);
    if (m.to !== null) set.add(m.to);
    if (m.suspended) set.add(m.suspended.since);
  }
  for (const l of index.schedule.lines) {
    if (l.coverageFrom !== null) set.add(l.coverageFrom);
    for (const c of l.mfnChanges) set.add(c.from);
    if (l.until !== null) set.add(l.until);
  }
  for (const d of index.schedule.lineShards?.dates ?? []) set.add(d);
  return [...set].sort();
}

/** How many boundaries lie at or before `date` (binary search). */
export function dateBucket(boundaries: readonly string[], date: string): number {
  let lo = 0;
  let hi = boundaries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((boundaries[mid] as string) <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
