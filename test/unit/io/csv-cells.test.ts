/**
 * `csvCells` (src/io/csv.ts) joins a record whose cells need no escaping as it is, in one string;
 * property: whatever the cells, it writes what escaping cell by cell writes (`escapeFormula` when
 * formulas are escaped, then `csvEscape`), with and without formula escaping.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCells, csvEscape, escapeFormula } from '../../../src/io/csv.js';

const cell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('S1', '8471.30.0100', 'CN', '12.50', '', 'boxed lamp', '-12.50', '-x', '2025-05-30') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.constantFrom('a', '1', ' ', '\t', ',', '"', '\n', '\r', '=', '+', '-', '@', '\uFEFF', '＝', '－', 'é'), { maxLength: 6 })
      .map((a) => a.join('')),
  },
);

describe('csvCells', () => {
  it('writes what escaping each cell writes', () => {
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), fc.boolean(), (cells, escapeFormulas) => {
        const want = cells.map((c) => csvEscape(escapeFormulas ? escapeFormula(c) : c)).join(',');
        expect(csvCells(cells, { escapeFormulas })).toBe(want);
      }),
      { numRuns: 5000, seed: 3 },
    );
  });

  it.each([
    [['a', 'b c', '12.50'], true, 'a,b c,12.50'],
    [['a', '=1'], true, "a,'=1"],
    [['a', '=1'], false, 'a,=1'],
    [['-5', 'x,y'], true, '-5,"x,y"'],
    [[' a', 'b'], false, '" a",b'],
  ] as const)('%j (formulas escaped: %s) → %s', (cells, escapeFormulas, want) => {
    expect(csvCells(cells, { escapeFormulas })).toBe(want);
  });
});
