/**
 * Scenarios: a named point of view on the law. Resolving one flattens its `extends` chain and
 * indexes its overrides so that pricing a row never re-reads them.
 */
import { fail, ok, type Result } from './issues.js';
import type { Measure, Override, Rate, ResolvedScenario, Scenario } from './types.js';

import { rateText } from './rate-kinds.js';
import { nearestNames } from './suggest.js';

export const AS_ENTERED = 'as-entered';

/** Extra what-ifs from flags (`--set`, `--disable`) applied on top of a named scenario. */
export interface ExtraOverrides {
  set?: { target: string; rate: Rate }[];
  disable?: string[];
}

export function resolveScenario(scenarios: readonly Scenario[], id: string, extra: ExtraOverrides = {}): Result<ResolvedScenario> {
  const found = extendsChain(scenarios, id);
  if (!found.ok) return found;
  const chain = found.value;
  const head = chain[0] as Scenario;
  const o = new OverrideIndex();
  const redefinitions = redefinitionNotes(chain);
  o.assumptions.push(...redefinitions);
  // the root of the chain first, so that a scenario's own overrides win over what it extends
  for (const s of [...chain].reverse()) for (const ov of s.overrides) o.apply(ov, `scenario ${s.id}`);
  for (const s of extra.set ?? []) o.apply({ set: s.target, rate: s.rate }, '--set');
  for (const d of extra.disable ?? []) o.apply({ disable: d }, '--disable');
  return ok({
    id: head.id,
    title: head.title,
    asOf: head.asOf,
    whatIf: chain.some((s) => s.whatIf) || (extra.set?.length ?? 0) + (extra.disable?.length ?? 0) > 0,
    rates: o.rates,
    disabled: o.disabled,
    added: o.added,
    assumptions: o.assumptions,
    redefinitions,
  });
}

/** the scenario `id` and those it extends, in that order; an unknown name or a cycle fails */
function extendsChain(scenarios: readonly Scenario[], id: string): Result<Scenario[]> {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const chain: Scenario[] = [];
  const seen = new Set<string>();
  let cur: string | null = id;
  while (cur !== null) {
    const s = byId.get(cur);
    if (!s) {
      const known = scenarios.map((x) => x.id);
      const near = nearestNames(cur, known);
      return fail({
        code: 'scenario-unknown',
        path: cur === id ? 'scenario' : `scenario ${chain[chain.length - 1]?.id}.extends`,
        message: `unknown scenario "${cur}"`,
        hint: `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}known scenarios: ${known.join(', ')} (see \`tariff scenarios\`)`,
        choices: near,
      });
    }
    if (seen.has(cur)) {
      return fail({
        code: 'scenario-invalid',
        path: `scenario ${cur}.extends`,
        message: `scenario "${cur}" extends itself through ${chain.map((c) => c.id).join(' → ')}`,
        hint: 'remove the cycle of "extends"',
      });
    }
    seen.add(cur);
    chain.push(s);
    cur = s.extends;
  }
  return ok(chain);
}

/**
 * A scenario that reuses a built-in id changes figures that the output still labels with that
 * id: say so wherever the assumptions are printed.
 */
function redefinitionNotes(chain: readonly Scenario[]): string[] {
  const out: string[] = [];
  for (const s of chain) {
    if (s.redefines !== undefined)
      out.push(
        `scenario ${s.id}: redefined by ${s.origin} (law of ${s.asOf ?? 'each entry date'}), replacing the one of the ${s.redefines === 'bundled' ? 'bundled schedule' : s.redefines}`,
      );
  }
  return out;
}

/** overrides indexed for pricing, each said in the assumptions with where it came from */
class OverrideIndex {
  readonly rates = new Map<string, Rate>();
  readonly disabled = new Set<string>();
  readonly added: Measure[] = [];
  readonly assumptions: string[] = [];

  apply(o: Override, from: string): void {
    if ('set' in o) {
      this.rates.set(o.set, o.rate);
      this.assumptions.push(`${from}: ${o.set} rate set to ${rateText(o.rate, 'USD')}`);
    } else if ('disable' in o) {
      this.disabled.add(o.disable);
      this.assumptions.push(`${from}: ${o.disable} disabled`);
    } else {
      this.added.push(o.add);
      this.assumptions.push(`${from}: measure ${o.add.id} added (${rateText(o.add.rate, 'USD')}, ${o.add.ref})`);
    }
  }
}
