/** `tariff lookup`, `tariff schedule lint` (codes and JSON paths), `tariff schedule schema`, `import-hts` through the CLI. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSchedule } from '../../src/schedule/lint.js';
import { runIn } from '../cli-runner.js';
import { FIXTURE } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-tools-'));
const fixture = (): any => JSON.parse(readFileSync(FIXTURE, 'utf8'));

describe('tariff lookup', () => {
  it('8471.30.01 --origin CN --from 2025-01-01 tells the whole story', () => {
    const r = runIn(['lookup', '8471.30.01', '--origin', 'CN', '--from', '2025-01-01', '--format', 'json']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.line).toMatchObject({ hts: '8471.30.01', mfn: { adValorem: '0%' } });
    const ids = doc.measures.map((m: any) => m.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'us-s301-list4b',
        'us-ieepa-fent-10',
        'us-ieepa-fent-20',
        'us-ieepa-fent-10b',
        'us-ieepa-recip-electronics-exception',
        'us-s122',
        'us-s122-annex-ii',
      ]),
    );
    const exception = doc.measures.find((m: any) => m.id === 'us-ieepa-recip-electronics-exception');
    expect(exception).toMatchObject({ ref: '9903.01.32', rate: '0%', from: '2025-04-05', to: '2026-02-24' });
    expect(exception.replaces).toContain('us-ieepa-recip-125');
    expect(doc.measures.find((m: any) => m.id === 'us-s301-list4b').suspended.since).toBe('2019-12-15');
    for (const m of doc.measures) expect(m.sources[0]).toMatch(/^https?:\/\//);
  });

  it('--date keeps only what was in force that day; --origin filters origins', () => {
    const doc = JSON.parse(runIn(['lookup', '9503.00.00', '--origin', 'VN', '--date', '2025-04-12', '--format', 'json']).stdout);
    const auth = doc.measures.map((m: any) => m.authority);
    expect(auth).not.toContain('ieepa-fentanyl');
    expect(auth).toContain('mpf');
  });

  it('a partial code lists the lines under it; an unknown one suggests the nearest', () => {
    const r = runIn(['lookup', '8471']);
    expect(r.stdout).toMatch(/US lines under 8471/);
    expect(r.stdout).toContain('8471.30.01');
    const u = runIn(['lookup', '8472.99']);
    expect(u.exitCode).toBe(65);
    // 8472.99 is not a subheading; the nearest share its prefix 8472.9 (8472.90.xx, HTSUS 2025)
    expect(u.stderr).toMatch(/nearest known codes: 8472\.90\./);
  });
});

describe('tariff schedule lint', () => {
  it('the bundled schedule lints clean', () => {
    const r = runIn(['schedule', 'lint']);
    expect(r.exitCode).toBe(0);
    // the one warning is the informal-entry fee gap of FY2020, which the sources found do not cover (meta.notModelled)
    expect(r.stdout).toMatch(/0 errors, 1 warning\b/);
  });

  it.each([
    [
      'overlapping windows of one timeline',
      (s: any) => s.measures.push({ ...s.measures[6], id: 'recip-again', from: '2025-06-01', to: undefined }),
      'overlapping-windows',
      '$.measures[11].from',
    ],
    [
      'a gap in a timeline',
      (s: any) => s.measures.push({ ...s.measures[6], id: 'recip-later', from: '2026-03-01', to: '2026-04-01' }),
      'timeline-gap',
      '$.measures[11].from',
    ],
    ['a lost leading zero in a line', (s: any) => (s.lines[0].hts = '101.00.00'), 'hts-odd-length', '$.lines[0].hts'],
    ['a lost leading zero in a scope', (s: any) => (s.measures[2].hts = ['730']), 'hts-odd-length', '$.measures[2].hts[0]'],
    ['a dangling replaces', (s: any) => (s.measures[3].replaces = ['nope']), 'dangling-reference', '$.measures[3].replaces[0]'],
    ['an override outside every window', (s: any) => (s.scenarios[3].asOf = '2024-01-01'), 'override-outside-window', '$.scenarios[3].overrides[0]'],
    [
      'a suspension outside its window',
      (s: any) => (s.measures[7].suspended.since = '2024-01-01'),
      'suspension-outside-window',
      '$.measures[7].suspended.since',
    ],
  ])('%s', (_what, mutate, code, path) => {
    const s = fixture();
    mutate(s);
    expect(lintSchedule(s).map((f) => [f.code, f.path])).toContainEqual([code, path]);
  });

  it('errors exit 1, warnings alone exit 0', () => {
    const bad = fixture();
    bad.lines[0].hts = '101.00.00';
    const f = join(dir, 'lost-zero.json');
    writeFileSync(f, JSON.stringify(bad));
    // the schema already refuses an odd number of digits, before lint runs: 78
    expect(runIn(['schedule', 'lint', f]).exitCode).toBe(78);
    const overlap = fixture();
    overlap.measures.push({ ...overlap.measures[6], id: 'recip-again', from: '2025-06-01', to: undefined });
    const g = join(dir, 'overlap.json');
    writeFileSync(g, JSON.stringify(overlap));
    const r = runIn(['schedule', 'lint', g]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/error overlapping-windows .*\$\.measures\[11\]\.from: recip-again starts 2025-06-01 while recip/);
    const warn = fixture();
    warn.scenarios[3].asOf = '2024-01-01';
    const w = join(dir, 'warn.json');
    writeFileSync(w, JSON.stringify(warn));
    expect(runIn(['schedule', 'lint', w]).exitCode).toBe(0);
  });
});

describe('tariff schedule schema', () => {
  it('prints a JSON Schema generated from the validator', () => {
    const r = runIn(['schedule', 'schema']);
    expect(r.exitCode).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.$schema).toMatch(/json-schema\.org/);
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['meta', 'importers', 'lines', 'measures', 'scenarios', 'refunds']));
    expect(s.additionalProperties).toBe(false);
  });
});

describe('tariff schedule import-hts', () => {
  it('converts the fixture export, merges with the bundled measures, and the result loads and prices', () => {
    const out = join(dir, 'imported.json');
    const r = runIn(['schedule', 'import-hts', 'test/fixtures/hts-export.json', '--merge', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/imported \d+ lines/);
    expect(runIn(['schedule', 'check', out]).exitCode).toBe(0);
    // 0304.61.00 tilapia: MFN Free; List 3 25% (linked from its footnote) → 2,500 on 10,000 before 2025
    const c = JSON.parse(
      runIn(['calc', '--schedule', out, '--hts', '0304.61.00', '--origin', 'CN', '--value', '10000', '--date', '2024-06-01', '--format', 'json']).stdout,
    );
    expect(c.dutyByAuthority.s301).toBe(2500);
  });
});
