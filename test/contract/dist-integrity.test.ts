/**
 * Nothing in dist/ is trusted without a check of its content. Copies of bin/ and dist/ in a temp
 * folder get real damage — a flipped byte, a same-length edit, a file cut short or emptied — and
 * every run either gives the very output of the sound copy or says the file is damaged (exit 70
 * for dist/cli.cjs itself); never a V8 crash, never old bytecode, never a stale schedule.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'tariff-dist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/** A fresh copy of the installed package (bin, dist, the bundled schedule; the line files linked). */
function install(): string {
  const dir = join(root, String(n++));
  mkdirSync(join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  copyFileSync(join(ROOT, 'data', 'schedule.json'), join(dir, 'data', 'schedule.json'));
  symlinkSync(join(ROOT, 'data', 'lines'), join(dir, 'data', 'lines'));
  return dir;
}

const CALC = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--date', '2025-06-01', '--format', 'json'];
function run(dir: string, args: string[]): { exitCode: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'tariff.js'), ...args], { encoding: 'utf8', env: cleanEnv() });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function flip(file: string, at: number): void {
  const b = readFileSync(file);
  const i = Math.min(Math.max(0, at), b.length - 1);
  b[i] = (b[i] as number) ^ 0x55;
  writeFileSync(file, b);
}
const sound = install();
const GOOD = run(sound, CALC);

describe('the sound copy', () => {
  it('prices the toy at $3,000 of duty with the schedule hash of data/schedule.json, and -v says nothing of caches', () => {
    expect(GOOD.exitCode).toBe(0);
    expect(JSON.parse(GOOD.stdout).duty).toBe(3000);
    const v = run(sound, [...CALC, '-v']);
    expect(v.stderr).not.toMatch(/code cache|compiled schedule/);
  });
});

describe('dist/cli.cjs.cache: a cache that fails a check is not given to V8', () => {
  it.each([0, 5, 21, 30, 100, 5000, 0.5, 0.9, 1])('a byte flipped at %s: the same output, exit 0', (at) => {
    const dir = install();
    const cache = join(dir, 'dist', 'cli.cjs.cache');
    flip(cache, at < 1 || at === 1 ? Math.floor(readFileSync(cache).length * at) : at);
    const r = run(dir, CALC);
    expect([r.exitCode, r.stdout]).toEqual([0, GOOD.stdout]);
    const v = run(dir, ['--version']);
    expect([v.exitCode, v.stdout.split('\n')[0]]).toEqual([0, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version]);
    expect(run(dir, [...CALC, '-v']).stderr).toMatch(/^tariff: the code cache .*cli\.cjs\.cache is not used: .*; the CLI was compiled from source$/m);
  });

  it('cut short, or emptied: the same output', () => {
    const dir = install();
    const cache = join(dir, 'dist', 'cli.cjs.cache');
    writeFileSync(cache, readFileSync(cache).subarray(0, 1000));
    expect(run(dir, CALC).stdout).toBe(GOOD.stdout);
    writeFileSync(cache, '');
    expect(run(dir, CALC).stdout).toBe(GOOD.stdout);
  });
});

describe('dist/cli.cjs: a damaged file is not run (70, what to do), and never with the bytecode of another', () => {
  it.each([0.3, 0.6, 0.99])('a same-length edit at %s of the file: exit 70, one message, no V8 crash', (at) => {
    const dir = install();
    const cli = join(dir, 'dist', 'cli.cjs');
    flip(cli, Math.floor(readFileSync(cli).length * at));
    const r = run(dir, CALC);
    expect(r.exitCode).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^tariff: .*cli\.cjs does not match the checksum on its first line: the installation is damaged\n {2}reinstall tariff-cli, or rebuild it with npm run build\n$/,
    );
  });
});

describe('dist/schedule.compiled.json: checked by content, ignored when it fails (never stale data, never a crash)', () => {
  it('a rate edited in place (same size): ignored; the toy is priced by data/schedule.json', () => {
    const dir = install();
    const file = join(dir, 'dist', 'schedule.compiled.json');
    const text = readFileSync(file, 'latin1');
    const at = text.indexOf('"adValorem":{"n":2,"s":1}', text.indexOf('"id":"us-ieepa-fent-20"'));
    expect(at).toBeGreaterThan(0);
    writeFileSync(file, `${text.slice(0, at)}"adValorem":{"n":6,"s":1}${text.slice(at + 25)}`, 'latin1');
    const r = run(dir, CALC);
    expect([r.exitCode, r.stdout]).toEqual([0, GOOD.stdout]);
    expect(run(dir, [...CALC, '-v']).stderr).toContain('schedule.compiled.json is not used: it is damaged (its checksum does not match)');
  });

  it.each([0, 30, 90, 0.25, 0.5, 0.75, 1])('a byte flipped at %s: the same output', (at) => {
    const dir = install();
    const file = join(dir, 'dist', 'schedule.compiled.json');
    flip(file, at <= 1 ? Math.floor(readFileSync(file).length * at) : at);
    const r = run(dir, CALC);
    expect([r.exitCode, r.stdout]).toEqual([0, GOOD.stdout]);
  });

  it('empty or cut short: the same output (not 70)', () => {
    const dir = install();
    const file = join(dir, 'dist', 'schedule.compiled.json');
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    expect(run(dir, CALC)).toMatchObject({ exitCode: 0, stdout: GOOD.stdout });
    writeFileSync(file, '');
    expect(run(dir, CALC)).toMatchObject({ exitCode: 0, stdout: GOOD.stdout });
  });

  it('data/schedule.json changed after the build: the compiled form is stale and not used; the hash is of the data used', () => {
    const dir = install();
    const file = join(dir, 'data', 'schedule.json');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace('"version": "', '"version": "x');
    expect(changed).not.toBe(text);
    writeFileSync(file, changed);
    const r = run(dir, CALC);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    expect(doc.schedule.hash).toBe(createHash('sha256').update(changed).digest('hex').slice(0, 12));
    expect(doc.schedule.version).toMatch(/^x/);
    expect(run(dir, [...CALC, '-v']).stderr).toContain('it was compiled from other bytes of the schedule file');
  });
});
