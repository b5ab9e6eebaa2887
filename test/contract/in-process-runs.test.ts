/**
 * The in-process runs the cli/ and contract/ suites rely on (test/cli-runner.ts runIn(): the built
 * CLI's main() once per call, in one long-lived runner process of the test file) give what a
 * spawned `node bin/tariff.js` gives: here a few runs of each kind are always compared with real
 * processes (TARIFF_TEST_SPAWN_ALL=1 compares every call of every suite). And a call is over when
 * it returns: a file it writes is there for the next line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-in-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOY = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30'];

describe('runIn() = a spawned run', () => {
  it.each<[string, string[], { input?: string; env?: Record<string, string> }]>([
    ['a table on stdout (exit 0)', TOY, {}],
    ['a usage error (exit 2, stderr only)', ['calc', '--hts', '9503.00.00', '--bogus'], {}],
    ['a batch on stdin with a rejected row (exit 65)', ['calc', '--scenario', 'geneva-30'], { input: 'hts,origin,value\n9503.00.00,CN,100\n95A3,CN,1\n' }],
    // the stale-data warning: this case's own TARIFF_TODAY, not the runner's
    ['the environment of the call', ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100'], { env: { TARIFF_TODAY: '2026-11-28' } }],
    ['a missing file (exit 66)', ['calc', '--input', '/nonexistent/in.csv'], {}],
  ])('%s', (_what, args, opts) => {
    const inProcess = runIn(args, opts);
    expect(inProcess).toEqual(run(args, opts));
    // not vacuous: each case says something
    expect(inProcess.stdout.length + inProcess.stderr.length).toBeGreaterThan(0);
  });

  it('calls run in order: what one writes (-o) is there for the next', () => {
    const out = join(dir, 'imported.json');
    const r = runIn(['schedule', 'import-hts', 'test/fixtures/hts-export.json', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).lines.length).toBeGreaterThan(0);
    expect(runIn(['schedule', 'check', out]).exitCode).toBe(0);
  });

  it('one call does not leak into the next (exit code, environment)', () => {
    expect(runIn(['bogus']).exitCode).toBe(2);
    const ok = runIn(['--version']);
    expect(ok.exitCode).toBe(0);
    expect(ok.stderr).toBe('');
    expect(runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100']).stderr).not.toMatch(/verifiedThrough/);
  });
});
