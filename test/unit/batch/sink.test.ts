/**
 * BatchSink (src/batch/sink.ts): the one way out of a batch. Real files in a temporary folder;
 * the process hooks (signal clean-up, the interrupt message, opening a file) are replaced by
 * recorders so that a test can play the signal handler or break a file's stream.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BatchSink, type SinkHooks, type SinkTargets } from '../../../src/batch/sink.js';
import type { Ctx } from '../../../src/cli/context.js';
import { AtomicFile } from '../../../src/io/atomic-file.js';
import { EXIT, OutputError, type TariffError, UsageError } from '../../../src/errors.js';

const root = mkdtempSync(join(tmpdir(), 'tariff-sink-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const OLD = 'OLD CONTENT\n';

let dir: string;
let n = 0;
beforeEach(() => {
  dir = join(root, String(n++));
  mkdirSync(dir);
});
const at = (name: string): string => join(dir, name);
const temps = (): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const old = (name: string): string => {
  writeFileSync(at(name), OLD);
  return at(name);
};

/** A stdout that keeps what it is given; `slow` holds each write back (a reader that falls behind). */
function collector(opts: { highWaterMark?: number; slow?: boolean } = {}): Writable & { text: () => string; release: () => void } {
  const chunks: Buffer[] = [];
  const held: (() => void)[] = [];
  const w = new Writable({
    highWaterMark: opts.highWaterMark ?? 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      if (opts.slow) held.push(cb);
      else cb();
    },
  });
  return Object.assign(w, {
    text: () => Buffer.concat(chunks).toString('utf8'),
    release: () => {
      for (const cb of held.splice(0)) cb();
    },
  });
}

function fakeCtx(out: NodeJS.WritableStream = collector()): Ctx {
  const plain = ((s: unknown) => String(s)) as unknown as Ctx['c'];
  return {
    out,
    err: collector(),
    c: plain,
    ce: plain,
    today: '2026-01-01',
    quiet: true,
    verbose: false,
    stdinIsTTY: false,
    stderrIsTTY: false,
    ci: false,
    fastPath: true,
    columns: 100,
    tableWidth: Infinity,
  };
}

/** Hooks that record: the clean-ups registered (and still registered), the interrupt message, every file opened. */
function recorder(): SinkHooks & { cleanups: Set<() => boolean>; describe: (() => string) | null; files: AtomicFile[] } {
  const r = {
    cleanups: new Set<() => boolean>(),
    describe: null as (() => string) | null,
    files: [] as AtomicFile[],
    onInterrupt: (c: () => boolean) => {
      r.cleanups.add(c);
      return () => void r.cleanups.delete(c);
    },
    setProgress: (d: (() => string) | null) => {
      r.describe = d;
    },
    openFile: (target: string) => {
      const f = new AtomicFile(target);
      r.files.push(f);
      return f;
    },
  };
  return r;
}

/** What the kernel says when the disk is full, as the file's stream reports it. */
const enospc = (): NodeJS.ErrnoException => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
/** Lets the file streams do their (asynchronous) writes and report what became of them. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('commit writes everything', () => {
  it.each<[string, SinkTargets, string, string | null]>([
    // [case, targets, output file (or stdout), rejects file]
    ['stdout', {}, '', null],
    ['-o', { output: 'out.csv' }, 'out.csv', null],
    ['-o over an existing file', { output: 'old.csv' }, 'old.csv', null],
    ['-o and --rejects', { output: 'out.csv', rejects: 'rej.csv' }, 'out.csv', 'rej.csv'],
    ['--rejects alone (output on stdout)', { rejects: 'rej.csv' }, '', 'rej.csv'],
  ])('%s', async (_, given, outFile, rejFile) => {
    old('old.csv');
    const targets = { ...given, ...(given.output ? { output: at(given.output) } : {}), ...(given.rejects ? { rejects: at(given.rejects) } : {}) };
    const stdout = collector();
    const hooks = recorder();
    const sink = BatchSink.open(fakeCtx(stdout), targets, hooks);
    sink.out.append('hts,origin,value\n');
    sink.rejects?.append('line,error\n');
    await sink.flush();
    sink.out.appendBytes(new TextEncoder().encode('9503.00.00,CN,100\n'));
    sink.rejects?.append('3,bad value\n');
    // nothing reaches a target before the commit
    if (outFile) expect(existsSync(at(outFile)) ? readFileSync(at(outFile), 'utf8') : null).toBe(outFile === 'old.csv' ? OLD : null);
    await sink.commit();
    const written = outFile ? readFileSync(at(outFile), 'utf8') : stdout.text();
    expect(written).toBe('hts,origin,value\n9503.00.00,CN,100\n');
    if (rejFile) expect(readFileSync(at(rejFile), 'utf8')).toBe('line,error\n3,bad value\n');
    if (outFile) expect(stdout.text()).toBe('');
    expect(temps()).toEqual([]);
    // the signal clean-up and the interrupt message end with the sink
    expect(hooks.cleanups.size).toBe(0);
    expect(hooks.describe).toBeNull();
  });

  it('--bom and --crlf apply to the files as they are written', async () => {
    const sink = BatchSink.open(fakeCtx(), { output: at('x.csv'), rejects: at('r.csv'), excel: { bom: true, crlf: true } }, recorder());
    sink.out.append('a,b\n"x\ny",1\n');
    sink.rejects?.append('line,error\n');
    await sink.commit();
    expect(readFileSync(at('x.csv'), 'utf8')).toBe('\uFEFFa,b\r\n"x\ny",1\r\n');
    expect(readFileSync(at('r.csv'), 'utf8')).toBe('\uFEFFline,error\r\n');
  });
});

describe('abort leaves every target as it was', () => {
  it.each<[string, SinkTargets]>([
    ['-o', { output: 'old.csv' }],
    ['-o and --rejects', { output: 'old.csv', rejects: 'rej.csv' }],
    ['--rejects over an existing file', { rejects: 'old.csv' }],
  ])('%s', async (_, given) => {
    old('old.csv');
    const hooks = recorder();
    const sink = BatchSink.open(fakeCtx(), { output: given.output && at(given.output), rejects: given.rejects && at(given.rejects) }, hooks);
    expect(temps()).toHaveLength(hooks.files.length);
    sink.out.append('half a run\n');
    sink.rejects?.append('half the rejects\n');
    await sink.flush();
    sink.abort();
    sink.abort(); // twice is harmless (an error path and a signal may both get here)
    expect(readFileSync(at('old.csv'), 'utf8')).toBe(OLD);
    expect(readdirSync(dir).sort()).toEqual(['old.csv']);
    expect(hooks.cleanups.size).toBe(0);
  });

  it('what is still buffered on stdout is dropped, not written', async () => {
    const stdout = collector();
    const sink = BatchSink.open(fakeCtx(stdout), {}, recorder());
    sink.out.append('flushed\n');
    await sink.flush();
    sink.out.append('not flushed\n');
    sink.abort();
    expect(stdout.text()).toBe('flushed\n');
  });
});

describe('a write error on an output file: exit 74, reported once, nothing left behind', () => {
  it.each<[string, 'output' | 'rejects' | 'both', 'flush' | 'commit']>([
    ['-o fails, seen at a flush', 'output', 'flush'],
    ['--rejects fails, seen at a flush', 'rejects', 'flush'],
    ['both fail: the first is reported', 'both', 'flush'],
    ['-o fails, seen at the commit', 'output', 'commit'],
    ['--rejects fails, seen at the commit', 'rejects', 'commit'],
  ])('%s', async (_, broken, when) => {
    const out = old('out.csv');
    const rej = old('rej.csv');
    const hooks = recorder();
    const sink = BatchSink.open(fakeCtx(), { output: out, rejects: rej }, hooks);
    const [outFile, rejFile] = hooks.files as [AtomicFile, AtomicFile];
    sink.out.append('row\n');
    sink.rejects?.append('rejected\n');
    if (broken !== 'rejects') outFile.stream.destroy(enospc());
    if (broken !== 'output') rejFile.stream.destroy(enospc());
    await settle();
    const errors: unknown[] = [];
    const attempt = async (step: () => Promise<void>): Promise<void> => {
      try {
        await step();
      } catch (e) {
        errors.push(e);
      }
    };
    if (when === 'flush') {
      await attempt(() => sink.flush());
      // the command's error path then aborts; a later flush finds nothing more to report
      sink.abort();
      await attempt(() => sink.flush());
    } else {
      await attempt(() => sink.commit());
      sink.abort();
    }
    expect(errors).toHaveLength(1);
    const e = errors[0] as TariffError;
    expect(e).toBeInstanceOf(OutputError);
    expect(e.exitCode).toBe(EXIT.ioErr);
    const name = broken === 'rejects' ? rej : out;
    expect(e.message).toBe(`${name}: cannot write the output file: the disk is full (ENOSPC)`);
    expect(readFileSync(out, 'utf8')).toBe(OLD);
    expect(readFileSync(rej, 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
    expect(hooks.cleanups.size).toBe(0);
  });

  it("a write error on stdout is not the sink's to report (main does, once): the sink closes quietly", async () => {
    const stdout = collector();
    const sink = BatchSink.open(fakeCtx(stdout), {}, recorder());
    stdout.on('error', () => {}); // main's listener
    stdout.destroy(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    await settle();
    expect(sink.closed).toBe(true);
    sink.out.append('after the reader went away\n');
    await expect(sink.commit()).resolves.toBeUndefined();
    expect(stdout.text()).toBe('');
  });
});

describe('opening: every output is checked before any input is read', () => {
  it.each<[string, (d: string) => SinkTargets, typeof UsageError | typeof OutputError, RegExp]>([
    [
      '--rejects the same file as -o',
      (d) => ({ output: join(d, 'same.csv'), rejects: join(d, 'same.csv') }),
      UsageError,
      /^--rejects .*same\.csv is the same file as -o .*same\.csv$/,
    ],
    ['--rejects a link to -o', (d) => ({ output: join(d, 'same.csv'), rejects: join(d, 'link.csv') }), UsageError, /is the same file as -o/],
    [
      '--rejects in a missing folder',
      (d) => ({ output: join(d, 'same.csv'), rejects: join(d, 'no/such/rej.csv') }),
      OutputError,
      /rej\.csv: cannot write the output file: the folder does not exist \(ENOENT\)$/,
    ],
    ['-o on a folder', (d) => ({ output: d }), UsageError, /is a folder, not an output file/],
  ])('%s: refused, -o untouched, no temporary file, no clean-up left registered', (_, targets, kind, message) => {
    old('same.csv');
    symlinkSync(at('same.csv'), at('link.csv'));
    const hooks = recorder();
    let thrown: unknown = null;
    try {
      BatchSink.open(fakeCtx(), targets(dir), hooks);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(kind);
    expect((thrown as Error).message).toMatch(message);
    expect(readFileSync(at('same.csv'), 'utf8')).toBe(OLD);
    expect(temps()).toEqual([]);
    expect(hooks.cleanups.size).toBe(0);
  });
});

describe('a signal: the clean-up removes the unfinished files, and only those', () => {
  it.each<[string, SinkTargets, boolean]>([
    // [case, targets, "no output file written" in the message]
    ['-o and --rejects', { output: 'old.csv', rejects: 'rej.csv' }, true],
    ['stdout only: nothing to remove', {}, false],
  ])('%s', async (_, given, removes) => {
    old('old.csv');
    const hooks = recorder();
    const sink = BatchSink.open(fakeCtx(), { output: given.output && at(given.output), rejects: given.rejects && at(given.rejects) }, hooks);
    const progress = sink.progress(null, () => 'after 7 rows');
    progress.update(100, 7);
    expect(hooks.describe?.()).toBe('after 7 rows');
    sink.out.append('part\n');
    await sink.flush();
    const [cleanup] = [...hooks.cleanups];
    expect(cleanup?.()).toBe(removes);
    expect(readdirSync(dir).sort()).toEqual(['old.csv']);
    expect(readFileSync(at('old.csv'), 'utf8')).toBe(OLD);
  });

  it('after the commit there is nothing left to clean up', async () => {
    const hooks = recorder();
    const [cleanup, sink] = ((): [() => boolean, BatchSink] => {
      const s = BatchSink.open(fakeCtx(), { output: at('out.csv') }, hooks);
      return [[...hooks.cleanups][0] as () => boolean, s];
    })();
    sink.out.append('done\n');
    await sink.commit();
    expect(cleanup()).toBe(false);
    expect(readFileSync(at('out.csv'), 'utf8')).toBe('done\n');
  });
});

describe('back-pressure: flush waits while the reader is behind', () => {
  it('a flush resolves only once stdout has drained', async () => {
    const stdout = collector({ highWaterMark: 1024, slow: true });
    const sink = BatchSink.open(fakeCtx(stdout), {}, recorder());
    sink.out.append('x'.repeat(64 * 1024));
    let flushed = false;
    const p = sink.flush().then(() => {
      flushed = true;
    });
    await settle();
    expect(flushed).toBe(false);
    stdout.release();
    await p;
    expect(flushed).toBe(true);
    expect(stdout.text()).toHaveLength(64 * 1024);
  });
});
