/**
 * A RunContext (batch/run-context.ts) for tests that run a batch module in process: stdout and
 * stderr collected as text, no colour, no progress line, today fixed.
 */
import { Writable } from 'node:stream';
import type { RunContext } from '../../../src/batch/run-context.js';
import { plain } from '../../../src/cli/context.js';

export interface TestRun {
  ctx: RunContext;
  out: () => string;
  err: () => string;
}

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
  return { ctx, out: out.text, err: err.text };
}
