/** A row of a USITC export as scripts/data/lib/hts-edition.ts reads it, for the tests of the special column's references. */
import type { EditionRow } from '../../../scripts/data/lib/hts-edition.js';

export const editionRow = (hts: string, indent: number, description: string, special: string, general = ''): EditionRow => ({
  row: 1,
  hts,
  indent,
  description,
  units: [],
  general,
  special,
  column2: '',
  footnotes: [],
});
