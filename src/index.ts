/**
 * The library: load a schedule, resolve a scenario, price a shipment.
 *
 *   import { loadSchedule, landedCost, resolveScenario, ScheduleIndex } from 'tariff-cli';
 */
import type { Schedule } from './core/types.js';
import { loadBundledSchedule, loadScheduleFile } from './schedule/load.js';
import { ScheduleIndex } from './schedule/schedule-index.js';
import { bundledSchedulePath } from './schedule/bundled-path.js';

export * from './core/types.js';
export * from './core/decimal.js';
export type { Issue, IssueCode, Problem, Severity, Result } from './core/issues.js';
export { planShipment, price, lawBoundaries, dateBucket } from './core/landed-cost.js';
// the one engine: a plan's program, run with the audit trail (price) or without (what the CSV batch runs)
export { programOf, runProgram, emptyRun, newTrail, type Program, type Run, type Money, type RowFacts, type Trail } from './core/program.js';
// each kind of rate: its amount, words and JSON
export { rateOf, adValoremRate, rateText, rateJson, rateKernel, amountOf, type RateKind, type RateJson, type RateKernel } from './core/rate-kinds.js';
// the checked entry point: every input validated, problems returned as { ok: false, issue }
export { landedCost, type ShipmentInput } from './library/landed-cost.js';
export { resolveScenario, AS_ENTERED } from './core/scenario.js';
// the rules behind refund, timeline, sweep and compare, as the commands apply them
export {
  refundStatus,
  refundedLines,
  refundByAuthority,
  liquidationPhase,
  declaredDifference,
  emptyRefundTotals,
  addToRefundTotals,
  type RefundTotals,
  type RefundStatus,
  type RefundStatusOf,
  type LiquidationPhase,
} from './core/refund.js';
export { lawAndRateDates, lawChangeDates, lawChanges, lawChangeText, measuresReaching, type LawChange, type LawChangeKind } from './core/law-changes.js';
export { reachesOrigin, reachesMode } from './core/applicability.js';
export { BreakdownSum } from './core/breakdown-sum.js';
export { sweepPoints, sweepPointText, sweepInputs, priceAtPoint, breakEven, type SweepParam, type SweepRange, type BreakEven } from './core/sweep.js';
export { delta, effectiveRate, aboveBaseline, rateAbove, columnOf, type Column, type Delta } from './core/compare.js';
export { dutyExceeds, dutyRateExceeds } from './core/gates.js';
// the JSON documents the commands write, typed
export type { BreakdownJson, CalcDocument, LineJson, ScheduleStamp } from './render/breakdown-json.js';
export type {
  CompareDocument,
  CompareBatchDocument,
  CompareOriginsDocument,
  CompareScenarioJson,
  CompareTotalsJson,
  CompareColumnJson,
  CompareChecksJson,
} from './render/compare-json.js';
export type { TimelineDocument, TimelineStepJson } from './render/timeline.js';
export type { SweepDocument, SweepStepJson, BreakEvenJson } from './render/sweep.js';
export type { RefundDocument, RefundEntryJson, RefundSummaryJson, RefundProgramJson } from './render/refund.js';
export type {
  LookupDocument,
  LookupLinesDocument,
  LookupSearchDocument,
  LookupLineJson,
  LookupMeasureJson,
  PreferenceJson,
  SpecialGroupJson,
} from './render/lookup-json.js';
export type { ScenariosDocument, AboutDocument, ScenarioJson, AboutJson } from './render/scenarios-json.js';
export { parseShipment } from './io/shipment-input.js';
export { ScheduleIndex } from './schedule/schedule-index.js';
export { compileSchedule } from './schedule/compile.js';
export { formatHts, parseHtsInput } from './core/hts.js';
export { TariffError, ScheduleError, DataError, UsageError, InputFileError, EXIT } from './errors.js';

export const BUNDLED_SCHEDULE = bundledSchedulePath();

/** Loads and validates a schedule file; with no argument, the bundled US–China schedule. */
export async function loadSchedule(file?: string): Promise<Schedule & { index: ScheduleIndex }> {
  const schedule = file === undefined ? loadBundledSchedule(BUNDLED_SCHEDULE) : await loadScheduleFile(file);
  return Object.assign(schedule, { index: new ScheduleIndex(schedule) });
}
