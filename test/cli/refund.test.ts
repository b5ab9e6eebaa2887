/**
 * `tariff refund`: hand-worked entries on each side of every boundary date, exempt lines, 232
 * goods, Hong Kong and Macau, declared-vs-computed differences, batch total = sum of entries.
 * Rates: reference §1 (fentanyl 10/20/10%, reciprocal 10/84/125/10%), §7 (end 24 Feb 2026).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';

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
  const r = runIn(['refund', '--input', file, '--as-of', '2026-05-01', '--format', 'json']);
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
    const r = runIn(['refund', '--input', f, '--format', 'json']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/nodate\.csv:2: date is required/);
    expect(r.stderr).toMatch(/entries read 2, reported 1, rejected 1/);
  });

  it('CSV output keeps the input columns and is claim-ready', () => {
    const r = runIn(['refund', '--input', file, '--as-of', '2026-05-01', '--format', 'csv']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      'entry_number,hts,origin,value,date,liquidation_date,duty_paid_ieepa,status,ieepa_duty,ieepa_fentanyl,ieepa_reciprocal,other_duty,interest,interest_from,interest_to,liquidation,difference,flagged,reason',
    );
    // interest runs to today, past the table's end (2026-04-01): B4, 2025-04-10 → 2026-04-01, is filled in
    expect(lines[4]).toMatch(
      /^B4,9503\.00\.00,CN,10000,2025-04-10,,,refundable,14500\.00,2000\.00,12500\.00,0\.00,\d+\.\d\d,2025-04-10,2026-04-01,unliquidated,,false,/,
    );
  });
});

/**
 * Interest (19 U.S.C. 1505(c); CBP's quarterly overpayment rates, 6% corporate / 7% non-corporate
 * in every quarter of 2025 Q1–2026 Q1; compounded daily, 26 U.S.C. 6622), worked by hand:
 * interest = P × ((1 + r/365)^days − 1), rounded once; x = 0.06/365 = 0.000164383561643836.
 */
describe('tariff refund: interest from the deposit to --refund-date', () => {
  const f = join(dir, 'interest.csv');
  writeFileSync(
    f,
    [
      'entry_number,hts,origin,value,date,paid_date',
      // fentanyl 10% of 10,000 = 1,000.00; from the entry date 2025-02-04 to 2025-04-16 = 25 + 31 + 15 = 71 days,
      // across 2025 Q1 (56 days, FR Doc 2025-02228) and Q2 (15 days, FR Doc 2025-07451), 6% both:
      // 71x + 2485x² + 57155x³ = 0.011671232877 + 0.000067149559 + 0.000000253881 + 0.00000000071 = 0.011738637027
      // × 100,000 cents = 1,173.86 → 1,174 cents = $11.74
      'I1,9503.00.00,CN,10000,2025-02-04,',
      // fentanyl 20% (from 2025-03-04) of 10,000 = 2,000.00, deposited 2025-03-17 (paid_date, not the entry date):
      // 2025-03-17 → 2025-04-16 = 15 + 15 = 30 days; 30x + 435x² + 4060x³ = 0.004943279454
      // × 200,000 cents = 988.66 → 989 cents = $9.89
      'I2,9503.00.00,CN,10000,2025-03-10,2025-03-17',
      // before the window: no refund, no interest
      'O1,9503.00.00,CN,10000,2025-02-03,',
    ].join('\n'),
  );

  it('per entry and in total, in the JSON document, with each quarter and its notice', () => {
    const r = runIn(['refund', '--input', f, '--refund-date', '2025-04-16', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.refundDate).toBe('2025-04-16');
    expect(d.interestRate).toBe('corporate');
    const by = Object.fromEntries(d.entries.map((e: any) => [e.entryNumber, e]));
    expect(by.I1.interest).toEqual({
      amount: 11.74,
      from: '2025-02-04',
      to: '2025-04-16',
      days: 71,
      periods: [
        { from: '2025-02-04', to: '2025-04-01', days: 56, rate: '6%', ref: 'CBP notice of 5 Feb 2025, 90 FR 9036 (FR Doc 2025-02228)' },
        { from: '2025-04-01', to: '2025-04-16', days: 15, rate: '6%', ref: 'CBP notice of 30 Apr 2025 (FR Doc 2025-07451)' },
      ],
    });
    expect(by.I2).toMatchObject({ ieepaDuty: 2000, paidDate: '2025-03-17', interest: { amount: 9.89, from: '2025-03-17', days: 30 } });
    expect(by.O1).toMatchObject({ status: 'outside-window', interest: null });
    // 11.74 + 9.89 = 21.63; with the duty 3,000.00: 3,021.63
    expect(d.summary).toMatchObject({ ieepaDuty: 3000, interest: 21.63, ieepaDutyWithInterest: 3021.63 });
    expect(d.notes).toEqual([]);
    expect(d.program.interest.quarters.map((q: any) => [q.from, q.corporate, q.nonCorporate])).toEqual([
      ['2025-01-01', '6%', '7%'],
      ['2025-04-01', '6%', '7%'],
      ['2025-07-01', '6%', '7%'],
      ['2025-10-01', '6%', '7%'],
      ['2026-01-01', '6%', '7%'],
    ]);
  });

  it('the non-corporate rate, in the CSV and the table', () => {
    // I2 at 7%: x = 0.07/365; 30x + 435x² + 4060x³ = 0.005753424658 + 0.000015999249 + 0.000000028638 = 0.005769452545
    //   × 200,000 = 1,153.89 → $11.54
    const csv = runIn(['refund', '--input', f, '--refund-date', '2025-04-16', '--interest-rate', 'non-corporate', '--format', 'csv']);
    expect(csv.exitCode).toBe(0);
    expect(csv.stdout.split('\n')[2]).toMatch(
      /^I2,9503\.00\.00,CN,10000,2025-03-10,2025-03-17,refundable,2000\.00,2000\.00,0\.00,0\.00,11\.54,2025-03-17,2025-04-16,/,
    );
    const table = runIn(['refund', '--input', f, '--refund-date', '2025-04-16']);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain('interest to 2025-04-16 (corporate overpayment rate, compounded daily): $21.63; duty and interest $3,021.63');
  });

  it('a refund date past the rate table: interest to its end, a warning on stderr and a note', () => {
    // I1: 2025-02-04 → 2026-04-01 = 421 days at 6%: 100,000 × ((1 + x)^421 − 1) = 7,165.03 → $71.65
    const r = runIn(['refund', '--input', f, '--refund-date', '2026-05-01', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("warning: the schedule's us-cbp-overpayment-interest table has no rate after 2026-03-31");
    const d = JSON.parse(r.stdout);
    expect(d.entries[0].interest).toMatchObject({ amount: 71.65, to: '2026-04-01', days: 421 });
    expect(d.notes).toEqual([expect.stringMatching(/not to the refund date 2026-05-01 — the interest of the later days is missing, not zero/)]);
  });

  it('bad --refund-date or --interest-rate: usage error, exit 2; a bad paid_date rejects its row, exit 65', () => {
    const a = runIn(['refund', '--input', f, '--refund-date', '2025-02-30']);
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toMatch(/--refund-date "2025-02-30" is not a calendar date/);
    const b = runIn(['refund', '--input', f, '--interest-rate', 'large-corporate']);
    expect(b.exitCode).toBe(2);
    expect(b.stderr).toMatch(/--interest-rate "large-corporate" is not a rate of CBP's notices/);
    const g = join(dir, 'bad-paid.csv');
    writeFileSync(g, 'hts,origin,value,date,paid_date\n9503.00.00,CN,100,2025-06-01,2025-13-01\n9503.00.00,CN,100,2025-06-01,2025-06-10\n');
    const c = runIn(['refund', '--input', g, '--refund-date', '2025-06-05', '--format', 'json']);
    expect(c.exitCode).toBe(65);
    expect(c.stderr).toMatch(/bad-paid\.csv:2: paid_date "2025-13-01" is not a calendar date/);
    expect(c.stderr).toMatch(/bad-paid\.csv:3: deposit date 2025-06-10 is after the refund date 2025-06-05/);
  });
});

/**
 * --cape DIR: the CAPE declaration files (one column "Entry Number", 9,999 entries a file: CBP's
 * CAPE information collection and Quick Reference Guide, src/core/cape.ts), and the entries that need
 * a protest (liquidated before the phase's 80 days; 180 days after liquidation, 19 U.S.C. 1514(c)(3)).
 */
describe('tariff refund --cape', () => {
  const f = join(dir, 'cape.csv');
  writeFileSync(
    f,
    [
      'entry_number,hts,origin,value,date,liquidation_date',
      'ABC-1234567-8,9503.00.00,CN,10000,2025-06-01,', // unliquidated: declared (dashes out)
      'ABC-1234567-8,9503.00.00,CN,500,2025-06-01,', // the same entry's second line: once
      'ABC12345679,9503.00.00,CN,10000,2025-06-01,2026-03-20', // 42 days before as-of: in the phase, declared
      'ABC12345680,9503.00.00,CN,10000,2025-06-01,2025-12-01', // 151 days: protest by 2025-12-01 + 180 = 2026-05-30
      'ABC12345681,9503.00.00,CN,10000,2025-06-01,2025-09-01', // protest by 2026-02-28: passed on 2026-05-01
      'ABC12345682,9503.00.00,CN,10000,2025-01-01,', // before the window: not refundable, not declared
      'XYZ,9503.00.00,CN,10000,2025-06-01,', // not an entry number: warned, not declared
    ].join('\n'),
  );

  it('declaration and protest files, each entry once, in the order first seen', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tariff-cape-')), 'cape');
    const r = runIn(['refund', '--input', f, '--as-of', '2026-05-01', '--refund-date', '2026-03-31', '--cape', out, '--format', 'csv']);
    expect(r.exitCode).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['cape-declaration-001.csv', 'protest-needed.csv']);
    expect(readFileSync(join(out, 'cape-declaration-001.csv'), 'utf8')).toBe('Entry Number\nABC12345678\nABC12345679\n');
    expect(readFileSync(join(out, 'protest-needed.csv'), 'utf8')).toBe(
      'entry_number,liquidation_date,protest_deadline,deadline_passed\nABC12345680,2025-12-01,2026-05-30,false\nABC12345681,2025-09-01,2026-02-28,true\n',
    );
    expect(r.stderr).toMatch(/cape\.csv:8: --cape: refundable, but entry number "XYZ" is not 11 letters and digits: not declared/);
    expect(r.stderr).toMatch(
      /--cape .*cape: 2 entries in 1 declaration file \(cape-declaration-001\.csv\); 2 need a protest instead \(protest-needed\.csv, 1 past the 180 days\); 1 refundable row without a usable entry number not declared/,
    );
  });

  it('9,999 entries a file: 10,001 entries make two files (9,999 + 2)', () => {
    const big = join(dir, 'cape-big.csv');
    const rows = Array.from({ length: 10_001 }, (_, i) => `ABC${String(i).padStart(8, '0')},9503.00.00,CN,100,2025-06-01,`);
    writeFileSync(big, `entry_number,hts,origin,value,date,liquidation_date\n${rows.join('\n')}\n`);
    const out = mkdtempSync(join(tmpdir(), 'tariff-cape-big-'));
    const r = runIn(['refund', '--input', big, '--as-of', '2026-05-01', '--refund-date', '2026-03-31', '--cape', out, '--format', 'ndjson']);
    expect(r.exitCode).toBe(0);
    const one = readFileSync(join(out, 'cape-declaration-001.csv'), 'utf8').trimEnd().split('\n');
    const two = readFileSync(join(out, 'cape-declaration-002.csv'), 'utf8').trimEnd().split('\n');
    expect([one.length, two.length]).toEqual([1 + 9999, 1 + 2]); // a header each
    expect([one[1], one[9999], two[1], two[2]]).toEqual(['ABC00000000', 'ABC00009998', 'ABC00009999', 'ABC00010000']);
    expect(existsSync(join(out, 'protest-needed.csv'))).toBe(false);
  });

  it('without a liquidation_date column: refused, exit 65, nothing written', () => {
    const g = join(dir, 'cape-noliq.csv');
    writeFileSync(g, 'entry_number,hts,origin,value,date\nABC12345678,9503.00.00,CN,100,2025-06-01\n');
    const out = mkdtempSync(join(tmpdir(), 'tariff-cape-none-'));
    const r = runIn(['refund', '--input', g, '--cape', out]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/--cape needs a liquidation_date column/);
    expect(readdirSync(out)).toEqual([]);
  });
});

/**
 * examples/refund-year.csv: a year of Chinese toy entries (9503.00.00, $10,000 each, MFN free),
 * one a month, IEEPA duty by the law of each entry date (reference §1):
 *   2025-02-10 fentanyl 10%                      1,000.00
 *   2025-03-10 fentanyl 20%                      2,000.00
 *   2025-04-15, 05-12 20% + reciprocal 125%     14,500.00 each
 *   2025-06-02 … 10-15 (5) 20% + 10%             3,000.00 each
 *   2025-11-17, 12-15, 2026-01-15 10% + 10%      2,000.00 each
 *   total 1,000 + 2,000 + 29,000 + 15,000 + 6,000 = 53,000.00
 * Interest to 2026-03-31 at 6% (every quarter of the table), compounded daily on 365-day years:
 * duty × ((1 + 0.06/365)^days − 1), days from the entry date to the refund date, end exclusive:
 *   2026-01-15, 75 days:  2,000 × 0.0124041 = 24.808 → 24.81
 *   2025-02-10, 414 days: 1,000 × 0.0704180 = 70.418 → 70.42
 *   2025-04-15, 350 days: 14,500 × 0.0592165 = 858.640 → 858.64
 * Liquidation on --as-of 2026-05-01 (phase: liquidated within 80 days): liquidated 2025-12-26 (126
 * days) and 2026-01-23 (98 days) are outside the phase and need a protest within 180 days:
 * 2026-06-24 and 2026-07-22; 2026-02-27 (63 days) and 2026-03-27 (35 days) are in it.
 */
describe('examples/refund-year.csv', () => {
  it('principal and interest per entry, the phases and the CAPE files', () => {
    const cape = mkdtempSync(join(tmpdir(), 'tariff-refund-year-'));
    const r = runIn(['refund', 'examples/refund-year.csv', '--as-of', '2026-05-01', '--refund-date', '2026-03-31', '--format', 'ndjson', '--cape', cape]);
    expect(r.exitCode).toBe(0);
    const entries = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(entries.map((e: any) => e.ieepaDuty)).toEqual([1000, 2000, 14500, 14500, 3000, 3000, 3000, 3000, 3000, 2000, 2000, 2000]);
    expect(entries.every((e: any) => e.status === 'refundable' && e.difference === 0)).toBe(true);
    const byNumber = Object.fromEntries(entries.map((e: any) => [e.entryNumber, e]));
    expect(byNumber['RFY-0000112-8'].interest).toMatchObject({ amount: 24.81, days: 75 });
    expect(byNumber['RFY-0000101-1'].interest).toMatchObject({ amount: 70.42, days: 414 });
    expect(byNumber['RFY-0000103-7'].interest).toMatchObject({ amount: 858.64, days: 350 });
    expect(entries.map((e: any) => e.liquidation).slice(0, 5)).toEqual(['outside-phase', 'outside-phase', 'in-phase', 'in-phase', 'unliquidated']);
    expect(r.stderr).toContain('IEEPA duty 53000.00');
    expect(readFileSync(join(cape, 'protest-needed.csv'), 'utf8')).toBe(
      'entry_number,liquidation_date,protest_deadline,deadline_passed\nRFY00001011,2025-12-26,2026-06-24,false\nRFY00001029,2026-01-23,2026-07-22,false\n',
    );
    expect(readFileSync(join(cape, 'cape-declaration-001.csv'), 'utf8').trim().split('\n')).toHaveLength(11);
  });
});

describe("refund --input without a column it needs: calc's refusal (requiredColumns), exit 65", () => {
  it('no value and no date column: both named, plural; the date cannot be mapped by --columns, so only value is offered', () => {
    const f = join(dir, 'no-value-date.csv');
    writeFileSync(f, 'entry_number,hts,origin\nE1,9503.00.00,CN\n');
    const r = runIn(['refund', '--input', f, '--as-of', '2026-05-01']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr.slice(r.stderr.indexOf('tariff: '))).toBe(
      [
        `tariff: ${f}: the input has no value and date columns`,
        '  columns found: entry_number, hts, origin; tariff refund needs hts, origin (or --origin), value and date columns',
        '  to fix: add the columns, or map a column of another name to one with --columns "Your Name=value"',
        '',
      ].join('\n'),
    );
  });
});
