/**
 * What a claim would change. A fact a code cannot show (a patent, a use, goods in transit, USMCA
 * origin) is an alternative of group `claim`; unclaimed, the stated default holds and the
 * alternative is listed as not applied. This prices the same shipment once per claim offered, so
 * that `--explain` can say what each would change — the user decides whether it is true.
 *
 * A shipment that claims no programme is also offered each special programme of the line's
 * special column (HTSUS general note 3(c)(i)) that its origin may claim on the date (the
 * programme in force, the origin a member, the rate computed): priced by the same engine with the
 * claim added, and listed only when it changes the duty or the landed cost.
 */
import { claimsOf, groupRate, openPreferences, programmeOf } from './preference.js';
import { landedCost } from './price.js';
import type { Breakdown, MeasureIndex, ResolvedScenario, Shipment } from './types.js';

export interface ClaimEffect {
  claim: string;
  /** the measures that offer it (their Chapter 99 references); empty for a programme */
  refs: string[];
  /** a programme's title (general note 3(c)(i)) when the claim names one; null for a measure's claim */
  programme: string | null;
  /** the special rate the programme gives the line on the date ("Free", "2.5%"); null for a measure's claim */
  specialRate: string | null;
  /** null when the claimed shipment cannot be priced (its issue's message instead) */
  duty: number | null;
  landedCost: number | null;
  issue: string | null;
}

/** The shipment priced with `claim` added to the claims made (a claim made stays made). */
function priced(shipment: Shipment, scenario: ResolvedScenario, index: MeasureIndex, claim: string) {
  const made = shipment.elections?.claim;
  return landedCost({ ...shipment, elections: { ...shipment.elections, claim: made ? `${made};${claim}` : claim } }, scenario, index);
}

export function claimEffects(shipment: Shipment, scenario: ResolvedScenario, index: MeasureIndex, b: Breakdown): ClaimEffect[] {
  const made = claimsOf(shipment.elections?.claim);
  const offered = new Map<string, string[]>();
  for (const n of b.notApplied) {
    if (n.code !== 'not-elected') continue;
    const m = index.measure(n.measure);
    if (m?.election?.group !== 'claim' || made.includes(m.election.option)) continue;
    // a fee a programme's claim lifts (the MPF of originating goods, 19 U.S.C. 58c(b)) is the
    // programme's business: offered with it below, not as a claim of its own
    if (m.kind === 'fee' && programmeOf(index.schedule, b.importer, m.election.option) !== undefined) continue;
    offered.set(m.election.option, [...(offered.get(m.election.option) ?? []), m.ref]);
  }
  const out: ClaimEffect[] = [];
  for (const [claim, refs] of offered) {
    const r = priced(shipment, scenario, index, claim);
    const base = { claim, refs: [...new Set(refs)], programme: null, specialRate: null };
    out.push(
      r.ok ? { ...base, duty: r.value.duty, landedCost: r.value.landedCost, issue: null } : { ...base, duty: null, landedCost: null, issue: r.issue.message },
    );
  }
  out.sort((x, y) => (x.claim < y.claim ? -1 : 1));
  return [...out, ...programmeEffects(shipment, scenario, index, b, made, offered)];
}

/**
 * The programmes the origin may claim on the line on the date, each priced with its claim; only
 * those that change the duty or the landed cost. None when a programme is claimed already (an entry is made under
 * one), and none whose name is a measure's claim already offered (`usmca`: that claim prices the
 * programme too).
 */
function programmeEffects(
  shipment: Shipment,
  scenario: ResolvedScenario,
  index: MeasureIndex,
  b: Breakdown,
  made: readonly string[],
  offered: ReadonlyMap<string, unknown>,
): ClaimEffect[] {
  const schedule = index.schedule;
  if (made.some((c) => programmeOf(schedule, b.importer, c) !== undefined)) return [];
  const importer = schedule.importers.get(b.importer);
  const line = index.findLine(b.importer, b.htsLine.replace(/\D/g, ''));
  if (!importer || !line.ok) return [];
  const out: ClaimEffect[] = [];
  const seen = new Set<string>();
  for (const o of openPreferences(schedule, line.value, b.origin, b.date, b.date).open) {
    if (o.rate === null || seen.has(o.claim) || o.programme.names.some((n) => offered.has(n))) continue;
    seen.add(o.claim);
    const r = priced(shipment, scenario, index, o.claim.toLowerCase());
    const specialRate = `${groupRate(o.rate, importer)}${o.inQuota ? ` in quota (${o.inQuota.provisions.join(', ')})` : o.party ? ` (${o.party.provisions.join(', ')})` : ''}`;
    const base = { claim: o.claim, refs: [], programme: o.programme.title, specialRate };
    if (!r.ok) {
      out.push({ ...base, duty: null, landedCost: null, issue: r.issue.message });
    } else if (r.value.duty !== b.duty || r.value.landedCost !== b.landedCost) {
      // the duty, or the fees a claim lifts (the MPF of originating goods, 19 U.S.C. 58c(b))
      out.push({ ...base, duty: r.value.duty, landedCost: r.value.landedCost, issue: null });
    }
  }
  return out.sort((x, y) => (x.claim < y.claim ? -1 : 1));
}
