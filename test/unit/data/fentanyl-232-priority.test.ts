/**
 * Which of the Canada/Mexico fentanyl duties (EO 14193/14194) and the Section 232 steel and aluminum
 * duties applies to an article both reach (data/CHANGELOG.md 2026.12.06-38):
 * - 4 Mar – 3 Jun 2025, EO 14289 sec. 2(b) (90 FR 18907): the fentanyl duty, not Section 232;
 * - from 4 Jun 2025, Proclamation 10947 (90 FR 24199) reverses that: Section 232 on what it covers
 *   (the whole article, or its metal content where the duty is on the content), the fentanyl duty on
 *   the rest — for every steel and aluminum measure, the derivatives of chapter 76 (note 19(j)) and those
 *   added on 18 Aug 2025 (notes 16(n)(3), 19(j)) included. Those derivatives paid both until this build.
 *
 * Every shipment: value 10,000.00, ocean.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDec } from '../../../src/core/decimal.js';
import type { Breakdown, ContentShare } from '../../../src/core/types.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const content = (material: string, s: string): Record<string, ContentShare> => {
  const d = parseDec(s);
  if (!d) throw new Error(s);
  return { [material]: { share: d } };
};
const on = (hts: string, origin: string, date: string, c?: Record<string, ContentShare>): Breakdown =>
  price(ix, 'as-entered', ship({ hts, origin, value: '10000', mode: 'ocean', date, ...(c ? { content: c } : {}) }));
/** duty in cents by authority */
const duty = (b: Breakdown, authority: string): number => b.lines.filter((l) => l.authority === authority).reduce((t, l) => t + l.amount, 0);

describe('Canada/Mexico fentanyl duty against Section 232 metals', () => {
  it.each([
    // 7615.10.71 (aluminum household articles, note 19(j) chapter 76 derivative), Mexico:
    // 2025-05-01: fentanyl 25% × 10,000.00 = 2,500.00; Section 232 none (EO 14289 2(b))
    ['7615.10.71', 'MX', '2025-05-01', undefined, 0, 250_000],
    // 2025-07-01, no content declared (charged on the full value): 232 50% × 10,000.00 = 5,000.00;
    // fentanyl on the rest, 0.00 (it charged 25% × 10,000.00 = 2,500.00 before)
    ['7615.10.71', 'MX', '2025-07-01', undefined, 500_000, 0],
    // aluminum 40%: 232 50% × 4,000.00 = 2,000.00; fentanyl 25% × 6,000.00 = 1,500.00
    ['7615.10.71', 'MX', '2025-07-01', content('aluminum', '0.4'), 200_000, 150_000],
    // Canada from 2025-08-01 (35%), aluminum 40%: 232 2,000.00; fentanyl 35% × 6,000.00 = 2,100.00
    ['7615.10.71', 'CA', '2025-09-01', content('aluminum', '0.4'), 200_000, 210_000],
    // 7612.90.5000 (aluminum containers, added to note 19(j) on 18 Aug 2025), Mexico, 2025-09-01, no
    // content declared: 232 50% × 10,000.00 = 5,000.00; fentanyl 0.00 (it charged 2,500.00 before)
    ['7612.90.5000', 'MX', '2025-09-01', undefined, 500_000, 0],
  ] as const)('%s of %s on %s', (hts, origin, date, c, s232, fentanyl) => {
    const b = on(hts, origin, date, c);
    expect(duty(b, 's232')).toBe(s232);
    expect(duty(b, 'ieepa-fentanyl')).toBe(fentanyl);
  });
});
