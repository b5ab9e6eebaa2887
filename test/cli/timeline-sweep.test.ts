/** `tariff timeline` steps at exact boundary dates; `tariff sweep` and the break-even, solved by hand. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';

const TOY = ['--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean'];

describe('tariff timeline', () => {
  const doc = (): any => JSON.parse(runIn(['timeline', ...TOY, '--from', '2025-01-01', '--to', '2026-06-30', '--format', 'json']).stdout);

  it('a Chinese toy shows the 2025 peak, Geneva, Busan and the end of IEEPA as steps', () => {
    const steps = doc().steps.map((s: any) => [s.date, s.effectiveRate]);
    // effective IEEPA (+ s122) rate on a toy (MFN free, 301 List 4B suspended), reference §8b
    expect(steps).toEqual(
      expect.arrayContaining([
        ['2025-01-01', 0],
        ['2025-02-04', 0.1], // fentanyl 10%
        ['2025-03-04', 0.2], // fentanyl 20%
        ['2025-04-05', 0.3], // + reciprocal 10%
        ['2025-04-09', 1.04], // + reciprocal 84%
        ['2025-04-10', 1.45], // the peak: 20% + 125%
        ['2025-05-14', 0.3], // Geneva
        ['2025-11-10', 0.2], // Busan: fentanyl 10% + 10%
        ['2026-02-24', 0.1], // IEEPA ends; Section 122 10%
      ]),
    );
  });

  it('each step is the law of that exact day: the day before a change is still the old law', () => {
    const days = (from: string, to: string): number[] =>
      JSON.parse(runIn(['timeline', ...TOY, '--from', from, '--to', to, '--format', 'json']).stdout).steps.map((s: any) => s.effectiveRate);
    expect(days('2025-04-09', '2025-04-09')).toEqual([1.04]);
    expect(days('2025-05-13', '2025-05-13')).toEqual([1.45]);
    expect(days('2025-05-13', '2025-05-14')).toEqual([1.45, 0.3]);
    expect(days('2026-02-23', '2026-02-24')).toEqual([0.2, 0.1]);
  });

  it('the table has a chart; CSV has one row per step', () => {
    const t = runIn(['timeline', ...TOY, '--from', '2025-01-01', '--to', '2025-12-31']);
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toMatch(/effective duty rate at each step\n\s+145% ┤/);
    const csv = runIn(['timeline', ...TOY, '--from', '2025-04-01', '--to', '2025-04-30', '--format', 'csv'])
      .stdout.trim()
      .split('\n');
    expect(csv[0]).toBe('date,event,duty,fees,taxes,landed_cost,effective_rate');
    // 2025-04-10: 20% + 125% of 10,000 = 14,500; fees 34.64 + 12.50; landed 24,547.14
    expect(csv).toContain(
      '2025-04-10,"ends: IEEPA reciprocal tariff on China, 84% (9903.01.63); starts: IEEPA reciprocal tariff on China, 125% (9903.01.63)",14500.00,47.14,0.00,24547.14,1.450000',
    );
  });

  it('a batch total on the timeline (--input)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariff-tl-'));
    const f = `${dir}/two.csv`;
    writeFileSync(f, 'hts,origin,value\n9503.00.00,CN,10000\n6109.10.00,CN,10000\n');
    const csv = runIn(['timeline', '--input', f, '--from', '2025-01-01', '--to', '2025-04-10', '--format', 'csv']).stdout.trim().split('\n');
    // 2025-01-01: toy 0 + T-shirt MFN 16.5% 1,650 + 4A 7.5% 750 = 2,400; fees 2 × 34.64 (no mode: no HMF)
    expect(csv[1]).toBe('2025-01-01,(start of the timeline),2400.00,69.28,0.00,22469.28,0.120000');
    // 2025-04-10: + fentanyl 20% and reciprocal 125% on both: 2,400 + 2 × 14,500 = 31,400; 31,400 ÷ 20,000 = 1.57
    expect(csv[csv.length - 1]).toMatch(/^2025-04-10,.*,31400\.00,69\.28,0\.00,51469\.28,1\.570000$/);
    expect(csv.join('\n')).not.toMatch(/Postal duty/); // postal measures do not touch shipments that are not postal
  });

  it('bad dates are usage errors', () => {
    expect(runIn(['timeline', ...TOY, '--from', '2025-02-30']).exitCode).toBe(2);
    expect(runIn(['timeline', ...TOY, '--from', '2025-05-01', '--to', '2025-01-01']).exitCode).toBe(2);
  });
});

describe('tariff sweep', () => {
  /** China's toy shipment with its reciprocal rate swept over `range`, against Vietnam at `altValue` (geneva-30) */
  const sweepVn = (range: string, altValue: string) =>
    JSON.parse(
      runIn([
        'sweep',
        ...TOY,
        '--scenario',
        'geneva-30',
        '--vary',
        `ieepa-reciprocal=${range}`,
        '--alt-origin',
        'VN',
        '--alt-value',
        altValue,
        '--format',
        'json',
      ]).stdout,
    );

  it('landed cost at each step of a rate', () => {
    const doc = JSON.parse(runIn(['sweep', ...TOY, '--scenario', 'geneva-30', '--vary', 'ieepa-reciprocal=0..20%:10', '--format', 'json']).stdout);
    // 10,000 + fentanyl 2,000 + r × 10,000 + MPF 34.64 + HMF 12.50
    expect(doc.steps.map((s: any) => [s.at, s.landedCost])).toEqual([
      ['0%', 12047.14],
      ['10%', 13047.14],
      ['20%', 14047.14],
    ]);
  });

  it('break-even against Vietnam, solved by hand', () => {
    // only China's rate is swept; Vietnam pays its own rate under the law of 2025-05-14 (geneva-30):
    // the 10% baseline, 9903.01.25 (EO 14257; Vietnam's 20% of 9903.02.69 starts on 2025-08-07)
    // CN: 10,000 + 2,000 + 10,000 r + 34.64 + 12.50 = 12,047.14 + 10,000 r
    // VN at 12,500: reciprocal 10% × 12,500 = 1,250.00; MPF 0.3464% × 12,500 = 43.30;
    //   HMF 0.125% × 12,500 = 15.625 → 15.63; landed 12,500 + 1,250 + 43.30 + 15.63 = 13,808.93
    // 12,047.14 + 10,000 r > 13,808.93  ⇔  r > 17.6179%  → smallest on the 0.01-point grid: 17.62%
    const doc = sweepVn('0..150%:10', '12500');
    expect(doc.breakEven).toMatchObject({ found: true, rate: '17.62%' });
  });

  it('break-even with the MPF floor in play (piecewise), solved by hand', () => {
    // air, no HMF. CN at 9,000: MPF 0.3464% × 9,000 = 31.18 → raised to the FY2025 minimum 32.71
    //   landed = 9,000 + fentanyl 1,800 + 9,000 r + 32.71 = 10,832.71 + 9,000 r
    // VN at 11,000: reciprocal 10% × 11,000 = 1,100.00; MPF 0.3464% × 11,000 = 38.104 → 38.10;
    //   landed 11,000 + 1,100 + 38.10 = 12,138.10
    // 10,832.71 + 9,000 r > 12,138.10 ⇔ r > 14.5043% → 14.51%
    // (without the floor: 10,831.18 + 9,000 r > 12,138.10 ⇔ r > 14.5213% → 14.53%)
    const doc = JSON.parse(
      runIn([
        'sweep',
        '--hts',
        '9503.00.00',
        '--origin',
        'CN',
        '--value',
        '9000',
        '--mode',
        'air',
        '--scenario',
        'geneva-30',
        '--vary',
        'ieepa-reciprocal=0..50%:5',
        '--alt-origin',
        'VN',
        '--alt-value',
        '11000',
        '--format',
        'json',
      ]).stdout,
    );
    expect(doc.breakEven).toMatchObject({ found: true, rate: '14.51%' });
  });

  it('no break-even in range, and already cheaper at the start', () => {
    // China's reciprocal swept 0–5%: Vietnam at 12,500 never breaks even, at 10,000 it already does
    expect(sweepVn('0..5%:1', '12500').breakEven.found).toBe(false);
    expect(sweepVn('0..5%:1', '10000').breakEven).toMatchObject({ found: true, rate: '0%' });
  });

  it('value sweep crosses the MPF floor and cap (piecewise)', () => {
    const doc = JSON.parse(
      runIn([
        'sweep',
        '--hts',
        '9503.00.00',
        '--origin',
        'DE',
        '--mode',
        'air',
        '--scenario',
        'pre-2025',
        '--value',
        '1000',
        '--vary',
        'value=5000..200000:97500',
        '--format',
        'json',
      ]).stdout,
    );
    // DE toy on 2025-01-01 (before any reciprocal tariff): no duty; FY2025 MPF limits. 5,000 → MPF 17.32 → min 32.71; 102,500 → 355.06; 200,000 → 692.80 → max 634.62
    expect(doc.steps.map((s: any) => [s.at, s.landedCost])).toEqual([
      ['5000.00', 5032.71],
      ['102500.00', 102855.06],
      ['200000.00', 200634.62],
    ]);
  });

  it('usage errors', () => {
    expect(runIn(['sweep', ...TOY]).exitCode).toBe(2);
    expect(runIn(['sweep', ...TOY, '--vary', 'ieepa-recip=0..10%']).stderr).toMatch(/did you mean "ieepa-reciprocal"/);
    expect(runIn(['sweep', ...TOY, '--vary', 'ieepa-reciprocal=10..0%']).exitCode).toBe(2);
  });
});
