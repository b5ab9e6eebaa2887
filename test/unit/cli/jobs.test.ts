/** --jobs: how many worker threads a batch gets (src/cli/actions/calc-batch.ts, workerCount). */
import { describe, expect, it } from 'vitest';
import { workerCount } from '../../../src/cli/actions/calc-batch.js';
import { UsageError } from '../../../src/errors.js';

describe('workerCount', () => {
  // [--jobs, format, cores, 1-minute load] → workers (0 = this thread)
  it.each([
    // auto (also the default): CSV and tables stay in this thread (the fast path), whatever the machine
    [undefined, 'csv', 16, 0, 0],
    ['auto', 'csv', 16, 0, 0],
    ['auto', 'table', 16, 0, 0],
    // full-path formats: the free cores beside this thread's, floor(cores − load) − 1, when at least 2; at most 4
    ['auto', 'ndjson', 2, 0, 0], // 2 − 0 − 1 = 1 free: not worth a pool
    ['auto', 'json', 4, 0, 3], // 4 − 0 − 1 = 3
    [undefined, 'ndjson', 4, 0.5, 2], // floor(3.5) − 1 = 2
    ['auto', 'ndjson', 4, 1.5, 0], // floor(2.5) − 1 = 1
    ['auto', 'ndjson', 16, 0, 4], // 15 free, capped at 4
    ['auto', 'ndjson', 16, 14, 0], // floor(2) − 1 = 1
    // a number is taken as it is; 1 is this thread
    ['1', 'ndjson', 16, 0, 0],
    ['2', 'csv', 2, 5, 2],
    ['12', 'json', 2, 0, 12],
  ] as const)('--jobs %s, %s, %i cores, load %d → %i', (jobs, format, cores, load, want) => {
    expect(workerCount(jobs, format, cores, load)).toBe(want);
  });

  it.each(['0', '-1', 'two', '100', '1.5', ''])('--jobs %j is a usage error', (jobs) => {
    expect(() => workerCount(jobs, 'csv', 2, 0)).toThrow(UsageError);
  });
});
