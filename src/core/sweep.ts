/**
 * A sweep: one parameter of a shipment (an authority's or measure's rate, the value, freight,
 * insurance or the exchange rate) stepped over a range, and the break-even against an
 * alternative. The range is integers in units of 10^-scale (hundredths of a percent for a rate,
 * minor units for money, millionths for an exchange rate), so no step ever drifts.
 */
import { centsToPlain, decToString, percentString } from './decimal.js';
import type { Result } from './issues.js';
import { landedCost } from './landed-cost.js';
import { adValoremRate } from './rate-kinds.js';
import { resolveScenario, type ExtraOverrides } from './scenario.js';
import type { Breakdown, MeasureIndex, Scenario, Shipment } from './types.js';

export type SweepParam = { kind: 'rate'; target: string } | { kind: 'value' | 'freight' | 'insurance' | 'fx' };

export interface SweepRange {
  param: SweepParam;
  /** integers in units of 10^-scale: percent hundredths for rates (0.01 pp), cents for money, 10^-6 for fx */
  from: number;
  to: number;
  step: number;
  scale: number;
}

/** from, from + step, ... up to `to`, and `to` itself when the steps do not land on it. */
export function sweepPoints(range: Pick<SweepRange, 'from' | 'to' | 'step'>): number[] {
  const ks: number[] = [];
  for (let k = range.from; k <= range.to; k += range.step) ks.push(k);
  if (ks[ks.length - 1] !== range.to) ks.push(range.to);
  return ks;
}

/** A point in words: "34%", "0.138", "12500.00". */
export function sweepPointText(range: Pick<SweepRange, 'param'>, k: number): string {
  // a rate point k is hundredths of a percent, i.e. k / 10^4 as a fraction
  if (range.param.kind === 'rate') return percentString({ n: k, s: 4 });
  if (range.param.kind === 'fx') return decToString({ n: k, s: 6 });
  return centsToPlain(k);
}

/** The shipment and the what-ifs at point k; at `null`, as the scenario has them. */
export function sweepInputs(
  sh: Shipment,
  extra: ExtraOverrides,
  range: Pick<SweepRange, 'param'>,
  k: number | null,
): { shipment: Shipment; extra: ExtraOverrides } {
  if (k === null) return { shipment: sh, extra };
  const p = range.param;
  if (p.kind === 'rate') return { shipment: sh, extra: { ...extra, set: [...(extra.set ?? []), { target: p.target, rate: adValoremRate({ n: k, s: 4 }) }] } };
  if (p.kind === 'fx') return { shipment: { ...sh, fxRate: { n: k, s: 6 } }, extra };
  return { shipment: { ...sh, [p.kind]: k }, extra };
}

/** The shipment priced at point k (a rate point is a what-if on top of the scenario's). */
export function priceAtPoint(
  index: MeasureIndex,
  scenarios: readonly Scenario[],
  id: string,
  extra: ExtraOverrides,
  sh: Shipment,
  range: Pick<SweepRange, 'param'>,
  k: number | null,
): Result<Breakdown> {
  const at = sweepInputs(sh, extra, range, k);
  const sc = resolveScenario(scenarios, id, at.extra);
  if (!sc.ok) return sc;
  return landedCost(at.shipment, sc.value, index);
}

export interface BreakEven {
  /** the point, or null when there is none in the range (or the costs are not monotone there) */
  k: number | null;
  reason: string;
}

/**
 * The smallest point of [from, to] at which the alternative's landed cost is below the base's.
 * `cost(k)` gives both landed costs (minor units) at point k. The base's cost never falls as the
 * swept rate rises (duty is monotone in an ad valorem rate), so a binary search finds it; the
 * answer is then checked at its neighbour, and a failed check says so rather than guess.
 */
export function breakEven(range: Pick<SweepRange, 'param' | 'from' | 'to'>, cost: (k: number) => { base: number; alt: number }): BreakEven {
  const text = (k: number): string => sweepPointText(range, k);
  const at = (k: number): { yes: boolean; base: number; alt: number } => {
    const c = cost(k);
    return { yes: c.alt < c.base, ...c };
  };
  const first = at(range.from);
  if (first.yes)
    return { k: range.from, reason: `the alternative is already cheaper at ${text(range.from)} (${centsToPlain(first.alt)} < ${centsToPlain(first.base)})` };
  const last = at(range.to);
  if (!last.yes)
    return { k: null, reason: `the alternative is not cheaper anywhere up to ${text(range.to)} (${centsToPlain(last.alt)} ≥ ${centsToPlain(last.base)})` };
  let lo = range.from; // not cheaper
  let hi = range.to; // cheaper
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (at(mid).yes) hi = mid;
    else lo = mid;
  }
  const found = at(hi);
  const before = at(hi - 1);
  if (!found.yes || before.yes) return { k: null, reason: 'landed cost is not monotone in this rate here; read the sweep table instead' };
  return {
    k: hi,
    reason: `alternative ${centsToPlain(found.alt)} < ${centsToPlain(found.base)} at ${text(hi)}; at ${text(hi - 1)}: ${centsToPlain(before.alt)} ≥ ${centsToPlain(before.base)}`,
  };
}
