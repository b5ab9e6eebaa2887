/**
 * `tariff audit` on examples/filed-lines.csv: a day of entry lines (2025-06-02, Geneva rates:
 * IEEPA fentanyl 20% 9903.01.24, reciprocal 10% 9903.01.25) with one planted error a line. The
 * figures are worked by hand in examples/README.md; in short (required → paid):
 *   ABC-1000001-1/1 toys CN $10,000: 2,000 + 1,000 = 3,000.00 → 3,000.00            ok
 *   ABC-1000001-1/2 T-shirts CN $10,000: MFN 16.5% 1,650 + 301 7.5% 750 + 2,000 + 1,000
 *                   = 5,400.00 → 4,650.00, 9903.88.15 not reported                   missing-99 (−750.00)
 *   ABC-1000002-9/1 chair CN $8,000: 301 25% 2,000 + 20% 1,600 + 10% 800 = 4,400.00
 *                   → 3,600.00 (fentanyl at its old 10%)                            underpaid −800.00
 *   ABC-1000002-9/2 toys CN $5,000 by number: 9903.01.24 1,000 ✓, 9903.01.25 paid 1,000
 *                   for 500 (paid twice) = 2,000.00 for 1,500.00                     overpaid +500.00
 *   ABC-1000003-7/1 furniture VN $12,000: 10% 1,200.00 → 2,100.00 with China's 301
 *                   List 4A number 9903.88.15 (7.5%, 900.00)                         extra-99 (+900.00)
 *   ABC-1000003-7/2 6109.10.99 (not in the tariff)                                   unpriceable
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';

const FILE = 'examples/filed-lines.csv';
const dir = mkdtempSync(join(tmpdir(), 'tariff-audit-'));

describe('tariff audit examples/filed-lines.csv', () => {
  it('finds every planted error with its status and amount', () => {
    const r = runIn(['audit', FILE, '--format', 'ndjson']);
    expect(r.exitCode).toBe(0);
    const recs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const lines = recs
      .filter((x) => x.record === 'line')
      .map((x) => [x.entryNumber, x.entryLine, x.status, x.dutyRequired, x.dutyPaid, x.difference, x.missing99, x.extra99]);
    expect(lines).toEqual([
      ['ABC-1000001-1', '1', 'ok', 3000, 3000, 0, [], []],
      ['ABC-1000001-1', '2', 'missing-99', 5400, 4650, -750, ['9903.88.15'], []],
      ['ABC-1000002-9', '1', 'underpaid', 4400, 3600, -800, [], []],
      ['ABC-1000002-9', '2', 'overpaid', 1500, 2000, 500, [], []],
      ['ABC-1000003-7', '1', 'extra-99', 1200, 2100, 900, [], ['9903.88.15']],
      ['ABC-1000003-7', '2', 'unpriceable', null, 100, null, [], []],
    ]);
    const unpriceable = recs.find((x) => x.status === 'unpriceable' && x.record === 'line');
    expect(unpriceable.reason).toMatch(/HTS 6109\.10\.99 is not in the US schedule/);
    const double = recs.find((x) => x.record === 'line' && x.status === 'overpaid');
    expect(double.layers.map((l: any) => [l.number, l.required, l.paid, l.difference])).toEqual([
      ['9903.01.24', 1000, 1000, 0],
      ['9903.01.25', 500, 1000, 500],
      ['9503.00.00', 0, 0, 0],
    ]);
    // the numbers required in CBP's order: 301 first, then IEEPA fentanyl, then reciprocal
    expect(recs[1].required99).toEqual(['9903.88.15', '9903.01.24', '9903.01.25']);
    // entries close as their lines end; then importers, then the total
    const groups = recs
      .filter((x) => x.record !== 'line')
      .map((x) => [x.record, x.entryNumber ?? x.importer ?? null, x.status, x.dutyRequired, x.dutyPaid, x.difference]);
    expect(groups).toEqual([
      ['entry', 'ABC-1000001-1', 'missing-99', 8400, 7650, -750],
      // 4,400 + 1,500 = 5,900 required; 3,600 + 2,000 = 5,600 paid; −800 + 500 = −300
      ['entry', 'ABC-1000002-9', 'underpaid', 5900, 5600, -300],
      // the unpriceable line is counted, not summed
      ['entry', 'ABC-1000003-7', 'unpriceable', 1200, 2100, 900],
      ['importer', 'Acme Toys Inc', 'missing-99', 14300, 13250, -1050],
      ['importer', 'Blue Harbor LLC', 'unpriceable', 1200, 2100, 900],
      ['total', null, 'unpriceable', 15500, 15350, -150],
    ]);
    expect(recs.at(-1)).toMatchObject({ underpaid: 1550, overpaid: 1400, lines: 6 });
    expect(r.stderr).toContain('rows read 6, audited 6, rejected 0');
  });

  it('--fail-on exits 1 after the output is written, naming the lines', () => {
    const r = runIn(['audit', FILE, '--format', 'csv', '--fail-on', 'underpaid,missing-99']);
    expect(r.exitCode).toBe(1);
    // the missing-99 line is underpaid too: two lines, not three
    expect(r.stderr).toContain('tariff: 2 lines with underpaid or missing-99 (--fail-on)');
    expect(r.stderr).toContain('filed-lines.csv:3: ABC-1000001-1 line 2: missing-99, underpaid');
    expect(r.stdout.split('\n')[0]).toMatch(/^record,entry_number,entry_line,input_line,importer,entry_date,hts,/);
    expect(r.stdout).toContain('total,,,,,,,,,unpriceable,,,,,,15500.00,15350.00,-150.00,');
    expect(runIn(['audit', FILE, '--fail-on', 'overpaid', '--format', 'csv']).exitCode).toBe(1);
    expect(runIn(['audit', FILE, '--fail-on', 'late']).exitCode).toBe(2);
  });

  it('table and json', () => {
    const t = runIn(['audit', FILE, '--no-color']);
    expect(t.exitCode).toBe(0);
    expect(t.stdout).toContain('ABC-1000001-1 line 2: required number not reported: 9903.88.15 (7.5%, 750.00); underpaid 750.00');
    expect(t.stdout).toContain('difference -$150.00 (underpaid $1,550.00, overpaid $1,400.00)');
    const j = runIn(['audit', FILE, '--format', 'json', '--fail-on', 'extra-99']);
    expect(j.exitCode).toBe(1);
    const doc = JSON.parse(j.stdout);
    expect(doc.rows).toEqual({ read: 6, priced: 6, rejected: 0 });
    expect(doc.checks[0]).toMatchObject({ gate: '--fail-on', passed: false });
    expect(doc.records).toHaveLength(6 + 3 + 2 + 1);
  });

  it('rows that cannot be read go to --rejects, counted; exit 65; CSV cells formula-escaped', () => {
    const input = join(dir, 'bad.csv');
    writeFileSync(
      input,
      [
        'entry,line_number,date,hts,chapter99,country_of_origin,entered_value,duty,importer',
        '=E1,1,2025-06-02,9503.00.00,99030124|99030125,CN,10000,3000,=cmd',
        'E2,1,2025-06-02,9503.00.00,6109.10.00,CN,10000,3000,Acme',
        'E3,1,,9503.00.00,9903.01.24,CN,10000,3000,Acme',
        'E4,1,2025-06-02,9503.00.00,9903.01.24 9903.01.25,CN,10000,30.001,Acme',
      ].join('\n'),
    );
    const rejects = join(dir, 'rejects.csv');
    const r = runIn(['audit', input, '--format', 'csv', '--rejects', rejects]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('bad.csv:3: chapter99 "6109.10.00" is not a Chapter 98/99 number');
    expect(r.stderr).toContain('bad.csv:4: entry_date is required');
    // the money cell read as every money cell is (parseMoneyField): its words and its hint
    expect(r.stderr).toContain('bad.csv:5: duty "30.001" has more than 2 decimals — round it to the cent yourself; tariff never rounds input silently');
    expect(r.stderr).toContain('rows read 4, audited 1, rejected 3');
    expect(r.stdout).toContain("line,'=E1,1,2,'=cmd,2025-06-02,9503.00.00,CN,10000.00,ok,");
    const rej = readFileSync(rejects, 'utf8').split('\n');
    expect(rej[0]).toBe('entry,line_number,date,hts,chapter99,country_of_origin,entered_value,duty,importer,line,error');
    expect(rej).toHaveLength(5);
  });

  it('hts_N columns without an hts column; stdin', () => {
    const csv =
      'entry_number,hts_1,duty_1,hts_2,duty_2,hts_3,duty_3,origin,value,entry_date\nE1,9903.01.24,2000.00,9903.01.25,1000.00,9503.00.00,0,CN,10000,2025-06-02\n';
    const r = runIn(['audit', '-', '--format', 'ndjson'], { input: csv });
    expect(r.exitCode).toBe(0);
    const line = JSON.parse(r.stdout.split('\n')[0] as string);
    expect([line.hts, line.status, line.dutyPaid, line.reported99]).toEqual(['9503.00.00', 'ok', 3000, ['9903.01.24', '9903.01.25']]);
  });

  it('an entry line filed one HTS number a row: audited as one line, the entry totalled once', () => {
    // E1 line 1: toys CN $10,000 on 2025-06-02 over three rows — 9903.01.24 paid 2,000.00, 9903.01.25
    // 1,000.00, 9503.00.00 (MFN free) 0.00: required 20% + 10% = 3,000.00, paid 3,000.00 → ok.
    // E1 line 2: toys CN $1,000 on one row, no Chapter 99 number, paid 300.00: required 200 + 100 = 300.00 → missing-99.
    // E2 line 1: over two rows, 9903.01.24 paid 2,000.00 and 9503.00.00 0.00 — 9903.01.25 not filed:
    // required 3,000.00, paid 2,000.00 → missing-99, −1,000.00. inputLine: the row of the line's own number.
    const csv = [
      'entry_number,line,entry_date,importer,hts,origin,entered_value,duty_paid',
      'E1,1,2025-06-02,Acme,9903.01.24,CN,10000.00,2000.00',
      'E1,1,2025-06-02,Acme,9903.01.25,CN,10000.00,1000.00',
      'E1,1,2025-06-02,Acme,9503.00.00,CN,10000.00,0.00',
      'E1,2,2025-06-02,Acme,9503.00.00,CN,1000.00,300.00',
      'E2,1,2025-06-02,Acme,9503.00.00,CN,10000.00,0.00',
      'E2,1,2025-06-02,Acme,9903.01.24,CN,,2000.00',
      '',
    ].join('\n');
    const r = runIn(['audit', '-', '--format', 'ndjson'], { input: csv });
    expect(r.exitCode).toBe(0);
    const recs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      recs.filter((x) => x.record === 'line').map((x) => [x.entryNumber, x.entryLine, x.inputLine, x.status, x.dutyRequired, x.dutyPaid, x.difference]),
    ).toEqual([
      ['E1', '1', 4, 'ok', 3000, 3000, 0],
      ['E1', '2', 5, 'missing-99', 300, 300, 0],
      ['E2', '1', 6, 'missing-99', 3000, 2000, -1000],
    ]);
    // the split line is compared number by number: 9903.01.25 required 1,000.00, paid 0
    const e2 = recs.find((x) => x.entryNumber === 'E2' && x.record === 'line');
    expect(e2.layers.map((l: any) => [l.number, l.required, l.paid])).toEqual([
      ['9903.01.24', 2000, 2000],
      ['9903.01.25', 1000, 0],
      ['9503.00.00', 0, 0],
    ]);
    // E1: 3,000 + 300 = 3,300.00 required and paid, two lines (not four rows); E2 one line, −1,000.00
    const groups = recs
      .filter((x) => x.record !== 'line')
      .map((x) => [x.record, x.entryNumber ?? x.importer ?? null, x.lines, x.dutyRequired, x.dutyPaid, x.difference]);
    expect(groups).toEqual([
      ['entry', 'E1', 2, 3300, 3300, 0],
      ['entry', 'E2', 1, 3000, 2000, -1000],
      ['importer', 'Acme', 3, 6300, 5300, -1000],
      ['total', null, 3, 6300, 5300, -1000],
    ]);
    expect(r.stderr).toContain('rows read 6, audited 3 (3 more rows filed as part of a line), rejected 0');
  });

  it('rows of one line with two different Chapter 1–97 numbers: every row rejected, exit 65', () => {
    const csv = 'entry_number,line,entry_date,hts,origin,value,duty_paid\nE1,1,2025-06-02,9503.00.00,CN,100,0\nE1,1,2025-06-02,6109.10.00,CN,100,0\n';
    const r = runIn(['audit', '-', '--format', 'ndjson'], { input: csv });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('entry E1 line 1 (rows 2, 3): two Chapter 1–97 numbers on one line (9503.00.00, 6109.10.00)');
  });

  it('a file without the columns audit needs: exit 65 with what to do', () => {
    const r = runIn(['audit', '-'], { input: 'entry_number,hts,origin\nE1,9503.00.00,CN\n' });
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'tariff: stdin: the input has no value and entry_date columns',
        '  columns found: entry_number, hts, origin; tariff audit needs hts (or hts_1 … hts_N), origin (or --origin), value and entry_date columns',
        '  to fix: add the columns, or map a column of another name to one with --columns "Your Name=value"',
        '  see tariff audit --help',
        '',
      ].join('\n'),
    );
  });

  it('a duty_paid that is not an amount: the words and hint of every money cell; exit 65', () => {
    const head = 'entry_number,line,entry_date,hts,origin,value,duty_paid\n';
    const r = runIn(['audit', '-', '--format', 'ndjson'], { input: `${head}E1,1,2025-06-02,9503.00.00,CN,100,1e3\nE2,1,2025-06-02,9503.00.00,CN,100,-5\n` });
    expect(r.exitCode).toBe(65);
    // both rows rejected: the total has no line
    expect(r.stdout).toContain('{"record":"total","status":"ok","lines":0,');
    expect(r.stderr).toContain('stdin:2: duty_paid "1e3" is not a plain decimal number (no exponents, hex, NaN or Infinity) — write it like 10000 or 10000.50');
    expect(r.stderr).toContain('stdin:3: duty_paid "-5" must not be negative — write it like 10000 or 10000.50');
  });

  it("ragged rows: calc's rule and words (no --allow-ragged here); a short row of optional cells is audited", () => {
    const head = 'entry_number,line,entry_date,hts,origin,value,duty_paid\n';
    // row 2 has an eighth field; row 3 lacks duty_paid (optional); row 4 lacks value and duty_paid
    const input = `${head}E1,1,2025-06-02,9503.00.00,CN,1,000,0\nE2,1,2025-06-02,9503.00.00,CN,100\nE3,1,2025-06-02,9503.00.00,CN\n`;
    const r = runIn(['audit', '-', '--format', 'ndjson'], { input });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('stdin:2: the row has 8 fields, the header 7: the extra field would be dropped — quote fields that contain commas\n');
    expect(r.stderr).toContain(
      "stdin:4: the row has 5 of the header's 7 fields: value is missing — the missing cells at the end of a row may only be optional columns",
    );
    expect(r.stderr).toContain('rows read 3, audited 1, rejected 2');
  });
});
