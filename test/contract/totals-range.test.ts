/**
 * One range check on every total: 40 rows of 3,000,000,000,000.01 are each in range, but their
 * sum (120,000,000,000,000.40) is beyond the largest figure printed exactly to the cent. Every
 * command that prints a total refuses it with 65, as calc does, instead of printing .20 for .40.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const big = join(dir, 'big.csv');
writeFileSync(big, `hts,origin,value,date\n${'9503.00.00,CN,3000000000000.01,2025-06-01\n'.repeat(40)}`);
const small = join(dir, 'small.csv');
writeFileSync(small, 'hts,origin,value,date\n9503.00.00,CN,1000000000000.01,2025-06-01\n9503.00.00,CN,1000000000000.01,2025-06-01\n');

describe('totals beyond the exact range: 65 and one message, every command', () => {
  it.each([
    ['calc --summary', ['calc', big, '--summary'], 'batch totals'],
    ['calc --format json', ['calc', big, '--format', 'json'], 'batch totals'],
    ['compare', ['compare', big], 'totals under'],
    ['timeline', ['timeline', big], 'totals of'],
    ['refund', ['refund', big], 'refund totals'],
  ])('%s', (_name, args, what) => {
    const r = runIn(args);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(new RegExp(`: the ${what}.* in USD are beyond 9999999999999\\.99, the largest figure printed exactly to the cent`));
  });

  it('two rows of 1,000,000,000,000.01: in range, exit 0', () => {
    for (const args of [
      ['calc', small, '--summary'],
      ['compare', small],
      ['timeline', small],
      ['refund', small],
    ]) {
      expect([args[0], runIn(args).exitCode]).toEqual([args[0], 0]);
    }
  });
});
