/**
 * The one run setup of calc, compare, sweep, timeline and refund (src/schedule/prepare-run.ts), on the
 * fixture schedule: verified through 2026-06-30; scenarios as-entered, mid-2025, no-301 and
 * recip-34 (the last three priced on 2025-07-01).
 */
import { describe, expect, it } from 'vitest';
import { prepareRun, staleScenarios } from '../../../src/schedule/prepare-run.js';
import type { ResolvedScenario, Schedule } from '../../../src/core/types.js';
import { UsageError } from '../../../src/errors.js';
import { FIXTURE } from '../../helpers.js';

const options = (o: { scenarios?: (string | undefined)[]; set?: string[]; disable?: string[] } = {}) => ({
  schedule: FIXTURE,
  overlays: [],
  scenarios: o.scenarios ?? [],
  set: o.set ?? [],
  disable: o.disable ?? [],
});

describe('prepareRun', () => {
  it('resolves the scenarios asked for, in order, and later ones on request with the same what-ifs', async () => {
    const run = await prepareRun(options({ scenarios: ['mid-2025', undefined], set: ['recip=34%'] }));
    expect(run.resolved.map((s) => s.id)).toEqual(['mid-2025', 'as-entered']); // undefined means as-entered
    const later = run.resolve('no-301');
    expect(later.id).toBe('no-301');
    expect(later.whatIf).toBe(true); // the --set makes every scenario of the run a what-if
    expect(run.warnings).toEqual([]); // 2025-07-01 is before 2026-06-30
  });

  it('knows the measure ids, the authorities and mfn as targets', async () => {
    const run = await prepareRun(options());
    for (const t of ['recip', 'ieepa-reciprocal', 's301', 'mfn']) expect(run.known.has(t), t).toBe(true);
    expect(run.known.has('reciprocal')).toBe(false);
  });

  it.each([
    [{ set: ['recp=34%'] }, 'unknown measure or authority "recp"'],
    [{ disable: ['s302'] }, 'unknown measure or authority "s302"'],
    [{ set: ['recip=34'] }, 'expected MEASURE_OR_AUTHORITY=RATE%'],
    [{ scenarios: ['mid-2052'] }, 'mid-2052'],
  ])('%j is a usage error', async (o, message) => {
    const run = prepareRun(options(o));
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(message);
  });
});

describe('staleScenarios: priced after the date the schedule is verified through', () => {
  const schedule = { meta: { verifiedThrough: '2026-06-30' } } as Schedule;
  const s = (id: string, asOf: string | null): ResolvedScenario => ({ id, asOf }) as ResolvedScenario;
  it('keeps only those after it; on the day itself is not stale, and as-entered never is', () => {
    const all = [s('before', '2026-06-29'), s('on', '2026-06-30'), s('after', '2026-07-01'), s('as-entered', null)];
    expect(staleScenarios(schedule, all).map((x) => x.id)).toEqual(['after']);
  });
});
