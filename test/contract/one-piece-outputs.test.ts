/**
 * Outputs written in one piece (one shipment, compare, timeline, sweep, lookup, scenarios, schema,
 * completion, help) go through the same checked path as a batch: a short write under `ulimit -f`
 * or a full device is exit 74 with one line, never exit 0 with a cut file; `-o` works for one
 * shipment and leaves nothing partial; `-o ""`, `-o -`, `-o /dev/null`; an output that is an input
 * (by name, symbolic link, `..` or hard link) is refused before anything is read.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BIN, cleanEnv, run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-onepiece-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
const T = `${q(process.execPath)} ${q(BIN)}`;
const OLD = 'OLD CONTENT\n';

function sh(script: string): { exitCode: number; stdout: string; stderr: string } {
  // bash: `ulimit -f` counts 1024-byte blocks there
  const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const temps = (): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

const ONE = '--hts 9503.00.00 --origin CN --value 10000 --date 2025-06-01';
// each prints well over 1 kB, so that `ulimit -f 1` cuts it
const DOCUMENTS = [
  `calc ${ONE}`,
  `calc ${ONE} --format markdown`,
  `calc ${ONE} --format json`,
  `compare ${ONE}`,
  `timeline ${ONE}`,
  `sweep ${ONE} --scenario geneva-30 --vary ieepa-reciprocal=0..150%:10`,
  'lookup 9503.00.00 --origin CN',
  'scenarios',
  'schedule schema',
  'completion bash',
  'calc --help',
];

beforeAll(() => {
  writeFileSync(join(dir, 'in.csv'), 'hts,origin,value\n9503.00.00,CN,100\n');
});

describe('a short write on stdout (ulimit -f 1): exit 74 and one line, for every one-piece document', () => {
  it.each(DOCUMENTS)('%s', (cmd) => {
    const full = runIn(cmd.split(' ').filter(Boolean));
    expect(full.exitCode).toBe(0);
    expect(Buffer.byteLength(full.stdout)).toBeGreaterThan(1024);
    const r = sh(`ulimit -f 1; ${T} ${cmd} > out.txt`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/^tariff: cannot write to stdout: the file-size limit \(ulimit -f\) is reached \(EFBIG\); the output is incomplete$/m);
    expect(r.stderr.match(/cannot write/g)).toHaveLength(1);
  });

  it('a batch to stdout is cut the same way: 74, not 0', () => {
    writeFileSync(join(dir, 'many.csv'), `hts,origin,value\n${'9503.00.00,CN,100\n'.repeat(500)}`);
    const r = sh(`ulimit -f 1; ${T} calc many.csv > out.txt`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toContain('(EFBIG)');
  });
});

describe.skipIf(!existsSync('/dev/full'))('a full device on stdout (skipped where there is no /dev/full)', () => {
  it.each(DOCUMENTS)('%s > /dev/full: 74', (cmd) => {
    const r = sh(`${T} ${cmd} > /dev/full`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toContain('the disk is full (ENOSPC)');
  });
});

describe('-o for one shipment', () => {
  it('writes the document to the file, and nothing to stdout', () => {
    const out = join(dir, 'one.csv');
    const r = runIn(['calc', ...ONE.split(' '), '--format', 'csv', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(runIn(['calc', ...ONE.split(' '), '--format', 'csv']).stdout);
  });

  it('a file cut by ulimit -f: 74, the target as it was, no temporary file', () => {
    const out = join(dir, 'cut.txt');
    writeFileSync(out, OLD);
    const r = sh(`ulimit -f 1; ${T} calc ${ONE} -o cut.txt`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toContain('cut.txt: cannot write the output file: the file is larger than the file-size limit (ulimit -f) (EFBIG)');
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it('-o /dev/full: 74; -o /dev/null: 0 and nothing on stdout', () => {
    // spawned: a failing device as a real process meets it
    if (existsSync('/dev/full')) expect(run(['calc', ...ONE.split(' '), '-o', '/dev/full']).exitCode).toBe(74);
    const r = runIn(['calc', ...ONE.split(' '), '-o', '/dev/null']);
    expect([r.exitCode, r.stdout]).toEqual([0, '']);
  });

  it('-o - is stdout; -o "" is a usage error (2), also for --rejects', () => {
    const r = runIn(['calc', ...ONE.split(' '), '--format', 'json', '-o', '-']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).duty).toBe(3000);
    const empty = runIn(['calc', ...ONE.split(' '), '-o', '']);
    expect(empty.exitCode).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('-o "": an empty file name');
    expect(runIn(['calc', join(dir, 'in.csv'), '--rejects', '']).exitCode).toBe(2);
    expect(runIn(['calc', join(dir, 'in.csv'), '--rejects', '-']).exitCode).toBe(2);
  });
});

describe('an output that is an input is refused (2) before anything is read, the input untouched', () => {
  const input = (): string => {
    const p = join(dir, 'input.csv');
    writeFileSync(p, 'hts,origin,value\n9503.00.00,CN,100\n9503.00.00,CN,12x5\n');
    return p;
  };
  it.each([
    ['--rejects by the same name', (p: string) => ['calc', p, '--rejects', p]],
    // a string, not join(): join would take the `..` out
    ['-o through ..', (p: string) => ['calc', p, '-o', `${dir}/../${basename(dir)}/input.csv`]],
    [
      '-o through a symbolic link',
      (p: string) => {
        const link = join(dir, 'link.csv');
        rmSync(link, { force: true });
        symlinkSync(p, link);
        return ['calc', p, '-o', link];
      },
    ],
    [
      '-o through a hard link',
      (p: string) => {
        const hard = join(dir, 'hard.csv');
        rmSync(hard, { force: true });
        linkSync(p, hard);
        return ['calc', '--input', p, '-o', hard];
      },
    ],
    ['-o the --schedule file', (_p: string) => ['calc', ...ONE.split(' '), '--schedule', join(dir, 'sched.json'), '-o', join(dir, 'sched.json')]],
  ])('%s', (_name, args) => {
    const p = input();
    writeFileSync(join(dir, 'sched.json'), OLD);
    const r = runIn(args(p));
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is the same file as the input');
    expect(r.stdout).toBe('');
    expect(readFileSync(p, 'utf8')).toBe('hts,origin,value\n9503.00.00,CN,100\n9503.00.00,CN,12x5\n');
    expect(readFileSync(join(dir, 'sched.json'), 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it('schedule import-hts -o the export file: 2', () => {
    const exp = join(dir, 'export.json');
    writeFileSync(exp, '[]');
    const r = runIn(['schedule', 'import-hts', exp, '-o', exp]);
    expect(r.exitCode).toBe(2);
    expect(readFileSync(exp, 'utf8')).toBe('[]');
  });
});

describe.skipIf(!existsSync('/dev/full'))('--summary that cannot reach stderr (2>/dev/full) (skipped where there is no /dev/full)', () => {
  it('the -o file is complete and committed, and the exit code says the summary was lost (74)', () => {
    writeFileSync(join(dir, 'two.csv'), 'hts,origin,value\n9503.00.00,CN,100\n9503.00.00,CN,200\n');
    const out = join(dir, 'summary-out.csv');
    const r = sh(`${T} calc two.csv --summary -o summary-out.csv 2>/dev/full`);
    expect(r.exitCode).toBe(74);
    expect(readFileSync(out, 'utf8')).toBe(runIn(['calc', join(dir, 'two.csv')]).stdout);
    expect(temps()).toEqual([]);
  });

  it('without --summary, a broken stderr does not change the exit code (diagnostics only)', () => {
    expect(sh(`${T} calc two.csv -o quiet-out.csv 2>/dev/full`).exitCode).toBe(0);
  });
});
