/**
 * The progress line (src/batch/progress.ts) on a clock of the test's own: redrawn at most every
 * 100 ms, its figures (rows, rows/s, percentage, ETA), erased at the end, and never drawn in a
 * pipe, in CI, with --quiet or for an input under 4 MiB. (contract/terminal.test.ts runs a real
 * batch on a terminal; this is where the rate and the arithmetic are checked.) Figures by hand.
 */
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { duration, Progress, type RunStreams } from '../../../src/batch/progress.js';

const MiB = 1024 * 1024;

function streams(over: Partial<RunStreams> = {}): { ctx: RunStreams; err: () => string[] } {
  const writes: string[] = [];
  const err = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      writes.push(String(chunk));
      done();
    },
  });
  const ctx: RunStreams = { out: err, err, quiet: false, stderrIsTTY: true, ci: false, ...over };
  return { ctx, err: () => writes };
}

/** a clock the test moves: starts at 1,000,000 ms */
function clock(): { now: () => number; at: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, at: (ms) => (t = 1_000_000 + ms) };
}

describe('Progress: redraws and figures', () => {
  it('draws at once, skips redraws within 100 ms, and gives rows, rows/s, % and ETA', () => {
    const { ctx, err } = streams();
    const c = clock();
    const p = new Progress(ctx, 8 * MiB, c.now);
    c.at(500);
    // 0.5 s: 1,000 rows → 2,000 rows/s; 1 MiB of 8 MiB = 12.5% → 12%; ETA 0.5 / 0.125 − 0.5 = 3.5 → 4 s
    p.update(1 * MiB, 1000);
    c.at(550);
    p.update(1.5 * MiB, 2000); // 50 ms after the last: not drawn
    c.at(600);
    // 0.6 s: 3,000 rows → 5,000 rows/s; 2 MiB = 25%; ETA 0.6 / 0.25 − 0.6 = 1.8 → 2 s
    p.update(2 * MiB, 3000);
    p.clear();
    expect(err()).toEqual(['\r\x1b[K1,000 rows, 2,000 rows/s, 12%, ETA 4s', '\r\x1b[K3,000 rows, 5,000 rows/s, 25%, ETA 2s', '\r\x1b[K']);
  });

  it('an input of unknown size (a pipe read on a terminal): rows and rows/s only', () => {
    const { ctx, err } = streams();
    const c = clock();
    const p = new Progress(ctx, null, c.now);
    c.at(2000);
    p.update(123, 50_000); // 50,000 rows in 2 s = 25,000 rows/s
    expect(err()).toEqual(['\r\x1b[K50,000 rows, 25,000 rows/s']);
  });

  it('bytes past the size (a delimiter rewrite) read as 100%, ETA 0s', () => {
    const { ctx, err } = streams();
    const c = clock();
    const p = new Progress(ctx, 4 * MiB, c.now);
    c.at(1000);
    p.update(5 * MiB, 10); // min(1, 5/4) = 100%; ETA 1 / 1 − 1 = 0
    expect(err()).toEqual(['\r\x1b[K10 rows, 10 rows/s, 100%, ETA 0s']);
  });

  it.each([
    ['stderr is not a terminal', { stderrIsTTY: false }, 8 * MiB],
    ['--quiet', { quiet: true }, 8 * MiB],
    ['CI', { ci: true }, 8 * MiB],
    ['an input under 4 MiB', {}, 4 * MiB - 1],
  ])('nothing drawn or erased: %s', (_, over, total) => {
    const { ctx, err } = streams(over);
    const c = clock();
    const p = new Progress(ctx, total, c.now);
    c.at(1000);
    p.update(total, 100);
    p.clear();
    expect(err()).toEqual([]);
  });

  it('clear erases only a line that was drawn', () => {
    const { ctx, err } = streams();
    new Progress(ctx, 8 * MiB, clock().now).clear();
    expect(err()).toEqual([]);
  });
});

describe('duration: the ETA in words', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m00s'],
    [125, '2m05s'], // 2·60 + 5
    [3599, '59m59s'],
    [3600, '1h00m'],
    [3725, '1h02m'], // 3725 = 3600 + 2·60 + 5: minutes shown, seconds dropped
  ])('%i s → %s', (secs, text) => {
    expect(duration(secs)).toBe(text);
  });
});
