/**
 * The smaller points a new user met (issue 22.7): file errors in words, labels (not ids) in
 * --summary, compare across origins as one CSV row per origin (--long).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authorityName } from '../../src/core/words.js';
import { parseCsv } from '../../src/io/csv.js';
import { runIn } from '../cli-runner.js';
import { BUNDLED } from '../helpers.js';

describe('file errors in words', () => {
  it.each([
    [['calc', '/nonexistent/entries.csv'], /cannot read the input file \(no such file or folder \(ENOENT\)\)/],
    [['calc', '--schedule', '/nonexistent.json', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1'], /no such file or folder/],
  ])('%j', (args, message) => {
    const r = runIn(args);
    expect(r.exitCode).toBe(66);
    expect(r.stderr).toMatch(message);
  });
});

describe('--summary labels everywhere', () => {
  it('every authority of the bundled schedule has a label, not its id', () => {
    const schedule = JSON.parse(readFileSync(BUNDLED, 'utf8'));
    const ids = new Set<string>(schedule.measures.map((m: { authority: string }) => m.authority));
    for (const id of ids) expect(authorityName(id), id).not.toBe(id);
    expect(authorityName('ieepa-brazil')).toBe('IEEPA Brazil');
    // one an overlay might add
    expect(authorityName('ieepa-mexico')).toBe('IEEPA Mexico');
    expect(authorityName('s122')).toBe('Section 122');
  });

  it('a Brazilian row in a batch: "IEEPA Brazil" in the summary', () => {
    const r = runIn(['calc', '--scenario', 'as-entered', '--summary'], { input: 'hts,origin,value,date\n9503.00.00,BR,1000,2025-09-01\n' });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('IEEPA Brazil $400.00');
    expect(r.stderr).not.toContain('ieepa-brazil');
  });
});

describe('compare --format csv --long', () => {
  it('across origins: one row per origin, the figures as columns', () => {
    const r = runIn(['compare', '--hts', '9503.00.00', '--origin', 'CN,VN', '--value', '10000', '--date', '2025-06-01', '--format', 'csv', '--long']);
    expect(r.exitCode).toBe(0);
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    const head = rows[0] as string[];
    expect(head.slice(0, 3)).toEqual(['origin', 'law_of', 'currency']);
    expect(rows.map((x) => x[0])).toEqual(['origin', 'CN', 'VN']);
    // toys from China on 1 Jun 2025: 20% fentanyl + 10% reciprocal of $10,000 = $3,000
    expect(rows[1]?.[head.indexOf('duty')]).toBe('3000.00');
  });

  it('across scenarios: one row per scenario', () => {
    const r = runIn(['compare', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'pre-2025,geneva-30', '--format', 'csv', '--long']);
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    expect(rows.map((x) => x[0])).toEqual(['scenario', 'pre-2025', 'geneva-30']);
  });

  it('--long without --format csv does not apply (2)', () => {
    expect(runIn(['compare', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1', '--long']).exitCode).toBe(2);
  });
});
