/**
 * The one pricing engine. A plan (the layers that apply, core/plan.ts) is compiled once into a
 * line program — each duty, fee and tax with its rate made ready (core/rate-kinds.ts), its base
 * and what it does not stack on — and a shipment's money runs through it: exemptions by value,
 * duties in order, the entry type, the fees of that entry type, taxes, one rounding step per line.
 *
 * `price` runs it with a trail (the audit trail of lines, formulas and layers not applied); a CSV
 * batch runs the same program without one, so a row allocates nothing. There is no second
 * implementation of any rate, floor, cap or stacking rule.
 */
import { exactAmount as inExactRange, MAX_EXACT_MINOR, type Dec } from './decimal.js';
import { assumedEntry, chooseEntry, entryFor, sameEntryRule, type AssumedEntry, type EntryChoice } from './entry-type.js';
import type { Issue } from './issues.js';
import { notApplied, type Plan, type PlannedMeasure } from './plan.js';
import { amountOf, formulaText, rateKernel, rateText, unitsNeeded, type AmountInput, type RateKernel } from './rate-kinds.js';
import { unitOf } from './rate-text.js';
import type { AppliedLine, ChargedDuty, EntryType, Importer, Measure, NotApplied } from './types.js';
import { baseText, moneyText } from './words.js';

/** One line of the program: a planned measure with its rate made ready and its base worked out. */
export interface Step {
  readonly planned: PlannedMeasure;
  readonly measure: Measure;
  readonly kernel: RateKernel;
  /** the material of a content base; null: the customs value (plus the duty so far when `onDuty`) */
  readonly content: string | null;
  readonly onDuty: boolean;
  /** the materials of the content-based measures this one does not stack on: charged on the value they leave */
  readonly lessContent: readonly string[];
  /** duties: the index of the authority in `Program.authorities`; -1 for fees and taxes */
  readonly slot: number;
  readonly authority: string;
  readonly mfn: boolean;
  readonly entryTypes: ReadonlySet<EntryType> | null;
  /** the units of quantity the rate needs (two for a rate of two specific parts); null: none */
  readonly units: readonly string[] | null;
}

interface FeesFiled {
  readonly steps: readonly Step[];
  readonly left: readonly Step[];
  /** authorities with no fee charged on this entry type at all */
  readonly uncharged: readonly string[];
  /** their notes on the law date of the last row that had them (made once per date, not per row) */
  unchargedNotes?: { lawDate: string; notes: readonly string[] };
}

interface Noted {
  readonly extra: readonly string[];
  readonly notes: readonly string[];
}

export interface Program {
  readonly plan: Plan;
  readonly importer: Importer;
  readonly duties: readonly Step[];
  readonly fees: readonly Step[];
  readonly taxes: readonly Step[];
  /** the duty authorities in the order their first line is charged */
  readonly authorities: readonly string[];
  /** the index of the MFN authority in `authorities`; -1: none */
  readonly mfnSlot: number;
  /** the program for goods worth more than `threshold` (a duty in lieu of others up to a value) */
  readonly over: { readonly threshold: number; readonly program: Program } | null;
  /** every duty applies on the whole customs value to every row not exempt (no content base, no value-dependent plan) */
  readonly uniform: boolean;
  /** goods worth at most this are exempt by value (the largest threshold of the plan's exemptions); -1: none */
  readonly exemptUpTo: number;
  /** what the entry-type rule assumes, with or without Chapter 99 duty, on a law date of the last row whose rule it was (`sameEntryRule`) */
  entry?: { lawDate: string; chapter99: boolean; assumed: AssumedEntry | null };
  formal?: FeesFiled;
  informal?: FeesFiled;
  /** the notes arrays of rows with notes of their own: rows with the same notes share one */
  readonly noted: Noted[];
  lastNoted?: Noted;
}

/**
 * The plan's program, compiled on first use and kept on the plan (not in a WeakMap: a timeline
 * makes millions of short-lived plans, and WeakMap entries keep them alive into the old generation).
 */
export function programOf(plan: Plan): Program {
  plan.program ??= compileProgram(plan);
  return plan.program;
}

function compileProgram(plan: Plan): Program {
  const imp = plan.importer;
  const authorities: string[] = [];
  const step = (p: PlannedMeasure, duty: boolean): Step => {
    const m = p.measure;
    let slot = -1;
    if (duty) {
      slot = authorities.indexOf(m.authority);
      if (slot < 0) slot = authorities.push(m.authority) - 1;
    }
    const lessContent = new Set<string>();
    for (const b of p.partialBlockers) if (typeof b.base === 'object') lessContent.add(b.base.content);
    return {
      planned: p,
      measure: m,
      kernel: rateKernel(p.rate, imp.rounding, imp.minorDigits),
      content: typeof m.base === 'object' ? m.base.content : null,
      onDuty: m.base === 'customs-value+duty',
      lessContent: [...lessContent],
      slot,
      authority: m.authority,
      mfn: m.authority === 'mfn',
      entryTypes: m.entryTypes ?? null,
      units: unitsNeeded(p.rate),
    };
  };
  const over = plan.overThreshold ? { threshold: plan.overThreshold.threshold, program: programOf(plan.overThreshold.plan) } : null;
  return {
    plan,
    importer: imp,
    duties: plan.duties.map((p) => step(p, true)),
    fees: plan.fees.map((p) => step(p, false)),
    taxes: plan.taxes.map((p) => step(p, false)),
    authorities,
    mfnSlot: authorities.indexOf('mfn'),
    over,
    uniform: over === null && !plan.hasContentDuty && plan.duties.every((p) => p.partialBlockers.length === 0),
    exemptUpTo: Math.max(-1, ...plan.exemptions.map((e) => e.measure.threshold ?? -1)),
    noted: [],
    // the memos, present from the start: a field added later changes the object's shape, and
    // programs of several shapes make every read of them in the running loop a slower one
    entry: undefined,
    formal: undefined,
    informal: undefined,
    lastNoted: undefined,
  };
}

/** The shipment's money in the importer's currency, valued (core/valuation.ts). */
export interface Money {
  goods: number;
  freight: number;
  insurance: number;
  customsValue: number;
  /** declared contents, and (for content duties) what is assumed of the undeclared ones */
  content: ReadonlyMap<string, number>;
  undeclared: ReadonlyMap<string, number>;
}

/** What the shipment brings beside its money: the quantity for specific rates, the entry type filed. */
export interface RowFacts {
  qty?: Dec | undefined;
  unit?: string | undefined;
  /** a second quantity in another unit (proof liters beside liters), for the rates charged on both */
  qty2?: Dec | undefined;
  unit2?: string | undefined;
  entryType?: EntryType | undefined;
}

export interface Run {
  /** the program that ran (the over-threshold one for goods worth more) */
  program: Program;
  customsValue: number;
  goods: number;
  duty: number;
  fees: number;
  taxes: number;
  landedCost: number;
  /** per `program.authorities` */
  byAuthority: number[];
  /** exempt by value: no duty line was charged, not even at zero */
  exempt: boolean;
  entryType: EntryType | null;
  /** the plan's notes and the row's own (stale law, contents, entry type, fees not charged) */
  notes: readonly string[];
  /**
   * When given, each duty line's base and amount by its index in `program.duties` (amount -1: not
   * charged): the lines a refund reports, without the audit trail.
   */
  dutyLines?: { base: number[]; amount: number[] };
}

export function emptyRun(): Run {
  return {
    program: undefined as unknown as Program,
    customsValue: 0,
    goods: 0,
    duty: 0,
    fees: 0,
    taxes: 0,
    landedCost: 0,
    byAuthority: [],
    exempt: false,
    entryType: null,
    notes: [],
  };
}

/**
 * The audit trail a run builds when asked: each line charged, each layer not applied, the duty
 * by authority in the order lines were charged.
 */
export interface Trail {
  /** false: amounts and notes only (what a CSV row prints) */
  readonly detail: boolean;
  readonly lines: AppliedLine[];
  readonly skipped: NotApplied[];
  readonly dutyByAuthority: Record<string, number>;
  /** without detail: the duty lines charged, as much of them as the numbers to report need (core/report-hts.ts) */
  readonly charged?: ChargedDuty[] | null;
}

export function newTrail(detail: boolean, plan: Plan): Trail {
  return { detail, lines: [], skipped: detail ? [...plan.notApplied] : (plan.notApplied as NotApplied[]), dutyByAuthority: {}, charged: detail ? null : [] };
}

/** a step's rate in words, made once per step */
const stepTexts = new WeakMap<Step, string>();
export function stepRateText(s: Step, imp: Importer): string {
  let t = stepTexts.get(s);
  if (t === undefined) stepTexts.set(s, (t = rateText(s.planned.rate, imp.currency, imp.minorDigits)));
  return t;
}

/** A duty step as the numbers to report read it (core/report-hts.ts). */
export function chargedDuty(s: Step, imp: Importer, amount: number): ChargedDuty {
  return { kind: 'duty', authority: s.authority, ref: s.measure.ref, rateText: stepRateText(s, imp), amount };
}

/**
 * The program that prices goods worth `goods`: the one over the threshold of a duty in lieu of
 * others for goods worth more, else `top` itself. The one choice of a run and of `price`'s valuation.
 */
export function programFor(top: Program, goods: number): Program {
  return top.over !== null && goods > top.over.threshold ? top.over.program : top;
}

/**
 * Runs the program on one shipment's money into `out`. Returns null, or the problem that stops
 * the shipment (a quantity missing, an entry type the value does not allow, an amount beyond
 * exact range). `notes` collects the row's own notes (cleared first); with no trail they are
 * joined to the plan's in an array shared by rows with the same notes.
 */
export function runProgram(
  top: Program,
  money: Money,
  facts: RowFacts,
  lawDate: string,
  verifiedThrough: string,
  out: Run,
  notes: string[],
  trail: Trail | null,
): Issue | null {
  const prog = programFor(top, money.goods);
  const plan = prog.plan;
  // pop, not `length = 0`: a runtime call per row that has notes
  while (notes.length !== 0) notes.pop();
  if (lawDate > verifiedThrough) notes.push(staleNote(lawDate, verifiedThrough));
  const by = out.byAuthority;
  zeroSlots(by, prog.authorities.length);
  // without a trail, only whether an exemption applies matters: goods within the largest threshold
  const exemption = trail === null ? null : exemptionOf(plan, money.goods, trail);
  const exempt = trail === null ? money.goods <= prog.exemptUpTo : exemption !== null;
  let duty = 0;
  let fees = 0;
  let taxes = 0;
  let entryType: EntryType | null = facts.entryType ?? null;
  if (exempt) {
    if (trail?.detail) exemptTrail(plan, exemption as PlannedMeasure, money.goods, trail, notes);
  } else {
    const d = runDuties(prog, money, facts, out, notes, trail);
    if (typeof d !== 'number') return d;
    duty = d;
    // fees and taxes count the whole MFN duty (a floor among them would top it up)
    const x = scratch(facts, money, prog.mfnSlot < 0 ? 0 : (by[prog.mfnSlot] as number));
    const entry = entryOf(prog, facts.entryType, money.goods, chapter99Of(prog, by), lawDate);
    if (!entry.ok) return entry.issue;
    entryType = entry.value.type;
    if (entry.value.note) notes.push(entry.value.note);
    const charged = chargeFees(prog, entryType ?? 'formal', money, facts, x, duty, lawDate, notes, trail);
    if (typeof charged !== 'number') return charged;
    fees = charged;
    const t = runSteps(prog.taxes, prog, money, facts, x, duty, notes, trail);
    if (typeof t !== 'number') return t;
    taxes = t;
  }
  const landedCost = money.goods + money.freight + money.insurance + duty + fees + taxes;
  // a hostile or mistyped schedule (a huge specific rate × a huge quantity) must not print a
  // rounded or exponent-notation figure: refuse what the outputs cannot carry to the cent
  // every part is a non-negative integer no larger than the landed cost: checking it checks them all
  if (!inExactRange(landedCost)) return rangeIssue(landedCost, prog.importer);
  out.program = prog;
  out.customsValue = money.customsValue;
  out.goods = money.goods;
  out.duty = duty;
  out.fees = fees;
  out.taxes = taxes;
  out.landedCost = landedCost;
  out.exempt = exempt;
  out.entryType = entryType;
  out.notes = notes.length === 0 ? plan.notes : trail !== null ? [...plan.notes, ...notes] : sharedNotes(prog, notes);
  return null;
}

/**
 * One slot per authority of the program, each at 0 (the array is the row's, reused). Resized by
 * pop and push, not by setting `length` (a runtime call whenever consecutive rows' programs have
 * different numbers of authorities, i.e. on most rows of a mixed batch).
 */
function zeroSlots(by: number[], n: number): void {
  while (by.length > n) by.pop();
  for (let i = by.length; i-- > 0; ) by[i] = 0;
  while (by.length < n) by.push(0);
}

/**
 * The fees charged on the entry type filed, or the problem that stops the shipment; those its
 * entry type does not bear are said not to apply, and fees the schedule cannot charge get a note.
 */
function chargeFees(
  prog: Program,
  filed: EntryType,
  money: Money,
  facts: RowFacts,
  x: AmountInput,
  duty: number,
  lawDate: string,
  notes: string[],
  trail: Trail | null,
): number | Issue {
  const f = feesOf(prog, filed);
  if (trail?.detail)
    for (const s of f.left)
      trail.skipped.push(notApplied(s.measure, 'entry-type', `charged on ${[...(s.entryTypes ?? [])].join('/')} entries only (this one: ${filed})`));
  const charged = runSteps(f.steps, prog, money, facts, x, duty, notes, trail);
  if (typeof charged !== 'number') return charged;
  if (f.uncharged.length !== 0) {
    let u = f.unchargedNotes;
    if (u === undefined || u.lawDate !== lawDate) f.unchargedNotes = u = { lawDate, notes: f.uncharged.map((a) => feeNotChargedNote(filed, a, lawDate)) };
    for (let i = 0; i < u.notes.length; i++) notes.push(u.notes[i] as string);
  }
  return charged;
}

/**
 * The exemption by value that applies: the first of the plan's whose threshold is at or above
 * the goods' value (a de minimis exemption of the schedule), or null. The one choice of the breakdown's trail
 * and of the batch's reason cells (batch/refund-rows.ts).
 */
export function exemptionCovering(exemptions: readonly PlannedMeasure[], goods: number): PlannedMeasure | null {
  for (const e of exemptions) if (e.measure.threshold !== null && goods <= e.measure.threshold) return e;
  return null;
}

/** Why a layer is not collected under the exemption `e`, in the trail's words and the batch's. */
export function exemptReason(e: Measure, goods: number, currency: string): string {
  return `exempt: value ${moneyText(goods, currency)} ≤ ${moneyText(e.threshold ?? 0, currency)} (${e.title}, ${e.ref})`;
}

/** The first exemption by value that covers the goods; the others are said not to apply. */
function exemptionOf(plan: Plan, goods: number, trail: Trail | null): PlannedMeasure | null {
  const exemption = exemptionCovering(plan.exemptions, goods);
  if (trail?.detail) {
    const cur = plan.importer.currency;
    for (const e of plan.exemptions) {
      if (e === exemption) continue;
      trail.skipped.push(
        notApplied(e.measure, 'below-threshold', `value ${moneyText(goods, cur)} is above the ${moneyText(e.measure.threshold ?? 0, cur)} threshold`),
      );
    }
  }
  return exemption;
}

/** When an exemption by value applies, nothing else is collected: each layer is said not to apply. */
function exemptTrail(plan: Plan, exemption: PlannedMeasure, goods: number, trail: Trail, notes: string[]): void {
  const e = exemption.measure;
  const why = exemptReason(e, goods, plan.importer.currency);
  for (const p of [...plan.duties, ...plan.fees, ...plan.taxes]) trail.skipped.push(notApplied(p.measure, 'de-minimis', why));
  notes.push(`${e.title} applies (${e.ref}): no duty, fees or taxes collected`);
}

/** the one AmountInput of the running line, reset for each part of a run (a run allocates nothing per row) */
const X: AmountInput = { base: 0, qty: undefined, mfnDuty: 0, mfnOn: 0 };

function scratch(facts: RowFacts, money: Money, mfnDuty: number): AmountInput {
  X.base = 0;
  X.qty = facts.qty;
  X.mfnDuty = mfnDuty;
  X.mfnOn = money.customsValue;
  return X;
}

/** an additional (Chapter 99) duty applies: it limits informal entry before 2025 */
function chapter99Of(prog: Program, by: readonly number[]): boolean {
  for (let i = 0; i < by.length; i++) if ((by[i] as number) > 0 && prog.authorities[i] !== 'mfn') return true;
  return false;
}

/** The duties in order, each on its base; the total, or the problem that stops the shipment. */
function runDuties(prog: Program, money: Money, facts: RowFacts, out: Run, notes: string[], trail: Trail | null): number | Issue {
  const by = out.byAuthority;
  const x = scratch(facts, money, 0);
  const lines = out.dutyLines;
  if (lines !== undefined) {
    lines.base.length = prog.duties.length;
    lines.amount.length = prog.duties.length;
    lines.amount.fill(-1);
  }
  let duty = 0;
  for (let i = 0; i < prog.duties.length; i++) {
    const s = prog.duties[i] as Step;
    let base = baseOf(s, money, duty);
    if (s.lessContent.length !== 0) {
      let covered = 0;
      for (const mat of s.lessContent) covered += contentValue(money, mat);
      base = Math.max(0, money.customsValue - covered);
      if (base === 0) {
        if (trail?.detail) {
          const names = s.planned.partialBlockers.map((b) => `${b.title} (${b.ref})`).join(', ');
          trail.skipped.push(notApplied(s.measure, 'not-with', `not applied: ${names} covers the whole value`));
        }
        continue;
      }
    }
    const a = charge(s, prog, money, base, facts, x, notes, trail);
    if (typeof a !== 'number') return a;
    duty += a;
    if (lines !== undefined) {
      lines.base[i] = base;
      lines.amount[i] = a;
    }
    by[s.slot] = (by[s.slot] as number) + a;
    if (s.mfn) x.mfnDuty += a;
    if (trail !== null) {
      trail.dutyByAuthority[s.authority] = (trail.dutyByAuthority[s.authority] ?? 0) + a;
      if (trail.charged) trail.charged.push(chargedDuty(s, prog.importer, a));
    }
  }
  return duty;
}

/** Fees or taxes: each on its base after the duties; the total, or the problem that stops the shipment. */
function runSteps(
  steps: readonly Step[],
  prog: Program,
  money: Money,
  facts: RowFacts,
  x: AmountInput,
  duty: number,
  notes: string[],
  trail: Trail | null,
): number | Issue {
  let sum = 0;
  for (const s of steps) {
    const a = charge(s, prog, money, baseOf(s, money, duty), facts, x, notes, trail);
    if (typeof a !== 'number') return a;
    sum += a;
  }
  return sum;
}

function baseOf(s: Step, money: Money, duty: number): number {
  if (s.content !== null) return contentValue(money, s.content);
  return s.onDuty ? money.customsValue + duty : money.customsValue;
}

/** the declared content value, or what the undeclared-content rule assumes (core/valuation.ts) */
function contentValue(money: Money, material: string): number {
  return money.content.get(material) ?? money.undeclared.get(material) ?? 0;
}

/** One line's amount on `base`, with its trail line; a problem when the rate needs a quantity the shipment lacks. */
function charge(s: Step, prog: Program, money: Money, base: number, facts: RowFacts, x: AmountInput, notes: string[], trail: Trail | null): number | Issue {
  if (s.units !== null) {
    const q = quantityIssue(s, prog.importer, facts, x);
    if (q !== null) return q;
  }
  x.base = base;
  const amount = amountOf(s.kernel, x);
  const lineNote = s.content !== null ? contentNote(s.content, money, notes) : undefined;
  if (trail?.detail) trail.lines.push(appliedLine(s, prog.importer, base, amount, x, lineNote));
  return amount;
}

function appliedLine(s: Step, imp: Importer, base: number, amount: number, x: AmountInput, note: string | undefined): AppliedLine {
  const m = s.measure;
  const p = s.planned;
  let label = baseText(m.base);
  if (s.lessContent.length !== 0) label = `customs value less ${s.lessContent.join(' and ')} content`;
  return {
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
    amount,
    formula: formulaText(s.kernel, x, imp.currency),
    ...(note ? { note } : {}),
    ...(p.overridden ? { overridden: true } : {}),
  };
}

/** a unit as the shipment gives it, as the rate's unit; undefined when the tool does not know it */
const givenUnit = (unit: string | undefined): string | undefined => unitOf((unit ?? '').trim().toLowerCase().replace(/\s+/g, ' '));

/**
 * The quantities the step's rate needs, read into `x` in the order of its units (`qty`, then
 * `qty2`) from the shipment's quantity or its second one, whichever is in that unit; else the
 * problem: a quantity missing, or given in another unit.
 */
function quantityIssue(s: Step, imp: Importer, facts: RowFacts, x: AmountInput): Issue | null {
  const m = s.measure;
  const units = s.units as readonly string[];
  const two = units.length === 2;
  const hint = two
    ? `give --qty N --unit ${units[0]} --qty2 N --unit2 ${units[1]} (or qty, unit, qty2 and unit2 columns); rate from ${m.ref}`
    : `give --qty N --unit ${units[0]} (or qty and unit columns); rate from ${m.ref}`;
  const needs = (): string =>
    `${m.title} is ${rateText(s.planned.rate, imp.currency, imp.minorDigits)}: it needs a quantity in ${units.join(' and a quantity in ')}`;
  if (facts.qty === undefined) return { code: 'qty-required', path: 'qty', message: needs(), hint };
  // the unit as the tariff's unit-of-quantity column prints it ("pf.liters", "No.") is the unit of the rate
  const unit = givenUnit(facts.unit);
  const unit2 = facts.qty2 === undefined ? undefined : givenUnit(facts.unit2);
  for (let i = 0; i < units.length; i++) {
    const per = units[i] as string;
    const q = unit === per ? facts.qty : unit2 === per ? facts.qty2 : undefined;
    if (q === undefined) {
      if (two && facts.qty2 === undefined && (unit === units[0] || unit === units[1])) return { code: 'qty-required', path: 'qty2', message: needs(), hint };
      const given = (u: string | undefined, raw: string | undefined): string =>
        raw === undefined ? 'no unit' : u === undefined ? `"${raw}", a unit the tool does not know` : raw;
      const what = facts.qty2 === undefined ? given(unit, facts.unit) : `${given(unit, facts.unit)} and ${given(unit2, facts.unit2)}`;
      return {
        code: 'unit-mismatch',
        path: unit === undefined || facts.qty2 === undefined ? 'qty' : 'qty2',
        message: `${m.title} is charged per ${units.join(' and per ')}, but the quantity is in ${what}`,
        hint,
      };
    }
    if (i === 0) x.qty = q;
    else x.qty2 = q;
  }
  return null;
}

/** The note of a content duty charged on an undeclared content: said once per material in the row's notes. */
function contentNote(material: string, money: Money, notes: string[]): string | undefined {
  if (money.content.has(material)) return undefined;
  const n = undeclaredNote(material, money.undeclared, money.content.size > 0);
  if (!notes.includes(n)) notes.push(n);
  return n;
}

/** The entry type: the one given (checked against the value), else the importer's rule on the law date. */
function entryOf(prog: Program, given: EntryType | undefined, goods: number, chapter99: boolean, lawDate: string): EntryChoice {
  if (given !== undefined) return chooseEntry(prog.importer, given, goods, chapter99, lawDate);
  // the rule's answers are the program's on a law date: asked again only when the Chapter 99 duty
  // changes or the date is one the rule differs on (rows of a program under the as-entered scenario
  // come on many dates, and the rule has two states)
  let e = prog.entry;
  if (e === undefined || e.chapter99 !== chapter99 || (e.lawDate !== lawDate && !sameEntryRule(prog.importer, e.lawDate, lawDate))) {
    prog.entry = e = { lawDate, chapter99, assumed: assumedEntry(prog.importer, chapter99, lawDate) };
  }
  return entryFor(e.assumed, goods);
}

/** The fees charged on one entry type, those left, and the authorities with no fee for it at all: worked out once per program. */
function feesOf(prog: Program, filed: EntryType): FeesFiled {
  const memo = filed === 'formal' ? prog.formal : prog.informal;
  return memo ?? feesFiled(prog, filed);
}

/**
 * `feesOf` worked out. A function of its own: its closures capture `filed`, `steps` and `charged`,
 * and a function with such closures allocates their context on EVERY call, even one that returns
 * before making them (inside feesOf it was ~120 bytes a row, half of a 1M-row batch's allocation).
 */
function feesFiled(prog: Program, filed: EntryType): FeesFiled {
  const steps = prog.fees.filter((s) => !s.entryTypes || s.entryTypes.has(filed));
  const left = prog.fees.filter((s) => !steps.includes(s));
  const charged = new Set(steps.map((s) => s.authority));
  const uncharged = [...new Set(left.map((s) => s.authority))].filter((a) => !charged.has(a));
  const f = { steps, left, uncharged };
  if (filed === 'formal') prog.formal = f;
  else prog.informal = f;
  return f;
}

const NOTED_MAX = 16;

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The plan's notes and the row's own, as one array shared by the rows with the same notes (so a renderer quotes them once). */
function sharedNotes(prog: Program, extra: readonly string[]): readonly string[] {
  // most rows with notes of their own have one, the entry type's
  const last = prog.lastNoted;
  if (last !== undefined && sameStrings(last.extra, extra)) return last.notes;
  for (const n of prog.noted) {
    if (sameStrings(n.extra, extra)) {
      prog.lastNoted = n;
      return n.notes;
    }
  }
  const n = { extra: [...extra], notes: [...prog.plan.notes, ...extra] };
  if (prog.noted.length >= NOTED_MAX) prog.noted.shift();
  prog.noted.push(n);
  prog.lastNoted = n;
  return n.notes;
}

function rangeIssue(big: number, imp: Importer): Issue {
  return {
    code: 'amount-out-of-range',
    path: 'value',
    message: `an amount of this shipment (${Number.isFinite(big) ? `about ${big.toExponential(3)} ${imp.currency} minor units` : 'not finite'}) is beyond ${moneyText(MAX_EXACT_MINOR, imp.currency, imp.minorDigits)}, the largest figure priced exactly to the cent`,
    hint: 'check the value and quantity, and the rates of the schedule (a specific rate entered per unit instead of per thousand?)',
  };
}

// ── notes ─────────────────────────────────────────────────────────────────────────────────────

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

function undeclaredNote(material: string, undeclared: ReadonlyMap<string, number>, declaredAny: boolean): string {
  const first = undeclared.keys().next().value;
  const k = `${material}|${first}|${declaredAny}`;
  let n = noteCache.get(k);
  if (n !== undefined) return n;
  n =
    material !== first
      ? `${material} content not declared: the undeclared value is already charged as ${first} content (a value is charged once); declare each metal's content (--content ${material}=VALUE or %)`
      : `${material} content not declared: charged on the ${declaredAny ? 'customs value less the declared content' : 'full customs value'} (CBP charges undeclared content at full value); declare it with --content ${material}=VALUE or %`;
  noteCache.set(k, n);
  return n;
}
