/**
 * Outcomes besides a price: goods excluded from importation (a measure of kind "prohibition"), and
 * a renewed table (the MPF of each fiscal year) that runs out — said, never priced as nothing.
 *
 * A copy of the mini fixture (made-up rates) with:
 *   - "ban": 0404.00.00 from CN may not be imported from 2026-03-01 (a prohibition), except when
 *     the entry claims "bulk" (an exception as data: it replaces the ban);
 *   - "fee" turned into a renewed table (recurring) that ends 2026-04-01.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintSchedule } from '../../src/schedule/lint.js';
import type { RawSchedule } from '../../src/schedule/schema.js';
import { runIn } from '../cli-runner.js';
import { FIXTURE } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-prohibited-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = JSON.parse(readFileSync(FIXTURE, 'utf8')) as RawSchedule;
const SRC = ['https://www.federalregister.gov/d/2026-18836'];
const ban = {
  id: 'ban',
  kind: 'prohibition',
  authority: 's338',
  title: 'Dairy of the fixture excluded from importation',
  importer: 'US',
  origins: ['CN'],
  hts: ['0404.00.00'],
  from: '2026-03-01',
  rate: { adValorem: '0%' },
  ref: '9903.03.13',
  instrument: 'Fixture proclamation 1',
  sources: SRC,
} as const;
const bulk = {
  id: 'ban-bulk',
  authority: 's338',
  title: 'Bulk dairy: not excluded (claim bulk)',
  importer: 'US',
  origins: ['CN'],
  hts: ['0404.00.00'],
  from: '2026-03-01',
  rate: { adValorem: '0%' },
  replaces: ['ban'],
  election: { group: 'claim', option: 'bulk' },
  ref: '9903.03.13',
  instrument: 'Fixture proclamation 1, clause 2',
  sources: SRC,
} as const;
const withBan = { ...base, measures: [...base.measures, ban, bulk] } as RawSchedule;
const schedule = join(dir, 'ban.json');
writeFileSync(schedule, JSON.stringify(withBan));

const calc = (args: string[], input?: string) => runIn(['calc', '--schedule', schedule, ...args], input === undefined ? {} : { input });

describe('prohibition: goods excluded from importation get the instrument, not a price', () => {
  it('a single shipment on or after the date: exit 3, the instrument and the dates on stderr, nothing on stdout', () => {
    const r = calc(['--hts', '0404.00.00', '--origin', 'CN', '--value', '100', '--date', '2026-03-01']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('may not be imported on 2026-03-01');
    expect(r.stderr).toContain('Fixture proclamation 1');
    expect(r.stderr).toContain('9903.03.13');
  });

  // every command that prices one shipment says a prohibition with its own exit code (3), as calc
  it.each([
    ['compare', ['compare', '--schedule', schedule, '--hts', '0404.00.00', '--origin', 'CN', '--value', '100', '--date', '2026-03-01']],
    [
      'sweep',
      ['sweep', '--schedule', schedule, '--hts', '0404.00.00', '--origin', 'CN', '--value', '100', '--date', '2026-03-01', '--vary', 'value=100..200:100'],
    ],
    ['timeline', ['timeline', '--schedule', schedule, '--hts', '0404.00.00', '--origin', 'CN', '--value', '100', '--from', '2026-02-27', '--to', '2026-03-02']],
  ])('%s of one shipment on or after the date: exit 3, the instrument on stderr', (_, args) => {
    const r = runIn(args);
    expect(r.exitCode, r.stderr).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('may not be imported on 2026-03-01');
  });

  it('the day before it is priced as usual: 10% of 100.00 = 10.00, within the line min 5 / max 50', () => {
    const r = calc(['--hts', '0404.00.00', '--origin', 'CN', '--value', '100', '--date', '2026-02-28', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    const mfn = doc.lines.find((l: { authority: string }) => l.authority === 'mfn');
    expect(mfn.amount).toBe(10);
  });

  it('another origin is not affected', () => {
    const r = calc(['--hts', '0404.00.00', '--origin', 'DE', '--value', '100', '--date', '2026-03-01']);
    expect(r.exitCode).toBe(0);
  });

  it('the exception, claimed, replaces the exclusion: priced', () => {
    const r = calc(['--hts', '0404.00.00', '--origin', 'CN', '--value', '100', '--date', '2026-03-01', '--claim', 'bulk']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Landed cost');
  });

  it('a batch prices the other rows, reports the prohibited row as rejected with its line, counts it and exits 3', () => {
    const input = 'id,hts,origin,value,date\nA,0404.00.00,CN,100,2026-02-01\nB,0404.00.00,CN,100,2026-03-02\nC,0101.00.00,CN,100,2026-03-02\n';
    const rejects = join(dir, 'rejects.csv');
    const r = calc(['--format', 'csv', '--summary', '--rejects', rejects], input);
    expect(r.exitCode).toBe(3);
    const out = r.stdout.trim().split('\n');
    expect(out).toHaveLength(3); // header + A + C
    expect(out.map((l) => l.split(',')[0])).toEqual(['id', 'A', 'C']);
    expect(r.stderr).toContain('1 of 3 rows rejected (1 of them excluded from importation on their date)');
    expect(r.stderr).toMatch(/rejected 1 \(1 prohibited\)/);
    expect(readFileSync(rejects, 'utf8')).toContain('may not be imported on 2026-03-02');
  });

  it('an invalid row beside a prohibited one: the exit code says bad data (65)', () => {
    const input = 'hts,origin,value,date\n0404.00.00,CN,100,2026-03-02\n0101.00.00,CN,abc,2026-03-02\n';
    const r = calc(['--format', 'csv'], input);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('2 of 2 rows rejected (1 of them excluded from importation on their date)');
  });

  it('the JSON summary counts prohibited rows', () => {
    const input = 'hts,origin,value,date\n0404.00.00,CN,100,2026-03-02\n0101.00.00,CN,100,2026-03-02\n';
    const r = calc(['--format', 'json'], input);
    expect(r.exitCode).toBe(3);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.rowsProhibited).toBe(1);
    expect(doc.summary.rowsRejected).toBe(1);
  });

  it('a prohibition that charges something is a schedule error (78)', () => {
    const bad = join(dir, 'bad-ban.json');
    writeFileSync(bad, JSON.stringify({ ...base, measures: [...base.measures, { ...ban, rate: { adValorem: '5%' } }] }));
    const r = runIn(['calc', '--schedule', bad, '--hts', '0101.00.00', '--origin', 'CN', '--value', '1']);
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toContain('a prohibition charges nothing');
  });
});

describe('a renewed table that runs out is said, never priced as nothing', () => {
  // the fixture's fee, made a table whose last row ends 2026-04-01
  const fee = base.measures.find((m) => m.id === 'fee');
  const table = {
    ...base,
    measures: base.measures.map((m) => (m.id === 'fee' ? { ...m, to: '2026-04-01', recurring: { table: 'fixture-fee' } } : m)),
  } as RawSchedule;
  const file = join(dir, 'table.json');
  writeFileSync(file, JSON.stringify(table));

  it('the fixture has the fee this test changes', () => {
    expect(fee?.kind).toBe('fee');
  });

  it('an entry after the last row: a warning note in the JSON and a warning line on stderr', () => {
    const r = runIn(['calc', '--schedule', file, '--hts', '0101.00.00', '--origin', 'DE', '--value', '1000', '--date', '2026-04-01', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    const n = doc.notes.find((x: string) => x.includes('fixture-fee table ends 2026-04-01'));
    expect(n).toMatch(/not computed — the amount due is missing from the total, not zero/);
    expect(r.stderr).toContain('fixture-fee table ends 2026-04-01');
  });

  it('an entry before it: no such note', () => {
    const r = runIn(['calc', '--schedule', file, '--hts', '0101.00.00', '--origin', 'DE', '--value', '1000', '--date', '2026-03-31', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).notes.join(' ')).not.toContain('fixture-fee');
  });

  it('lint: a table ending on or before verifiedThrough is an error (table-runs-out); after it, none', () => {
    const codes = (s: RawSchedule) => lintSchedule(s).filter((f) => f.code === 'table-runs-out');
    expect(codes({ ...table, meta: { ...table.meta, verifiedThrough: '2026-04-01' } })).toHaveLength(1);
    expect(codes({ ...table, meta: { ...table.meta, verifiedThrough: '2026-03-31' } })).toHaveLength(0);
    expect(codes({ ...table, meta: { ...table.meta, verifiedThrough: '2026-06-30' } })[0]?.path).toMatch(/^\$\.measures\[\d+\]\.to$/);
  });
});
