/**
 * The landed cost of one shipment under one scenario: which legal layers apply (and why the
 * others do not), on which value, for how much. Pricing runs in two steps — `planShipment`
 * (core/plan.ts) chooses the measures, `price` (core/price.ts) turns a plan and the shipment's
 * money into the breakdown — on the value of core/valuation.ts, the entry type of
 * core/entry-type.ts and the law dates of core/law-dates.ts. This module is their one door.
 */
export { mfnRateOn, planShipment, type Plan, type PlannedMeasure } from './plan.js';
export { type Amounts, valueShipment } from './valuation.js';
export { chooseEntry, type EntryChoice } from './entry-type.js';
export { FX_STALE_DAYS, landedCost, lawDateOf, price, type PriceOptions } from './price.js';
export { feeNotChargedNote, staleNote } from './program.js';
export { dateBucket, lawBoundaries } from './law-dates.js';
