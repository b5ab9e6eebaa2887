/** An HTS import problem in the one problem shape: its own code, the JSON path of the row's field. */
import { describe, expect, it } from 'vitest';
import { asProblem, type ImportProblem } from '../../../src/schedule/import-hts.js';

describe('asProblem', () => {
  it.each<[ImportProblem, ReturnType<typeof asProblem>]>([
    // row 1 is the export's first element: [0]
    [
      { code: 'hts-import-rate-invalid', row: 1, htsno: '0101.21.00', field: 'general', message: 'bad rate' },
      { code: 'hts-import-rate-invalid', path: '[0].general', message: '0101.21.00: bad rate', severity: 'warning' },
    ],
    [
      { code: 'hts-import-row-invalid', row: 24, htsno: '', field: 'row', message: 'expected an object' },
      { code: 'hts-import-row-invalid', path: '[23].row', message: 'expected an object', severity: 'warning' },
    ],
    // row 0: the whole import
    [
      { code: 'hts-import-refs-unlinked', row: 0, htsno: '', field: 'footnotes', message: '3 references not linked' },
      { code: 'hts-import-refs-unlinked', path: 'footnotes', message: '3 references not linked', severity: 'warning' },
    ],
  ])('%j', (p, expected) => {
    expect(asProblem(p)).toEqual(expected);
  });

  it('keeps the code the import gave, not one made from the field', () => {
    // two problems of one field (general) with different codes stay apart
    const a = asProblem({ code: 'hts-import-rate-missing', row: 2, htsno: '0101.21.00.10', field: 'general', message: 'no line' });
    const b = asProblem({ code: 'hts-import-rate-ignored', row: 5, htsno: '', field: 'general', message: 'rate "5%" ignored' });
    expect([a.code, b.code]).toEqual(['hts-import-rate-missing', 'hts-import-rate-ignored']);
    expect(a.path).toBe('[1].general');
  });
});
