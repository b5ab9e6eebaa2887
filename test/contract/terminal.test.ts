/**
 * Real-terminal behaviour of the built CLI, under a pseudo-terminal made by util-linux `script`
 * (`script -qec "<cmd>" /dev/null`: the command's stdin, stdout and stderr are the pty, whose
 * bytes come back on script's stdout, with LF turned into CRLF).
 *
 * - colour (SGR escapes) only on a TTY; NO_COLOR=1, --no-color and TERM=dumb remove it;
 *   FORCE_COLOR=1 forces it in a pipe (--no-color still wins); decided per stream;
 * - a progress line on a TTY stderr for a batch over 4 MB (not in a pipe, with CI set, or --quiet);
 * - SIGINT during a large batch with -o stops promptly, ends by SIGINT (status 130 in a shell), and
 *   leaves neither the output file nor its temporary file.
 *
 * The runs in a pipe that set only what the CLI reads on each run (COLUMNS, FORCE_COLOR, NO_COLOR)
 * are runIn() runs (test/cli-runner.ts): stdout is a pipe there too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BIN, cleanEnv, ROOT } from '../helpers.js';

const SGR = /\x1b\[[0-9;]*m/;
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

const dir = mkdtempSync(join(tmpdir(), 'tariff-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

/** The environment of an interactive shell: no CI, no colour settings unless given. */
function ttyEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = cleanEnv();
  delete env.CI;
  delete env.GITHUB_ACTIONS;
  env.TERM = 'xterm-256color';
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs `node bin/tariff.js ARGS [shell redirections]` on a pseudo-terminal; returns what the terminal showed. */
function onTty(args: string[], opts: { env?: Record<string, string | undefined>; redirect?: string } = {}): { exitCode: number; screen: string } {
  // a known terminal width: tables wrap to it (issue 13), and the pipe runs below get COLUMNS=100
  const cmd = `stty cols 100 rows 40 2>/dev/null; ${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')}${opts.redirect ? ` ${opts.redirect}` : ''}`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], {
    cwd: ROOT,
    env: ttyEnv(opts.env),
    encoding: 'utf8',
    input: '',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { exitCode: r.status ?? -1, screen: r.stdout };
}

const EXPLAIN = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--mode', 'ocean', '--scenario', 'geneva-30', '--explain'];
const COLOURED: [string, string[]][] = [
  ['scenarios', ['scenarios']],
  ['calc --explain', EXPLAIN],
  ['compare', ['compare', '--hts', '9503.00.00', '--origin', 'CN', '--value', '10000', '--scenario', 'geneva-30,snapback-34']],
];

describe.skipIf(!hasScript)('colour (skipped without the script tool, which gives a terminal)', () => {
  it.each(COLOURED)('%s: colour on a terminal, none in a pipe', (_name, args) => {
    const tty = onTty(args);
    expect(tty.exitCode).toBe(0);
    expect(tty.screen).toMatch(SGR);
    const pipe = runIn(args, { env: { COLUMNS: '100' } });
    expect(pipe.exitCode).toBe(0);
    expect(pipe.stdout).not.toMatch(SGR);
    expect(pipe.stderr).not.toMatch(SGR);
    // the same text once the escapes are removed
    expect(tty.screen.replace(/\x1b\[[0-9;]*m/g, '').replaceAll('\r\n', '\n')).toBe(pipe.stdout);
  });

  it.each(COLOURED)('%s: NO_COLOR=1, --no-color, TERM=dumb and FORCE_COLOR=0 remove it on a terminal', (_name, args) => {
    for (const r of [
      onTty(args, { env: { NO_COLOR: '1' } }),
      onTty([...args, '--no-color']),
      onTty(args, { env: { TERM: 'dumb' } }),
      onTty(args, { env: { FORCE_COLOR: '0' } }),
    ]) {
      expect(r.exitCode).toBe(0);
      expect(r.screen).not.toMatch(SGR);
      expect(r.screen.length).toBeGreaterThan(100);
    }
  });

  it('an empty NO_COLOR is no setting (no-color.org): colour on a terminal', () => {
    expect(onTty(['scenarios'], { env: { NO_COLOR: '' } }).screen).toMatch(SGR);
  });

  it.each(COLOURED)('%s: FORCE_COLOR=1 forces colour in a pipe; --no-color wins over it', (_name, args) => {
    const forced = runIn(args, { env: { FORCE_COLOR: '1' } });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toMatch(SGR);
    expect(runIn([...args, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toMatch(SGR);
    // NO_COLOR does not beat FORCE_COLOR
    expect(runIn(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).toMatch(SGR);
  });

  it('machine-readable output is never coloured, even on a terminal', () => {
    for (const args of [
      ['scenarios', '--format', 'json'],
      [...EXPLAIN.slice(0, -1), '--format', 'json'],
    ]) {
      const r = onTty(args);
      expect(r.exitCode).toBe(0);
      expect(r.screen).not.toMatch(SGR);
      expect(() => JSON.parse(r.screen)).not.toThrow();
    }
  });

  it('colour is decided per stream: stdout to a file, warnings on the terminal (and the other way round)', () => {
    // a date after verifiedThrough: a warning on stderr
    const late = { TARIFF_TODAY: '2026-11-28' };
    const args = ['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '100', '--explain'];
    const outFile = join(dir, 'stdout.txt');
    const a = onTty(args, { env: late, redirect: `> ${q(outFile)}` });
    expect(a.exitCode).toBe(0);
    expect(a.screen).toMatch(/\x1b\[33mwarning:\x1b\[39m 2026-11-28 is after/);
    expect(readFileSync(outFile, 'utf8')).not.toMatch(SGR);
    expect(readFileSync(outFile, 'utf8')).toContain('9503.00.00');

    const errFile = join(dir, 'stderr.txt');
    const b = onTty(args, { env: late, redirect: `2> ${q(errFile)}` });
    expect(b.exitCode).toBe(0);
    expect(b.screen).toMatch(SGR);
    expect(readFileSync(errFile, 'utf8')).toMatch(/^warning: 2026-11-28 is after/);
  });
});

// ---------------------------------------------------------------------------------------------

// 119 bytes a row (a 100-character description): 4.3 MB, over the 4 MB progress threshold (the
// threshold is on the input's bytes: long rows reach it with 36,000 rows to price, not 300,000
// rows of 18 bytes, whose 153 MB of output each of the four runs below wrote)
const ROWS = 36_000;
let big: string;
beforeAll(() => {
  big = join(dir, 'big.csv');
  writeFileSync(big, `hts,origin,value,description\n${`9503.00.00,CN,100,${'x'.repeat(100)}\n`.repeat(ROWS)}`);
  expect(statSync(big).size).toBeGreaterThan(4 * 1024 * 1024);
});
// the ETA in every form duration() writes (batch/progress.ts): 42s, 1m05s, 2h03m — a loaded machine reaches minutes
const PROGRESS = /\r\x1b\[K([\d,]+) rows, ([\d,]+) rows\/s, (\d+)%, ETA (\d+s|\d+m\d\ds|\d+h\d\dm)/g;

describe.skipIf(!hasScript)('progress (skipped without the script tool, which gives a terminal)', () => {
  it('a large batch shows a progress line on a terminal’s stderr, at most ~10 updates a second, erased at the end', () => {
    const out = join(dir, 'progress-out.csv');
    const t0 = Date.now();
    const r = onTty(['calc', '--input', big, '--scenario', 'geneva-30', '-o', out]);
    const secs = (Date.now() - t0) / 1000;
    expect(r.exitCode).toBe(0);
    const updates = [...r.screen.matchAll(PROGRESS)];
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(secs * 10) + 2);
    // rows and percentages only go up
    const rows = updates.map((m) => Number((m[1] as string).replaceAll(',', '')));
    expect([...rows].sort((x, y) => x - y)).toEqual(rows);
    for (const m of updates) expect(Number(m[3])).toBeLessThanOrEqual(100);
    // erased: the screen ends with the clearing sequence, nothing else is left on it
    expect(r.screen.endsWith('\r\x1b[K')).toBe(true);
    expect(r.screen.replace(PROGRESS, '').replaceAll('\r\x1b[K', '')).toBe('');
    expect(readFileSync(out, 'utf8').split('\n').length).toBe(ROWS + 2);
  });

  it('no progress line in a pipe', () => {
    const r = spawnSync(process.execPath, [BIN, 'calc', '--input', big, '--scenario', 'geneva-30', '-o', join(dir, 'pipe-out.csv')], {
      cwd: ROOT,
      env: ttyEnv(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('no progress line with CI set, with --quiet, or for a small input', () => {
    const out = join(dir, 'quiet-out.csv');
    const small = join(dir, 'small.csv');
    writeFileSync(small, `hts,origin,value\n${'9503.00.00,CN,100\n'.repeat(1000)}`);
    for (const r of [
      onTty(['calc', '--input', big, '--scenario', 'geneva-30', '-o', out], { env: { CI: 'true' } }),
      onTty(['calc', '--input', big, '--scenario', 'geneva-30', '-o', out, '--quiet']),
      onTty(['calc', '--input', small, '--scenario', 'geneva-30', '-o', out]),
    ]) {
      expect(r.exitCode).toBe(0);
      expect(r.screen).toBe('');
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('SIGINT during a large batch', () => {
  const HUGE_ROWS = 1_500_000; // ~27 MB: several seconds of work, so the signal lands mid-way
  let huge: string;
  beforeAll(() => {
    huge = join(dir, 'huge.csv');
    writeFileSync(huge, `hts,origin,value\n${'9503.00.00,CN,100\n'.repeat(HUGE_ROWS)}`);
  });

  /** Starts the batch, waits until it has written output to its temporary file, sends SIGINT. */
  async function interrupt(out: string, extra: string[] = []): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; stderr: string }> {
    const child = spawn(process.execPath, [BIN, 'calc', '--input', huge, '--scenario', 'geneva-30', '-o', out, ...extra], {
      cwd: ROOT,
      env: ttyEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => resolve({ code, signal })),
    );
    const prefix = `.${out.split('/').pop()}.`;
    const tmpWritten = (): boolean => readdirSync(dir).some((n) => n.startsWith(prefix) && n.endsWith('.tmp') && statSync(join(dir, n)).size > 0);
    const deadline = Date.now() + 30_000;
    // "started reading": rows have been priced and written to the temporary file
    while (!tmpWritten()) {
      if (Date.now() > deadline) throw new Error('the batch never started writing');
      await new Promise((r) => setTimeout(r, 5));
    }
    const t0 = Date.now();
    child.kill('SIGINT');
    const { code, signal } = await exited;
    return { code, signal, ms: Date.now() - t0, stderr };
  }
  const leftovers = (): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('stops within 2 s, ends by SIGINT (130 in a shell), leaves no output file and no temporary file', async () => {
    const out = join(dir, 'interrupted.csv');
    const rejects = join(dir, 'interrupted-rejects.csv');
    const r = await interrupt(out, ['--rejects', rejects]);
    // the signal is re-raised after the clean-up: a parent sees "killed by SIGINT", a shell $? = 130
    expect(r.signal).toBe('SIGINT');
    expect(r.code).toBeNull();
    expect(r.ms).toBeLessThan(2000);
    expect(r.stderr).toMatch(/^tariff: interrupted by SIGINT after [\d]+ rows; no output file written \(unfinished files removed\)\n$/);
    const rows = Number(/after (\d+) rows/.exec(r.stderr)?.[1]);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(HUGE_ROWS);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(rejects)).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('an existing output file is left as it was', async () => {
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'previous run\n');
    const r = await interrupt(out);
    expect(r.signal).toBe('SIGINT');
    expect(r.ms).toBeLessThan(2000);
    expect(readFileSync(out, 'utf8')).toBe('previous run\n');
    expect(leftovers()).toEqual([]);
  }, 60_000);
});
