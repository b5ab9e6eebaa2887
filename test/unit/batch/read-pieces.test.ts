/**
 * A chunk read is handed on in pieces (src/batch/row-source.ts `pieces`): together they are the
 * chunk, in order; none is over the piece size; a piece ends just after an LF when one lies in
 * its second half (so that the splitter need not join it to the next), else at the size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pieces } from '../../../src/batch/row-source.js';

describe('pieces', () => {
  it('are the chunk, in order, each within the size, cut after an LF in its second half', () => {
    const chunk = fc.array(fc.constantFrom(97, 98, 44, 10, 13, 34), { minLength: 1, maxLength: 400 }).map((a) => Buffer.from(a));
    fc.assert(
      fc.property(chunk, fc.integer({ min: 2, max: 64 }), (b, size) => {
        const out = [...pieces(b, size)];
        expect(Buffer.concat(out).equals(b)).toBe(true);
        let at = 0;
        for (const p of out) {
          expect(p.length).toBeGreaterThan(0);
          expect(p.length).toBeLessThanOrEqual(size);
          const last = at + p.length === b.length;
          // the last LF of the full-size window, when in its second half, ends the piece
          const window = b.subarray(at, Math.min(b.length, at + size));
          const lf = window.lastIndexOf(10);
          const want = last ? b.length - at : lf >= size >> 1 ? lf + 1 : size;
          expect(p.length).toBe(want);
          at += p.length;
        }
      }),
      { numRuns: 2000, seed: 9 },
    );
  });

  it('cuts a file of 10-byte records at record ends', () => {
    // 'abcdefghi\n' × 10 = 100 bytes in pieces of at most 32: 30, 30, 30, 10
    const b = Buffer.from('abcdefghi\n'.repeat(10));
    expect([...pieces(b, 32)].map((p) => p.length)).toEqual([30, 30, 30, 10]);
  });
});
