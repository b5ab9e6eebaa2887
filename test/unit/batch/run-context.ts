/**
 * A RunContext (batch/run-context.ts) for tests that run a batch module in process: stdout and
 * stderr collected as text, no colour, no progress line, today fixed; and a BatchSink on its
 * stdout that installs no signal handler in the test's process (`sink()`).
 */
import { Writable } from 'node:stream';
import { Chalk } from 'chalk';
import type { RunContext } from '../../../src/batch/run-context.js';
import { BatchSink, type SinkHooks } from '../../../src/batch/sink.js';

export interface TestRun {
  ctx: RunContext;
  out: () => string;
  err: () => string;
  /** a sink on ctx.out (no -o, no --rejects) */
  sink: () => BatchSink;
}

const plain = new Chalk({ level: 0 });

/** no SIGINT/SIGTERM/SIGHUP handler, no progress line: the runs of a test are not interrupted, and write no file */
const IN_TEST: SinkHooks = {
  onInterrupt: () => () => {},
  setProgress: () => {},
  openFile: (target) => {
    throw new Error(`a test sink opens no file (${target})`);
  },
};

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

export function testRun(over: Partial<RunContext> = {}): TestRun {
  const out = collector();
  const err = collector();
  const ctx: RunContext = {
    out: out.stream,
    err: err.stream,
    c: plain,
    ce: plain,
    csv: { escapeFormulas: true },
    today: '2026-05-01',
    quiet: false,
    verbose: false,
    stderrIsTTY: false,
    ci: true,
    fastPath: true,
    columns: 100,
    tableWidth: Infinity,
    ...over,
  };
  return { ctx, out: out.text, err: err.text, sink: () => BatchSink.open(ctx, {}, IN_TEST) };
}
