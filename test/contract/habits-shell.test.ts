/**
 * Help and shell habits (issue 13), end to end through the built bin: help that names the
 * command, the exit-code table once, completion scripts sourced in a real bash, the man page
 * rendered with `man -l` (skipped where man is not installed), a global install into a private
 * prefix, TARIFF_SCHEDULE and --verbose.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { cleanEnv, FIXTURE, ROOT, run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
/** a test that needs a tool this machine lacks is reported as skipped (with the reason in its name), never passed */
const HAS_BASH = has('bash');
const HAS_MAN = has('man');

describe('help', () => {
  it('an unknown flag names the command whose help to read', () => {
    const r = runIn(['compare', '--hts', '9503.00.00', '--bogus']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("tariff: unknown option '--bogus'\n(see `tariff compare --help`)\n");
    const s = runIn(['schedule', 'lint', '--bogus']);
    expect(s.stderr).toContain('(see `tariff schedule lint --help`)');
    const u = runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1', '--scenario', 'a,b']);
    expect(u.exitCode).toBe(2);
    expect(u.stderr).toContain('(see `tariff calc --help`)');
  });

  it('tariff help exit-codes prints the table', () => {
    const r = runIn(['help', 'exit-codes']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Exit codes:\n {2}0 +ok\n {2}1 +a check/);
    expect(r.stdout).toMatch(/78 +the schedule or a scenario file is invalid/);
  });
});

describe('tariff completion', () => {
  const script = (shell: string): string => {
    const r = runIn(['completion', shell]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    return r.stdout;
  };

  it.skipIf(!HAS_BASH)(
    'bash: sourced in a bash child, it registers and completes commands, flags, scenario ids and formats (skipped where bash is missing)',
    () => {
      const f = join(dir, 'tariff.bash');
      writeFileSync(f, script('bash'));
      const probe = `
      source ${JSON.stringify(f)}
      complete -p tariff
      t() { COMP_WORDS=("$@"); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _tariff; echo "$*|\${COMPREPLY[*]}"; }
      t tariff ca
      t tariff calc --sc
      t tariff calc --scenario gen
      t tariff compare --scenario pre-2025,ge
      t tariff calc --format ''
      t tariff calc --hts 9503.00.00 --mode ''
      t tariff schedule ''
      t tariff schedule lint --format ''
      t tariff compl
    `;
      const r = spawnSync('bash', ['--norc', '--noprofile', '-c', probe], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n').filter(Boolean)).toEqual([
        'complete -o filenames -F _tariff tariff',
        'tariff ca|calc',
        'tariff calc --sc|--scenario --schedule --scenario-file',
        'tariff calc --scenario gen|geneva-30',
        'tariff compare --scenario pre-2025,ge|pre-2025,geneva-30',
        'tariff calc --format |table json csv ndjson markdown',
        'tariff calc --hts 9503.00.00 --mode |ocean air truck rail postal',
        'tariff schedule |check lint schema import-hts',
        'tariff schedule lint --format |text json',
        'tariff compl|completion',
      ]);
    },
  );

  it('scenario ids come from the schedule in use (--schedule or TARIFF_SCHEDULE)', () => {
    // the fixture schedule has its own scenarios; the bundled geneva-30 is not among them
    const ids = (JSON.parse(readFileSync(FIXTURE, 'utf8')).scenarios as { id: string }[]).map((s) => s.id);
    const r = runIn(['completion', 'bash'], { env: { TARIFF_SCHEDULE: FIXTURE } });
    expect(r.exitCode).toBe(0);
    for (const id of ids) expect(r.stdout).toContain(id);
  });

  it('zsh and fish scripts are produced (their syntax: the shells check it below)', () => {
    const zsh = script('zsh');
    expect(zsh.startsWith('#compdef tariff\n')).toBe(true);
    expect(zsh).toContain('complete -o filenames -F _tariff tariff');
    const fish = script('fish');
    expect(fish).toContain("complete -c tariff -n __fish_use_subcommand -a 'calc'");
    expect(fish).toContain("complete -c tariff -n '__fish_seen_subcommand_from calc' -l format -x -a 'table json csv ndjson markdown'");
  });

  // the syntax check needs the shell itself: where it is not installed the test says it was skipped
  for (const shell of ['zsh', 'fish'] as const) {
    it.skipIf(!has(shell))(`${shell} -n parses the ${shell} script (skipped where ${shell} is not installed)`, () => {
      const f = join(dir, `tariff.${shell}`);
      writeFileSync(f, script(shell));
      const r = spawnSync(shell, ['-n', f], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    });
  }

  it('an unknown shell is a usage error', () => {
    expect(runIn(['completion', 'tcsh']).exitCode).toBe(2);
  });
});

describe('the man page', () => {
  const page = join(ROOT, 'man', 'tariff.1');

  it('is built from the help: every command is in it, and package.json ships it', () => {
    const text = readFileSync(page, 'utf8');
    expect(text).toMatch(/^\.\\" tariff\(1\)/);
    expect(text).toContain('.TH TARIFF 1');
    for (const c of ['calc', 'compare', 'timeline', 'sweep', 'refund', 'lookup', 'scenarios', 'schedule check', 'completion'])
      expect(text).toContain(`.SS "tariff ${c}"`);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.man).toEqual(['./man/tariff.1']);
    expect(pkg.files).toContain('man/');
  });

  it.skipIf(!HAS_MAN)('renders with man -l (skipped where man is not installed)', () => {
    const r = spawnSync('man', ['-l', page], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '100', MANPAGER: 'cat', PAGER: 'cat' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/TARIFF\(1\)/);
    expect(r.stdout).toMatch(/NAME\s+tariff - landed cost/);
    expect(r.stdout).toContain('--max-effective-rate');
  });
});

describe('a global install (npm install -g from the clone, into a private prefix)', () => {
  it('puts tariff on the PATH and the man page where man looks', () => {
    const prefix = join(dir, 'prefix');
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--ignore-scripts', '--no-audit', '--no-fund', ROOT], {
      encoding: 'utf8',
      env: { ...process.env, npm_config_update_notifier: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const bin = join(prefix, 'bin', 'tariff');
    expect(existsSync(bin)).toBe(true);
    const env = cleanEnv({ PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` });
    const r = spawnSync('tariff', ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'geneva-30', '--format', 'json'], {
      encoding: 'utf8',
      env,
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    // 20% + 10% of 10,000 = 3,000; MPF 34.64
    expect(JSON.parse(r.stdout).landedCost).toBe(13034.64);
    const man = join(prefix, 'share', 'man', 'man1', 'tariff.1');
    expect(realpathSync(man)).toBe(realpathSync(join(ROOT, 'man', 'tariff.1')));
    if (has('man')) {
      const w = spawnSync('man', ['-w', 'tariff'], { encoding: 'utf8', env: { ...process.env, MANPATH: join(prefix, 'share', 'man') } });
      expect(realpathSync(w.stdout.trim())).toBe(realpathSync(man));
    }
  }, 120_000);
});

describe('TARIFF_SCHEDULE and --verbose', () => {
  it('TARIFF_SCHEDULE is the default schedule; --schedule wins; --verbose says which was used', () => {
    const a = runIn(['scenarios', '--format', 'json'], { env: { TARIFF_SCHEDULE: FIXTURE } });
    expect(a.exitCode).toBe(0);
    const fixtureVersion = JSON.parse(readFileSync(FIXTURE, 'utf8')).meta.version;
    expect(JSON.parse(a.stdout).schedule.version).toBe(fixtureVersion);
    const b = runIn(['scenarios', '--format', 'json', '--verbose'], { env: { TARIFF_SCHEDULE: join(dir, 'missing.json') } });
    expect(b.exitCode).toBe(66); // the file it names cannot be read
    const v = runIn(['scenarios', '--format', 'json', '--verbose'], { env: { TARIFF_SCHEDULE: FIXTURE } });
    expect(v.stderr).toContain(`tariff: schedule ${FIXTURE} (TARIFF_SCHEDULE): version ${fixtureVersion}`);
    const w = runIn(['scenarios', '--format', 'json', '--verbose', '--schedule', join(ROOT, 'data', 'schedule.json')], { env: { TARIFF_SCHEDULE: FIXTURE } });
    expect(JSON.parse(w.stdout).schedule.version).not.toBe(fixtureVersion);
    expect(runIn(['scenarios', '--format', 'json']).stderr).toBe('');
  });

  it('a batch priced in worker threads uses the TARIFF_SCHEDULE file too', () => {
    // 8700.00.00 is a line of the fixture schedule only: the bundled one would reject every row
    // 8,000 rows of 18 bytes (144 KB): the first slice in this thread, then two worker jobs
    // (131,022 and 12,978 bytes: JOB_BYTES of the batch run is reached at a job's second slice), one
    // for each of the two workers (20,000 rows made three and an empty last one, for the same check
    // at 2.5 times the rows to price)
    const csv = join(dir, 'jobs.csv');
    writeFileSync(csv, `hts,origin,value\n${'8700.00.00,CN,100\n'.repeat(8000)}`);
    expect(statSync(csv).size).toBeGreaterThan(2 * 65_536);
    const env = { TARIFF_SCHEDULE: FIXTURE, TARIFF_WORKER_MIN_BYTES: '1' };
    // spawned: worker threads (--jobs) and TARIFF_WORKER_MIN_BYTES (read once) need a real process
    const one = run(['calc', csv, '--jobs', '1'], { env });
    const two = run(['calc', csv, '--jobs', '2'], { env });
    const named = run(['calc', csv, '--jobs', '2', '--schedule', FIXTURE], { env: { TARIFF_WORKER_MIN_BYTES: '1' } });
    expect(one.exitCode, one.stderr).toBe(0);
    expect(one.stdout.split('\n')).toHaveLength(8002);
    expect(two.exitCode, two.stderr).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stdout).toBe(named.stdout);
    expect(run(['calc', csv, '--jobs', '2'], { env: { TARIFF_WORKER_MIN_BYTES: '1' } }).exitCode).toBe(65);
  });
});

describe('tables fit the terminal', () => {
  // in a pipe the width comes from $COLUMNS (on a terminal: its own width); --wide turns wrapping off
  const width = (s: string): number => Math.max(...s.split('\n').map((l) => [...l].length));

  it('scenarios: wrapped to 80 columns, with a rule under the header', () => {
    const r = runIn(['scenarios', '--no-color'], { env: { COLUMNS: '80' } });
    expect(r.exitCode).toBe(0);
    expect(width(r.stdout)).toBeLessThanOrEqual(80);
    const lines = r.stdout.split('\n');
    const rule = lines.findIndex((l) => l.startsWith('├'));
    expect(rule).toBeGreaterThan(1);
    expect(lines.slice(1, rule).join('\n')).toContain('Scenario');
    // nothing is lost: every word of a description is still there
    const text = lines
      .slice(rule + 1)
      .map((l) => (l.split('│')[5] ?? '').trim())
      .join(' ');
    expect(text).toContain('The law of 1 Jan 2025: MFN, Section 301 (with the 2024 Four-Year Review), no IEEPA tariffs.');
  });

  it('--wide keeps each row on one line', () => {
    const r = runIn(['scenarios', '--no-color', '--wide'], { env: { COLUMNS: '80' } });
    expect(width(r.stdout)).toBeGreaterThan(80);
    expect(r.stdout).toContain('│ The law of 1 Jan 2025: MFN, Section 301 (with the 2024 Four-Year Review), no IEEPA tariffs.');
  });

  it('calc and lookup wrap their references and titles', () => {
    const c = runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'geneva-30', '--no-color'], { env: { COLUMNS: '80' } });
    expect(c.exitCode).toBe(0);
    expect(width(c.stdout)).toBeLessThanOrEqual(80);
    expect(c.stdout).toMatch(/│\s+\$13,034\.64 │/);
    const l = runIn(['lookup', '9503.00.00', '--origin', 'CN', '--date', '2025-05-14', '--no-color'], { env: { COLUMNS: '120' } });
    expect(l.exitCode).toBe(0);
    expect(
      width(
        l.stdout
          .split('\n')
          .filter((x) => /^[│├┌└]/.test(x))
          .join('\n'),
      ),
    ).toBeLessThanOrEqual(120);
  });
});

describe('progress of long batches on a terminal', () => {
  // duration() and the redraw rate on a clock of its own: test/unit/batch/progress.test.ts
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)(
    'compare over a large file shows rows, rows/s, percentage and time left, then erases it (skipped without the script tool)',
    () => {
      const big = join(dir, 'big-compare.csv');
      // 36,000 rows of 119 bytes (a 100-character description): 4.3 MB, over the 4 MB threshold (on
      // the input's bytes) with an eighth of the rows to price of 300,000 rows of 18 bytes
      writeFileSync(big, `hts,origin,value,description\n${`9503.00.00,CN,100,${'x'.repeat(100)}\n`.repeat(36_000)}`);
      expect(statSync(big).size).toBeGreaterThan(4 * 1024 * 1024);
      const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
      const cmd = `${[process.execPath, join(ROOT, 'bin', 'tariff.js'), 'compare', big, '--scenario', 'pre-2025,geneva-30', '--format', 'json'].map(q).join(' ')} > /dev/null`;
      const env = cleanEnv({ TERM: 'xterm-256color' });
      delete env.CI;
      delete env.GITHUB_ACTIONS;
      const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, env, encoding: 'utf8', input: '', timeout: 120_000 });
      expect(r.status).toBe(0);
      const updates = [...r.stdout.matchAll(/\r\x1b\[K([\d,]+) rows, ([\d,]+) rows\/s, (\d+)%, ETA (\d+s|\d+m\d\ds)/g)];
      expect(updates.length).toBeGreaterThanOrEqual(1);
      for (const m of updates) expect(Number(m[3])).toBeLessThanOrEqual(100);
      expect(r.stdout.endsWith('\r\x1b[K')).toBe(true);
    },
    120_000,
  );
});
