/**
 * timeline --input reads row by row as calc does: a bad row (unknown code, ragged, invalid) is
 * rejected with its file:line and written to --rejects, the others make the timeline, the counts
 * are printed, exit 65; a signal ends a long run at once (rows are priced a few per turn).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { runIn } from '../cli-runner.js';
import { BIN, cleanEnv, ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-timeline-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('timeline --input, row by row', () => {
  const input = join(dir, 'mixed.csv');
  writeFileSync(input, 'id,hts,origin,value\nA,9503.00.00,CN,1,000.00\nB,9999.99.99,CN,100\nC,9503.00.00,CN,100\nD,9503.00.00,CN,12x\n');
  const good = join(dir, 'good.csv');
  writeFileSync(good, 'id,hts,origin,value\nC,9503.00.00,CN,100\n');

  it('bad rows are rejected with file:line; the timeline is that of the good rows; counts on stderr; 65', () => {
    const rejects = join(dir, 'rejects.csv');
    const r = runIn(['timeline', input, '--format', 'csv', '--rejects', rejects]);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe(runIn(['timeline', good, '--format', 'csv']).stdout);
    expect(r.stderr).toContain(`${input}:2: the row has 5 fields, the header 4`);
    expect(r.stderr).toContain(`${input}:3: HTS 9999.99.99 is not in the US schedule`);
    expect(r.stderr).toContain(`${input}:5: `);
    expect(r.stderr).toContain('tariff: rows read 4, on the timeline 1, rejected 3');
    // a rejected record keeps every field as read (the ragged row A its fifth), then line and error
    const records = parseCsv(readFileSync(rejects, 'utf8')).map((r) => r.fields);
    expect(records[0]).toEqual(['id', 'hts', 'origin', 'value', 'line', 'error']);
    expect(records.slice(1).map((f) => f[0])).toEqual(['A', 'B', 'D']);
    expect(records[1]?.slice(0, 5)).toEqual(['A', '9503.00.00', 'CN', '1', '000.00']);
    expect(records.slice(1).map((f) => f[f.length - 2])).toEqual(['2', '3', '5']);
  });

  it('a header and no rows: exit 0, a warning naming the input as calc names it (stdin for -)', () => {
    const header = join(dir, 'header.csv');
    writeFileSync(header, 'hts,origin,value\n');
    for (const [args, input, name] of [
      [['timeline', '--input', header], undefined, header],
      [['timeline', '--input', '-'], 'hts,origin,value\n', 'stdin'],
    ] as const) {
      const r = runIn([...args], input === undefined ? {} : { input });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`warning: ${name} has a header but no data rows: nothing to put on a timeline\n`);
    }
  });

  it('--rejects without an input is a usage error; --rejects the input itself is refused', () => {
    expect(runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1', '--rejects', join(dir, 'x.csv')]).exitCode).toBe(2);
    const r = runIn(['timeline', input, '--rejects', input]);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(input, 'utf8')).toContain('A,9503.00.00,CN,1,000.00');
  });

  it('SIGTERM ends a long timeline by that signal, with nothing on stdout', async () => {
    // the input is stdin held open: the timeline is still reading (and pricing what it read) when
    // the signal comes, however fast the pricing is — a file of fixed size could be done before it
    const child = spawn(process.execPath, [BIN, 'timeline', '-'], { cwd: ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise((r) => child.on('exit', (_c, s) => r(s)));
    let text = 'id,hts,origin,value\n';
    for (let i = 1; i <= 2_000; i++) text += `${i},9503.00.00,CN,${i}\n`;
    child.stdin.write(text);
    await new Promise((r) => setTimeout(r, 2000));
    child.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    child.stdin.destroy();
    expect(stdout).toBe('');
    expect(stderr).toContain('tariff: interrupted by SIGTERM');
  }, 30_000);
});

describe('timeline rows for a line’s own rate changes (the staged special rates of 1 January)', () => {
  // 2008.11.15 (peanut butter) from Colombia, claimed CO: 8.7% until 2025-12-31, Free from
  // 2026-01-01 (data/lines/US-2008.json); the IEEPA baseline 10% until 2026-02-24, then Section 122's 10%.
  // 2025-12-01: $10,000 × (8.7% + 10%) = $1,870.00; 2026-01-01: $10,000 × 10% = $1,000.00
  const args = [
    'timeline',
    '--hts',
    '2008.11.15',
    '--origin',
    'CO',
    '--value',
    '10000',
    '--claim',
    'CO',
    '--from',
    '2025-12-01',
    '--to',
    '2026-03-01',
    '--format',
    'csv',
  ];

  it('a row on 2026-01-01 names the claimed rate that changes', () => {
    const r = runIn(args);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows.slice(0, 3)).toEqual([
      'date,event,duty,fees,taxes,landed_cost,effective_rate',
      '2025-12-01,(start of the timeline),1870.00,0.00,0.00,11870.00,0.187000',
      '2026-01-01,special rate of 2008.11.15: CO 8.7% → Free,1000.00,0.00,0.00,11000.00,0.100000',
    ]);
    expect(rows[3]).toMatch(/^2026-02-24,"ends: IEEPA reciprocal tariff, baseline 10%/);
  });

  it('a batch: the same row through the light runs and through the full path', () => {
    // CO $10,000 claimed CO and PA $5,000 claimed PA (13.1% → Free), and a toy from China
    // ($1,000: fentanyl 10% + reciprocal 10% in December 2025). 2025-12-01: 1,870 + 5,000 ×
    // 23.1% = 1,155 + 200 = $3,225.00; 2026-01-01: 1,000 + 500 + 200 = $1,700.00.
    const input = join(dir, 'staged.csv');
    writeFileSync(input, 'hts,origin,value,claim,date\n2008.11.15,CO,10000,CO,2025-12-05\n2008.11.15,PA,5000,PA,2025-12-05\n9503.00.00,CN,1000,,2025-12-05\n');
    const cmd = ['timeline', '--input', input, '--from', '2025-12-01', '--to', '2026-03-01', '--format', 'csv'];
    const light = runIn(cmd);
    expect(light.exitCode, light.stderr).toBe(0);
    expect(light.stdout.split('\n')[2]).toBe('2026-01-01,"special rate of 2008.11.15: CO 8.7% → Free, PA 13.1% → Free",1700.00,2.69,0.00,17702.69,0.106250');
    expect(light.stdout.split('\n')[1]).toMatch(/^2025-12-01,\(start of the timeline\),3225\.00,/);
    expect(runIn(cmd, { env: { TARIFF_FAST_PATH: '0' } }).stdout).toBe(light.stdout);
  });
});

describe('timeline --input reads rows as calc does (batch/row-shipment.ts, requiredColumns)', () => {
  it('a file without a value column is refused up front, as calc refuses it: exit 65, nothing on stdout', () => {
    const f = join(dir, 'no-value.csv');
    writeFileSync(f, 'id,hts,origin\nA,9503.00.00,CN\nB,9503.00.00,CN\n');
    const r = runIn(['timeline', f, '--format', 'csv']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    // no row is read: not "value is required" once a row
    expect(r.stderr).not.toContain('value is required');
    expect(r.stderr.slice(r.stderr.indexOf('tariff: '))).toBe(
      [
        `tariff: ${f}: the input has no value column`,
        '  columns found: id, hts, origin; tariff timeline needs hts, origin (or --origin) and value columns',
        '  to fix: add the column, or map a column of another name to it with --columns "Your Name=value"',
        '',
      ].join('\n'),
    );
  });

  it("a bad value: calc's words with their hint; a long row without --allow-ragged, which timeline does not take", () => {
    const f = join(dir, 'bad-value.csv');
    writeFileSync(f, 'id,hts,origin,value\nA,9503.00.00,CN,1e5\nB,9503.00.00,CN,1,000\nC,9503.00.00,CN,100\n');
    const r = runIn(['timeline', f, '--format', 'csv']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain(`${f}:2: value "1e5" is not a plain decimal number (no exponents, hex, NaN or Infinity) — write it like 10000 or 10000.50\n`);
    expect(r.stderr).toContain(`${f}:3: the row has 5 fields, the header 4: the extra field would be dropped — quote fields that contain commas\n`);
    expect(r.stderr).not.toContain('--allow-ragged');
    // the good row makes the timeline, as alone
    const good = join(dir, 'one-good.csv');
    writeFileSync(good, 'id,hts,origin,value\nC,9503.00.00,CN,100\n');
    expect(r.stdout).toBe(runIn(['timeline', good, '--format', 'csv']).stdout);
  });
});

describe('a row on the day the $250 informal-entry limit for Chapter 99 goods ends (2025-04-30)', () => {
  // Importer US's rule (data/schedule.json, 19 CFR 143.21(a)): informal entry up to $2,500, but only
  // up to $250 for goods with an additional Chapter 99 duty until 2025-04-29 (CBP suspended that
  // limit from 2025-04-30). A toy from China at
  // $1,000 (MFN free, fentanyl 20% + reciprocal 125% from 2025-04-10 = $1,450.00 duty) is entered
  // formally until then: MPF 0.3464% × $1,000 = $3.46, raised to the FY2025 minimum $32.71 →
  // landed 1,000 + 1,450 + 32.71 = $2,482.71; from 2025-04-30 informally: MPF $2.62 (FY2025
  // informal fee) → 1,000 + 1,450 + 2.62 = $2,452.62. Before this row existed, the drop showed on
  // 2025-05-02 under the de minimis change, which does not reach a $1,000 shipment.
  const range = ['--from', '2025-04-01', '--to', '2025-05-01', '--format', 'csv'];
  const text =
    '"suspended: the $250.00 limit on informal entry of goods with an additional Chapter 99 duty (19 CFR 143.21(a)); they may be entered informally up to $2,500.00, as other goods"';

  it('one shipment: the fees drop on 2025-04-30, under the rule that changes', () => {
    const r = runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1000', ...range]);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[4]).toMatch(/^2025-04-10,.*,1450\.00,32\.71,0\.00,2482\.71,1\.450000$/);
    expect(rows[5]).toBe(`2025-04-30,${text},1450.00,2.62,0.00,2452.62,1.450000`);
    expect(rows).toHaveLength(6);
  });

  it.each([
    ['5000', 'above both limits: formal either side'],
    ['100', 'within the lower limit: informal either side'],
  ])('a toy at $%s, %s: the rule does not reach it, no row', (value) => {
    const r = runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', value, ...range]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('2025-04-30');
  });

  it('an entry type given: the rule does not reach the shipment, no row', () => {
    const r = runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1000', '--entry-type', 'formal', ...range]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('2025-04-30');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^2025-04-10,.*,1450\.00,32\.71,0\.00,2482\.71,1\.450000$/);
  });

  it('a batch with --entry-type formal: every row formal, as calc takes the flag (it was ignored), no row', () => {
    // two $1,000 toys entered formally: fees 2 × $32.71 = $65.42 on every date
    const input = join(dir, 'formal.csv');
    writeFileSync(input, 'id,hts,origin,value\nA,9503.00.00,CN,1000\nB,9503.00.00,CN,1000\n');
    const envs: Record<string, string>[] = [{}, { TARIFF_FAST_PATH: '0' }];
    for (const env of envs) {
      const r = runIn(['timeline', '--input', input, '--entry-type', 'formal', ...range], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('2025-04-30');
      expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^2025-04-10,.*,2900\.00,65\.42,0\.00,4965\.42,1\.450000$/);
    }
  });

  it("a batch with --claim: the claim is every row's, as on one shipment (it was ignored)", () => {
    // 8708.99.81 (motor-vehicle parts) from Korea, $10,000, claimed KR (KORUS): the claim removes the
    // general rate (2.5%) and the MPF, so its figures differ from the unclaimed row's; the batch's must
    // be the single shipment's, date by date
    const input = join(dir, 'claim.csv');
    writeFileSync(input, 'hts,origin,value\n8708.99.81,KR,10000\n');
    const flags = ['--claim', 'KR', '--from', '2025-12-01', '--to', '2026-03-01', '--format', 'csv'];
    const batch = runIn(['timeline', '--input', input, ...flags]);
    const one = runIn(['timeline', '--hts', '8708.99.81', '--origin', 'KR', '--value', '10000', ...flags]);
    expect(batch.exitCode, batch.stderr).toBe(0);
    expect(one.exitCode, one.stderr).toBe(0);
    const figures = (out: string): string[] =>
      out
        .trimEnd()
        .split('\n')
        .map((l) => l.split(',').slice(-5).join(','));
    expect(figures(batch.stdout)).toEqual(figures(one.stdout));
    const unclaimed = runIn(['timeline', '--input', input, '--from', '2025-12-01', '--to', '2026-03-01', '--format', 'csv']);
    expect(figures(unclaimed.stdout)).not.toEqual(figures(batch.stdout));
  });

  it('a batch: the same through the light runs and through the full path', () => {
    // A: $100 from China, free under the de minimis exemption until 2025-05-02 (no duty, no fees);
    // B: the $1,000 toy above. 2025-04-30: duty 1,450.00, fees 2.62, landed 100 + 2,452.62 =
    // 2,552.62; rate 1,450 ÷ 1,100 = 1.318182
    const input = join(dir, 'informal.csv');
    writeFileSync(input, 'id,hts,origin,value\nA,9503.00.00,CN,100\nB,9503.00.00,CN,1000\n');
    const light = runIn(['timeline', '--input', input, ...range]);
    expect(light.exitCode, light.stderr).toBe(0);
    expect(light.stdout.trimEnd().split('\n')[5]).toBe(`2025-04-30,${text},1450.00,2.62,0.00,2552.62,1.318182`);
    expect(runIn(['timeline', '--input', input, ...range], { env: { TARIFF_FAST_PATH: '0' } }).stdout).toBe(light.stdout);
  });
});

describe('a row on the day an exchange rate of the schedule changes', () => {
  // A toy from China invoiced at CNY 7,000, converted at the schedule's CNY→USD rate of the law date
  // (data/schedule.json fx: 0.139437 from 2025-02-24, 0.140720 from 2025-08-28); MFN free,
  // fentanyl 20% + reciprocal 10% = 30% in August 2025; informal entry (under $2,500): MPF $2.62.
  // To 2025-08-27: 7,000 × 0.139437 = 976.059 → $976.06; duty 30% = 292.818 → $292.82;
  // landed 976.06 + 292.82 + 2.62 = $1,271.50. From 2025-08-28: 7,000 × 0.14072 = $985.04;
  // duty 295.512 → $295.51; landed 985.04 + 295.51 + 2.62 = $1,283.17.
  const range = ['--from', '2025-08-01', '--to', '2025-09-30', '--format', 'csv'];

  it('one shipment in yuan: the total moves on 2025-08-28, under the rate that changes', () => {
    const r = runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '7000', '--currency', 'CNY', ...range]);
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[1]).toBe('2025-08-01,(start of the timeline),292.82,2.62,0.00,1271.50,0.300002');
    expect(rows[3]).toBe("2025-08-28,exchange rate: 0.139437 → 0.14072 USD per CNY (the schedule's rate of 2025-08-28),295.51,2.62,0.00,1283.17,0.299998");
    expect(rows).toHaveLength(4);
  });

  it("from before the schedule's first yuan rate (the default --from, 2018-01-01): 65, naming the first rate's date", () => {
    const r = runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '7000', '--currency', 'CNY', '--format', 'csv']);
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no CNY→USD exchange rate in the schedule for the law date 2018-01-01; its first is dated 2025-02-24');
    expect(r.stderr).toContain('give --fx-rate (USD per CNY), a law date from 2025-02-24, or price in USD');
  });

  it("the table's title gives the amount in yuan and its value at the first date's rate", () => {
    const r = runIn([
      'timeline',
      '--hts',
      '9503.00.00',
      '--origin',
      'CN',
      '--value',
      '7000',
      '--currency',
      'CNY',
      '--from',
      '2025-08-01',
      '--to',
      '2025-09-30',
    ]);
    expect(r.exitCode, r.stderr).toBe(0);
    // ¥7,000.00 × 0.139437 (the rate of 2025-02-24, in force on 2025-08-01) = $976.06
    expect(r.stdout).toContain('CN → US, ¥7,000.00 ($976.06 at the rate of 2025-02-24; each date at its own), each date under the law in force on it');
  });

  it('in dollars, or at a rate given, nothing changes on that date: no row', () => {
    for (const extra of [[], ['--currency', 'CNY', '--fx-rate', '0.14']]) {
      const r = runIn(['timeline', '--hts', '9503.00.00', '--origin', 'CN', '--value', '7000', ...extra, ...range]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('2025-08-28');
      expect(r.stdout).not.toContain('exchange rate');
    }
  });

  it('a batch: the same through the light runs and through the full path', () => {
    const input = join(dir, 'yuan.csv');
    writeFileSync(input, 'id,hts,origin,value,currency\nA,9503.00.00,CN,1000,\nB,9503.00.00,CN,7000,CNY\n');
    const light = runIn(['timeline', '--input', input, ...range]);
    expect(light.exitCode, light.stderr).toBe(0);
    // A: $1,000 × 30% = $300.00, MPF $2.62 → 1,302.62; with B on 2025-08-28: duty 595.51, fees 5.24,
    // landed 2,585.79; rate 595.51 ÷ 1,985.04 = 0.29999…
    expect(light.stdout.trimEnd().split('\n')[3]).toMatch(/^2025-08-28,exchange rate: .*,595\.51,5\.24,0\.00,2585\.79,0\.29999\d$/);
    expect(runIn(['timeline', '--input', input, ...range], { env: { TARIFF_FAST_PATH: '0' } }).stdout).toBe(light.stdout);
  });
});
