/**
 * The plan of a shipment: which legal layers apply to (importer, origin, HTS code, law date,
 * mode) under a scenario, and why the others do not — the part of pricing that reads the law,
 * which a batch caches per distinct key. Stacking is driven by the data alone: windows,
 * suspensions, elections, `replaces`, `inLieuOfOthers`, `notWith`.
 */
import { reachesImport } from './applicability.js';
import { formatHts } from './hts.js';
import { fail, ok, type Issue, type Result } from './issues.js';
import type { Column2Origins, Importer, Measure, MeasureIndex, Mode, NotApplied, NotAppliedCode, Rate, ResolvedScenario, TariffLine } from './types.js';
import { authorityName, moneyText, shortDescription } from './words.js';
import { rateText } from './rate-kinds.js';
import { claimedPreference, claimsOf, column2On, elects, programmeOf, type PreferenceApplied, withProgrammeNames } from './preference.js';

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
  /** the plan compiled for pricing (core/program.ts), made on first use */
  program?: import('./program.js').Program;
}

const byOrder = (a: PlannedMeasure, b: PlannedMeasure): number => a.measure.order - b.measure.order;

/** a layer not applied, with its reason (for the breakdown's audit trail) */
export function notApplied(m: Measure, code: NotAppliedCode, reason: string): NotApplied {
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
    title: `MFN (general rate) — ${shortDescription(line.description, 120)}`,
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

/** What a plan is chosen for. */
export interface PlanKey {
  importer: string;
  hts: string;
  origin: string;
  date: string;
  mode: Mode | null;
  elections?: Readonly<Record<string, string>> | undefined;
  /** the user's general rate, in place of the line's */
  mfnRate?: Rate | undefined;
}

/** What the phases of a plan share: the key, the line, and what they found so far. */
interface Planning {
  scenario: ResolvedScenario;
  importer: Importer;
  line: TariffLine;
  key: PlanKey;
  /** the key's elections with each claimed programme's names added (a claim of S elects usmca) */
  elections: Readonly<Record<string, string>> | undefined;
  /** every measure that could apply to the line and origin, the MFN (or column 2) rate first */
  candidates: Measure[];
  /** candidates outside their window on the date, for "ended" / "not yet" reasons */
  outOfWindow: Measure[];
}

/** Chooses the measures for one (importer, origin, HTS, date, mode) under a scenario. */
export function planShipment(index: MeasureIndex, scenario: ResolvedScenario, key: PlanKey): Result<Plan> {
  const importer = index.schedule.importers.get(key.importer);
  if (!importer) {
    return fail({
      code: 'importer-unknown',
      path: 'importer',
      message: `importer "${key.importer}" is not in the schedule`,
      hint: `use one of: ${[...index.schedule.importers.keys()].join(', ')}`,
    });
  }
  const elections = withProgrammeNames(index.schedule, key.importer, key.elections);
  const found = index.findLine(key.importer, key.hts, { origin: key.origin, date: key.date, elections });
  if (!found.ok) return found;
  const line = found.value;
  const notes: string[] = [];
  const out: NotApplied[] = [];
  const inTariff = lineInForce(line, key, notes);
  if (!inTariff.ok) return inTariff;
  const candidates = candidateMeasures(index, scenario, importer, line, key, notes);
  if (!candidates.ok) return candidates;
  const p: Planning = { scenario, importer, line, key, elections, candidates: candidates.value, outOfWindow: [] };
  unofferedElections(p, notes, (c) => programmeOf(index.schedule, key.importer, c) !== undefined);
  const active = inForceOnDate(p, out, notes);
  const applied = withoutReplaced(active, out);
  const banned = applied.find((m) => m.kind === 'prohibition');
  if (banned) return fail(prohibited(banned, key));
  return ok(inLieuOfOthers(p, applied, out, notes));
}

/**
 * A floor whose words count column 1-General (the EU, Swiss and Liechtenstein headings) counts the
 * general rate even where a claimed special rate replaced it: the measure, for this plan, with that rate.
 */
function countingGeneral(m: Measure, general: Rate | null): Measure {
  if (general === null || m.rate.kind !== 'top-up' || !m.rate.countsGeneral) return m;
  return { ...m, rate: { ...m.rate, general } };
}

/**
 * Goods excluded from importation on the date have no price: the result is the instrument that
 * excludes them (a claim or an exception that lifts the exclusion has already replaced it).
 */
function prohibited(m: Measure, key: PlanKey): Issue {
  return {
    code: 'prohibited',
    path: 'hts',
    message: `HTS ${formatHts(key.hts)} from ${key.origin} may not be imported on ${key.date}: ${m.title} (${m.ref}; ${m.instrument}, from ${m.from}${m.to ? ` to ${m.to}` : ''})`,
    hint: m.note ?? 'goods excluded from importation are refused entry; no duty is computed',
  };
}

/** A code deleted before the date is refused; one modelled only from a later date is warned. */
function lineInForce(line: TariffLine, key: PlanKey, notes: string[]): Result<true> {
  if (line.until !== null && key.date >= line.until) {
    return fail({
      code: 'hts-deleted',
      path: 'hts',
      message: `HTS ${formatHts(line.hts)} is no longer in the ${key.importer} tariff on ${key.date}: it was removed on ${line.until}`,
      hint: `give the code in force on ${key.date} (tariff lookup ${formatHts(line.hts).slice(0, 4)} lists them)`,
    });
  }
  if (line.coverageFrom !== null && key.date < line.coverageFrom) {
    notes.push(`warning: the schedule models ${formatHts(line.hts)} only from ${line.coverageFrom}; layers in force before then may be missing`);
  }
  return ok(true);
}

function forOrigin(m: Measure, key: PlanKey): boolean {
  return reachesImport(m, key.importer, key.origin);
}

/** The preference the shipment's claims give on the line (--claim KR: the line's special rate in place of the general rate). */
function claimedOn(index: MeasureIndex, importer: Importer, line: TariffLine, key: PlanKey, general: Rate | null, notes: string[]) {
  const date = key.date;
  const offered = (option: string): boolean =>
    index.candidatesFrom(key.importer, key.hts, key.origin).some((m) => m.election?.group === 'claim' && m.election.option === option && inWindow(m, date));
  // a special rate printed as the rate of a line of another heading (D:2009.89.65): that line, as the schedule has it
  const lineAt = (digits: string) => {
    const named = index.findLine(key.importer, digits, { origin: key.origin, date, elections: key.elections });
    return named.ok ? { line: named.value, general: mfnRateOn(named.value, date) } : undefined;
  };
  return claimedPreference(index.schedule, importer, line, key.origin, date, key.elections?.claim, general, offered, notes, lineAt);
}

/**
 * The general rate as a measure — column 2 for origins denied normal trade relations (general
 * note 3(b)), the user's --mfn when given — then every measure whose scope holds the line and origin.
 */
function candidateMeasures(
  index: MeasureIndex,
  scenario: ResolvedScenario,
  importer: Importer,
  line: TariffLine,
  key: PlanKey,
  notes: string[],
): Result<Measure[]> {
  const date = key.date;
  const col2 = column2On(importer, key.origin, date);
  const scheduled = col2 ? line.column2 : mfnRateOn(line, date);
  const general = key.mfnRate ?? scheduled;
  const preference = claimedOn(index, importer, line, key, general, notes);
  if (!preference.ok) return preference;
  const pref = preference.value;
  // the special rates are column 1 rates: goods of a column 2 origin cannot claim them (general note 3(b));
  // only a programme open to any origin (C, K, L) could otherwise reach such goods
  if (pref && col2) {
    return fail({
      code: 'claim-refused',
      path: 'claim',
      message: `claim ${pref.code} refused: goods of ${key.origin} pay the column 2 rates (${col2.ref}) on ${date}, and the special rates of column 1 do not apply to them`,
      hint: 'without the claim the column 2 rate applies (general note 3(b))',
    });
  }
  const mfnRate = pref ? pref.rate : general;
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
  if (key.mfnRate && !pref) {
    notes.push(
      `assumption: general (MFN) rate ${rateText(key.mfnRate, importer.currency, importer.minorDigits)} as given (--mfn)${scheduled ? `; the schedule's rate is ${rateText(scheduled, importer.currency, importer.minorDigits)}` : `; the tariff prints "${line.mfnText ?? ''}"`}`,
    );
  }
  const generalMeasure = generalRateMeasure(line, importer, mfnRate, pref, col2);
  const counted = pref && general ? general : null;
  const reaching = index.candidatesFrom(key.importer, key.hts, key.origin);
  const candidates = [generalMeasure, ...(counted === null ? reaching : reaching.map((m) => countingGeneral(m, counted)))];
  for (const m of scenario.added) {
    if (forOrigin(m, key) && covers(m, key.hts)) candidates.push(m);
  }
  return ok(candidates);
}

/** the provision a claimed special rate is entered under: the one the claim names, else those the rate's reference gives */
function entered(pref: PreferenceApplied): string {
  if (pref.rateOfLine) return `, at the rate of ${pref.rateOfLine}`;
  const named = pref.provision ? [pref.provision] : null;
  if (pref.inQuota) return `, in quota ${(named ?? pref.inQuota.provisions).join(' / ')}`;
  if (pref.party) return `, ${(named ?? pref.party.provisions).join(' / ')}`;
  return pref.provision ? `, ${pref.provision}` : '';
}

/** the general rate as a measure, named for what it is: MFN, a claimed special rate, or column 2 */
function generalRateMeasure(line: TariffLine, importer: Importer, mfnRate: Rate, pref: PreferenceApplied | null, col2: Column2Origins | undefined): Measure {
  const plain = mfnMeasure(line, importer, mfnRate);
  const mfn = pref
    ? {
        ...plain,
        title: `Special rate ${pref.code} — ${shortDescription(line.description, 120)}`,
        ref: `${plain.ref}, special (${pref.code})${entered(pref)}`,
        instrument: `${pref.programme.title}: ${pref.programme.instrument} (claimed)`,
        sources: [...pref.programme.sources, ...line.sources],
      }
    : plain;
  return col2 && !pref
    ? {
        ...mfn,
        title: `Column 2 rate — ${shortDescription(line.description, 120)}`,
        ref: `${mfn.ref}, column 2`,
        instrument: col2.ref,
        sources: [...col2.sources, ...line.sources],
      }
    : mfn;
}

/** An election that no measure here offers changes nothing: said, rather than let pass silently. */
function unofferedElections(p: Planning, notes: string[], isProgramme: (claim: string) => boolean): void {
  const { key, line } = p;
  for (const [group, chosen] of Object.entries(key.elections ?? {}))
    for (const option of group === 'claim' ? claimsOf(chosen) : [chosen]) {
      // a programme claimed (KR, korus) is the special rate's business, not a measure's
      if (group === 'claim' && isProgramme(option)) continue;
      if (!p.candidates.some((m) => m.election?.group === group && m.election.option === option && inWindow(m, key.date))) {
        notes.push(
          `${group === 'claim' ? `claim ${option}` : `${group}=${option}`} changes nothing for this shipment: no measure in force on ${key.date} offers it for ${formatHts(line.hts)} from ${key.origin}`,
        );
      }
    }
}

/** Phase 1: the measures in force on the date, not suspended, not switched off, elected, for the transport mode. */
function inForceOnDate(p: Planning, out: NotApplied[], notes: string[]): Measure[] {
  const { key, scenario } = p;
  const date = key.date;
  const active: Measure[] = [];
  for (const m of p.candidates) {
    if (!inWindow(m, date)) {
      p.outOfWindow.push(m);
    } else if (m.suspended && m.suspended.since <= date) {
      out.push(notApplied(m, 'suspended', `suspended since ${m.suspended.since}: ${m.suspended.note}`));
    } else if (named(m, scenario.disabled)) {
      out.push(notApplied(m, 'disabled', `switched off by scenario ${scenario.id}`));
    } else if (m.election !== null && !elects(p.elections, m.election.group, m.election.option, m.election.default)) {
      const chosen = key.elections?.[m.election.group];
      out.push(
        notApplied(
          m,
          'not-elected',
          `an alternative: ${m.election.group} = ${m.election.option}${m.election.default ? ' (the default)' : ''}, but ${chosen === undefined ? 'the default was used' : `${m.election.group} = ${chosen} was elected`}`,
        ),
      );
    } else if (m.exceptModes !== null && key.mode !== null && m.exceptModes.has(key.mode)) {
      out.push(notApplied(m, 'mode', `does not apply to ${key.mode} shipments`));
    } else if (m.modes !== null && (key.mode === null || !m.modes.has(key.mode))) {
      // an ordinary measure (not one of a carrier's alternatives) lost only for want of a mode
      if (key.mode === null && m.election === null) {
        notes.push(
          `${m.title} not charged: it applies to ${[...m.modes].join('/')} shipments only and no transport mode was given (give --mode or a mode column)`,
        );
      }
      out.push(notApplied(m, 'mode', `applies to ${[...m.modes].join('/')} shipments only (this one: ${key.mode ?? 'mode not given'})`));
    } else {
      active.push(m);
    }
  }
  return active;
}

/** Phase 2: a measure that replaces another while both are in force (Four-Year-Review 301 rates). */
function withoutReplaced(active: Measure[], out: NotApplied[]): Measure[] {
  const replacedBy = new Map<string, Measure>();
  for (const m of active) for (const r of m.replaces) if (!replacedBy.has(r)) replacedBy.set(r, m);
  return active.filter((m) => {
    const by = replacedBy.get(m.id);
    if (!by) return true;
    out.push(notApplied(m, 'replaced', `replaced by ${by.title} (${by.ref}) from ${by.from}`));
    return false;
  });
}

/**
 * Phase 3: a measure collected in lieu of all other duties (postal duty on low-value mail); when
 * it is limited to a value (items of $800 or less), the plan for higher values is kept beside it.
 */
function inLieuOfOthers(p: Planning, applied: Measure[], out: NotApplied[], notes: string[]): Plan {
  const inLieu = applied.find((m) => m.inLieuOfOthers && m.kind === 'duty');
  if (!inLieu) return finishPlan(p, applied, out, notes);
  const overOut = [...out];
  const overNotes = [...notes];
  const under = applied.filter((m) => {
    if (m === inLieu || m.kind !== 'duty') return true;
    out.push(notApplied(m, 'in-lieu', `not collected: ${inLieu.title} (${inLieu.ref}) is collected in lieu of other duties`));
    return false;
  });
  const plan = finishPlan(p, under, out, notes);
  if (inLieu.threshold !== null) {
    const limit = moneyText(inLieu.threshold, p.importer.currency, p.importer.minorDigits);
    overOut.push(
      notApplied(
        inLieu,
        'below-threshold',
        `applies only to goods valued at or under ${limit}; this shipment is worth more and is entered as an ordinary entry`,
      ),
    );
    overNotes.push(`${inLieu.title} not collected: the goods are valued above ${limit} (${inLieu.ref}); ordinary duties apply`);
    plan.overThreshold = {
      threshold: inLieu.threshold,
      plan: finishPlan(
        p,
        applied.filter((m) => m !== inLieu),
        overOut,
        overNotes,
      ),
    };
  }
  return plan;
}

/** Phase 4: non-stacking — a measure is not applied where a measure it names in `notWith` applies (on part of the value: partly). */
function stacked(p: Planning, applied: Measure[], out: NotApplied[]): PlannedMeasure[] {
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
    const override = p.scenario.rates.get(m.id) ?? p.scenario.rates.get(m.authority);
    planned.push({ measure: m, rate: override ?? m.rate, overridden: override !== undefined, partialBlockers: blockers ?? [] });
  }
  return planned;
}

/** Phase 5: for an authority with nothing in force, say when it ended or when it starts. */
function endedOrNotYet(p: Planning, planned: PlannedMeasure[], out: NotApplied[]): void {
  const date = p.key.date;
  const mentioned = new Set([...planned.map((x) => x.measure.authority), ...out.filter((n) => n.code !== 'suspended').map((n) => n.authority)]);
  const byAuthority = new Map<string, Measure[]>();
  for (const m of p.outOfWindow) {
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
}

/** the start of the note of a table that ran out (the CLI repeats it on stderr) */
export const TABLE_RUN_OUT = "warning: the schedule's ";

/**
 * A renewed table (the MPF of each fiscal year) whose last row ended before the date has no row to
 * charge: say what is missing instead of pricing it as nothing.
 */
function tablesRunOut(p: Planning, notes: string[]): void {
  const date = p.key.date;
  const last = new Map<string, Measure>();
  for (const m of p.candidates) {
    if (!m.recurring) continue;
    const prev = last.get(m.recurring);
    if (!prev || (prev.to !== null && (m.to === null || m.to > prev.to))) last.set(m.recurring, m);
  }
  for (const [table, m] of last) {
    if (m.to !== null && m.to <= date) {
      notes.push(
        `${TABLE_RUN_OUT}${table} table ends ${m.to} (last row: ${m.title}) and has no row for entries from then on, so ${authorityName(m.authority)}${m.entryTypes ? ` (${[...m.entryTypes].join('/')} entries)` : ''} is not computed — the amount due is missing from the total, not zero`,
      );
    }
  }
}

function finishPlan(p: Planning, applied: Measure[], out: NotApplied[], notes: string[]): Plan {
  const planned = stacked(p, applied, out);
  endedOrNotYet(p, planned, out);
  tablesRunOut(p, notes);
  for (const [target] of p.scenario.rates) {
    const hit = p.candidates.some((m) => m.id === target || m.authority === target);
    const live = planned.some((x) => x.measure.id === target || x.measure.authority === target);
    if (hit && !live) notes.push(`override of "${target}" had no effect: no such measure applies on the law date`);
  }
  const kind = (k: Measure['kind']): PlannedMeasure[] => planned.filter((x) => x.measure.kind === k).sort(byOrder);
  return {
    scenario: p.scenario,
    importer: p.importer,
    line: p.line,
    origin: p.key.origin,
    lawDate: p.key.date,
    mode: p.key.mode,
    exemptions: kind('exemption'),
    duties: kind('duty'),
    fees: kind('fee'),
    taxes: kind('tax'),
    notApplied: out.sort((a, b) => (a.authority < b.authority ? -1 : a.authority > b.authority ? 1 : 0)),
    notes,
    hasContentDuty: planned.some((x) => x.measure.kind === 'duty' && typeof x.measure.base === 'object'),
  };
}

function covers(m: Measure, digits: string): boolean {
  if (m.exclude.some((x) => digits.startsWith(x))) return false;
  return m.hts.some((p) => digits.startsWith(p));
}
