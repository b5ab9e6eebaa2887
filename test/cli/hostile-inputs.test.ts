/**
 * Inputs that are not files where a file is expected (--schedule, TARIFF_SCHEDULE, --scenario-file,
 * schedule import-hts): a device is refused at once (66), a FIFO is read with signals honoured and
 * only up to the 64 MiB cap (78 past it); and a pinned copy of the bundled schedule is read through
 * its compiled form (issue 22: as fast as the bundled one), while any other bytes are validated.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BIN, BUNDLED, cleanEnv, ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ONE = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--date', '2025-06-01'];

describe.skipIf(!existsSync('/dev/zero'))('a device is not a file: refused before a byte is read (66)', () => {
  it.each([
    ['--schedule', [...ONE, '--schedule', '/dev/zero'], {}, 'schedule'],
    ['TARIFF_SCHEDULE', ONE, { TARIFF_SCHEDULE: '/dev/urandom' }, 'schedule'],
    ['--scenario-file', [...ONE, '--scenario-file', '/dev/zero'], {}, 'scenario'],
    ['schedule import-hts', ['schedule', 'import-hts', '/dev/zero'], {}, 'HTS export'],
  ] as const)('%s', (_name, args, env, what) => {
    const r = runIn([...args], { env });
    expect(r.exitCode).toBe(66);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^tariff: /dev/(zero|urandom): is a device, not an? ${what} file\\n`));
  });
});

/** A FIFO in the test folder. */
function fifo(name: string): string {
  const p = join(dir, name);
  rmSync(p, { force: true });
  expect(spawnSync('mkfifo', [p]).status).toBe(0);
  return p;
}

describe('a FIFO', () => {
  // side by side: each waits 1.5 s for its run to block in open(), time in which a worker would idle
  it.concurrent.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)(
    'with no writer: %s ends the run by that signal',
    async (sig) => {
      const f = fifo(`wait-${sig}`);
      const child = spawn(process.execPath, [BIN, ...ONE, '--schedule', f], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      // the run has started once it is waiting in open(); a signal before the handlers are in is not the point
      await new Promise((r) => setTimeout(r, 1500));
      child.kill(sig);
      const signal = await new Promise((r) => child.on('exit', (_code, s) => r(s)));
      expect(signal).toBe(sig);
      expect(stderr).toContain(`tariff: interrupted by ${sig}`);
    },
    20_000,
  );

  it('with the schedule written into it: read like the file (its line files beside it)', () => {
    const f = join(dir, 'schedule-fifo.json');
    rmSync(f, { force: true });
    spawnSync('mkfifo', [f]);
    rmSync(join(dir, 'lines'), { force: true });
    symlinkSync(join(ROOT, 'data', 'lines'), join(dir, 'lines'));
    const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
    const r = spawnSync('sh', ['-c', `cat ${q(BUNDLED)} > ${q(f)} & ${q(process.execPath)} ${q(BIN)} ${ONE.join(' ')} --format json --schedule ${q(f)}`], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).duty).toBe(3000);
  });

  it('that never stops: read up to the 64 MiB cap, then 78', () => {
    const f = fifo('endless');
    const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
    const r = spawnSync('sh', ['-c', `(yes '{}' > ${q(f)} 2>/dev/null &) ; ${q(process.execPath)} ${q(BIN)} ${ONE.join(' ')} --scenario-file ${q(f)}`], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(r.status).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('endless: the scenario file is over 67108864 bytes (read from a pipe), over the limit of 64 MiB');
  }, 30_000);
});

describe('a pinned schedule (issue 22)', () => {
  it('--schedule and TARIFF_SCHEDULE naming the bundled bytes: the compiled form, the same hash and prices, no validation note', () => {
    const bundled = runIn([...ONE, '--format', 'json']);
    for (const r of [
      runIn([...ONE, '--format', 'json', '--schedule', 'data/schedule.json']),
      runIn([...ONE, '--format', 'json'], { env: { TARIFF_SCHEDULE: 'data/schedule.json' } }),
    ]) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(bundled.stdout);
    }
    const v = runIn([...ONE, '-v', '--schedule', 'data/schedule.json']);
    expect(v.stderr).not.toContain('compiled schedule');
  });

  it('other bytes are validated in full: a copy with a bad rate is 78, not priced by the compiled form', () => {
    const copy = join(dir, 'schedule.json');
    copyFileSync(BUNDLED, copy);
    rmSync(join(dir, 'lines'), { force: true });
    symlinkSync(join(ROOT, 'data', 'lines'), join(dir, 'lines'));
    const text = readFileSync(copy, 'utf8');
    writeFileSync(copy, text.replace('"adValorem": "20%"', '"adValorem": "twenty"'));
    const r = runIn([...ONE, '--schedule', copy]);
    expect(r.exitCode).toBe(78);
    expect(r.stdout).toBe('');
  });

  it('a schedule of its own built the same way: schedule check --compile writes its compiled form beside it, used only for those bytes', () => {
    const mine = join(dir, 'mine.json');
    writeFileSync(mine, readFileSync(BUNDLED, 'utf8').replace('"version": "', '"version": "mine-'));
    rmSync(join(dir, 'lines'), { force: true });
    symlinkSync(join(ROOT, 'data', 'lines'), join(dir, 'lines'));
    const validated = runIn([...ONE, '--format', 'json', '--schedule', mine]);
    expect(validated.exitCode).toBe(0);
    expect(JSON.parse(validated.stdout).schedule.version).toMatch(/^mine-/);

    const check = runIn(['schedule', 'check', mine, '--compile']);
    expect(check.exitCode).toBe(0);
    expect(check.stderr).toContain(`compiled ${mine} into ${join(dir, 'mine.compiled.json')}`);
    expect(existsSync(join(dir, 'mine.compiled.json'))).toBe(true);
    const fast = runIn([...ONE, '--format', 'json', '--schedule', mine]);
    expect(fast.stdout).toBe(validated.stdout);
    expect(runIn([...ONE, '-v', '--schedule', mine]).stderr).not.toContain('compiled schedule');

    // other bytes: the compiled form is not used (and -v says why); the file's own figures are
    writeFileSync(mine, readFileSync(mine, 'utf8').replace('"version": "mine-', '"version": "mine2-'));
    const changed = runIn([...ONE, '--format', 'json', '-v', '--schedule', mine]);
    expect(changed.exitCode).toBe(0);
    expect(JSON.parse(changed.stdout).schedule.version).toMatch(/^mine2-/);
    expect(changed.stderr).toContain('mine.compiled.json is not used: it was compiled from other bytes of the schedule file');
  });
});
