/**
 * The README's "Who uses it, and how" commands work as typed: each line of its shell blocks runs
 * through `sh` with `tariff` on the PATH (a shim to the built bin), in a scratch copy of the
 * repository's examples/ and data/schedule.json, and exits as the README says (0, or the
 * `# exit N` its comment gives).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, ROOT } from '../helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.split('<!-- personas -->')[1]?.split('<!-- /personas -->')[0] ?? '';
const commands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
  (m[1] as string).split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')),
);

const dir = mkdtempSync(join(tmpdir(), 'tariff-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const work = join(dir, 'clone');
const shims = join(dir, 'bin');
mkdirSync(join(work, 'data'), { recursive: true });
mkdirSync(shims);
cpSync(join(ROOT, 'examples'), join(work, 'examples'), { recursive: true });
cpSync(join(ROOT, 'data', 'schedule.json'), join(work, 'data', 'schedule.json'));
// the bundled schedule keeps its US lines in per-chapter files beside it
cpSync(join(ROOT, 'data', 'lines'), join(work, 'data', 'lines'), { recursive: true });
writeFileSync(join(shims, 'tariff'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
chmodSync(join(shims, 'tariff'), 0o755);

describe('README personas', () => {
  it('has commands for a broker, an analyst and a CI engineer', () => {
    expect(section).toMatch(/customs broker/);
    expect(section).toMatch(/analyst/);
    expect(section).toMatch(/CI engineer/);
    expect(commands.length).toBeGreaterThanOrEqual(10);
  });

  it.each(commands.map((c) => [c]))('%s', (line) => {
    const expected = Number(/# exit (\d+)/.exec(line)?.[1] ?? 0);
    const r = spawnSync('sh', ['-c', line], {
      cwd: work,
      encoding: 'utf8',
      env: cleanEnv({ PATH: `${shims}:${process.env.PATH ?? ''}` }),
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status, r.stderr).toBe(expected);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    // a redirection or -o leaves a non-empty file
    const target = /(?:>|-o) (\S+\.(?:csv|md|json|ndjson))/.exec(line)?.[1];
    if (target) {
      expect(existsSync(join(work, target)), target).toBe(true);
      expect(readFileSync(join(work, target), 'utf8').length).toBeGreaterThan(0);
    }
  });
});
