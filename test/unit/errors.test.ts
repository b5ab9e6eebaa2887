/**
 * A problem of the core reaches the CLI's one error handler with its code: problemError keeps the
 * words, the hint and the code, and picks the documented exit code (README, "Exit codes").
 */
import { describe, expect, it } from 'vitest';
import { DataError, EXIT, ProhibitedError, problemError, ScheduleError, UsageError } from '../../src/errors.js';

describe('problemError', () => {
  it.each([
    ['hts-unknown', DataError, EXIT.dataErr],
    ['value-invalid', DataError, EXIT.dataErr],
    ['prohibited', ProhibitedError, EXIT.prohibited],
    ['scenario-unknown', UsageError, EXIT.usage],
    // as a scenario file whose scenario is invalid (schedule/scenario-choice.ts): 78
    ['scenario-invalid', ScheduleError, EXIT.config],
  ] as const)('%s → %s, exit %i', (code, cls, exit) => {
    const e = problemError({ code, path: '--hts', message: `the ${code} words`, hint: 'what to do' });
    expect(e).toBeInstanceOf(cls);
    expect(e.exitCode).toBe(exit);
    expect(e.message).toBe(`the ${code} words`);
    expect(e.details).toEqual(['what to do']);
    expect(e.problem).toEqual({ code, path: '--hts' });
  });

  it('no hint, no path: no empty detail line, no path', () => {
    const e = problemError({ code: 'hts-unknown', message: 'm' });
    expect(e.details).toEqual([]);
    expect(e.problem).toEqual({ code: 'hts-unknown' });
  });

  it('an error raised without a problem has none', () => {
    expect(new DataError('m').problem).toBeUndefined();
  });
});
