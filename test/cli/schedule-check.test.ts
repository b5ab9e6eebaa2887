/** `tariff schedule check` and a bad --schedule: exit 0, 78 or 66, each problem with its line and JSON path. (The validation itself, in process: test/unit/schedule/schema.test.ts.) */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { FIXTURE } from '../helpers.js';

const base = (): any => JSON.parse(readFileSync(FIXTURE, 'utf8'));

describe('tariff schedule check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tariff-schema-'));
  const write = (name: string, text: string): string => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('valid: one line, exit 0', () => {
    const r = runIn(['schedule', 'check', FIXTURE]);
    expect(r).toMatchObject({ exitCode: 0, stderr: '' });
    expect(r.stdout).toMatch(/^ok .*mini-schedule\.json: schedule test-1 .*9 lines, 11 measures/);
  });

  it('invalid: every problem with line and JSON path, exit 78', () => {
    const s = base();
    s.measures[2].rate.adValorem = '25';
    s.measures[3].id = 'list';
    const f = write('two-problems.json', JSON.stringify(s, null, 2));
    const r = runIn(['schedule', 'check', f]);
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/invalid schedule: 1 problem/);
    expect(r.stderr).toMatch(/two-problems\.json:\d+: \$\.measures\[2\]\.rate\.adValorem: expected a percent string/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('syntax error: line and column', () => {
    const f = write('syntax.json', '{\n  "schemaVersion": 1,\n  "meta": }\n');
    const r = runIn(['schedule', 'check', f]);
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toMatch(/syntax\.json:3:\d+: not valid JSON/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a "%s" key is refused and pollutes nothing', (key) => {
    const f = write(
      `proto-${key}.json`,
      readFileSync(FIXTURE, 'utf8').replace('"schemaVersion": 1,', `"schemaVersion": 1, "meta2": { "${key}": { "polluted": true } },`),
    );
    const r = runIn(['schedule', 'check', f]);
    expect(r.exitCode).toBe(78);
    expect(r.stderr).toContain(`"${key}" is not allowed`);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('missing file: exit 66; directory: exit 66', () => {
    expect(runIn(['schedule', 'check', join(dir, 'nope.json')]).exitCode).toBe(66);
    expect(runIn(['schedule', 'check', dir]).exitCode).toBe(66);
  });

  it('calc with an invalid --schedule exits 78', () => {
    const s = base();
    s.lines[0].mfn = { adValorem: 'five' };
    const f = write('bad-mfn.json', JSON.stringify(s));
    const r = runIn(['calc', '--schedule', f, '--hts', '0101.00.00', '--origin', 'DE', '--value', '10', '--date', '2025-07-01']);
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
  });
});
