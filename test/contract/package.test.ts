/**
 * What gets published. `npm pack` (with --ignore-scripts: `prepare` would rebuild dist/ under the
 * feet of the other test files) lists only bin/, dist/, man/tariff.1 (built from the help),
 * data/schedule.json with its line files, README.md and package.json (and a LICENSE if there is one): no src/, test/, bench/, docs/ or scripts/. The
 * runtime dependencies are exactly commander, chalk, zod and cli-table3, pinned to exact versions.
 * The packed tarball, unpacked where no node_modules can be found, runs on its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { type Dirent, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../helpers.js';

interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: { path: string; size: number }[];
}

const npm = (args: string[], cwd = ROOT): string =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// ONE `npm pack` serves every test: the listing tests read the list of the tarball that the last
// block unpacks and runs (a `--dry-run` pack for the lists and a second, real one for the tarball
// listed the same files twice; ~1 s of npm's CPU each)
const dir = mkdtempSync(join(tmpdir(), 'tariff-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let packed: PackResult;
beforeAll(() => {
  packed = (JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir])) as PackResult[])[0] as PackResult;
}, 120_000);

const LINE_FILE = /^data\/lines\/US-\d{4}\.json$/;
const ALLOWED = (p: string): boolean =>
  p.startsWith('bin/') ||
  p.startsWith('dist/') ||
  LINE_FILE.test(p) ||
  ['man/tariff.1', 'data/schedule.json', 'README.md', 'data/README.md', 'package.json'].includes(p) ||
  /^LICEN[CS]E(\.(md|txt))?$/i.test(p);

describe('npm pack', () => {
  it('lists only bin/, dist/, man/tariff.1, data/schedule.json, README.md, package.json (and a LICENSE)', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => !ALLOWED(p))).toEqual([]);
    for (const dirName of ['src/', 'test/', 'bench/', 'docs/', 'scripts/', 'node_modules/', '.ci/', 'coverage/']) {
      expect(
        paths.filter((p) => p.startsWith(dirName)),
        dirName,
      ).toEqual([]);
    }
    expect(paths.filter((p) => /\.(ts|tsx)$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((p) => /\.tmp|~$|\.orig$|\.log$/.test(p))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining(['bin/tariff.js', 'man/tariff.1', 'data/schedule.json', 'data/lines/US-9503.json', 'README.md', 'package.json']),
    );
  });

  it('contains every entry point package.json names (bin, main, types, exports) and the batch worker', () => {
    const paths = new Set(packed.files.map((f) => f.path));
    const norm = (p: string): string => p.replace(/^\.\//, '');
    const entries = [
      ...Object.values(pkg.bin as Record<string, string>),
      ...(pkg.man as string[]),
      pkg.main,
      pkg.types,
      ...Object.values(pkg.exports as Record<string, string | Record<string, string>>).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
    ].map(norm);
    for (const e of entries) expect(paths.has(e), e).toBe(true);
    expect(paths.has('dist/cli.js')).toBe(true);
    expect(paths.has('dist/batch-worker.js')).toBe(true);
    // the checksums dist/index.js and dist/cli.cjs check the other files of dist/ against
    expect(paths.has('dist/manifest.json')).toBe(true);
    expect(paths.has('dist/chunks/lib.js')).toBe(true);
  });

  it('the only data files are the bundled schedule and the line file of every chapter it names', () => {
    // npm packs every README; data/README.md tells how the data is built
    const data = packed.files.map((f) => f.path).filter((p) => p.startsWith('data/') && p !== 'data/README.md');
    const named = Object.keys(JSON.parse(readFileSync(join(ROOT, 'data/schedule.json'), 'utf8')).lineShards.files).map((rel) => `data/${rel}`);
    expect(data.sort()).toEqual(['data/schedule.json', ...named].sort());
    expect(named.length).toBeGreaterThan(1000); // a file per heading of chapters 01–97
  });

  it('installs in at most 12 MB (the whole tariff included)', () => {
    // 10 MB until the special column of every line came into the line files (issue 23: +1.1 MB, 11.1 MB
    // in all); a shorter encoding of it (the printed text, parsed when read) is the way back under 10
    const bytes = packed.files.reduce((s, f) => s + f.size, 0);
    expect(bytes).toBeLessThanOrEqual(12 * 1024 * 1024);
  });
});

describe('package.json', () => {
  it('runtime dependencies are exactly commander, chalk, zod and cli-table3, pinned to exact versions', () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(['chalk', 'cli-table3', 'commander', 'zod']);
    for (const [name, version] of Object.entries(pkg.dependencies as Record<string, string>)) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    expect(pkg.optionalDependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.bundledDependencies ?? pkg.bundleDependencies ?? []).toEqual([]);
  });

  it('the pins are the versions chosen for Node 20 (README, Supply chain), and the ones installed and locked', () => {
    const deps = pkg.dependencies as Record<string, string>;
    expect(deps.commander).toMatch(/^14\./); // commander 15 needs Node 22
    expect(deps.chalk).toMatch(/^5\./); // chalk 6 needs Node 22
    expect(deps.zod).toMatch(/^4\./);
    expect(deps['cli-table3']).toBe('0.6.5');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    for (const [name, version] of Object.entries(deps)) {
      expect(lock.packages?.[`node_modules/${name}`]?.version, `lock: ${name}`).toBe(version);
      expect(lock.packages?.['']?.dependencies?.[name], `lock root: ${name}`).toBe(version);
      expect(JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version, `installed: ${name}`).toBe(version);
    }
  });

  it('development dependencies are pinned exactly too, and the engine is Node 20 or later', () => {
    for (const [name, version] of Object.entries((pkg.devDependencies ?? {}) as Record<string, string>)) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.engines?.node).toBe('>=20');
  });
});

describe('the packed tarball on its own', () => {
  it('unpacked where no node_modules can be found, it prices the toy example and lists the scenarios', () => {
    execFileSync('tar', ['-xzf', join(dir, packed.filename), '-C', dir]);
    // the tarball holds the files its pack listed (the listing tests above), no more, no fewer
    const unpacked = (readdirSync(join(dir, 'package'), { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile())
      .map((e) => relative(join(dir, 'package'), join(e.parentPath ?? e.path, e.name)));
    expect(unpacked.sort()).toEqual(packed.files.map((f) => f.path).sort());
    const bin = join(dir, 'package', 'bin', 'tariff.js');
    expect(existsSync(join(dir, 'package', 'src'))).toBe(false);
    const env = cleanEnv({ NODE_PATH: '' });
    const calc = spawnSync(
      process.execPath,
      [bin, 'calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30', '--format', 'json'],
      { cwd: dir, env, encoding: 'utf8' },
    );
    expect(calc.stderr).toBe('');
    expect(calc.status).toBe(0);
    expect(JSON.parse(calc.stdout)).toMatchObject({ landedCost: 13047.14, duty: 3000 });
    const scenarios = spawnSync(process.execPath, [bin, 'scenarios', '--format', 'json'], { cwd: dir, env, encoding: 'utf8' });
    expect(scenarios.status).toBe(0);
    expect(JSON.parse(scenarios.stdout).scenarios.map((s: { id: string }) => s.id)).toContain('geneva-30');
    const version = spawnSync(process.execPath, [bin, '--version'], { cwd: dir, env, encoding: 'utf8' });
    expect(version.stdout.split('\n')[0]).toBe(pkg.version);
    // and it starts as fast as the checkout: V8 takes the code cache of its build, and the compiled
    // schedule has the schedule file's time (so it is used without hashing the file)
    const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(require(process.argv[1]).loadCli().script.cachedDataRejected))', bin], {
      cwd: dir,
      env,
      encoding: 'utf8',
    });
    expect(probe.stdout).toBe('false');
    const mtime = (rel: string): number => statSync(join(dir, 'package', rel)).mtimeMs;
    expect(Math.abs(mtime('dist/schedule.compiled.json') - mtime('data/schedule.json'))).toBeLessThan(1);
  }, 120_000);
});
