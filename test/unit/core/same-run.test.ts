/**
 * core/price.ts `sameRunOn`: when a plan's run gives a shipment the same figures on two law dates
 * (a timeline then runs it once for both: batch/timeline-runs.ts). A law date reaches the figures
 * only through a dated exchange rate and the informal-entry rule; in the bundled schedule the US
 * rule's $250 limit for goods with a Chapter 99 duty ends on 2025-04-30 (19 CFR 143.21(a), the
 * `chapter99MaxUntil` of importer US). The plan: HTS 9503.00.00 from China by sea (bundled-toy.test.ts).
 * That the timeline's totals agree with a full pricing per date: test/unit/batch/light-runs-agree.test.ts.
 * The rule's end is a law date of its own (core/law-dates.ts), which a timeline names
 * (core/entry-type.ts entryRuleChange; its row: test/cli/timeline-rows.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planShipment, type Plan } from '../../../src/core/plan.js';
import { entryRuleChange, entryRuleReaches } from '../../../src/core/entry-type.js';
import { lawBoundaries } from '../../../src/core/law-dates.js';
import { runPlan, sameRunOn } from '../../../src/core/price.js';
import { emptyRun } from '../../../src/core/program.js';
import { AS_ENTERED } from '../../../src/core/scenario.js';
import type { Shipment } from '../../../src/core/types.js';
import { bundledIndex, scenarioOf } from '../../helpers.js';

let plan: Plan;
let ix: Awaited<ReturnType<typeof bundledIndex>>;
beforeAll(async () => {
  ix = await bundledIndex();
  const p = planShipment(ix, scenarioOf(ix, AS_ENTERED), { importer: 'US', hts: '9503000000', origin: 'CN', date: '2025-05-20', mode: 'ocean' });
  if (!p.ok) throw new Error(p.issue.message);
  plan = p.value;
});

const sh = (extra: Partial<Shipment> = {}): Shipment => ({
  importer: 'US',
  hts: '9503000000',
  origin: 'CN',
  value: 100_000,
  freight: 0,
  insurance: 0,
  ...extra,
});

describe('sameRunOn', () => {
  const cases: [string, Partial<Shipment>, string, string, boolean][] = [
    ['one date', {}, '2025-06-01', '2025-06-01', true],
    ['in dollars, both after the limit ended', {}, '2025-06-01', '2026-01-15', true],
    ['in dollars, both before it ended', {}, '2025-03-01', '2025-04-29', true],
    ['in dollars, the day before and the day it ended', {}, '2025-04-29', '2025-04-30', false],
    ['in dollars, either side, later first', {}, '2025-05-01', '2025-04-01', false],
    ['in dollars, said so', { currency: 'USD' }, '2025-06-01', '2026-01-15', true],
    ['in yuan at the dated rate', { currency: 'CNY' }, '2025-06-01', '2025-09-01', false],
    ['in yuan at the dated rate, one date', { currency: 'CNY' }, '2025-09-01', '2025-09-01', true],
    ['in yuan at a rate given', { currency: 'CNY', fxRate: { n: 14, s: 2 } }, '2025-06-01', '2025-09-01', true],
    ['in yuan at a rate given, either side of the limit', { currency: 'CNY', fxRate: { n: 14, s: 2 } }, '2025-04-01', '2025-09-01', false],
  ];
  it.each(cases)('%s', (_what, extra, a, b, same) => {
    expect(sameRunOn(plan, sh(extra), a, b)).toBe(same);
  });

  it('an importer with no informal entries: only the exchange rate counts', () => {
    const noRule = { ...plan, importer: { ...plan.importer, informalEntry: null } };
    expect(sameRunOn(noRule, sh(), '2025-04-01', '2025-09-01')).toBe(true);
    expect(sameRunOn(noRule, sh({ currency: 'CNY' }), '2025-04-01', '2025-09-01')).toBe(false);
  });
});

describe('the end of the lower informal-entry limit as a law date', () => {
  it('is a boundary for every origin, and for none in particular', () => {
    for (const origin of [undefined, 'CN', 'DE', 'MX']) expect(lawBoundaries(ix, scenarioOf(ix, AS_ENTERED), origin)).toContain('2025-04-30');
  });

  it("is named in the importer's currency, with both limits, as a suspension; an importer without one has none", () => {
    expect(entryRuleChange(plan.importer)).toEqual({
      date: '2025-04-30',
      text: 'suspended: the $250.00 limit on informal entry of goods with an additional Chapter 99 duty (19 CFR 143.21(a)); they may be entered informally up to $2,500.00, as other goods',
    });
    expect(entryRuleChange({ ...plan.importer, informalEntry: null })).toBeNull();
    const rule = plan.importer.informalEntry as NonNullable<typeof plan.importer.informalEntry>;
    expect(entryRuleChange({ ...plan.importer, informalEntry: { ...rule, chapter99MaxUntil: null } })).toBeNull();
  });
});

describe('which goods the end of the lower limit can reach (entryRuleReaches)', () => {
  // US: informal up to $2,500.00 (250,000 cents), up to $250.00 (25,000) for Chapter 99 goods until 2025-04-30
  const cases: [number | null, boolean, string][] = [
    [25_000, false, 'at the lower limit: informal either side'],
    [25_001, true, 'a cent above it'],
    [250_000, true, 'at the upper limit'],
    [250_001, false, 'a cent above it: formal either side'],
    [null, true, 'converted: its value moves with the rate'],
  ];
  it.each(cases)('%s cents → %s (%s)', (goods, reaches) => {
    expect(entryRuleReaches(plan.importer, goods)).toBe(reaches);
  });

  it('an importer whose rule has no such day: none', () => {
    expect(entryRuleReaches({ ...plan.importer, informalEntry: null }, 100_000)).toBe(false);
  });
});

/**
 * One plan's program keeps the rule's answer between rows (core/program.ts entryOf) and asks again
 * only where the rule differs: rows of one program on dates either side of 2025-04-30, in turn, must
 * each get their own date's entry type. The $1,000.00 toy has Chapter 99 duties (fentanyl, reciprocal):
 * - before 2025-04-30 it is above the $250.00 limit: formal, MPF 0.3464% × $1,000.00 = $3.46, raised to
 *   the FY2025 minimum $32.71 (19 CFR 24.23(b)(1)(i)(B)), + HMF 0.125% × $1,000.00 = $1.25: fees $33.96;
 * - from 2025-04-30, within $2,500.00: informal, MPF $2.62 (the FY2025 fee for an informal entry
 *   filed electronically, 19 CFR 24.23(b)(1)(ii)) + HMF $1.25: fees $3.87.
 */
describe("one program's rows in turn on either side of the limit's end", () => {
  it.each([
    ['2025-04-29', 'formal', 3396],
    ['2025-04-30', 'informal', 387],
    ['2025-04-29', 'formal', 3396],
    ['2025-05-20', 'informal', 387],
    ['2025-03-01', 'formal', 3396],
    ['2025-04-30', 'informal', 387],
    ['2025-04-30', 'informal', 387],
    ['2025-01-02', 'formal', 3396],
  ])('%s: %s entry, fees %i cents', (date, type, fees) => {
    const out = emptyRun();
    const r = runPlan(ix, plan, sh({ mode: 'ocean' }), date, out, []);
    expect(r.ok).toBe(true);
    expect(out.entryType).toBe(type);
    expect(out.fees).toBe(fees);
  });
});
