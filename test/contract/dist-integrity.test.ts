/**
 * Nothing in dist/ is trusted without a check of its content. Copies of bin/ and dist/ in a temp
 * folder get real damage — a flipped byte, a same-length edit, a file cut short or emptied — and
 * every run either gives the very output of the sound copy or says the file is damaged (exit 70
 * for dist/cli.cjs itself, for dist/zod.cjs and the batch worker's files when they are loaded, and
 * an error TARIFF_DAMAGED at import of the library); never a V8 crash, never old bytecode, never a
 * stale schedule, never damaged code run as is.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, FIXTURE, ROOT } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'tariff-dist-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

/**
 * A fresh copy of the installed package (bin, dist, the bundled schedule; the line files linked).
 * The files of dist/ and data/schedule.json are hard links to the built ones (the same bytes at
 * the same paths of the copy, for a fraction of the cost of copying 4.5 MB each time; a copy
 * across file systems where a link cannot be made): a test damages a file only through
 * `rewrite` (and `flip`), which puts a file of its own in place of the link first, so that the
 * damage is the copy's and never the repository's dist/.
 */
function install(): string {
  const dir = join(root, String(n++));
  mkdirSync(join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  linkTree(join(ROOT, 'dist'), join(dir, 'dist'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  linkOrCopy(join(ROOT, 'data', 'schedule.json'), join(dir, 'data', 'schedule.json'));
  symlinkSync(join(ROOT, 'data', 'lines'), join(dir, 'data', 'lines'));
  return dir;
}
function linkTree(from: string, to: string): void {
  mkdirSync(to);
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) linkTree(join(from, e.name), join(to, e.name));
    else linkOrCopy(join(from, e.name), join(to, e.name));
  }
}
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
/** New content for a file of a copy: the link removed first, never written through (install) */
function rewrite(file: string, data: string | Uint8Array, encoding?: BufferEncoding): void {
  rmSync(file);
  writeFileSync(file, data, encoding);
}

/** the bytes of every file of a folder, as one SHA-256 (names and contents) */
function digest(folder: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else h.update(`${p}\0`).update(readFileSync(p));
    }
  };
  walk(folder);
  return h.digest('hex');
}
const BUILT = {
  dist: digest(join(ROOT, 'dist')),
  schedule: createHash('sha256')
    .update(readFileSync(join(ROOT, 'data', 'schedule.json')))
    .digest('hex'),
};

const CALC = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--date', '2025-06-01', '--format', 'json'];
function run(dir: string, args: string[], env: Record<string, string> = {}): { exitCode: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'tariff.js'), ...args], { encoding: 'utf8', env: cleanEnv(env), maxBuffer: 64 << 20 });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function flip(file: string, at: number): void {
  const b = readFileSync(file);
  const i = Math.min(Math.max(0, at), b.length - 1);
  b[i] = (b[i] as number) ^ 0x55;
  rewrite(file, b);
}
const sound = install();
const GOOD = run(sound, CALC);

describe('the sound copy', () => {
  it('prices the toy at $3,000 of duty with the schedule hash of data/schedule.json, and -v says nothing of caches', () => {
    expect(GOOD.exitCode).toBe(0);
    expect(JSON.parse(GOOD.stdout).duty).toBe(3000);
    const v = run(sound, [...CALC, '-v']);
    expect(v.stderr).not.toMatch(/code cache|compiled schedule/);
    // -v writes to stderr only: the damaged copies below are run with it and compared with GOOD
    expect([v.exitCode, v.stdout]).toEqual([0, GOOD.stdout]);
  });
});

describe('dist/cli.cjs.cache: a cache that fails a check is not given to V8', () => {
  it.each([0, 5, 21, 30, 100, 5000, 0.5, 0.9, 1])('a byte flipped at %s: the same output, exit 0', (at) => {
    const dir = install();
    const cache = join(dir, 'dist', 'cli.cjs.cache');
    flip(cache, at < 1 || at === 1 ? Math.floor(readFileSync(cache).length * at) : at);
    // -v adds its lines to stderr and nothing to stdout (the sound copy: below)
    const r = run(dir, [...CALC, '-v']);
    expect([r.exitCode, r.stdout]).toEqual([0, GOOD.stdout]);
    expect(r.stderr).toMatch(/^tariff: the code cache .*cli\.cjs\.cache is not used: .*; the CLI was compiled from source$/m);
    const v = run(dir, ['--version']);
    expect([v.exitCode, v.stdout.split('\n')[0]]).toEqual([0, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version]);
  });

  it('cut short, or emptied: the same output', () => {
    const dir = install();
    const cache = join(dir, 'dist', 'cli.cjs.cache');
    rewrite(cache, readFileSync(cache).subarray(0, 1000));
    expect(run(dir, CALC).stdout).toBe(GOOD.stdout);
    rewrite(cache, '');
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
    rewrite(file, `${text.slice(0, at)}"adValorem":{"n":6,"s":1}${text.slice(at + 25)}`, 'latin1');
    const r = run(dir, [...CALC, '-v']);
    expect([r.exitCode, r.stdout]).toEqual([0, GOOD.stdout]);
    expect(r.stderr).toContain('schedule.compiled.json is not used: it is damaged (its checksum does not match)');
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
    rewrite(file, bytes.subarray(0, bytes.length >> 1));
    expect(run(dir, CALC)).toMatchObject({ exitCode: 0, stdout: GOOD.stdout });
    rewrite(file, '');
    expect(run(dir, CALC)).toMatchObject({ exitCode: 0, stdout: GOOD.stdout });
  });

  it('data/schedule.json changed after the build: the compiled form is stale and not used; the hash is of the data used', () => {
    const dir = install();
    const file = join(dir, 'data', 'schedule.json');
    const text = readFileSync(file, 'utf8');
    const changed = text.replace('"version": "', '"version": "x');
    expect(changed).not.toBe(text);
    rewrite(file, changed);
    const r = run(dir, [...CALC, '-v']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schedule.hash).toBe(createHash('sha256').update(changed).digest('hex').slice(0, 12));
    expect(doc.schedule.version).toMatch(/^x/);
    expect(r.stderr).toContain('it was compiled from other bytes of the schedule file');
  });
});

/** one line on stderr, exit 70, nothing on stdout: what a damaged file loaded after the start gives */
function refused(r: { exitCode: number; stdout: string; stderr: string }, file: string, why = 'does not match its checksum in dist/manifest.json'): void {
  expect(r.exitCode).toBe(70);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`tariff: the installation is damaged: ${file} ${why}; reinstall tariff-cli (npm ci, or npm run build in a checkout)\n`);
}
const MANIFEST_WHY = 'is not the one this build wrote (its checksum does not match)';
const executed = Object.keys(JSON.parse(readFileSync(join(ROOT, 'dist', 'manifest.json'), 'utf8')).crc32 as Record<string, string>);
const chunks = executed.filter((f) => f.startsWith('chunks/'));

describe('dist/manifest.json: the CRC-32 of every file of dist/ that runs after the start', () => {
  it('names zod.cjs, the batch worker, cli.js and every chunk (the library among them)', () => {
    expect(executed).toEqual(expect.arrayContaining(['zod.cjs', 'batch-worker.js', 'cli.js', 'chunks/lib.js']));
    expect(chunks.length).toBeGreaterThan(1);
  });
});

const SCHEMA = ['schedule', 'schema'];
const SCHEMA_GOOD = run(sound, SCHEMA);

describe('dist/zod.cjs: checked when the CLI first needs zod, and run from the bytes checked', () => {
  it('the sound copy prints the JSON Schema', () => {
    expect(SCHEMA_GOOD.exitCode).toBe(0);
    expect(JSON.parse(SCHEMA_GOOD.stdout).title).toBe('tariff schedule');
  });

  it.each([0, 0.5, 0.99])('a byte flipped at %s: exit 70, one line naming the file; a calc without zod is unchanged', (at) => {
    const dir = install();
    const file = join(dir, 'dist', 'zod.cjs');
    flip(file, Math.floor(readFileSync(file).length * at));
    refused(run(dir, SCHEMA), file);
    // a small schedule: zod is needed (and refused) once the file is parsed; the bundled 15 MB one
    // cost ~0.6 s of CPU more a run to parse first, for the same refusal
    refused(run(dir, ['schedule', 'check', FIXTURE]), file);
    expect(run(dir, CALC)).toEqual(GOOD);
  });
});

// enough rows for a --jobs 2 batch to start its workers (the threshold lowered for the test)
const batch = join(root, 'jobs.csv');
writeFileSync(batch, `hts,origin,value\n${'9503.00.00,CN,100\n'.repeat(5000)}`);
const JOBS = ['calc', '--input', batch, '--date', '2025-06-01', '--jobs', '2', '--summary'];
const WORKERS = { TARIFF_WORKER_MIN_BYTES: '1' };
const JOBS_GOOD = run(sound, JOBS, WORKERS);

describe('dist/batch-worker.js and the chunks it imports: checked before a worker thread starts', () => {
  it('the sound copy prices the batch in workers as in one thread', () => {
    expect(JOBS_GOOD.exitCode).toBe(0);
    expect(JOBS_GOOD.stdout.split('\n')).toHaveLength(5002);
    expect(run(sound, JOBS.slice(0, -3).concat('--summary'))).toEqual(JOBS_GOOD);
  });

  it.each(['batch-worker.js', ...chunks])('a byte flipped in %s: the batch stops at once, exit 70; a one-shipment calc is unchanged', (name) => {
    const dir = install();
    const file = join(dir, 'dist', name);
    flip(file, Math.floor(readFileSync(file).length * 0.5));
    refused(run(dir, JOBS, WORKERS), file);
    expect(run(dir, CALC)).toEqual(GOOD);
  });
});

/** imports the library of `dir` as a user would, and loads and validates the bundled schedule with it */
function library(dir: string): { exitCode: number; stdout: string; stderr: string } {
  const code = `import(process.argv[1]).then(
    async (m) => { const s = await m.loadSchedule(process.argv[2]); console.log(s.meta.version, s.lines.length, Object.keys(m).length); },
    (e) => { process.stderr.write(e.code + ': ' + e.message + '\\n'); process.exitCode = e.code === 'TARIFF_DAMAGED' ? 70 : 1; },
  );`;
  const r = spawnSync(process.execPath, ['-e', code, join(dir, 'dist', 'index.js'), join(dir, 'data', 'schedule.json')], { encoding: 'utf8', env: cleanEnv() });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const LIB_GOOD = library(sound);

describe('the library (dist/index.js): it checks itself, the manifest and every chunk before it imports them', () => {
  /** the rejection of the import, printed by the script that imported it */
  function rejected(r: { exitCode: number; stdout: string; stderr: string }, file: string, why: string): void {
    expect(r.exitCode).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`TARIFF_DAMAGED: the installation is damaged: ${file} ${why}; reinstall tariff-cli (npm ci, or npm run build in a checkout)\n`);
  }

  it('the sound copy loads the bundled schedule', () => {
    expect(LIB_GOOD.exitCode).toBe(0);
    expect(LIB_GOOD.stderr).toBe('');
    expect(LIB_GOOD.stdout).toMatch(/^\S+ \d{4,} \d+\n$/);
  });

  it.each(chunks)('a byte flipped in %s: the import is refused', (name) => {
    const dir = install();
    const file = join(dir, 'dist', name);
    flip(file, Math.floor(readFileSync(file).length * 0.5));
    rejected(library(dir), file, 'does not match its checksum in dist/manifest.json');
  });

  // index.js checks its own bytes, so a flip anywhere in its checksum line, comments, strings or
  // export list is refused; one that makes it no longer parse fails the import before any of it runs
  it.each([
    ['its checksum line', ' crc32 ', 6],
    ['a comment', 'the library (chunks/lib.js)', 4],
    ["the manifest's CRC-32", "MANIFEST_CRC32 = '", 19],
    ['a message', "'cannot be read'", 3],
    ['an export', ' landedCost,', 2],
  ])('a byte flipped in index.js, in %s: refused', (_what, near, offset) => {
    const dir = install();
    const file = join(dir, 'dist', 'index.js');
    const at = readFileSync(file, 'latin1').indexOf(near);
    expect(at).toBeGreaterThanOrEqual(0);
    flip(file, at + offset);
    rejected(library(dir), file, 'does not match the checksum on its first line');
  });

  it('a byte flipped in index.js that breaks its syntax: the import fails, nothing of the library runs', () => {
    const dir = install();
    flip(join(dir, 'dist', 'index.js'), 0);
    const r = library(dir);
    expect([r.exitCode, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toMatch(/^undefined: Unexpected/);
  });

  it('a byte flipped in the manifest: the import is refused', () => {
    const dir = install();
    const file = join(dir, 'dist', 'manifest.json');
    flip(file, 40);
    rejected(library(dir), file, MANIFEST_WHY);
  });
});

describe('dist/manifest.json itself: a damaged one is never trusted', () => {
  it.each([0, 0.5, 0.99])('a byte flipped at %s: a calc is unchanged; zod, --jobs and the library are refused', (at) => {
    const dir = install();
    const file = join(dir, 'dist', 'manifest.json');
    flip(file, Math.floor(readFileSync(file).length * at));
    expect(run(dir, CALC)).toEqual(GOOD);
    refused(run(dir, SCHEMA), file, MANIFEST_WHY);
    refused(run(dir, JOBS, WORKERS), file, MANIFEST_WHY);
    expect(library(dir).exitCode).toBe(70);
  });
});

describe("the repository's own dist/ and data/schedule.json (the copies link to them)", () => {
  it('are as they were before the tests: every damage above was a copy of its own', () => {
    expect(digest(join(ROOT, 'dist'))).toBe(BUILT.dist);
    expect(
      createHash('sha256')
        .update(readFileSync(join(ROOT, 'data', 'schedule.json')))
        .digest('hex'),
    ).toBe(BUILT.schedule);
  });
});
