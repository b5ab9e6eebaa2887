/**
 * A shipment's breakdown: its law date, its money valued, the plan's program run with the audit
 * trail (core/program.ts), and the notes of the exchange rate.
 */
import { decToString, ratioDec } from './decimal.js';
import { sameEntryRule } from './entry-type.js';
import { formatHts } from './hts.js';
import { fail, ok, type Result } from './issues.js';
import { planShipment, type Plan } from './plan.js';
import { emptyRun, newTrail, programFor, programOf, runProgram, type Money, type Program, type Run } from './program.js';
import type { Breakdown, MeasureIndex, ResolvedScenario, Shipment } from './types.js';
import { type Amounts, undeclaredContent, valueShipment } from './valuation.js';

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

/** a dated exchange rate older than this (in days) before the law date is flagged in the notes */
export const FX_STALE_DAYS = 7;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface PriceOptions {
  /** the law date when the plan is shared by several dates (a batch caches plans by date bucket) */
  lawDate?: string;
  /** false: skip formulas and rate texts (CSV output does not print them) */
  detail?: boolean;
}

/** The shipment valued on the law date, and its money as the plan's program (or the one over its threshold) takes it. */
function moneyOf(index: MeasureIndex, planned: Plan, sh: Shipment, lawDate: string): Result<{ v: Amounts; money: Money; program: Program; chosen: Program }> {
  const valued = valueShipment(index, planned, sh, lawDate);
  if (!valued.ok) return valued;
  const v = valued.value;
  const program = programOf(planned);
  const chosen = programFor(program, v.goods);
  const money: Money = {
    goods: v.goods,
    freight: v.freight,
    insurance: v.insurance,
    customsValue: v.customsValue,
    content: v.content,
    undeclared: undeclaredContent(chosen.plan, v),
  };
  return ok({ v, money, program, chosen });
}

/**
 * Turns a plan and the shipment's money into the breakdown: the plan's program (core/program.ts)
 * run with the audit trail. With `detail: false` (CSV output) the arithmetic is the same, line for
 * line, but no line objects, formulas or reasons are built.
 */
export function price(index: MeasureIndex, planned: Plan, sh: Shipment, opts: PriceOptions = {}): Result<Breakdown> {
  const lawDate = opts.lawDate ?? planned.lawDate;
  const detail = opts.detail ?? true;
  const valued = moneyOf(index, planned, sh, lawDate);
  if (!valued.ok) return valued;
  const { v, money, program, chosen } = valued.value;
  const trail = newTrail(detail, chosen.plan);
  // the run's figures are copied into the breakdown below: one Run and one notes array serve every call
  const run = RUN;
  const problem = runProgram(program, money, sh, lawDate, index.schedule.meta.verifiedThrough, run, ROW_NOTES, trail);
  if (problem !== null) return fail(problem);
  const plan = run.program.plan;
  const imp = plan.importer;
  // a breakdown with its audit trail owns its notes (callers add to them); a CSV row's may be the plan's, shared
  const notes = v.fx ? [...run.notes, ...fxNotes(v.fx, imp.currency, lawDate)] : detail ? [...run.notes] : (run.notes as string[]);
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
    entryType: run.entryType,
    currency: imp.currency,
    minorDigits: imp.minorDigits,
    valuation: imp.valuation,
    goodsValue: v.goods,
    freight: v.freight,
    insurance: v.insurance,
    customsValue: v.customsValue,
    fx: v.fx,
    lines: trail.lines,
    ...(trail.charged ? { charged: trail.charged } : {}),
    notApplied: trail.skipped,
    duty: run.duty,
    fees: run.fees,
    taxes: run.taxes,
    landedCost: run.landedCost,
    effectiveRate: ratioDec(run.duty, v.customsValue, 6),
    dutyByAuthority: trail.dutyByAuthority,
    assumptions: plan.scenario.assumptions,
    notes,
  });
}

/**
 * The shipment's money run through the plan's program on the law date without the audit trail
 * (core/program.ts), into `out`: the same figures as `price`, for callers that need only sums (a
 * timeline, a refund, a comparison). Returns the valued money, or the problem that stops the shipment.
 */
export function runPlan(index: MeasureIndex, planned: Plan, sh: Shipment, lawDate: string, out: Run, notes: string[]): Result<Money> {
  const valued = moneyOf(index, planned, sh, lawDate);
  if (!valued.ok) return valued;
  const { money, program } = valued.value;
  const problem = runProgram(program, money, sh, lawDate, index.schedule.meta.verifiedThrough, out, notes, null);
  return problem === null ? ok(money) : fail(problem);
}

/**
 * Whether `runPlan` of one plan and shipment gives the same figures on law dates `a` and `b`: a
 * law date reaches them only through a dated exchange rate (a shipment in another currency) and the
 * importer's informal-entry rule. The notes may differ (the stale-rates warning, a fee not charged
 * on the date), which a sum of figures does not read.
 */
export function sameRunOn(planned: Plan, sh: Shipment, a: string, b: string): boolean {
  if (a === b) return true;
  const imp = planned.importer;
  if (sh.currency !== undefined && sh.currency !== imp.currency && sh.fxRate === undefined) return false;
  return sameEntryRule(imp, a, b);
}

const RUN = emptyRun();
const ROW_NOTES: string[] = [];

/** The conversion said, and a dated rate much older than the law date flagged. */
function fxNotes(fx: NonNullable<Breakdown['fx']>, currency: string, lawDate: string): string[] {
  const notes = [
    `values converted from ${fx.currency} at ${decToString(fx.rate)} ${currency} per ${fx.currency}${fx.date ? ` (rate of ${fx.date})` : ' (--fx-rate)'}, rounded once per amount`,
  ];
  const age = fx.date === null ? 0 : daysBetween(fx.date, lawDate);
  if (age > FX_STALE_DAYS) {
    notes.push(
      `warning: the ${fx.currency}→${currency} rate is of ${fx.date}, ${age} days before the law date ${lawDate}: the schedule has no later rate; give --fx-rate with the rate of the date of exportation`,
    );
  }
  return notes;
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
