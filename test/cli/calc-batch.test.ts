/**
 * Batch `tariff calc --input`: CSV/NDJSON in, CSV/NDJSON/JSON out, every row accounted for,
 * rejections with line and column, atomic output, formula escaping, real pipes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import type { ScheduleIndex } from '../../src/schedule/schedule-index.js';
import { runIn } from '../cli-runner.js';
import { BIN, ROOT, bundledIndexFast, cleanEnv, mixedShipments, price, ship } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-batch-'));
const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

let ix: ScheduleIndex;
beforeAll(() => {
  ix = bundledIndexFast();
});

const GOOD = `id,hts,origin,value,mode,note
A1,9503.00.00,CN,10000,ocean,toys
A2,6109.10.00,CN,10000.00,ocean,"shirts, cotton"
A3,9401.61.60,CN,2500.50,air,sofa
`;

describe('CSV in, CSV out', () => {
  it('keeps the input columns and appends the documented ones, numbers to the cent', () => {
    const r = runIn(['calc', '--input', file('good.csv', GOOD), '--scenario', 'geneva-30']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    expect(rows[0]?.slice(0, 12)).toEqual([
      'id',
      'hts',
      'origin',
      'value',
      'mode',
      'note',
      'customs_value',
      'duty',
      'fees',
      'taxes',
      'landed_cost',
      'effective_rate',
    ]);
    expect(rows[0]).toContain('duty_ieepa_reciprocal'); // snake_case columns throughout
    // A1: the toy example: duty 3,000.00, fees 47.14, landed 13,047.14, rate 0.3
    expect(rows[1]?.slice(0, 12)).toEqual(['A1', '9503.00.00', 'CN', '10000', 'ocean', 'toys', '10000.00', '3000.00', '47.14', '0.00', '13047.14', '0.300000']); // a fraction with six decimals
    // A2: MFN 16.5% 1,650 + 4A 7.5% 750 + 20% 2,000 + 10% 1,000 = 5,400; fees 34.64 + 12.50
    expect(rows[2]?.slice(5, 12)).toEqual(['shirts, cotton', '10000.00', '5400.00', '47.14', '0.00', '15447.14', '0.540000']);
    // A3: List 3 25% × 2,500.50 = 625.125 → 625.13; fentanyl 20% = 500.10; reciprocal 10% = 250.05 → 1,375.28
    // MPF 0.3464% × 2,500.50 = 8.66 → min 32.71; air: no HMF
    expect(rows[3]?.slice(6, 11)).toEqual(['2500.50', '1375.28', '32.71', '0.00', '3908.49']);
    // report_hts, the last column: the numbers to report in CBP's order (CSMS #18-000624; IEEPA after
    // Section 301), each with its rate, the line's own number last with its MFN rate. A1 and A3 take
    // the fast path, A2 (a quoted note) the full path: one cell format for both.
    expect(rows[0]?.at(-1)).toBe('report_hts');
    expect(rows.slice(1, 4).map((x) => x.at(-1))).toEqual([
      '9903.01.24 20%;9903.01.25 10%;9503.00.00 0%', // toys: fentanyl 20%, reciprocal 10%, MFN free
      '9903.88.15 7.5%;9903.01.24 20%;9903.01.25 10%;6109.10.00 16.5%', // List 4A first, MFN 16.5%
      '9903.88.03 25%;9903.01.24 20%;9903.01.25 10%;9401.61.60 0%', // List 3 first
    ]);
  });

  it('report_hts: a row exempt by value reports its own number alone; one shipment writes the same column', () => {
    // 2024-06-01, $500 of German toys: within the $800 de minimis, nothing charged — no rate to report
    const r = runIn(['calc', '--input', file('deminimis.csv', 'hts,origin,value,date\n9503.00.0090,DE,500,2024-06-01\n')]);
    expect(r.exitCode).toBe(0);
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    expect(rows[1]?.at(-1)).toBe('9503.00.0090');
    const one = runIn(['calc', '--hts', '9503.00.0090', '--origin', 'CN', '--value', '1000', '--date', '2025-06-01', '--format', 'csv']);
    const cells = parseCsv(one.stdout).map((x) => x.fields);
    expect([cells[0]?.at(-1), cells[1]?.at(-1)]).toEqual(['report_hts', '9903.01.24 20%;9903.01.25 10%;9503.00.0090 0%']);
  });

  it('matches columns by name whatever the case, spaces and underscores; takes --origin as a default', () => {
    const r = runIn([
      'calc',
      '--input',
      file('names.csv', 'HTS Code,Entry_Value,Entry-Date\n9503.00.00,1000,2025-04-12\n'),
      '--origin',
      'CN',
      '--scenario',
      'as-entered',
      '--format',
      'ndjson',
    ]);
    expect(r.exitCode).toBe(0);
    // 2025-04-12: fentanyl 20% + reciprocal 125% of $1,000 = $1,450 (above the $800 de minimis)
    expect(JSON.parse(r.stdout)).toMatchObject({ line: 2, duty: 1450, date: '2025-04-12' });
  });

  it('keeps leading zeros, accepts codes without dots, a BOM, CRLF and no final newline', () => {
    const r = runIn([
      'calc',
      '--input',
      file('bom.csv', '\uFEFFhts,origin,value\r\n95030000,CN,100\r\n9503.00.00,CN,200'),
      '--scenario',
      'geneva-30',
      '--format',
      'ndjson',
    ]);
    expect(r.exitCode).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).duty),
    ).toEqual([30, 60]);
  });

  it('NDJSON input', () => {
    const r = runIn([
      'calc',
      '--input',
      file('in.ndjson', '{"hts":"9503.00.00","origin":"CN","value":100}\n\n{"hts":"9503.00.00","origin":"CN","value":"250.10"}\n'),
      '--input-format',
      'ndjson',
      '--scenario',
      'geneva-30',
      '--format',
      'ndjson',
    ]);
    expect(r.exitCode).toBe(0);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => [JSON.parse(l).line, JSON.parse(l).duty]),
    ).toEqual([
      [1, 30],
      [3, 75.03], // 30% × 250.10 = 75.03
    ]);
  });

  it('--format json is one document with the results and a summary', () => {
    const r = runIn(['calc', '--input', file('good2.csv', GOOD), '--scenario', 'geneva-30', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(2);
    expect(doc.results).toHaveLength(3);
    expect(doc.summary).toMatchObject({ rowsRead: 3, rowsPriced: 3, rowsRejected: 0 });
    // 3,000.00 + 5,400.00 + 1,375.28
    expect(doc.summary.byCurrency[0].duty).toBe(9775.28);
  });
});

describe('accounting: every row is priced or rejected', () => {
  const MIXED = `id,hts,origin,value,date
1,9503.00.00,CN,100,2025-05-14
2,9503.00.00,CN,"12,5O0",2025-05-14
3,9999.99.99,CN,100,2025-05-14
4,9503.00.00,XX,100,2025-05-14
5,9503.00.00,CN,100,2025-13-01
6,8507.60.00,CN,100,2025-05-14
7,9503.00.00,CN,-1,2025-05-14
8,"9503.00.00",CN,100,2025-05-14
`;

  it('reports each bad row with file, line, column and value; exit 65 at the end', () => {
    const f = file('mixed.csv', MIXED);
    const r = runIn(['calc', '--input', f, '--scenario', 'as-entered', '--summary']);
    expect(r.exitCode).toBe(65);
    const data = parseCsv(r.stdout).slice(1);
    expect(data.map((x) => x.fields[0])).toEqual(['1', '8']);
    expect(r.stderr).toContain(`${f}:3: value "12,5O0" is not a decimal number`);
    expect(r.stderr).toMatch(new RegExp(`${f}:4: HTS 9999\\.99\\.99 is not in the US schedule`));
    expect(r.stderr).toContain(`${f}:5: origin "XX" is not an ISO 3166-1 country code`);
    expect(r.stderr).toContain(`${f}:6: date "2025-13-01" is not a calendar date`);
    expect(r.stderr).toMatch(new RegExp(`${f}:7: HTS 8507\\.60\\.00 is too short`));
    expect(r.stderr).toContain(`${f}:8: value "-1" must not be negative`);
    expect(r.stderr).toContain('rows read 8, priced 2, rejected 6');
  });

  it('--rejects writes the bad rows with line and error, ready to fix and re-run', () => {
    const rej = join(dir, 'rejects.csv');
    runIn(['calc', '--input', file('mixed2.csv', MIXED), '--scenario', 'as-entered', '--rejects', rej]);
    const rows = parseCsv(readFileSync(rej, 'utf8')).map((x) => x.fields);
    expect(rows[0]).toEqual(['id', 'hts', 'origin', 'value', 'date', 'line', 'error']);
    expect(rows.slice(1).map((x) => x[5])).toEqual(['3', '4', '5', '6', '7', '8']);
    expect(rows[1]?.[3]).toBe('12,5O0');
  });

  it('--strict stops at the first bad row, exit 65, and leaves no output file', () => {
    const out = join(dir, 'strict-out.csv');
    const r = runIn(['calc', '--input', file('mixed3.csv', MIXED), '--scenario', 'as-entered', '--strict', '-o', out]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/mixed3\.csv:3: value "12,5O0"/);
    expect(existsSync(out)).toBe(false);
  });

  it('-o replaces the target only on success', () => {
    const out = file('keep.csv', 'previous content\n');
    const r = runIn(['calc', '--input', file('nohts.csv', 'origin,value\nCN,1\n'), '-o', out]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/no hts column/);
    expect(readFileSync(out, 'utf8')).toBe('previous content\n');
    const ok = runIn(['calc', '--input', file('ok.csv', GOOD), '--scenario', 'geneva-30', '-o', out]);
    expect(ok).toMatchObject({ exitCode: 0, stdout: '' });
    expect(readFileSync(out, 'utf8')).toMatch(/^id,hts,origin/);
  });

  it('malformed quoting and an oversized field are rejections, not crashes', () => {
    const big = 'x'.repeat(1_100_000);
    const f = file('broken.csv', `hts,origin,value,note\n9503.00.00,CN,1,"ab"c\n9503.00.00,CN,1,${big}\n9503.00.00,CN,2,ok\n9503.00.00,CN,3,"open`);
    const r = runIn(['calc', '--input', f, '--scenario', 'geneva-30', '--summary']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/broken\.csv:2: unexpected character after closing quote/);
    expect(r.stderr).toMatch(/broken\.csv:3: field longer than/);
    expect(r.stderr).toMatch(/broken\.csv:5: unterminated quoted field/);
    expect(r.stderr).toContain('rows read 4, priced 1, rejected 3');
  });

  it('an empty input is an error; a header alone gives a header and a warning', () => {
    expect(runIn(['calc', '--input', file('empty.csv', '')]).exitCode).toBe(65);
    const r = runIn(['calc', '--input', file('header.csv', 'hts,origin,value\n'), '--scenario', 'geneva-30']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^hts,origin,value,customs_value/);
    expect(r.stderr).toMatch(/no data rows/);
  });

  it('unreadable input: exit 66', () => {
    expect(runIn(['calc', '--input', join(dir, 'missing.csv')]).exitCode).toBe(66);
    expect(runIn(['calc', '--input', dir]).exitCode).toBe(66);
  });
});

describe('spreadsheet safety', () => {
  it('neutralises formulas in echoed text cells, leaves numbers alone; --no-escape-formulas turns it off', () => {
    const f = file(
      'formula.csv',
      'hts,origin,value,note,adj\n9503.00.00,CN,100,=HYPERLINK("x"),-12.50\n9503.00.00,CN,100,@SUM(A1),+1\n9503.00.00,CN,100,＝1+1,-x\n',
    );
    const rows = parseCsv(runIn(['calc', '--input', f, '--scenario', 'geneva-30']).stdout).map((x) => x.fields);
    expect(rows.slice(1).map((x) => [x[3], x[4]])).toEqual([
      ['\'=HYPERLINK("x")', '-12.50'],
      ["'@SUM(A1)", "'+1"],
      ["'＝1+1", "'-x"],
    ]);
    const raw = parseCsv(runIn(['calc', '--input', f, '--scenario', 'geneva-30', '--no-escape-formulas']).stdout).map((x) => x.fields);
    expect(raw[1]?.[3]).toBe('=HYPERLINK("x")');
  });
});

describe('pipes', () => {
  it('reads piped stdin when no shipment flags are given', () => {
    const r = runIn(['calc', '--scenario', 'geneva-30', '--format', 'ndjson'], { input: GOOD });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
  });

  it('`| head -1` ends quietly with exit 0', () => {
    const rows = ['hts,origin,value', ...Array.from({ length: 200_000 }, (_, i) => `9503.00.00,CN,${i + 1}`)].join('\n');
    const f = file('many.csv', rows);
    const r = spawnSync('bash', ['-c', `node ${BIN} calc --input ${f} --scenario geneva-30 | head -1; echo "status=\${PIPESTATUS[0]}"`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(r.stdout).toMatch(/^hts,origin,value,customs_value/);
    expect(r.stdout).toContain('status=0');
    expect(r.stderr).toBe('');
  });
});

describe('batch numbers equal single calculations', () => {
  it('2,000 rows through the CLI (-o, --format json): every row and the totals equal the library on the same shipment (50,000 in process: unit/batch/batch-vs-single)', () => {
    const { shipments, lines } = mixedShipments(2_000);
    // the document is large (every row's audit trail): written to a file, not through a pipe buffer
    const out = file('fifty.json', '');
    const r = runIn(['calc', '--input', file('fifty.csv', `${lines.join('\n')}\n`), '--scenario', 'as-entered', '--format', 'json', '-o', out]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.results).toHaveLength(2_000);
    let duty = 0;
    let landed = 0;
    shipments.forEach((s, i) => {
      const b = price(ix, 'as-entered', ship({ hts: s[0], origin: s[1], value: s[2] as string, freight: s[3], mode: s[4] as any, date: s[5] }));
      const got = doc.results[i];
      expect([got.customsValue, got.duty, got.fees, got.landedCost]).toEqual([b.customsValue / 100, b.duty / 100, b.fees / 100, b.landedCost / 100]);
      duty += b.duty;
      landed += b.landedCost;
    });
    expect(doc.summary.byCurrency[0].duty).toBe(duty / 100);
    expect(doc.summary.byCurrency[0].landedCost).toBe(landed / 100);
  });
});

describe('calc --input without a column it needs: refused before any row (batch/columns.ts requiredColumns), exit 65', () => {
  const refusal = (r: { stderr: string }) => r.stderr.slice(r.stderr.indexOf('tariff: '));
  it('no value column: named, with the columns calc needs and what to do', () => {
    const f = file('no-value.csv', 'id,hts,origin\nA,9503.00.00,CN\n');
    const r = runIn(['calc', '--input', f, '--scenario', 'geneva-30']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(refusal(r)).toBe(
      [
        `tariff: ${f}: the input has no value column`,
        '  columns found: id, hts, origin; tariff calc needs hts, origin (or --origin) and value columns',
        '  to fix: add the column, or map a column of another name to it with --columns "Your Name=value"',
        '',
      ].join('\n'),
    );
  });

  it('no origin column: --origin offered; with --origin the file is priced', () => {
    const f = file('no-origin.csv', 'id,hts,value\nA,9503.00.00,100\n');
    const r = runIn(['calc', '--input', f, '--scenario', 'geneva-30']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(refusal(r)).toBe(
      [
        `tariff: ${f}: the input has no origin column`,
        '  columns found: id, hts, value; tariff calc needs hts, origin (or --origin) and value columns',
        '  to fix: add the column, map a column of another name to it with --columns "Your Name=origin", or pass --origin to give every row the same origin',
        '',
      ].join('\n'),
    );
    expect(runIn(['calc', '--input', f, '--scenario', 'geneva-30', '--origin', 'CN']).exitCode).toBe(0);
  });
});
