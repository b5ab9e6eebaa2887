/**
 * What a claim would change. A fact a code cannot show (a patent, a use, goods in transit, USMCA
 * origin) is an alternative of group `claim`; unclaimed, the stated default holds and the
 * alternative is listed as not applied. This prices the same shipment once per claim offered, so
 * that `--explain` can say what each would change — the user decides whether it is true.
 */
import { claimsOf } from './preference.js';
import { landedCost } from './price.js';
import type { Breakdown, MeasureIndex, ResolvedScenario, Shipment } from './types.js';

export interface ClaimEffect {
  claim: string;
  /** the measures that offer it (their Chapter 99 references) */
  refs: string[];
  /** null when the claimed shipment cannot be priced (its issue's message instead) */
  duty: number | null;
  landedCost: number | null;
  issue: string | null;
}

export function claimEffects(shipment: Shipment, scenario: ResolvedScenario, index: MeasureIndex, b: Breakdown): ClaimEffect[] {
  const offered = new Map<string, string[]>();
  for (const n of b.notApplied) {
    if (n.code !== 'not-elected') continue;
    const m = index.measure(n.measure);
    if (m?.election?.group !== 'claim' || claimsOf(shipment.elections?.claim).includes(m.election.option)) continue;
    offered.set(m.election.option, [...(offered.get(m.election.option) ?? []), m.ref]);
  }
  const out: ClaimEffect[] = [];
  for (const [claim, refs] of offered) {
    // added to the claims made (a programme claimed stays claimed)
    const made = shipment.elections?.claim;
    const r = landedCost({ ...shipment, elections: { ...shipment.elections, claim: made ? `${made};${claim}` : claim } }, scenario, index);
    out.push(
      r.ok
        ? { claim, refs: [...new Set(refs)], duty: r.value.duty, landedCost: r.value.landedCost, issue: null }
        : { claim, refs: [...new Set(refs)], duty: null, landedCost: null, issue: r.issue.message },
    );
  }
  return out.sort((x, y) => (x.claim < y.claim ? -1 : 1));
}
