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
  const head = chain[0] as Scenario;
  const rates = new Map<string, Rate>();
  const disabled = new Set<string>();
  const added: Measure[] = [];
  const assumptions: string[] = [];
  const apply = (o: Override, from: string): void => {
    if ('set' in o) {
      rates.set(o.set, o.rate);
      assumptions.push(`${from}: ${o.set} rate set to ${rateText(o.rate, 'USD')}`);
    } else if ('disable' in o) {
      disabled.add(o.disable);
      assumptions.push(`${from}: ${o.disable} disabled`);
    } else {
      added.push(o.add);
      assumptions.push(`${from}: measure ${o.add.id} added (${rateText(o.add.rate, 'USD')}, ${o.add.ref})`);
    }
  };
  // a scenario that reuses a built-in id changes figures that the output still labels with that
  // id: say so wherever the assumptions are printed
  const redefinitions: string[] = [];
  for (const s of chain) {
    if (s.redefines !== undefined)
      redefinitions.push(
        `scenario ${s.id}: redefined by ${s.origin} (law of ${s.asOf ?? 'each entry date'}), replacing the one of the ${s.redefines === 'bundled' ? 'bundled schedule' : s.redefines}`,
      );
  }
  assumptions.push(...redefinitions);
  // the root of the chain first, so that a scenario's own overrides win over what it extends
  for (const s of [...chain].reverse()) for (const o of s.overrides) apply(o, `scenario ${s.id}`);
  for (const s of extra.set ?? []) apply({ set: s.target, rate: s.rate }, '--set');
  for (const d of extra.disable ?? []) apply({ disable: d }, '--disable');
  return ok({
    id: head.id,
    title: head.title,
    asOf: head.asOf,
    whatIf: chain.some((s) => s.whatIf) || (extra.set?.length ?? 0) + (extra.disable?.length ?? 0) > 0,
    rates,
    disabled,
    added,
    assumptions,
    redefinitions,
  });
}
