/** Turning --scenario, --set and --disable into resolved scenarios, with usage errors that suggest. */
import { parsePercent } from '../core/decimal.js';
import { adValoremRate } from '../core/rate-kinds.js';
import { resolveScenario, AS_ENTERED, type ExtraOverrides } from '../core/scenario.js';
import type { ResolvedScenario, Scenario } from '../core/types.js';
import { ScheduleError, UsageError } from '../errors.js';

export function parseWhatIf(set: string[] | undefined, disable: string[] | undefined): ExtraOverrides {
  const out: ExtraOverrides = { set: [], disable: disable ?? [] };
  for (const s of set ?? []) {
    const m = /^([a-z0-9][a-z0-9.-]*)=(.+)$/.exec(s.trim());
    const rate = m ? parsePercent((m[2] as string).trim()) : undefined;
    if (!m || !rate || !(m[2] as string).trim().endsWith('%')) {
      throw new UsageError(`--set ${JSON.stringify(s)}: expected MEASURE_OR_AUTHORITY=RATE%`, ['e.g. --set ieepa-reciprocal=34% or --set us-s301-list3=0%']);
    }
    out.set?.push({ target: m[1] as string, rate: adValoremRate(rate) });
  }
  return out;
}

/** "as-entered" means the same in every schedule; one that does not list it (an HTS import) still has it. */
const IMPLICIT_AS_ENTERED: Scenario = {
  id: AS_ENTERED,
  title: 'As entered',
  description: 'Each shipment under the law in force on its own entry date.',
  asOf: null,
  extends: null,
  whatIf: false,
  summary: {},
  overrides: [],
  origin: 'built-in',
};

export function chooseScenario(scenarios: readonly Scenario[], id: string | undefined, extra: ExtraOverrides): ResolvedScenario {
  const all = scenarios.some((s) => s.id === AS_ENTERED) ? scenarios : [...scenarios, IMPLICIT_AS_ENTERED];
  const r = resolveScenario(all, id ?? AS_ENTERED, extra);
  if (!r.ok) {
    if (r.issue.code === 'scenario-invalid') throw new ScheduleError(r.issue.message, [r.issue.hint ?? ''], r.issue);
    throw new UsageError(r.issue.message, [r.issue.hint ?? ''], r.issue);
  }
  return r.value;
}

/** Names that --set/--disable may target: measure ids and authorities. Unknown ones are usage errors. */
export function checkTargets(extra: ExtraOverrides, known: ReadonlySet<string>, suggest: (t: string) => string[]): void {
  const targets = [...(extra.set ?? []).map((s) => s.target), ...(extra.disable ?? [])];
  for (const t of targets) {
    if (!known.has(t)) {
      const near = suggest(t);
      throw new UsageError(`unknown measure or authority "${t}"`, [
        `${near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}? ` : ''}see \`tariff lookup\` or the schedule for ids`,
      ]);
    }
  }
}
