/**
 * `tariff refund`: hand-worked entries on each side of every boundary date, exempt lines, 232
 * goods, Hong Kong and Macau, declared-vs-computed differences, batch total = sum of entries.
 * Rates: reference §1 (fentanyl 10/20/10%, reciprocal 10/84/125/10%), §7 (end 24 Feb 2026).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-refund-'));
const ENTRIES = [
  'entry_number,hts,origin,value,date,liquidation_date,duty_paid_ieepa',
  'B1,9503.00.00,CN,10000,2025-02-03,,', // before the window: outside
  'B2,9503.00.00,CN,10000,2025-02-04,,', // fentanyl 10% = 1,000
  'B3,9503.00.00,CN,10000,2025-04-09,,', // 20% + 84% = 10,400
  'B4,9503.00.00,CN,10000,2025-04-10,,', // 20% + 125% = 14,500
  'B5,9503.00.00,CN,10000,2025-05-13,,', // 14,500
  'B6,9503.00.00,CN,10000,2025-05-14,,', // 20% + 10% = 3,000
  'B7,9503.00.00,CN,10000,2025-11-09,,', // 3,000
  'B8,9503.00.00,CN,10000,2025-11-10,,', // 10% + 10% = 2,000
  'B9,9503.00.00,CN,10000,2026-02-23,,', // 2,000
  'B10,9503.00.00,CN,10000,2026-02-24,,', // IEEPA no longer collected: outside
  'X1,8471.30.01,CN,10000,2025-05-14,,', // laptop: reciprocal exempt, fentanyl 20% = 2,000
  'X2,8703.80.00,CN,40000,2025-06-01,,', // EV: 232 autos, reciprocal not applied; fentanyl 20% = 8,000
  'X3,9503.00.00,VN,10000,2025-06-01,,', // Vietnam: baseline reciprocal 10% (9903.01.25, EO 14257) = 1,000
  'X4,8471.30.01,VN,10000,2025-06-01,,', // Vietnamese laptop: Annex II (9903.01.32, heading 8471), no fentanyl for VN: no IEEPA duty
  'H1,9503.00.00,HK,10000,2025-05-14,,', // Hong Kong: fentanyl and reciprocal, 3,000
  'M1,9503.00.00,MO,10000,2025-05-14,,', // Macau: reciprocal only, 1,000
  'D1,9503.00.00,CN,10000,2025-02-04,2026-03-20,999.99', // Δ 0.01: not flagged; liquidated 42 days before as-of
  'D2,9503.00.00,CN,10000,2025-02-04,2025-12-01,999.98', // Δ 0.02: flagged; liquidated 151 days before
].join('\n');
const file = join(dir, 'entries.csv');
writeFileSync(file, `${ENTRIES}\n`);

const doc = (): any => {
  const r = run(['refund', '--input', file, '--as-of', '2026-05-01', '--format', 'json']);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout);
};

describe('tariff refund', () => {
  it('statuses and IEEPA duty on each side of every boundary date', () => {
    const byEntry = Object.fromEntries(doc().entries.map((e: any) => [e.entryNumber, [e.status, e.ieepaDuty]]));
    expect(byEntry).toMatchObject({
      B1: ['outside-window', 0],
      B2: ['refundable', 1000],
      B3: ['refundable', 10400],
      B4: ['refundable', 14500],
      B5: ['refundable', 14500],
      B6: ['refundable', 3000],
      B7: ['refundable', 3000],
      B8: ['refundable', 2000],
      B9: ['refundable', 2000],
      B10: ['outside-window', 0],
      X1: ['refundable', 2000],
      X2: ['refundable', 8000],
      X3: ['refundable', 1000],
      X4: ['no-ieepa', 0],
      H1: ['refundable', 3000],
      M1: ['refundable', 1000],
    });
  });

  it('each entry carries its IEEPA lines with their Chapter 99 heading and rate', () => {
    const b4 = doc().entries.find((e: any) => e.entryNumber === 'B4');
    expect(b4.lines.map((l: any) => [l.ref, l.rate, l.amount])).toEqual([
      ['9903.01.24', '20%', 2000],
      ['9903.01.63', '125%', 12500],
    ]);
    const x3 = doc().entries.find((e: any) => e.entryNumber === 'X3');
    expect(x3.lines.map((l: any) => [l.ref, l.rate, l.amount])).toEqual([['9903.01.25', '10%', 1000]]);
    const x4 = doc().entries.find((e: any) => e.entryNumber === 'X4');
    expect(x4.reason).toMatch(/Annex II.*9903\.01\.32/);
    const x2 = doc().entries.find((e: any) => e.entryNumber === 'X2');
    expect(x2.otherDuty).toBe(51000); // MFN 2.5% 1,000 + 301 100% 40,000 + 232 25% 10,000
  });

  it('declared vs computed, and the liquidation window of the current phase', () => {
    const es = doc().entries;
    expect(es.find((e: any) => e.entryNumber === 'D1')).toMatchObject({ declared: 999.99, difference: 0.01, flagged: false, liquidation: 'in-phase' });
    expect(es.find((e: any) => e.entryNumber === 'D2')).toMatchObject({ declared: 999.98, difference: 0.02, flagged: true, liquidation: 'outside-phase' });
    expect(es.find((e: any) => e.entryNumber === 'B2').liquidation).toBe('unliquidated');
  });

  it('the batch total is the sum of the entries, by layer and by month', () => {
    const d = doc();
    // refundable: 1,000 + 10,400 + 14,500 + 14,500 + 3,000 + 3,000 + 2,000 + 2,000 + 2,000 + 8,000 + 1,000 (X3)
    //   + 3,000 + 1,000 + 1,000 + 1,000 = 67,400
    expect(d.summary.ieepaDuty).toBe(67400);
    const sum = d.entries.filter((e: any) => e.status === 'refundable').reduce((s: number, e: any) => s + Math.round(e.ieepaDuty * 100), 0);
    expect(sum).toBe(6740000);
    expect(d.summary.refundable).toBe(15);
    expect(d.summary.byMonth['2025-04']).toBe(24900); // B3 + B4
    expect(d.summary.byLayer['ieepa-reciprocal']).toBe(8400 + 12500 + 12500 + 1000 + 1000 + 1000 + 1000 + 1000 + 1000 + 1000);
  });

  it('rows without a date are rejected with their line; exit 65; every row accounted for', () => {
    const f = join(dir, 'nodate.csv');
    writeFileSync(f, 'hts,origin,value,date\n9503.00.00,CN,100,\n9503.00.00,CN,100,2025-06-01\n');
    const r = run(['refund', '--input', f, '--format', 'json']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/nodate\.csv:2: date is required/);
    expect(r.stderr).toMatch(/entries read 2, reported 1, rejected 1/);
  });

  it('CSV output keeps the input columns and is claim-ready', () => {
    const r = run(['refund', '--input', file, '--as-of', '2026-05-01', '--format', 'csv']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'entry_number,hts,origin,value,date,liquidation_date,duty_paid_ieepa,status,ieepa_duty,ieepa_fentanyl,ieepa_reciprocal,other_duty,liquidation,difference,flagged,reason',
    );
    expect(lines[4]).toMatch(/^B4,9503\.00\.00,CN,10000,2025-04-10,,,refundable,14500\.00,2000\.00,12500\.00,0\.00,unliquidated,,false,/);
  });
});
