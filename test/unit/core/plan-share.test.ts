/**
 * core/plan-share.ts: when two plans of one kind of shipment, made on two law dates, price and word
 * every row alike — so that a batch keeps one of them (issue #21, memory under the as-entered scenario).
 * The dates are law-interval boundaries of origin CN in the bundled schedule (core/law-dates.ts);
 * the kind is the toy example of bundled-toy.test.ts: HTS 9503.00.00 from China by sea.
 * - 2025-05-20 and 2025-06-10 lie on either side of the boundary 2025-06-04 (a change to other
 *   lines), with the same layers: MFN 0% + fentanyl 20% + reciprocal 10% (Geneva, from 2025-05-14).
 * - 2025-04-09: reciprocal 84% instead of 10% — another plan.
 * - 2025-08-20 and 2025-08-30: the same duties (MFN 0%, fentanyl 20%, reciprocal 10%), but the
 *   per-item postal duty ended 2025-08-29, so the reason it is not applied changes from "not
 *   elected" to "ended 2025-08-29": alike without the reasons, not with them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planShipment, type Plan } from '../../../src/core/plan.js';
import { lightenPlan, samePlan } from '../../../src/core/plan-share.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { ResolvedScenario } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndex, scenarioOf } from '../../helpers.js';

let ix: ScheduleIndex;
let asEntered: ResolvedScenario;
beforeAll(async () => {
  ix = await bundledIndex();
  asEntered = scenarioOf(ix, AS_ENTERED);
});

const toyPlan = (date: string, mode: 'ocean' | 'air' = 'ocean'): Plan => {
  const p = planShipment(ix, asEntered, { importer: 'US', hts: '9503000000', origin: 'CN', date, mode });
  if (!p.ok) throw new Error(p.issue.message);
  return p.value;
};

describe('samePlan', () => {
  it('two dates of unchanged law: the same plan, reasons included (its general-rate measure is a new object each time)', () => {
    const a = toyPlan('2025-05-20');
    const b = toyPlan('2025-06-10');
    expect(a.duties[0]?.measure).not.toBe(b.duties[0]?.measure);
    expect(a.duties.map((d) => d.measure.id)).toEqual(['mfn-us-95030000', 'us-ieepa-fent-20', 'us-ieepa-recip-10-geneva']);
    expect(samePlan(a, b, true)).toBe(true);
    expect(samePlan(a, b, false)).toBe(true);
  });

  it('another rate is another plan', () => {
    expect(samePlan(toyPlan('2025-04-09'), toyPlan('2025-05-20'), false)).toBe(false);
    expect(samePlan(toyPlan('2025-05-20'), toyPlan('2025-05-20', 'air'), false)).toBe(false);
  });

  it('the same duties with another reason for a layer not applied: alike only without the reasons', () => {
    const a = toyPlan('2025-08-20');
    const b = toyPlan('2025-08-30');
    expect(b.notApplied.some((n) => n.measure === 'us-postal-cn-item-54' && n.code === 'ended')).toBe(true);
    expect(samePlan(a, b, false)).toBe(true);
    expect(samePlan(a, b, true)).toBe(false);
  });

  it('a lightened plan keeps its measures and drops its reasons', () => {
    const a = toyPlan('2025-08-20');
    const n = a.duties.length;
    expect(a.notApplied.length).toBeGreaterThan(0);
    lightenPlan(a);
    expect(a.notApplied).toEqual([]);
    expect(a.duties.length).toBe(n);
    expect(samePlan(a, toyPlan('2025-08-30'), false)).toBe(true);
  });

  // the general-rate measure is compared field by field (a field the same object, or the same content)
  describe('the general-rate measure, made anew for each plan', () => {
    const withMfn = (p: Plan, change: (m: Plan['duties'][number]['measure']) => object): Plan => {
      const [first, ...rest] = p.duties;
      if (!first) throw new Error('no duty');
      return { ...p, duties: [{ ...first, measure: { ...first.measure, ...change(first.measure) } as typeof first.measure }, ...rest] };
    };
    it.each([
      ['copies of its arrays (sources, hts)', (m: Plan['duties'][number]['measure']) => ({ sources: [...m.sources], hts: [...m.hts] }), true],
      ['its rate as another object of the same content', (m: Plan['duties'][number]['measure']) => ({ rate: structuredClone(m.rate) }), true],
      ['another title', () => ({ title: 'MFN (general rate) — something else' }), false],
      // the toy's general rate is free (0%): here 1%
      ['another rate', (m: Plan['duties'][number]['measure']) => ({ rate: { ...m.rate, adValorem: { n: 1, s: 2 } } }), false],
      ['another source', (m: Plan['duties'][number]['measure']) => ({ sources: [...m.sources, 'https://example.org/other'] }), false],
      ['a field more', () => ({ extra: 1 }), false],
    ])('%s: alike %s', (_what, change, alike) => {
      const a = toyPlan('2025-05-20');
      const b = withMfn(toyPlan('2025-06-10'), change);
      expect(a.duties[0]?.measure.order).toBe(-1);
      expect(samePlan(a, b, false)).toBe(alike);
      expect(samePlan(b, a, false)).toBe(alike);
    });

    it('as many fields, one undefined in the first and missing from the second, which has another: not alike, either way round', () => {
      // review of 55849dc: a field undefined in one and absent from the other passed as the same value
      const a = withMfn(toyPlan('2025-05-20'), () => ({ note: undefined }));
      const b0 = toyPlan('2025-06-10');
      const [first, ...rest] = b0.duties;
      if (!first) throw new Error('no duty');
      const { note: _note, ...others } = first.measure;
      const b = { ...b0, duties: [{ ...first, measure: { ...others, extra: 1 } as unknown as typeof first.measure }, ...rest] };
      expect(Object.keys(a.duties[0]?.measure ?? {}).length).toBe(Object.keys(b.duties[0]?.measure ?? {}).length);
      expect(samePlan(a, b, false)).toBe(false);
      expect(samePlan(b, a, false)).toBe(false);
    });
  });
});
