/**
 * Amounts beyond what every output carries to the cent are refused (issue code
 * `amount-out-of-range`, exit 65), never printed rounded or in exponent notation.
 *
 * The limit is 15 significant digits of minor units (9,999,999,999,999.99 USD): any decimal of up
 * to 15 significant digits survives the round trip through an IEEE double, i.e. a JSON number.
 * Here the built CLI at and beyond the limit; the core's refusal: test/unit/core/exact-range.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { FIXTURE } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-range-'));

// mini-schedule line 0101.00.00: MFN 5% ad valorem; origin DE and date 2026-01-01 meet no other
// measure of the fixture (its fee ends 2025-10-01, the ocean fee needs --mode ocean).
// value 9,523,809,523,809.51 = 952,380,952,380,951 cents; 5% = 47,619,047,619,047.55 → 47,619,047,619,048
// landed = 952,380,952,380,951 + 47,619,047,619,048 = 999,999,999,999,999 cents: exactly the limit.
// one cent more of value: 5% of 952,380,952,380,952 = 47,619,047,619,047.6 → ...048, landed = 10^15: over.
const AT_LIMIT = '9523809523809.51';
const OVER = '9523809523809.52';
const flags = (value: string): string[] => [
  'calc',
  '--schedule',
  FIXTURE,
  '--hts',
  '0101.00.00',
  '--origin',
  'DE',
  '--value',
  value,
  '--date',
  '2026-01-01',
  '--format',
  'json',
];

describe('the exact range of amounts, through the CLI', () => {
  it('a landed cost of exactly 9,999,999,999,999.99 is priced and printed to the cent', () => {
    const r = runIn(flags(AT_LIMIT));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('"landedCost": 9999999999999.99');
    expect(JSON.parse(r.stdout).landedCost).toBe(9999999999999.99);
  });

  it('one cent more is refused with exit 65, nothing on stdout', () => {
    const r = runIn(flags(OVER));
    expect(r.exitCode).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/beyond \$?9,999,999,999,999\.99.*exactly to the cent/);
  });
  it('a hostile specific rate × quantity: a rejected row in a batch, never 9.99e+25 or null', () => {
    const schedule = JSON.parse(readFileSync(FIXTURE, 'utf8'));
    // 0202.00.00: 37.5 cents/kg in the fixture; made 9,999,999,999,999 per kg (the schema's largest amount)
    schedule.lines[1].mfn = { specific: { amount: '9999999999999', per: 'kg' } };
    const hostile = join(dir, 'hostile.json');
    writeFileSync(hostile, JSON.stringify(schedule));
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'hts,origin,value,qty,unit,date\n0202.00.00,DE,100,1000000000000,kg,2026-01-01\n0202.00.00,DE,100,1,kg,2026-01-01\n');
    for (const format of ['csv', 'json', 'ndjson']) {
      const r = runIn(['calc', '--schedule', hostile, '--input', input, '--format', format]);
      expect(r.exitCode).toBe(65);
      expect(r.stderr).toMatch(/in\.csv:2: an amount of this shipment .* is beyond/);
      // no figure in exponent form (the JSON's rejected[] messages say the magnitude in words)
      expect(r.stdout.replace(/"message":"[^"]*"/g, '')).not.toMatch(/\de\+/);
      if (format === 'json') expect(JSON.parse(r.stdout).results).toEqual([]);
      if (format === 'ndjson') expect(r.stdout).toBe('');
      // the second row: duty 9,999,999,999,999 × 1 kg = 9,999,999,999,999.00, within the range,
      // but landed cost 100 + 9,999,999,999,999 = 10,000,000,000,099.00 is over
      expect(r.stderr).toMatch(/in\.csv:3: an amount/);
    }
  });
});
