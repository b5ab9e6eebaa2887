/**
 * The points of `tariff sweep`: the shipment priced at every point of the range, the alternative
 * (another origin, value or code) priced once under the scenario's own law, and the break-even
 * between them (core/sweep.ts finds it exactly). The command (cli/actions/sweep.ts) reads the
 * flags and the shipments, calls sweepRun once, and renders its result.
 */
import type { ExtraOverrides } from '../core/scenario.js';
import { breakEven as findBreakEven, priceAtPoint, sweepPoints, type SweepRange } from '../core/sweep.js';
import type { Breakdown, Scenario, Shipment } from '../core/types.js';
import { problemError } from '../errors.js';
import type { SweepResult } from '../render/sweep.js';
import type { ScheduleIndex } from '../schedule/schedule-index.js';

/** what a sweep prices: under which scenario (by id, with the what-ifs), the shipment, its alternative */
export interface SweepPlan {
  index: ScheduleIndex;
  scenarios: readonly Scenario[];
  id: string;
  extra: ExtraOverrides;
  base: Shipment;
  alt: Shipment | null;
  range: SweepRange;
}

/** The shipment priced at point k; a failure is the user's (a what-if or a shipment the law cannot price). */
function priceAt(p: SweepPlan, sh: Shipment, k: number | null): Breakdown {
  const r = priceAtPoint(p.index, p.scenarios, p.id, p.extra, sh, p.range, k);
  if (!r.ok) throw problemError(r.issue);
  return r.value;
}

/** Every point of the range, the alternative's price, and the break-even when there is an alternative. */
export function sweepRun(p: SweepPlan): Pick<SweepResult, 'steps' | 'breakEven'> {
  const { alt, base, range } = p;
  const altPrice = alt ? priceAt(p, alt, null) : null;
  const steps = sweepPoints(range).map((k) => {
    const b = priceAt(p, base, k);
    return { k, b, a: altPrice };
  });
  const breakEven = alt && altPrice ? findBreakEven(range, (k) => ({ base: priceAt(p, base, k).landedCost, alt: altPrice.landedCost })) : null;
  return { steps, breakEven };
}
