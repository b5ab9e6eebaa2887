/**
 * The issue's example on the bundled schedule: $10,000 of toys (9503.00.00) from China by sea,
 * under every bundled scenario. MFN free (USITC HTS 9503.00.00, https://hts.usitc.gov/);
 * Section 301 List 4B suspended before it took effect (USTR; measure us-s301-list4b); IEEPA
 * fentanyl 20% (EO 14228, CBP notice
 * https://www.govinfo.gov/content/pkg/FR-2025-03-06/html/2025-03677.htm); reciprocal 125% then 10%
 * (EO 14266, https://www.govinfo.gov/content/pkg/FR-2025-04-15/html/2025-06462.htm; EO 14298,
 * https://www.govinfo.gov/content/pkg/FR-2025-05-21/html/2025-09297.htm); MPF 0.3464% × $10,000 =
 * $34.64 (19 CFR 24.23; inside the FY2025 $32.71–$634.62 limits of FR Doc 2024-15990 and the FY2026
 * $33.58–$651.50 of https://www.govinfo.gov/content/pkg/FR-2025-07-23/html/2025-13869.htm);
 * HMF 0.125% × $10,000 = $12.50 (ocean; 19 CFR 24.24, https://www.law.cornell.edu/cfr/text/19/24.24).
 * Fees are $47.14 in every scenario.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decToString } from '../../../src/core/decimal.js';
import type { ScheduleIndex } from '../../../src/schedule/schedule-index.js';
import { bundledIndex, price, ship } from '../../helpers.js';

let ix: ScheduleIndex;
beforeAll(async () => {
  ix = await bundledIndex();
});

const toy = () => ship({ hts: '9503.00.00', origin: 'CN', value: '10000', mode: 'ocean', date: '2025-04-09' });

describe('toy example under every scenario', () => {
  it.each([
    // scenario, fentanyl, reciprocal, s122, duty, landed, effective rate
    ['pre-2025', 0, 0, 0, 0, 1_004_714, '0'], // no IEEPA: 10,000 + 47.14
    ['peak-145', 200_000, 1_250_000, 0, 1_450_000, 2_454_714, '1.45'], // 20% + 125% = 14,500
    ['geneva-30', 200_000, 100_000, 0, 300_000, 1_304_714, '0.3'], // 20% + 10% = 3,000 → 13,047.14
    ['busan-20', 100_000, 100_000, 0, 200_000, 1_204_714, '0.2'], // 10% + 10% = 2,000
    ['s122-2026', 0, 0, 100_000, 100_000, 1_104_714, '0.1'], // IEEPA ended; s122 10% = 1,000
    ['snapback-34', 200_000, 340_000, 0, 540_000, 1_544_714, '0.54'], // 20% + 34% = 5,400
    ['as-entered', 200_000, 840_000, 0, 1_040_000, 2_044_714, '1.04'], // entered 2025-04-09: 20% + 84%
  ])('%s', (scenario, fentanyl, reciprocal, s122, duty, landed, eff) => {
    const b = price(ix, scenario, toy());
    expect(b.dutyByAuthority['ieepa-fentanyl'] ?? 0).toBe(fentanyl);
    expect(b.dutyByAuthority['ieepa-reciprocal'] ?? 0).toBe(reciprocal);
    expect(b.dutyByAuthority.s122 ?? 0).toBe(s122);
    expect(b.duty).toBe(duty);
    expect(b.fees).toBe(4_714);
    expect(b.landedCost).toBe(landed);
    expect(decToString(b.effectiveRate)).toBe(eff);
    expect(b.notApplied.find((n) => n.measure === 'us-s301-list4b')?.reason).toMatch(/suspended since 2019-12-15/);
  });

  it('the suspended 24 points are shown as not applied under geneva-30', () => {
    const b = price(ix, 'geneva-30', toy());
    expect(b.notApplied.find((n) => n.measure === 'us-ieepa-recip-suspended-24')?.code).toBe('suspended');
  });
});

describe('other bundled lines', () => {
  it('EV under geneva-30: 301 100% replaces 25%, 232 autos 25%, reciprocal not applied', () => {
    // MFN 2.5% = 1,000; s301 100% = 40,000; s232 25% = 10,000; fentanyl 20% = 8,000 on $40,000
    const b = price(ix, 'geneva-30', ship({ hts: '8703.80.00', origin: 'CN', value: '40000', mode: 'ocean' }));
    expect(b.dutyByAuthority).toEqual({ mfn: 100_000, s301: 4_000_000, s232: 1_000_000, 'ieepa-fentanyl': 800_000 });
    expect(b.notApplied.find((n) => n.authority === 'ieepa-reciprocal' && n.code === 'not-with')).toBeDefined();
    expect(b.notApplied.find((n) => n.measure === 'us-s301-list1')?.code).toBe('replaced');
  });

  it('laptop: electronics exception replaces the reciprocal tariff, fentanyl still applies', () => {
    // geneva-30: fentanyl 20% × 1,000 = 200; reciprocal exception 0%
    const b = price(ix, 'geneva-30', ship({ hts: '8471.30.01', origin: 'CN', value: '1000', mode: 'air' }));
    expect(b.dutyByAuthority['ieepa-fentanyl']).toBe(20_000);
    expect(b.dutyByAuthority['ieepa-reciprocal']).toBe(0);
    expect(b.notApplied.find((n) => n.measure === 'us-ieepa-recip-10-geneva')?.code).toBe('replaced');
  });

  it('T-shirt June 2025 (reference §8b worked stack): $5,400 duty on $10,000', () => {
    // MFN 16.5% 1,650 + 301 4A 7.5% 750 + fentanyl 20% 2,000 + reciprocal 10% 1,000 = 5,400
    const b = price(ix, 'as-entered', ship({ hts: '6109.10.00', origin: 'CN', value: '10000', mode: 'ocean', date: '2025-06-15' }));
    expect(b.duty).toBe(540_000);
    expect(b.fees).toBe(3_464 + 1_250);
  });

  it('non-EV lithium-ion battery: 4A 7.5% until 2025-12-31, replaced by 25% from 2026-01-01', () => {
    const s = (date: string) => ship({ hts: '8507.60.0020', origin: 'CN', value: '10000', date });
    expect(price(ix, 'as-entered', s('2025-12-31')).dutyByAuthority.s301).toBe(75_000);
    expect(price(ix, 'as-entered', s('2026-01-01')).dutyByAuthority.s301).toBe(250_000);
  });

  it('8507.60.00 is too short to choose between EV and non-EV batteries', () => {
    const r = ix.findLine('US', '85076000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issue).toMatchObject({ code: 'hts-ambiguous', choices: ['8507.60.0010', '8507.60.0020'] });
  });

  it('upholstered seat: 232 from 2025-10-14 removes the reciprocal tariff', () => {
    // 2025-10-14: MFN 0; 301 List 3 25% = 2,500; 232 25% = 2,500; fentanyl 20% = 2,000; reciprocal not applied
    // (9401.61.6011, other household: one of the four statistical numbers of U.S. note 37(d))
    const b = price(ix, 'as-entered', ship({ hts: '9401.61.6011', origin: 'CN', value: '10000', date: '2025-10-14' }));
    expect(b.dutyByAuthority).toEqual({ mfn: 0, s301: 250_000, s232: 250_000, 'ieepa-fentanyl': 200_000 });
    // the day before: no 232, reciprocal 10% applies
    const before = price(ix, 'as-entered', ship({ hts: '9401.61.6011', origin: 'CN', value: '10000', date: '2025-10-13' }));
    expect(before.dutyByAuthority['ieepa-reciprocal']).toBe(100_000);
  });

  it('China importing US soybeans under busan-20 (CNY, CIF)', () => {
    // 2025-11-10: the March farm tariff ends; CIF 100,000 + 5,000 = 105,000
    // MFN 3% = 3,150; retaliation 10% = 10,500; duty 13,650 (13% total, reference §6a)
    // VAT 9% × (105,000 + 13,650) = 10,678.50; landed 105,000 + 13,650 + 10,678.50 = 129,328.50
    const b = price(ix, 'busan-20', ship({ importer: 'CN', hts: '1201.90.00', origin: 'US', value: '100000', freight: '5000' }));
    expect(b.duty).toBe(1_365_000);
    expect(b.taxes).toBe(1_067_850);
    expect(b.landedCost).toBe(12_932_850);
  });

  it('China on US soybeans at the peak: 3% + 10% + 125%', () => {
    // CIF 100,000: 3,000 + 10,000 + 125,000 = 138,000
    const b = price(ix, 'peak-145', ship({ importer: 'CN', hts: '12019000', origin: 'US', value: '100000' }));
    expect(b.duty).toBe(13_800_000);
  });
});
