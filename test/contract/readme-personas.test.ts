/**
 * The README runs as written (issue 22.2): every shell block of the README runs, line by line
 * (a line ending in `\` continues), through `bash` with `tariff` on the PATH (a shim to the
 * built bin), in a fresh private copy of the repository's examples/ and bundled schedule, and
 * exits as the README says (0, or the `# exit N` its comment gives). A block that is not meant
 * to run is marked `<!-- not-run: why -->` just above it; there are few. The README's figures
 * about the bundled data (version, verifiedThrough, line counts) are checked against the data.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, bundledIndex, cleanEnv, ROOT } from '../helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.split('<!-- personas -->')[1]?.split('<!-- /personas -->')[0] ?? '';

/** The lines of a shell block: continuations joined, blank and comment-only lines left out. */
const linesOf = (block: string): string[] =>
  block
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));

const blocks = [...readme.matchAll(/(?:<!-- not-run: ([^>]*?) -->\n)?```sh\n([\s\S]*?)```/g)].map((m) => ({ notRun: m[1], lines: linesOf(m[2] as string) }));
const notRun = blocks.filter((b) => b.notRun !== undefined);
const commands = blocks.filter((b) => b.notRun === undefined).flatMap((b) => b.lines);
const personaCommands = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => linesOf(m[1] as string));

const dir = mkdtempSync(join(tmpdir(), 'tariff-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const work = join(dir, 'clone');
const shims = join(dir, 'bin');
mkdirSync(join(work, 'data'), { recursive: true });
mkdirSync(shims);
cpSync(join(ROOT, 'examples'), join(work, 'examples'), { recursive: true });
cpSync(join(ROOT, 'data', 'schedule.json'), join(work, 'data', 'schedule.json'));
// the bundled schedule keeps its US lines in per-chapter files beside it (1,228 files, 9.5 MB that
// no README command writes: linked, not copied)
symlinkSync(join(ROOT, 'data', 'lines'), join(work, 'data', 'lines'));
writeFileSync(join(shims, 'tariff'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
chmodSync(join(shims, 'tariff'), 0o755);

describe('README personas', () => {
  it('has commands for a broker, an analyst and a CI engineer', () => {
    expect(section).toMatch(/customs broker/);
    expect(section).toMatch(/analyst/);
    expect(section).toMatch(/CI engineer/);
    expect(personaCommands.length).toBeGreaterThanOrEqual(10);
    for (const c of personaCommands) expect(commands).toContain(c);
  });

  it('every shell block runs but a few marked ones, each with its reason', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(10);
    expect(notRun.map((b) => b.notRun)).toEqual([
      'installs the dependencies into the clone, then runs the whole test suite (minutes)',
      'installs globally (writes outside the clone)',
      "writes into your shell's configuration folders (bash, zsh, fish)",
    ]);
    expect(commands.length).toBeGreaterThanOrEqual(40);
  });

  it('a pipeline that could hide a failure says set -o pipefail', () => {
    for (const c of commands) if (/\|\s*\S/.test(c.replace(/"[^"]*"|'[^']*'/g, '').replace(/\s#.*$/, ''))) expect(c, c).toMatch(/set -o pipefail/);
  });

  it.each(commands.map((c) => [c]))('%s', (line) => {
    const expected = Number(/# exit (\d+)/.exec(line)?.[1] ?? 0);
    const r = spawnSync('bash', ['-c', line], {
      cwd: work,
      encoding: 'utf8',
      env: cleanEnv({ PATH: `${shims}:${process.env.PATH ?? ''}` }),
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.status, r.stderr).toBe(expected);
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    // a redirection or -o leaves a non-empty file
    const target = /(?:>|-o) (\S+\.(?:csv|md|json|ndjson))/.exec(line.replace(/#.*$/, ''))?.[1];
    if (target) {
      expect(existsSync(join(work, target)), target).toBe(true);
      expect(readFileSync(join(work, target), 'utf8').length).toBeGreaterThan(0);
    }
  });
});

describe('README figures match the bundled data', () => {
  it('schedule version, verifiedThrough and line counts', async () => {
    const s = (await bundledIndex()).schedule;
    const us = s.lines.filter((l) => l.importer === 'US');
    const num = (n: number): string => n.toLocaleString('en-US');
    expect(readme).toContain(`Bundled schedule: version \`${s.meta.version}\`, **verified through ${s.meta.verifiedThrough}**`);
    expect(readme).toContain(`keeps its ${num(us.length)} US lines`);
    expect(readme).toContain(
      `the ${num(us.length)} rate lines of HTSUS chapters 01–97 (with ${num(us.reduce((a, l) => a + l.suffixes.length, 0))} statistical`,
    );
    expect(readme).toContain(`${us.filter((l) => l.mfn === null).length} lines whose general rate the tool cannot compute`);
    expect(readme).toContain(`${s.lines.filter((l) => l.importer === 'CN').length} Chinese lines for`);
  });
});
