/**
 * One JSON frame for every command (issue 22.5, docs/json.md): schemaVersion, schedule {version,
 * hash, verifiedThrough}, rows {read, priced, rejected} and rejected[] (line, id, code, message)
 * for batches, checks[] and notes[] — read from the real output of every command that writes JSON.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BUNDLED } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-frame-'));
// two good rows and a bad one (line 3: value 12x)
const BATCH = join(dir, 'b.csv');
writeFileSync(BATCH, 'id,hts,origin,value,date\nA1,9503.00.00,CN,10000,2025-06-01\nA2,9503.00.00,CN,12x,2025-06-01\nA3,6109.10.00,CN,500,2025-06-01\n');
const SHIP = ['--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--date', '2025-06-01'];

const meta = JSON.parse(readFileSync(BUNDLED, 'utf8')).meta;
const BATCH_ROWS = { read: 3, priced: 2, rejected: 1 };
const BATCH_REJECTED = [{ line: 3, id: 'A2', code: 'value-invalid', message: expect.stringContaining('value "12x"') }];

const COMMANDS: [string, string[], { batch?: boolean; exit?: number }][] = [
  ['calc (one shipment)', ['calc', ...SHIP, '--format', 'json'], {}],
  ['calc (batch)', ['calc', BATCH, '--format', 'json'], { batch: true, exit: 65 }],
  ['compare (one shipment)', ['compare', ...SHIP, '--scenario', 'pre-2025,geneva-30', '--format', 'json'], {}],
  ['compare (batch)', ['compare', BATCH, '--scenario', 'pre-2025,geneva-30', '--format', 'json'], { batch: true, exit: 65 }],
  ['compare (origins)', ['compare', '--hts', '9503.00.00', '--origin', 'CN,VN', '--value', '10000', '--format', 'json'], {}],
  ['timeline', ['timeline', ...SHIP.slice(0, 6), '--format', 'json'], {}],
  ['timeline (batch)', ['timeline', BATCH, '--format', 'json'], { batch: true, exit: 65 }],
  ['sweep', ['sweep', ...SHIP, '--vary', 'ieepa-reciprocal=0..50%:25', '--format', 'json'], {}],
  ['scenarios', ['scenarios', '--format', 'json'], {}],
  ['scenarios --about', ['scenarios', '--about', '--format', 'json'], {}],
  ['lookup (a line)', ['lookup', '9503.00.00', '--format', 'json'], {}],
  ['lookup (a heading)', ['lookup', '9503', '--format', 'json'], {}],
  ['lookup --search', ['lookup', '--search', 'shrimps', '--format', 'json'], {}],
  ['refund', ['refund', BATCH, '--format', 'json'], { batch: true, exit: 65 }],
  ['schedule lint', ['schedule', 'lint', '--format', 'json'], { exit: -1 }],
];

describe.each(COMMANDS)('%s --format json carries the frame', (_name, args, o) => {
  const r = runIn(args);
  const doc = JSON.parse(r.stdout || 'null');

  it('exits as documented', () => {
    if (o.exit !== -1) expect(r.exitCode, r.stderr).toBe(o.exit ?? 0);
  });

  it('schemaVersion 2 and the schedule stamp', () => {
    expect(doc.schemaVersion).toBe(2);
    expect(doc.schedule).toMatchObject({ version: meta.version, verifiedThrough: meta.verifiedThrough });
    expect(Object.keys(doc.schedule).sort()).toEqual(['hash', 'verifiedThrough', 'version']);
  });

  it('checks[] and notes[]', () => {
    expect(Array.isArray(doc.checks)).toBe(true);
    expect(Array.isArray(doc.notes)).toBe(true);
    for (const c of doc.checks) expect(Object.keys(c).sort()).toEqual(['failures', 'gate', 'given', 'limit', 'passed']);
  });

  it.runIf(o.batch)('rows {read, priced, rejected} and rejected[] (line, id, code, message)', () => {
    expect(doc.rows).toEqual(BATCH_ROWS);
    expect(doc.rejected).toEqual(BATCH_REJECTED);
  });
});

describe('checks[] says how each gate went', () => {
  it('calc batch: --max-effective-rate 35 fails on the totals, --max-duty 1000000 passes', () => {
    const good = join(dir, 'g.csv');
    writeFileSync(good, 'id,hts,origin,value,date\nA1,9503.00.00,CN,10000,2025-06-01\n');
    const r = runIn(['calc', good, '--format', 'json', '--max-effective-rate', '25', '--max-duty', '1000000']);
    expect(r.exitCode).toBe(1);
    const { checks } = JSON.parse(r.stdout);
    // toys from China on 1 Jun 2025: 20% fentanyl + 10% reciprocal = 30% > 25%
    expect(checks).toEqual([
      { gate: '--max-effective-rate', given: '25', limit: 0.25, passed: false, failures: [expect.stringContaining('effective rate 30%')] },
      { gate: '--max-duty', given: '1000000', limit: 1000000, passed: true, failures: [] },
    ]);
  });

  it('compare: --fail-above as a check; the flags as given are under gates', () => {
    const r = runIn(['compare', ...SHIP, '--scenario', 'pre-2025,geneva-30', '--fail-above', '20', '--format', 'json']);
    expect(r.exitCode).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.checks).toEqual([{ gate: '--fail-above', given: '20', limit: 0.2, passed: false, failures: [expect.stringContaining('geneva-30')] }]);
    expect(doc.gates).toMatchObject({ failAbove: '20', limits: { failAbove: 0.2 } });
  });
});
