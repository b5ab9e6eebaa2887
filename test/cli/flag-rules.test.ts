/**
 * One rule for flags (issue 22.4): a flag value that cannot be read is exit 2 whether it is one
 * shipment's or a batch's default; a flag that does not apply is exit 2 saying why; rejected rows
 * decide the exit code (65) over a failed gate; every command honours --format.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { runIn } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-flags-'));
const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const SHIP = ['--hts', '9503.00.00', '--origin', 'CN', '--value', '10000'];
// no date column: --date is the rows' default
const BATCH = file('b.csv', 'id,hts,origin,value\nA1,9503.00.00,CN,10000\nA2,9503.00.00,CN,12x\n');

describe('a bad flag value is a usage error (2), like --mode sea', () => {
  it.each([
    ['one shipment', ['calc', ...SHIP, '--date', '2025/06/01']],
    ['a batch default', ['calc', BATCH, '--date', '2025/06/01']],
    ['compare batch default', ['compare', BATCH, '--scenario', 'pre-2025,geneva-30', '--date', '2025/06/01']],
  ])('--date 2025/06/01 (%s) → 2', (_what, args) => {
    const r = runIn(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--date "2025/06/01" is not a calendar date');
    expect(r.stdout).toBe('');
  });

  it('--mode sea is 2 as before', () => {
    expect(runIn(['calc', ...SHIP, '--mode', 'sea']).exitCode).toBe(2);
  });
});

describe('a flag that does not apply is a usage error saying why', () => {
  it('--explain on a batch names the formats that carry the layers', () => {
    const r = runIn(['calc', BATCH, '--explain']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--explain is for one shipment');
    expect(r.stderr).toContain('--format json or --format ndjson');
  });

  it('--rejects and --strict on one shipment', () => {
    const r = runIn(['calc', ...SHIP, '--rejects', join(dir, 'x.csv'), '--strict']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--rejects, --strict: for a batch');
  });

  it('the batch JSON carries each row with its layers (what --explain shows)', () => {
    const r = runIn(['calc', BATCH, '--format', 'json', '--scenario', 'geneva-30']);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].lines.length).toBeGreaterThan(0);
    expect(doc.results[0].lines[0]).toHaveProperty('formula');
    expect(doc.results[0]).toHaveProperty('notApplied');
  });
});

describe('rejected rows and a failed gate', () => {
  it('rows rejected and a gate failed: the rejects are reported first, exit 65, the gate says what it judged', () => {
    const r = runIn(['calc', BATCH, '--scenario', 'geneva-30', '--max-effective-rate', '1']);
    expect(r.exitCode).toBe(65);
    const rejectedAt = r.stderr.indexOf('1 of 2 rows rejected');
    const gateAt = r.stderr.indexOf('1 check failed on the priced rows; 1 row was rejected and not judged (exit 65');
    expect(rejectedAt).toBeGreaterThan(-1);
    expect(gateAt).toBeGreaterThan(rejectedAt);
  });

  it('a failed gate alone is still 1', () => {
    const good = file('g.csv', 'id,hts,origin,value\nA1,9503.00.00,CN,10000\n');
    expect(runIn(['calc', good, '--scenario', 'geneva-30', '--max-effective-rate', '1']).exitCode).toBe(1);
  });
});

describe('every command honours --format', () => {
  it('lookup --search shrimps --format csv is CSV, not a table', () => {
    const r = runIn(['lookup', '--search', 'shrimps', '--format', 'csv']);
    expect(r.exitCode).toBe(0);
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    expect(rows[0]).toEqual(['hts', 'description', 'mfn']);
    expect(rows.length).toBeGreaterThan(1);
    expect(r.stdout).not.toMatch(/[┌│]/);
  });

  it('lookup --search --format ndjson: one object a line', () => {
    const r = runIn(['lookup', '--search', 'shrimps', '--format', 'ndjson']);
    const lines = r.stdout.trim().split('\n');
    expect(Object.keys(JSON.parse(lines[0] as string))).toEqual(['hts', 'description', 'mfn']);
  });
});
