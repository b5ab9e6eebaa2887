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
});
