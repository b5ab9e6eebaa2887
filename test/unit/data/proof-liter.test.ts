/**
 * Rates per proof liter printed without a space ("23.7¢/pf.liter"): HTSUS 2026 prints the general rate
 * of rum (2208.40.20, 2208.40.60), of other spirits (2208.90.80), of ethyl alcohol for beverages
 * (2207.10.30) and of vinegar (2209.00.00) that way, and the rate reader took only "pf. liter": those
 * five lines asked for --mfn. Rates: HTSUS 2026 Revision 10 (data/sources/usitc/hts_2026_revision_10.json.gz).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndexFast, price, ROOT, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

describe('general rates per proof liter', () => {
  it.each([
    ['2207.10.30', '0.189'],
    ['2208.40.20', '0.237'],
    ['2208.40.60', '0.237'],
    ['2208.90.80', '0.211'],
    ['2209.00.00', '0.005'],
  ])('%s: $%s a proof liter', (hts, amount) => {
    // as the bundled line file holds it (data/lines/US-HHHH.json)
    const file = JSON.parse(readFileSync(join(ROOT, 'data', 'lines', `US-${hts.slice(0, 4)}.json`), 'utf8')) as { lines: { hts: string; mfn: unknown }[] };
    expect(file.lines.find((l) => l.hts === hts)?.mfn).toEqual({ specific: { amount, per: 'pf.liter' } });
  });

  it('rum of the United Kingdom, 1,000 proof liters, $10,000, ocean, 2025-01-15: duty $237.00', () => {
    // 23.7¢ × 1,000 pf. liters = $237.00 (no additional duty on that date: before the IEEPA and
    // Section 122 duties); MPF FY2025 0.3464% × $10,000 = $34.64 (within $32.71–$634.62); HMF
    // 0.125% × $10,000 = $12.50; landed $10,000 + $237.00 + $47.14 = $10,284.14
    const b = price(
      ix,
      'as-entered',
      ship({ hts: '2208.40.20', origin: 'GB', value: '10000', qty: '1000', unit: 'pf.liter', mode: 'ocean', date: '2025-01-15' }),
    );
    expect([b.duty, b.fees, b.landedCost]).toEqual([23700, 4714, 1028414]);
  });
});
