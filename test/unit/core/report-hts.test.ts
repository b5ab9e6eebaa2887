/**
 * The HTS numbers of an entry line in CBP's reporting order (src/core/report-hts.ts): Chapter 98,
 * Chapter 99 additional duties, then the trade remedies — Section 301, IEEPA fentanyl, IEEPA
 * reciprocal, Section 232/201 — then 9902, and the Chapter 1–97 line last (CSMS #18-000624;
 * IEEPA's place: CSMS #65829726). The breakdowns below are made up: only the fields read matter.
 */
import { describe, expect, it } from 'vitest';
import { reportCell, reportHts, reportHtsOf, reportPosition } from '../../../src/core/report-hts.js';
import type { AppliedLine, Breakdown } from '../../../src/core/types.js';

const line = (authority: string, ref: string, rateText: string, amount: number, kind: AppliedLine['kind'] = 'duty'): AppliedLine =>
  ({ measure: `m-${authority}-${ref}`, kind, authority, ref, rateText, amount, title: authority }) as AppliedLine;

const breakdown = (lines: AppliedLine[], importer = 'US', hts = '7208.10.1500'): Breakdown =>
  ({ importer, hts, htsLine: hts.slice(0, 10), lines }) as unknown as Breakdown;

/** [number or ref, position, rate, amount] of each reported number */
const rows = (b: Breakdown) => reportHts(b)?.map((r) => [r.hts ?? r.ref, r.position, r.rate, r.amount]);

describe('reportPosition: where a layer goes in the sequence', () => {
  it.each([
    ['s301', '9903.88.03', 'section-301'],
    ['s301-forced-labor', '9903.05.31', 'section-301'], // Section 301 whatever the action
    ['s301-brazil', '9903.05.01', 'section-301'],
    ['ieepa-fentanyl', '9903.01.24', 'ieepa-fentanyl'],
    ['ieepa-reciprocal', '9903.01.25', 'ieepa-reciprocal'],
    ['ieepa-reciprocal', '9903.01.32', 'ieepa-reciprocal'], // the Annex II exemption number sits where the duty would
    ['ieepa-brazil', '9903.01.77', 'ieepa-other'],
    ['s232', '9903.81.89', 'section-232-201'],
    ['s201', '9903.45.25', 'section-232-201'],
    ['s122', '9903.03.01', 'additional-duty'], // not a trade remedy the messages name: "additional duties" (2)
    ['s338', '9903.03.12', 'additional-duty'],
    ['mtb', '9902.12.34', 'replacement-duty'], // by its number, whatever the authority
    ['usmca', '9802.00.80', 'chapter-98'],
  ])('%s %s → %s', (authority, number, position) => {
    expect(reportPosition(authority, number)).toBe(position);
  });
});

describe('reportHts: the breakdown in CBP order', () => {
  it('steel of China, 2025: 301, IEEPA fentanyl, 232, then the line (the breakdown lists 232 before fentanyl)', () => {
    const b = breakdown([
      line('mfn', 'United States tariff 7208.10.15', '0%', 0),
      line('s301', '9903.91.01', '25%', 250_000),
      line('s232', '9903.81.89', '50%', 500_000),
      line('ieepa-fentanyl', '9903.01.24', '20%', 200_000),
      line('mpf', '19 CFR 24.23', '0.3464%', 3_464, 'fee'), // a fee has no number to report
    ]);
    expect(rows(b)).toEqual([
      ['9903.91.01', 'section-301', '25%', 250_000],
      ['9903.01.24', 'ieepa-fentanyl', '20%', 200_000],
      ['9903.81.89', 'section-232-201', '50%', 500_000],
      ['7208.10.1500', 'commodity', '0%', 0],
    ]);
  });

  it('every position at once, given in reverse: sorted into the sequence', () => {
    const b = breakdown([
      line('mfn', 'United States tariff 9503.00.00', '3.2%', 320),
      line('mtb', '9902.99.01', 'Free', 0),
      line('s201', '9903.45.25', '20%', 2_000),
      line('s232', '9903.82.02', '50%', 5_000),
      line('ieepa-brazil', '9903.01.77', '40%', 4_000),
      line('ieepa-reciprocal', '9903.01.25', '10%', 1_000),
      line('ieepa-fentanyl', '9903.01.24', '10%', 1_000),
      line('s301-forced-labor', '9903.05.31', '12.5%', 1_250),
      line('s301', '9903.88.15', '7.5%', 750),
      line('s122', '9903.03.01', '10%', 1_000),
      line('chapter98', '9802.00.50', '—', 0),
    ]);
    expect(rows(b)?.map((r) => r[0])).toEqual([
      '9802.00.50', // 1. Chapter 98
      '9903.03.01', // 2. additional duties
      '9903.05.31', // 3. trade remedies: Section 301 (in the breakdown's order within it) …
      '9903.88.15',
      '9903.01.24', // … IEEPA fentanyl
      '9903.01.25', // … IEEPA reciprocal
      '9903.01.77', // … other IEEPA (the tool's placement)
      '9903.45.25', // … Section 232 or 201, in the breakdown's order
      '9903.82.02',
      '9902.99.01', // 4. replacement duty (MTB)
      '7208.10.1500', // 6. the Chapter 1–97 line, last
    ]);
  });

  it('one number charged by two layers is reported once, its duties summed (0 + 0; 100 + 50 = 150)', () => {
    const b = breakdown([
      line('ieepa-reciprocal', '9903.01.32', '0%', 0),
      line('ieepa-reciprocal', '9903.01.32', '0%', 0),
      line('s301', '9903.88.03', '25%', 100),
      line('s301', '9903.88.03', '12.5%', 50),
    ]);
    expect(rows(b)).toEqual([
      ['9903.88.03', 'section-301', '25% + 12.5%', 150],
      ['9903.01.32', 'ieepa-reciprocal', '0%', 0],
      ['7208.10.1500', 'commodity', '', 0], // no MFN line given: no rate
    ]);
  });

  it('a reference naming several numbers keeps its text and no number; a layer with no number reports nothing', () => {
    const b = breakdown([
      line('ieepa-reciprocal', '9903.02.19 / 9903.02.20', '15% less MFN', 1_500),
      line('postal-duty', 'EO 14256 postal duty', '54%', 5_400),
    ]);
    expect(reportHts(b)?.[0]).toEqual({
      hts: null,
      ref: '9903.02.19 / 9903.02.20',
      position: 'ieepa-reciprocal',
      authority: 'ieepa-reciprocal',
      rate: '15% less MFN',
      amount: 1_500,
    });
    expect(reportHts(b)).toHaveLength(2);
  });

  it('another importer: no CBP order (null)', () => {
    expect(reportHts(breakdown([line('cn-retaliation', 'SCTC announcement of 4 Feb 2025', '10%', 100)], 'CN'))).toBeNull();
  });
});

describe('reportCell: the report_hts cell of a CSV row', () => {
  it('each number and its rate in CBP order, ";" between; the line\'s own number with its dots', () => {
    const b = breakdown(
      [line('mfn', '', '0%', 0), line('ieepa-reciprocal', '9903.01.25', '10%', 100), line('ieepa-fentanyl', '9903.01.24', '20%', 200)],
      'US',
      '9503000090',
    );
    expect(reportCell(reportHts(b))).toBe('9903.01.24 20%;9903.01.25 10%;9503.00.0090 0%');
  });

  it('a reference naming more than one number: the numbers without spaces, the words dropped', () => {
    const b = breakdown([line('s232', '9903.81.87-.91 (as amended 4 Jun 2025)', '50%', 500), line('s301', '9903.05.38 / 9903.05.39', '25%', 250)]);
    expect(reportCell(reportHts(b))).toBe('9903.05.38/9903.05.39 25%;9903.81.87-.91 50%;7208.10.1500');
  });

  it('two layers on one number: both rates, once; no duty line at all: the number alone; another importer: empty', () => {
    expect(reportCell(reportHtsOf('US', '9503.00.00', []))).toBe('9503.00.00');
    const two = [line('s122', '9903.03.01', '10%', 10), line('s122', '9903.03.01', '5%', 5)];
    expect(reportCell(reportHtsOf('US', '9503.00.00', two))).toBe('9903.03.01 10% + 5%;9503.00.00');
    expect(reportCell(reportHts(breakdown([line('mfn', '', '5%', 5)], 'CN')))).toBe('');
  });

  it('a breakdown priced without its trail reads its charged duty lines', () => {
    const b = {
      ...breakdown([]),
      charged: [{ kind: 'duty' as const, authority: 'ieepa-fentanyl', ref: '9903.01.24', rateText: '20%', amount: 200 }],
    } as Breakdown;
    expect(rows(b)).toEqual([
      ['9903.01.24', 'ieepa-fentanyl', '20%', 200],
      ['7208.10.1500', 'commodity', '', 0],
    ]);
  });
});
