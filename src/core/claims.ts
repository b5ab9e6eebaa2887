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
import { claimsOf, groupRate, type OpenPreference, openPreferences, programmeOf } from './preference.js';
import { landedCost } from './price.js';
import type { Breakdown, LineOfHeading, MeasureIndex, ResolvedScenario, Shipment } from './types.js';
import { moneyText } from './words.js';

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
    if (o.lineOf && !seen.has(o.claim)) {
      seen.add(o.claim);
      const effect = lineClaimEffect(shipment, scenario, index, b, o);
      if (effect) out.push(effect);
    }
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

/**
 * A special rate printed as the rate of a line the claim names (D on 2106.90.52: "the rate
 * applicable to the natural juice in heading 2009"): the shipment priced with a claim of each line
 * of the heading. Offered with its figures when every line gives the same (which line is the
 * importer's assertion, but not the figures then); with its range of duties when they differ.
 */
function lineClaimEffect(shipment: Shipment, scenario: ResolvedScenario, index: MeasureIndex, b: Breakdown, o: OpenPreference): ClaimEffect | null {
  const lineOf = o.lineOf as LineOfHeading;
  const results = lineOf.lines.map((l) => priced(shipment, scenario, index, `${o.code}:${l}`.toLowerCase()));
  const sum = lineClaimSummary(
    results.map((r) => (r.ok ? r.value : null)),
    b,
  );
  if (sum === null) return null;
  const base = { claim: o.claim, refs: [], programme: o.programme.title };
  const of = `the rate of the line of heading ${lineOf.heading} named`;
  if (sum.same)
    return { ...base, specialRate: `${of} (the same duty for each of its ${sum.priced} lines)`, duty: sum.duty, landedCost: sum.landedCost, issue: null };
  const money = (n: number): string => moneyText(n, b.currency, index.schedule.importers.get(b.importer)?.minorDigits ?? 2);
  return {
    ...base,
    specialRate: of,
    duty: null,
    landedCost: null,
    issue: `the duty depends on the line named: ${money(sum.low)} to ${money(sum.high)} over the ${sum.priced} lines of heading ${lineOf.heading} that can be priced`,
  };
}

type Figures = Pick<Breakdown, 'duty' | 'landedCost'>;

/**
 * The figures of a claim priced once per line it may name (null: that line's claim refused): the
 * one outcome when every line gives the same, else the range of the duty; null when no line can be
 * priced, or when the one outcome is the unclaimed shipment's (nothing to offer).
 */
export function lineClaimSummary(
  results: readonly (Figures | null)[],
  unclaimed: Figures,
): ({ same: true } & Figures & { priced: number }) | { same: false; low: number; high: number; priced: number } | null {
  const ok = results.filter((r): r is Figures => r !== null);
  const first = ok[0];
  if (first === undefined) return null;
  const same = ok.length === results.length && ok.every((r) => r.duty === first.duty && r.landedCost === first.landedCost);
  if (same && first.duty === unclaimed.duty && first.landedCost === unclaimed.landedCost) return null;
  if (same) return { same: true, duty: first.duty, landedCost: first.landedCost, priced: ok.length };
  const duties = ok.map((r) => r.duty);
  return { same: false, low: Math.min(...duties), high: Math.max(...duties), priced: ok.length };
}
