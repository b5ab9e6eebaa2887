/**
 * Faults provoked for real against the built CLI: a full file (`ulimit -f`, and a 2 MB tmpfs when
 * this user may mount one), /dev/full as stdout or stderr, real signals to a child process, a FIFO
 * for "waiting on input", a stale temporary file, an input that shrinks while it is read.
 *
 * The promise under test: an output file (-o, --rejects, import-hts -o) is either complete and
 * committed, or the target is exactly as it was and no temporary file is left; a write error is
 * exit 74 with one clear line, never exit 0.
 *
 * What needs no fault of a real process (the output a fault is compared with, a file's mode, a
 * symbolic link) runs in the runner process of test/cli-runner.ts (runIn).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIn } from '../cli-runner.js';
import { BIN, cleanEnv, ROOT, run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-faults-'));
const q = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;
const T = `${q(process.execPath)} ${q(BIN)}`;
const OLD = 'OLD CONTENT\n';
const isRoot = process.getuid?.() === 0;
const HTS_EXPORT = join(ROOT, 'test/fixtures/hts-export.json');

/** A shell command in the test folder; returns what the shell saw. */
function sh(script: string, env: Record<string, string> = {}): { exitCode: number; stdout: string; stderr: string } {
  const r = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', env: cleanEnv(env), maxBuffer: 64 * 1024 * 1024 });
  return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Temporary files left in a folder (the CLI names them `.<target>.<random>.tmp`). */
const temps = (d = dir): string[] => readdirSync(d).filter((n) => n.endsWith('.tmp'));
const fresh = (name: string, content = OLD): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

// 10,000 rows, 180 KB: 5.1 MB of CSV out (511 bytes a row), 80 times the 64 KB of `ulimit -f 64` and
// 2.5 times the 2 MB tmpfs below (100,000 rows, 51 MB out, priced 10 times the rows these limits need)
const ROWS = 10_000;
// 30,000 rejected rows: a 3.0 MB rejects file (101 bytes a row), over the 2 MB tmpfs as well
const BAD_ROWS = 30_000;
let big: string;
let bad: string;
let small: string;
beforeAll(() => {
  big = join(dir, 'big.csv');
  writeFileSync(big, `hts,origin,value\n${'9503.00.00,CN,100\n'.repeat(ROWS)}`);
  // every row rejected: the output is a header, the rejects file is large
  bad = join(dir, 'bad.csv');
  writeFileSync(bad, `hts,origin,value\n${'9503.00.00,CN,12x5\n'.repeat(BAD_ROWS)}`);
  small = join(dir, 'small.csv');
  writeFileSync(small, 'hts,origin,value\n9503.00.00,CN,100\n9503.00.00,CN,250.50\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// `ulimit -f 64`: at most 32–64 KB per file (512- or 1024-byte blocks, by shell); the kernel answers EFBIG
const LIMIT = 'ulimit -f 64;';
const EFBIG = /^tariff: .*: cannot write the output file: the file is larger than the file-size limit \(ulimit -f\) \(EFBIG\)\n/;

describe('a full file: write errors abort, the target is untouched, exit 74 (ulimit -f)', () => {
  it('calc -o', () => {
    const out = fresh('full.csv');
    const r = sh(`${LIMIT} ${T} calc --input ${q(big)} --scenario geneva-30 -o ${q(out)}`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(EFBIG);
    expect(r.stderr).toContain('full.csv is as it was before the run');
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it('calc -o --jobs 2 (worker threads)', () => {
    const out = fresh('full-jobs.csv');
    const r = sh(`${LIMIT} ${T} calc --input ${q(big)} --scenario geneva-30 --jobs 2 -o ${q(out)}`, { TARIFF_WORKER_MIN_BYTES: '0' });
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(EFBIG);
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it('--rejects: 74, not 65 with a truncated rejects file; -o is not committed either', () => {
    const out = fresh('rej-out.csv');
    const rej = fresh('rej.csv');
    const r = sh(`${LIMIT} ${T} calc --input ${q(bad)} --scenario geneva-30 -q -o ${q(out)} --rejects ${q(rej)}`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/^tariff: .*rej\.csv: cannot write the output file: .*\(EFBIG\)\n/);
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(readFileSync(rej, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it('schedule import-hts --merge -o: a good schedule is not replaced by a cut one', () => {
    const out = fresh('schedule.json', '{"good": true}\n');
    const r = sh(`${LIMIT} ${T} schedule import-hts ${q(HTS_EXPORT)} --merge -o ${q(out)}`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/schedule\.json: cannot write the output file: .*\(EFBIG\)/);
    expect(r.stderr).not.toMatch(/^imported/m);
    expect(readFileSync(out, 'utf8')).toBe('{"good": true}\n');
    expect(temps()).toEqual([]);
  });

  it('the same runs without the limit succeed: the limit is what failed them', () => {
    const out = fresh('nolimit.csv');
    const r = sh(`${T} calc --input ${q(big)} --scenario geneva-30 -o ${q(out)}`);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(ROWS + 2); // header, rows, final newline
  });
});

// a real full disk: a 2 MB tmpfs (needs root; the ulimit cases above always run)
const mnt = join(dir, 'mnt');
mkdirSync(mnt);
const mounted = isRoot && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [mnt]);
});

describe.skipIf(!mounted)('a full disk: a 2 MB tmpfs (ENOSPC) (skipped where this user may not mount one)', () => {
  it('calc -o and --rejects: exit 74, targets untouched, no temporary file', () => {
    const out = join(mnt, 'out.csv');
    const rej = join(mnt, 'rej.csv');
    writeFileSync(out, OLD);
    writeFileSync(rej, OLD);
    for (const extra of [[], ['--jobs', '2']]) {
      const r = sh(`${T} calc --input ${q(big)} --scenario geneva-30 -o ${q(out)} ${extra.join(' ')}`, { TARIFF_WORKER_MIN_BYTES: '0' });
      expect(r.exitCode).toBe(74);
      expect(r.stderr).toMatch(/out\.csv: cannot write the output file: the disk is full \(ENOSPC\)/);
      expect(readFileSync(out, 'utf8')).toBe(OLD);
      expect(temps(mnt)).toEqual([]);
    }
    const r = sh(`${T} calc --input ${q(bad)} -q --scenario geneva-30 --rejects ${q(rej)} > /dev/null`);
    expect(r.exitCode).toBe(74);
    expect(readFileSync(rej, 'utf8')).toBe(OLD);
    expect(temps(mnt)).toEqual([]);
  });
});

describe('a stale temporary file is never committed', () => {
  it('a file named like the old temporary name of this very pid is left alone; the output is complete', () => {
    // `exec` keeps the shell's pid: the stale file has the name the old code would have used
    const out = fresh('stale.csv');
    const r = sh(`printf 'STALE PARTIAL' > .stale.csv.tmp-$$; exec ${T} calc --input ${q(small)} --scenario geneva-30 -o ${q(out)}`);
    expect(r.exitCode).toBe(0);
    const expected = runIn(['calc', '--input', small, '--scenario', 'geneva-30']).stdout;
    expect(readFileSync(out, 'utf8')).toBe(expected);
    expect(readdirSync(dir).filter((n) => n.startsWith('.stale.csv.tmp-'))).toHaveLength(1);
  });

  it('two runs on the same target use different temporary names (unguessable, opened exclusively)', async () => {
    const out = join(dir, 'two.csv');
    const fifo = join(dir, 'two.fifo');
    spawnSync('mkfifo', [fifo]);
    const a = spawn(process.execPath, [BIN, 'calc', '--input', fifo, '-o', out], { env: cleanEnv() });
    const b = spawn(process.execPath, [BIN, 'calc', '--input', fifo, '-o', out], { env: cleanEnv() });
    const ended = Promise.all([a, b].map((c) => new Promise((res) => c.on('close', res))));
    while (temps().filter((n) => n.startsWith('.two.csv.')).length < 2) await new Promise((r) => setTimeout(r, 10));
    const names = temps().filter((n) => n.startsWith('.two.csv.'));
    expect(names[0]).not.toBe(names[1]);
    for (const n of names) expect(n).toMatch(/^\.two\.csv\.[A-Za-z0-9_-]{12}\.tmp$/);
    a.kill('SIGTERM');
    b.kill('SIGTERM');
    await ended;
    expect(temps()).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});

describe('signals: SIGINT, SIGTERM, SIGHUP alike, also while waiting for input', () => {
  /** Starts calc reading a FIFO; `feed` writes rows into it and keeps it open (tail -f). */
  async function waiting(
    name: string,
    feed: boolean,
  ): Promise<{ stop: (sig: NodeJS.Signals, times?: number) => Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>; out: string }> {
    const fifo = join(dir, `${name}.fifo`);
    spawnSync('mkfifo', [fifo]);
    const out = fresh(`${name}.csv`);
    const writer = feed ? spawn('sh', ['-c', `{ cat ${q(small)}; exec sleep 120; } > ${q(fifo)}`]) : null;
    const child = spawn(process.execPath, [BIN, 'calc', '--input', fifo, '--scenario', 'geneva-30', '-o', out], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal })));
    const prefix = `.${name}.csv.`;
    // the temporary file exists from the start; with rows fed, wait until they are written to it
    const ready = (): boolean => readdirSync(dir).some((n) => n.startsWith(prefix) && n.endsWith('.tmp') && (!feed || statSync(join(dir, n)).size > 0));
    while (!ready()) await new Promise((r) => setTimeout(r, 10));
    return {
      out,
      stop: async (sig, times = 1) => {
        for (let i = 0; i < times; i++) child.kill(sig);
        const r = await exited;
        writer?.kill('SIGKILL');
        return { ...r, stderr };
      },
    };
  }

  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`${sig} while no writer has opened the FIFO: ends by ${sig}, removes the temporary file`, async () => {
      const w = await waiting(`nowriter-${sig}`, false);
      const r = await w.stop(sig);
      expect(r.signal).toBe(sig);
      expect(r.stderr).toBe(`tariff: interrupted by ${sig} after 0 rows; no output file written (unfinished files removed)\n`);
      expect(readFileSync(w.out, 'utf8')).toBe(OLD);
      expect(temps()).toEqual([]);
    }, 30_000);

    it(`${sig} while a writer keeps the FIFO open (tail -f | tariff): rows read so far, nothing committed`, async () => {
      const w = await waiting(`tail-${sig}`, true);
      const r = await w.stop(sig);
      expect(r.signal).toBe(sig);
      expect(r.stderr).toBe(`tariff: interrupted by ${sig} after 2 rows; no output file written (unfinished files removed)\n`);
      expect(readFileSync(w.out, 'utf8')).toBe(OLD);
      expect(temps()).toEqual([]);
    }, 30_000);
  }

  it('a second SIGINT is handled too (no temporary file left)', async () => {
    const w = await waiting('twice', true);
    const r = await w.stop('SIGINT', 2);
    expect(r.signal).toBe('SIGINT');
    expect(readFileSync(w.out, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  }, 30_000);

  it('a shell sees 128 + the signal number: 143 for SIGTERM, 129 for SIGHUP', () => {
    const fifo = join(dir, 'shell.fifo');
    spawnSync('mkfifo', [fifo]);
    for (const [sig, status] of [
      ['TERM', 143],
      ['HUP', 129],
    ] as const) {
      const r = sh(
        `${T} calc --input ${q(fifo)} -o shell.csv & p=$!; until ls .shell.csv.*.tmp >/dev/null 2>&1; do sleep 0.05; done; kill -${sig} $p; wait $p; echo "status $?"`,
      );
      expect(r.stdout).toBe(`status ${status}\n`);
      expect(existsSync(join(dir, 'shell.csv'))).toBe(false);
      expect(temps()).toEqual([]);
    }
  }, 30_000);
});

const hasDevFull = existsSync('/dev/full');
describe.skipIf(!hasDevFull)('a broken stdout or stderr (/dev/full) (skipped where there is no /dev/full)', () => {
  const ONE_LINE = 'tariff: cannot write to stdout: the disk is full (ENOSPC); the output is incomplete\n';
  it('a batch to /dev/full: exit 74 and one line, no stack trace', () => {
    const r = sh(`${T} calc --input ${q(big)} --scenario geneva-30 > /dev/full`);
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toBe(ONE_LINE);
  });

  it('single calc, compare, timeline and refund to /dev/full: exit 74', () => {
    writeFileSync(join(dir, 'entries.csv'), 'hts,origin,value,date\n9503.00.00,CN,100,2025-06-01\n');
    for (const cmd of [
      'calc --hts 9503.00.00 --origin CN --value 100 --scenario geneva-30',
      'compare --hts 9503.00.00 --origin CN --value 100',
      `compare --input ${q(big)} --per-row --scenario geneva-30,as-entered`,
      'timeline --hts 9503.00.00 --origin CN --value 100',
      `refund --input ${q(join(dir, 'entries.csv'))} --format csv`,
      `refund --input ${q(join(dir, 'entries.csv'))} --format json`,
      'scenarios',
    ]) {
      const r = sh(`${T} ${cmd} > /dev/full`);
      expect([cmd, r.exitCode]).toEqual([cmd, 74]);
      expect(r.stderr).toContain(ONE_LINE);
    }
  });

  it('-o with stderr on /dev/full: the output is complete and committed, no temporary file', () => {
    const out = join(dir, 'errfull.csv');
    const r = sh(`${T} calc --input ${q(bad)} --scenario geneva-30 -o ${q(out)} --summary 2>/dev/full`);
    // every row rejected: 65, whatever happens to the messages about them
    expect(r.exitCode).toBe(65);
    expect(readFileSync(out, 'utf8')).toBe(runIn(['calc', '--input', bad, '--scenario', 'geneva-30']).stdout);
    expect(temps()).toEqual([]);
  });

  it('| head still ends quietly with exit 0 (a reader that goes away is not an error)', () => {
    const r = sh(`{ ${T} calc --input ${q(big)} --scenario geneva-30; echo "status $?" >&2; } | head -1`);
    expect(r.stdout).toMatch(/^hts,origin,value,[^\n]*\n$/);
    expect(r.stderr).toBe('status 0\n');
  });
});

describe('every output path is checked before the first row is read', () => {
  // the input is a FIFO nobody writes to: a run that read first would wait for ever
  let fifo: string;
  beforeAll(() => {
    fifo = join(dir, 'never.fifo');
    spawnSync('mkfifo', [fifo]);
  });
  const calc = (...extra: string[]): ReturnType<typeof run> => run(['calc', '--input', fifo, ...extra]);

  it('--rejects in a missing folder: 74 at once, -o not committed', () => {
    const out = fresh('early.csv');
    const r = calc('-o', out, '--rejects', join(dir, 'no/such/folder/rej.csv'));
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/rej\.csv: cannot write the output file: the folder does not exist \(ENOENT\)/);
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it('-o or --rejects on a folder: usage error 2', () => {
    expect(calc('-o', dir).exitCode).toBe(2);
    const r = calc('--rejects', dir);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/is a folder, not an output file/);
    expect(temps()).toEqual([]);
  });

  it('--rejects the same file as -o (also through a symbolic link): usage error 2', () => {
    const out = fresh('same.csv');
    symlinkSync(out, join(dir, 'same-link.csv'));
    for (const rej of [out, join(dir, 'same-link.csv')]) {
      const r = calc('-o', out, '--rejects', rej);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/is the same file as -o/);
    }
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
  });

  it.skipIf(isRoot)('a read-only folder is reported as EACCES, not ENOENT (skipped as root, who may write there)', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = calc('-o', join(ro, 'out.csv'));
    expect(r.exitCode).toBe(74);
    expect(r.stderr).toMatch(/permission denied \(EACCES\)/);
    chmodSync(ro, 0o755);
  });
});

describe('the target keeps its mode; a symbolic link is written through', () => {
  it('a 0600 target stays 0600', () => {
    const out = fresh('private.csv');
    chmodSync(out, 0o600);
    expect(runIn(['calc', '--input', small, '-o', out]).exitCode).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out, 'utf8')).toMatch(/^hts,origin,value,/);
  });

  it('-o through a symbolic link replaces the file it points to and keeps the link', () => {
    const real = fresh('real.csv');
    const link = join(dir, 'link.csv');
    symlinkSync('real.csv', link);
    expect(runIn(['calc', '--input', small, '-o', link]).exitCode).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/^hts,origin,value,/);
  });
});

describe('an input that changes while it is read', () => {
  it('a file cut short mid-run: exit 66, not rows priced to the new end', async () => {
    const src = join(dir, 'shrinking.csv');
    const rows = 1_000_000; // 18 MB
    writeFileSync(src, `hts,origin,value\n${'9503.00.00,CN,100\n'.repeat(rows)}`);
    const child = spawn(process.execPath, [BIN, 'calc', '--input', src, '--scenario', 'geneva-30'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const exited = new Promise<number | null>((res) => child.on('close', (code) => res(code)));
    // stop reading its output: the pipe fills and the CLI stops reading input long before the end
    await new Promise<void>((res) => child.stdout.once('data', () => res()));
    child.stdout.pause();
    truncateSync(src, 9_000_005); // mid-row, about half way
    child.stdout.resume();
    child.stdout.on('data', () => {});
    expect(await exited).toBe(66);
    expect(stderr).toMatch(/shrinking\.csv: the file changed while it was read \(18000017 bytes when opened, 9000005 read\)/);
  }, 120_000);
});

describe('no stdin: closed (<&-) or /dev/null is no input (66), an empty pipe an empty input (65)', () => {
  /** a real shell, so that `<&-` really closes fd 0 before node starts (node then reopens it on /dev/null) */
  const bash = (script: string): { exitCode: number; stdout: string; stderr: string } => {
    const r = spawnSync('bash', ['-c', script], { cwd: dir, encoding: 'utf8', env: cleanEnv() });
    return { exitCode: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const NO_INPUT = /^tariff: stdin: no input to read: stdin is closed or is \/dev\/null\n {2}pipe the input in .*--input FILE\n$/;

  it('calc with stdin closed: 66 and what to do, no output, no stack trace', () => {
    const r = bash(`${T} calc --scenario geneva-30 <&-`);
    expect(r.exitCode).toBe(66);
    expect(r.stderr).toMatch(NO_INPUT);
    expect(r.stdout).toBe('');
  });

  it('compare, refund and timeline (stdin, or --input -) with stdin closed or /dev/null: 66', () => {
    for (const cmd of ['compare --input -', 'refund', 'timeline --input -', 'calc --scenario geneva-30 --input -']) {
      for (const redirect of ['<&-', '< /dev/null']) {
        const r = bash(`${T} ${cmd} ${redirect}`);
        expect(r.exitCode, `${cmd} ${redirect}: ${r.stderr}`).toBe(66);
        expect(r.stderr, `${cmd} ${redirect}`).toMatch(NO_INPUT);
      }
    }
  });

  it('-o is not created when there is no input', () => {
    const r = bash(`${T} calc --scenario geneva-30 -o never.csv <&-`);
    expect(r.exitCode).toBe(66);
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
    expect(temps()).toStrictEqual([]);
  });

  it('an empty pipe or an empty file on stdin is still an empty input (65); a single calc from flags does not read stdin', () => {
    expect(bash(`printf '' | ${T} calc --scenario geneva-30`)).toMatchObject({ exitCode: 65, stderr: expect.stringMatching(/stdin: the input is empty/) });
    expect(bash(`: > empty.csv; ${T} calc --scenario geneva-30 < empty.csv`)).toMatchObject({
      exitCode: 65,
      stderr: expect.stringMatching(/stdin: the input is empty/),
    });
    expect(bash(`${T} calc --hts 9503.00.00 --origin CN --value 100 --scenario geneva-30 --format json <&-`).exitCode).toBe(0);
    // a real input through stdin still works
    expect(bash(`${T} calc --scenario geneva-30 < ${q(small)}`).exitCode).toBe(0);
  });
});

describe('--jobs: a worker thread has a heap limit, with room for the largest record', () => {
  it('a 62 MB record of two-byte text (just under the 64 MB record limit) is rejected like without --jobs, not a worker out of memory', () => {
    // U+0101 is 2 bytes of UTF-8 and makes a two-byte string: 62 MB of heap for one field
    const file = join(dir, 'huge-record.csv');
    const ok = '9503.00.00,CN,100,plain\n'.repeat(3000);
    writeFileSync(file, `hts,origin,value,description\n${ok}9503.00.00,CN,100,"${'\u0101'.repeat(31 << 20)}"\n${ok}`);
    const args = `calc --input ${q(file)} --scenario geneva-30 --format csv`;
    for (const jobs of ['1', '2']) {
      const r = sh(`${T} ${args} --jobs ${jobs} | wc -l`, { TARIFF_WORKER_MIN_BYTES: '0' });
      expect(r.stderr, `--jobs ${jobs}`).toMatch(/^\S+huge-record\.csv:3002: field longer than 1048576 characters\ntariff: 1 of 6001 rows rejected\n$/);
      expect(r.stdout.trim(), `--jobs ${jobs}`).toBe('6001');
    }
    rmSync(file);
  }, 120_000);
});

describe('--jobs: a worker out of memory', () => {
  it('stops the run with 70 and what to do; -o and --rejects are left as they were, no temporary file, no stack trace', () => {
    const out = fresh('oom.csv');
    const rej = fresh('oom-rejects.csv');
    // 2 MB of heap: a worker cannot even load the schedule (8 MB was enough once the CSV fast path kept the heap small)
    const r = sh(`${T} calc --input ${q(big)} --scenario geneva-30 --jobs 2 -o oom.csv --rejects oom-rejects.csv`, {
      TARIFF_WORKER_MIN_BYTES: '0',
      TARIFF_WORKER_HEAP_MB: '2',
    });
    expect(r.exitCode).toBe(70);
    expect(r.stderr).toBe(
      'tariff: a worker thread of --jobs ran out of memory (its heap is limited to 2 MB)\n  run again without --jobs: one thread has no such limit\n',
    );
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(readFileSync(rej, 'utf8')).toBe(OLD);
    expect(temps()).toStrictEqual([]);
  });
});
