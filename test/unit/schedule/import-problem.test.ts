/** An HTS import problem in the one problem shape: code from the field, JSON path of the row's field. */
import { describe, expect, it } from 'vitest';
import { asProblem } from '../../../src/schedule/import-hts.js';

describe('asProblem', () => {
  it.each([
    // row 1 is the export's first element: [0]
    [
      { row: 1, htsno: '0101.21.00', field: 'general', message: 'bad rate' },
      { code: 'hts-import-general', path: '[0].general', message: '0101.21.00: bad rate', severity: 'warning' },
    ],
    [
      { row: 24, htsno: '', field: 'row', message: 'expected an object' },
      { code: 'hts-import-row', path: '[23].row', message: 'expected an object', severity: 'warning' },
    ],
    // row 0: the whole import
    [
      { row: 0, htsno: '', field: 'footnotes', message: '3 references not linked' },
      { code: 'hts-import-footnotes', path: 'footnotes', message: '3 references not linked', severity: 'warning' },
    ],
  ])('%j', (p, expected) => {
    expect(asProblem(p)).toEqual(expected);
  });
});
