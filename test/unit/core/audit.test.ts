/**
 * core/audit.ts: a filed line against the numbers the law requires (reportHts), table-style.
 * The required layers below are a Chinese line of 2025-06-02 at $10,000 (Geneva rates):
 * Section 301 List 4A 7.5% (9903.88.15) = 750.00, IEEPA fentanyl 20% (9903.01.24) = 2,000.00,
 * IEEPA reciprocal 10% (9903.01.25) = 1,000.00, MFN 16.5% on 6109.10.00 = 1,650.00;
 * duty 750 + 2,000 + 1,000 + 1,650 = 5,400.00; MPF 0.3464% = 34.64.
 */
import { describe, expect, it } from 'vitest';
import {
  addToAuditTotals,
  auditLine,
  emptyAuditTotals,
  mergeLineParts,
  normaliseNumber,
  parseFailOn,
  splitNumbers,
  unpriceableLine,
  type FiledLine,
} from '../../../src/core/audit.js';
import type { ReportHts } from '../../../src/core/report-hts.js';
import { auditColumns, readFiled } from '../../../src/batch/audit-columns.js';

const layer = (hts: string | null, ref: string, position: ReportHts['position'], authority: string, rate: string, amount: number): ReportHts => ({
  hts,
  ref,
  position,
  authority,
  rate,
  amount,
});
const REPORT: ReportHts[] = [
  layer('9903.88.15', '9903.88.15', 'section-301', 's301', '7.5%', 75000),
  layer('9903.01.24', '9903.01.24', 'ieepa-fentanyl', 'ieepa-fentanyl', '20%', 200000),
  layer('9903.01.25', '9903.01.25', 'ieepa-reciprocal', 'ieepa-reciprocal', '10%', 100000),
  layer('6109.10.00', '6109.10.00', 'commodity', 'mfn', '16.5%', 165000),
];
const DUTY = 540000;
const FEES = 3464;
const ALL = ['9903.88.15', '9903.01.24', '9903.01.25'];
const filed = (reported: string[], dutyPaid: number | null, paidByNumber: Record<string, number> | null = null, feesPaid: number | null = null): FiledLine => ({
  reported,
  dutyPaid,
  feesPaid,
  paidByNumber: paidByNumber ? new Map(Object.entries(paidByNumber)) : null,
});

describe('auditLine', () => {
  const cases: [string, FiledLine, string, string[], number | null, string[], string[]][] = [
    // name, filed, status, problems, difference (paid − required), missing, extra
    ['all reported, paid 5,400.00 = required', filed(ALL, DUTY), 'ok', [], 0, [], []],
    // 301 number left out and its 750.00 not paid: 4,650.00 − 5,400.00 = −750.00
    ['301 left out and unpaid', filed(['9903.01.24', '9903.01.25'], 465000), 'missing-99', ['missing-99', 'underpaid'], -75000, ['9903.88.15'], []],
    // fentanyl at its old 10% (1,000.00 for 2,000.00): 4,400.00 − 5,400.00 = −1,000.00
    ['fentanyl paid at 10%', filed(ALL, 440000), 'underpaid', ['underpaid'], -100000, [], []],
    // reciprocal paid twice: 6,400.00 − 5,400.00 = +1,000.00
    ['reciprocal paid twice', filed(ALL, 640000), 'overpaid', ['overpaid'], 100000, [], []],
    // 9903.88.03 (List 3, 25% = 2,500.00) reported and paid on a List 4A line: 7,900.00 − 5,400.00 = +2,500.00
    ['a 301 list number not required', filed([...ALL, '9903.88.03'], 790000), 'extra-99', ['extra-99', 'overpaid'], 250000, [], ['9903.88.03']],
    // no amount given: the numbers only
    ['no duty paid given', filed(ALL, null), 'ok', [], null, [], []],
    // both kinds at once: missing-99 is the headline, both are problems
    [
      'one missing, one extra',
      filed(['9903.01.24', '9903.01.25', '9903.88.03'], DUTY),
      'missing-99',
      ['missing-99', 'extra-99'],
      0,
      ['9903.88.15'],
      ['9903.88.03'],
    ],
  ];
  it.each(cases)('%s', (_name, f, status, problems, difference, missing, extra) => {
    const r = auditLine(REPORT, DUTY, FEES, f);
    expect(r.status).toBe(status);
    expect(r.problems).toEqual(problems);
    expect(r.difference).toBe(difference);
    expect(r.missing).toEqual(missing);
    expect(r.extra).toEqual(extra);
    expect(r.required99).toEqual(ALL);
    expect(r.dutyRequired).toBe(DUTY);
  });

  it('per-number amounts: each layer paid vs required', () => {
    // 301 750.00 ✓, fentanyl 2,000.00 ✓, reciprocal paid 2,000.00 for 1,000.00 (+1,000.00), MFN 1,650.00 ✓
    const r = auditLine(REPORT, DUTY, FEES, filed(ALL, null, { '9903.88.15': 75000, '9903.01.24': 200000, '9903.01.25': 200000, '6109.10.00': 165000 }));
    // no duty_paid: the total paid is the sum of the per-number amounts, 6,400.00
    expect(r.status).toBe('overpaid');
    expect(r.layers.map((l) => [l.number, l.required, l.paid, l.difference])).toEqual([
      ['9903.88.15', 75000, 75000, 0],
      ['9903.01.24', 200000, 200000, 0],
      ['9903.01.25', 100000, 200000, 100000],
      ['6109.10.00', 165000, 165000, 0],
    ]);
    expect(r.reason).toBe('overpaid 1000.00; by number: 9903.01.25 +1000.00');
  });

  it('fees are compared, not judged', () => {
    // MPF 34.64 required, 30.00 paid: −4.64, status still ok
    const r = auditLine(REPORT, DUTY, FEES, filed(ALL, DUTY, null, 3000));
    expect([r.status, r.feesRequired, r.feesPaid, r.feesDifference]).toEqual(['ok', 3464, 3000, -464]);
  });

  it('a reference naming two numbers is satisfied by either', () => {
    const two = [
      layer(null, '9903.02.19 / 9903.02.20', 'ieepa-other', 'ieepa-brazil', '40%', 400000),
      layer('0901.21.00', '0901.21.00', 'commodity', 'mfn', 'Free', 0),
    ];
    expect(auditLine(two, 400000, 0, filed(['9903.02.20'], 400000)).status).toBe('ok');
    expect(auditLine(two, 400000, 0, filed([], 400000)).missing).toEqual(['9903.02.19 / 9903.02.20']);
  });

  it('unpriceable: the reason, nothing required', () => {
    const r = unpriceableLine('HTS 6109.10.99 is not in the US schedule', filed(['9903.01.24'], 10000));
    expect([r.status, r.dutyRequired, r.dutyPaid, r.difference]).toEqual(['unpriceable', null, 10000, null]);
  });
});

describe('totals', () => {
  it('an entry of an ok line, an underpaid one and an unpriceable one', () => {
    const t = emptyAuditTotals();
    addToAuditTotals(t, auditLine(REPORT, DUTY, FEES, filed(ALL, DUTY)));
    addToAuditTotals(t, auditLine(REPORT, DUTY, FEES, filed(ALL, 440000)));
    addToAuditTotals(t, unpriceableLine('x', filed([], 10000)));
    // required 5,400 + 5,400 = 10,800.00; paid 5,400 + 4,400 = 9,800.00 (the unpriceable 100.00 not summed)
    expect([t.lines, t.dutyRequired, t.dutyPaid, t.difference, t.underpaid, t.overpaid, t.status]).toEqual([
      3,
      1080000,
      980000,
      -100000,
      100000,
      0,
      'unpriceable',
    ]);
    expect(t.byStatus).toMatchObject({ ok: 1, underpaid: 1, unpriceable: 1 });
  });
});

describe('one entry line filed over several rows (one HTS number a row)', () => {
  it('the rows of the T-shirt line as one filed line: numbers, duty by number, fees added up', () => {
    // rows: 9903.88.15 paid 750.00, 9903.01.24 2,000.00, 9903.01.25 1,000.00, 6109.10.00 1,650.00 with fees 34.64
    const m = mergeLineParts([
      { number: '9903.88.15', filed: filed([], 75000) },
      { number: '99030124', filed: filed([], 200000) },
      { number: '9903.01.25', filed: filed([], 100000) },
      { number: '6109.10.0010', filed: filed([], 165000, null, 3464) },
    ]);
    if (typeof m === 'string') throw new Error(m);
    expect(m.commodity).toBe(3);
    expect(m.filed.reported).toEqual(ALL);
    // 750 + 2,000 + 1,000 + 1,650 = 5,400.00 paid in all; each row's amount under its own number
    expect(m.filed.dutyPaid).toBe(540000);
    expect(Object.fromEntries(m.filed.paidByNumber ?? [])).toEqual({ '9903.88.15': 75000, '9903.01.24': 200000, '9903.01.25': 100000, '6109.10.00': 165000 });
    expect(m.filed.feesPaid).toBe(3464);
    // priced as one line: ok, every layer paid to the cent
    const r = auditLine(REPORT, DUTY, FEES, m.filed);
    expect([r.status, r.difference]).toEqual(['ok', 0]);
    expect(r.layers.map((l) => l.difference)).toEqual([0, 0, 0, 0]);
  });

  it('a row missing from the split line is missing-99 and underpaid by its layer', () => {
    const m = mergeLineParts([
      { number: '9903.01.24', filed: filed([], 200000) },
      { number: '6109.10.00', filed: filed([], 165000) },
      { number: '9903.01.25', filed: filed([], 100000) },
    ]);
    if (typeof m === 'string') throw new Error(m);
    expect(m.commodity).toBe(1);
    const r = auditLine(REPORT, DUTY, FEES, m.filed);
    // paid 2,000 + 1,650 + 1,000 = 4,650.00 of 5,400.00: −750.00, the 301 layer (9903.88.15 7.5%)
    expect([r.status, r.problems, r.missing, r.difference]).toEqual(['missing-99', ['missing-99', 'underpaid'], ['9903.88.15'], -75000]);
  });

  it('rows that cannot be one line: no Chapter 1–97 number, or two different ones', () => {
    expect(
      mergeLineParts([
        { number: '9903.01.24', filed: filed([], 1) },
        { number: '', filed: filed(['9903.01.25'], 1) },
      ]),
    ).toMatch(/none of its 2 rows has a Chapter 1–97 number/);
    expect(
      mergeLineParts([
        { number: '6109.10.00', filed: filed([], 1) },
        { number: '9503.00.00', filed: filed([], 1) },
      ]),
    ).toMatch(/two Chapter 1–97 numbers on one line \(6109\.10\.00, 9503\.00\.00\)/);
    // the same number on two rows (a 10-digit and its 8 digits) is one line's number
    const same = mergeLineParts([
      { number: '6109.10.0010', filed: filed([], 100) },
      { number: '6109.10.00', filed: filed([], 200) },
    ]);
    expect(typeof same === 'string' ? same : [same.commodity, same.filed.dutyPaid]).toEqual([0, 300]);
  });

  it('rows with duty_N amounts keep them; a row without any amount adds none', () => {
    const m = mergeLineParts([
      { number: '6109.10.00', filed: filed(['9903.01.24'], null, { '9903.01.24': 200000, '6109.10.00': 165000 }) },
      { number: '9903.01.25', filed: filed([], null) },
    ]);
    if (typeof m === 'string') throw new Error(m);
    expect(m.filed.reported).toEqual(['9903.01.24', '9903.01.25']);
    expect(m.filed.dutyPaid).toBeNull();
    expect(Object.fromEntries(m.filed.paidByNumber ?? [])).toEqual({ '9903.01.24': 200000, '6109.10.00': 165000 });
  });
});

describe('reading a filed line', () => {
  it('numbers as filed', () => {
    expect(normaliseNumber('99030124')).toBe('9903.01.24');
    expect(normaliseNumber(' 9903.01.2400 ')).toBe('9903.01.24');
    expect(normaliseNumber('9903.01')).toBeNull();
    expect(splitNumbers('9903.01.24; 9903.01.25|9903.88.15 , 9902.12.34')).toEqual(['9903.01.24', '9903.01.25', '9903.88.15', '9902.12.34']);
  });

  it('--fail-on', () => {
    expect(parseFailOn('underpaid,missing-99')).toEqual(['underpaid', 'missing-99']);
    expect(parseFailOn('underpaid,late')).toBe('late');
    expect(parseFailOn('ok')).toBe('ok');
  });

  it('reported_99 and hts_N/duty_N columns', () => {
    const header = ['Entry No', 'Line Number', 'Chapter 99', 'HTS_1', 'Duty_1', 'HTS 2', 'duty_2', 'Duty Paid', 'Fees'];
    const cols = auditColumns(header);
    expect([cols.entry, cols.line, cols.reported, cols.htsN, [...cols.dutyN], cols.dutyPaid, cols.fees]).toEqual([
      0,
      1,
      [2],
      [
        [1, 3],
        [2, 5],
      ],
      [
        [1, 4],
        [2, 6],
      ],
      7,
      8,
    ]);
    // the Chapter 1–97 number among hts_N is the line's own; 2,000.00 + 1,650.00 paid by number
    const r = readFiled(cols, header, ['E1', '1', '9903.01.25', '9903.01.24', '2000.00', '6109.10.00', '1650.00', '', '']);
    expect(r).toMatchObject({ ok: true, commodity: '6109.10.00', filed: { reported: ['9903.01.25', '9903.01.24'], dutyPaid: null, feesPaid: null } });
    expect(r.ok && [...(r.filed.paidByNumber ?? [])]).toEqual([
      ['9903.01.24', 200000],
      ['6109.10.00', 165000],
    ]);
    const bad = readFiled(cols, header, ['E1', '1', '6109.10.00', '', '', '', '', '', '']);
    expect(bad).toMatchObject({ ok: false, column: 'Chapter 99' });
    const money = readFiled(cols, header, ['E1', '1', '', '', '', '', '', '12,50', '']);
    expect(money).toMatchObject({ ok: false, column: 'Duty Paid' });
  });
});
