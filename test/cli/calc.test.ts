/** End-to-end: the built bin/tariff for single shipments, scenarios and help; {exitCode, stdout, stderr}. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BUNDLED } from '../helpers.js';

const TOY = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30'];

describe('tariff calc, one shipment', () => {
  it('prints the toy example table to the cent', () => {
    const r = runIn(TOY);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('$13,047.14');
    expect(r.stdout).toMatch(/IEEPA fentanyl\s+│ 9903\.01\.24\s+│\s+20% │ \$10,000\.00 │ \$2,000\.00/);
    expect(r.stdout).toMatch(/IEEPA reciprocal\s+│ 9903\.01\.25\s+│\s+10% │ \$10,000\.00 │ \$1,000\.00/);
    expect(r.stdout).toContain('$34.64');
    expect(r.stdout).toContain('$12.50');
    expect(r.stdout).not.toMatch(/\x1b\[/); // no colour in a pipe
  });

  it('--explain adds formulas and the layers not applied, with reasons', () => {
    const r = runIn([...TOY, '--explain']);
    expect(r.stdout).toContain('20% × $10,000.00');
    expect(r.stdout).toMatch(/Not applied[\s\S]*Section 301 List 4B \(9903\.88\.16\): suspended since 2019-12-15/);
  });

  it('--format json carries the documented fields', () => {
    const r = runIn([...TOY, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      schemaVersion: 2,
      scenario: 'geneva-30',
      date: '2025-05-14',
      importer: 'US',
      currency: 'USD',
      customsValue: 10000,
      duty: 3000,
      fees: 47.14,
      taxes: 0,
      landedCost: 13047.14,
      effectiveRate: 0.3,
    });
    expect(doc.schedule).toMatchObject({ version: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{12}$/) });
    for (const l of doc.lines) expect(Object.keys(l)).toEqual(expect.arrayContaining(['authority', 'measure', 'ref', 'rate', 'base', 'amount', 'formula']));
    expect(doc.lines.map((l: any) => [l.authority, l.amount])).toEqual([
      ['mfn', 0],
      ['ieepa-fentanyl', 2000],
      ['ieepa-reciprocal', 1000],
      ['mpf', 34.64],
      ['hmf', 12.5],
    ]);
    expect(doc.notApplied.map((n: any) => n.code)).toContain('suspended');
  });

  it('China importing US soybeans with freight, in CNY', () => {
    // busan-20: CIF 70,000 + 3,000 = 73,000; MFN 3% 2,190; +10% 7,300; duty 9,490
    // VAT 9% × 82,490 = 7,424.10; landed 73,000 + 9,490 + 7,424.10 = 89,914.10
    const r = runIn([
      'calc',
      '--importer',
      'CN',
      '--hts',
      '1201.90.00',
      '--origin',
      'US',
      '--value',
      '70000',
      '--freight',
      '3000',
      '--scenario',
      'busan-20',
      '--format',
      'json',
    ]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ currency: 'CNY', customsValue: 73000, duty: 9490, taxes: 7424.1, landedCost: 89914.1 });
  });

  it('with neither --scenario nor --date, prices today and warns when past verifiedThrough', () => {
    const r = runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100'], { env: { TARIFF_TODAY: '2026-11-28' } });
    expect(r.exitCode).toBe(0);
    // the bundled schedule is verified through 2026-10-07 (data/src/meta.json)
    expect(r.stderr).toMatch(/warning: 2026-11-28 is after the schedule's verifiedThrough date \(2026-10-07\)/);
  });

  it('--set echoes the assumption', () => {
    const r = runIn([...TOY, '--set', 'ieepa-reciprocal=34%', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.duty).toBe(5400); // 20% + 34% of 10,000
    expect(doc.assumptions).toContain('--set: ieepa-reciprocal rate set to 34%');
  });
});

describe('usage and data errors: one clear line, documented exit code, nothing on stdout', () => {
  it.each([
    [['calc', '--hts', '9503.00.00', '--bogus'], 2, /unknown option '--bogus'/],
    [['bogus'], 2, /unknown command 'bogus'/],
    [[...TOY.slice(0, -1), 'geneva-31'], 2, /unknown scenario "geneva-31"[\s\S]*did you mean "geneva-30"/],
    [['calc', '--origin', 'CN', '--value', '10'], 2, /missing --hts/],
    [['calc', '--hts', '9503.00.00', '--value', '10'], 2, /missing --origin/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '12,5O0'], 2, /--value "12,5O0" is not a decimal number/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '-5'], 2, /must not be negative/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1e309'], 2, /not a plain decimal number/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10.005'], 2, /more than 2 decimals/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100000000000000'], 2, /larger than the supported maximum/],
    [['calc', '--hts', '9503.00.00', '--origin', 'XX', '--value', '10'], 2, /--origin "XX" is not an ISO 3166-1 country code/],
    [['calc', '--hts', '95A3', '--origin', 'CN', '--value', '10'], 2, /--hts "95A3" is not an HTS code/],
    [['calc', '--hts', '9506.99.99', '--origin', 'CN', '--value', '10', '--date', '2025-05-14'], 65, /not in the US schedule[\s\S]*nearest known codes: 95/],
    [['calc', '--hts', '8507.60.00', '--origin', 'CN', '--value', '10', '--date', '2025-05-14'], 65, /too short[\s\S]*8507\.60\.0010[\s\S]*8507\.60\.0020/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10', '--date', '2025-02-30'], 2, /not a calendar date/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10', '--scenario', 'a,b'], 2, /calc takes one scenario/],
    [['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10', '--set', 'ieepa-recip=34%'], 2, /unknown measure or authority "ieepa-recip"/],
    [['calc', '--schedule', '/nonexistent.json', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10'], 66, /cannot read the schedule file/],
  ])('%j → exit %i', (args, code, message) => {
    const r = runIn(args as string[]);
    expect(r.exitCode).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').length).toBeLessThanOrEqual(4);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('scenarios, help, version', () => {
  it('lists the seven bundled scenarios', () => {
    const r = runIn(['scenarios', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const ids = JSON.parse(r.stdout).scenarios.map((s: any) => s.id);
    expect(ids).toEqual(['pre-2025', 'peak-145', 'geneva-30', 'busan-20', 's122-2026', 'snapback-34', 'as-entered']);
    const table = runIn(['scenarios']);
    expect(table.stdout).toMatch(/peak-145\s+│ 2025-04-12\s+│ \+145%/);
  });

  it('--about states verifiedThrough and what is not modelled', () => {
    const r = runIn(['scenarios', '--about']);
    expect(r.stdout).toMatch(/verified through 2026-10-07/);
    expect(r.stdout).toMatch(/Antidumping/);
  });

  // issue 13: Usage first, then options, then examples (as gh, npm and git print it)
  it.each([['--help'], ['calc', '--help'], ['scenarios', '--help'], ['schedule', 'check', '--help']])('%j: Usage, options, then examples', (...args) => {
    const r = runIn(args);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('Usage: tariff')).toBe(true);
    const options = r.stdout.indexOf('\nOptions:');
    const examples = r.stdout.indexOf('\nExamples:');
    expect(options).toBeGreaterThan(0);
    expect(examples).toBeGreaterThan(options);
    expect(r.stdout).toMatch(/Exit codes:/);
  });

  it('--version', () => {
    const r = runIn(['--version']);
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    // the package version alone on the first line, then the bundled schedule's version and date
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\nschedule \d{4}\.\d\d\.\d\d-\d+, verified through \d{4}-\d\d-\d\d\n$/);
    const meta = JSON.parse(readFileSync(BUNDLED, 'utf8')).meta;
    expect(r.stdout.split('\n')[1]).toBe(`schedule ${meta.version}, verified through ${meta.verifiedThrough}`);
  });

  it('the library API works from the built package', async () => {
    const lib = await import('tariff-cli');
    const s = await lib.loadSchedule();
    const sc = lib.resolveScenario(s.scenarios, 'geneva-30');
    if (!sc.ok) throw new Error(sc.issue.message);
    const r = lib.landedCost({ hts: '95030000', origin: 'CN', importer: 'US', value: 1_000_000, freight: 0, insurance: 0, mode: 'ocean' }, sc.value, s.index);
    expect(r.ok && r.value.landedCost).toBe(1_304_714);
  });
});

/**
 * The numbers to report on the entry line, in CBP's order (CSMS #18-000624: Chapter 99 trade
 * remedies first Section 301, then Section 232/201; CSMS #65829726: IEEPA fentanyl and reciprocal
 * after 301 and before 232; the Chapter 1–97 line last).
 */
describe('tariff calc: reportHts', () => {
  // hot-rolled steel of China entered 2025-06-15, $10,000: Section 301 List 3 25% (9903.91.01) 2,500.00,
  // IEEPA fentanyl 20% (9903.01.24) 2,000.00, Section 232 steel 50% (9903.81.87-.91) 5,000.00, MFN free
  const STEEL = ['calc', '--hts', '7208.10.15', '--origin', 'CN', '--date', '2025-06-15', '--value', '10000'];

  it('--format json: 301, IEEPA, 232, then the line (the breakdown lists 232 before IEEPA)', () => {
    const r = runIn([...STEEL, '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.reportHts.map((x: any) => [x.hts, x.position, x.rate, x.amount])).toEqual([
      ['9903.91.01', 'section-301', '25%', 2500],
      ['9903.01.24', 'ieepa-fentanyl', '20%', 2000],
      [null, 'section-232-201', '50%', 5000], // the schedule's reference is the range 9903.81.87-.91
      ['7208.10.15', 'commodity', '0%', 0],
    ]);
    expect(doc.reportHts[2].ref).toBe('9903.81.87-.91 (as amended 4 Jun 2025)');
    // the duties reported add up to the line's duty: 2,500 + 2,000 + 5,000 + 0 = 9,500
    expect(doc.duty).toBe(9500);
  });

  it('--explain lists them in that order', () => {
    const r = runIn([...STEEL, '--explain']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /Report on the entry line, in CBP's order\n {2}1\. 9903\.91\.01 {2}25% {2}\$2,500\.00\n {2}2\. 9903\.01\.24 {2}20% {2}\$2,000\.00\n {2}3\. 9903\.81\.87-\.91/,
    );
    expect(r.stdout).toMatch(/ {2}4\. 7208\.10\.15 {2}0% {2}\$0\.00 \(the line; value reported here\)/);
  });

  it('every NDJSON row of a batch carries it; the toy under Geneva: 9903.01.24, 9903.01.25, then 9503.00.00', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tariff-report-hts-'));
    const f = join(dir, 'rows.csv');
    writeFileSync(f, 'hts,origin,value,date\n9503.00.00,CN,10000,2025-06-01\n9503.00.00,DE,10000,2025-06-01\n');
    const r = runIn(['calc', f, '--format', 'ndjson']);
    expect(r.exitCode).toBe(0);
    const [cn, de] = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    // CN: fentanyl 20% 2,000.00, reciprocal 10% 1,000.00 (Geneva), MFN free
    expect(cn.reportHts.map((x: any) => [x.hts, x.amount])).toEqual([
      ['9903.01.24', 2000],
      ['9903.01.25', 1000],
      ['9503.00.00', 0],
    ]);
    // DE (June 2025): the baseline reciprocal 10% under 9903.01.25, then the line
    expect(de.reportHts.map((x: any) => x.hts)).toEqual(['9903.01.25', '9503.00.00']);
  });
});
