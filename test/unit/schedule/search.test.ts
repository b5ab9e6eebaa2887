/**
 * `lookup --search`: every word of the query starts a word of the line's whole description path
 * (or a suffix's), plural or singular. Lines here are made up; the bundled tariff is checked for
 * the case a user met (`shrimps` missed 0306.17 while the descriptions were cut at 200 characters).
 */
import { describe, expect, it } from 'vitest';
import type { TariffLine } from '../../../src/core/types.js';
import { searchLines, wordForms } from '../../../src/schedule/search.js';
import { bundledIndexFast } from '../../helpers.js';

const line = (hts: string, description: string, suffixes: { hts: string; description: string }[] = []): TariffLine =>
  ({ importer: 'US', hts, description, suffixes }) as unknown as TariffLine;

describe('wordForms: a query word and its singular (or plural of a -y)', () => {
  it.each([
    ['shrimps', ['shrimps', 'shrimp']],
    ['batteries', ['batteries', 'battery', 'batterie']],
    ['battery', ['battery', 'batteries']],
    ['boxes', ['boxes', 'box', 'boxe']],
    ['glass', ['glass']],
    ['key', ['key']],
    ['toys', ['toys', 'toy']],
    ['gas', ['gas']],
  ])('%s → %j', (w, forms) => {
    expect(wordForms(w)).toEqual(forms);
  });
});

describe('searchLines', () => {
  const lines = [
    line('0306170000', 'Crustaceans: Frozen: Other shrimps and prawns'),
    line('8507600000', 'Electric accumulators: Lithium-ion batteries'),
    line('9503000000', 'Toys: Other', [{ hts: '9503000090', description: 'Dolls' }]),
    line('7013000000', 'Glassware of a kind used for table'),
  ];
  const found = (q: string): string[] => searchLines(lines, q, 50).hits.map((h) => h.suffix?.hts ?? h.line.hts);

  it.each([
    ['shrimps', ['0306170000']],
    ['shrimp', ['0306170000']],
    ['lithium battery', ['8507600000']],
    ['lithium batteries', ['8507600000']],
    ['lithium batter', ['8507600000']],
    ['crustacean frozen', ['0306170000']], // words of the path above the line
    ['toy doll', ['9503000090']], // a suffix, with its line's words
    ['glass', ['7013000000']], // prefix of "Glassware"
    ['prawn lithium', []], // every word must match
  ])('%s', (q, hts) => {
    expect(found(q)).toEqual(hts);
  });

  it('the limit cuts the hits, not the total', () => {
    const r = searchLines(lines, 'o', 1);
    expect(r.hits).toHaveLength(1);
    expect(r.total).toBeGreaterThan(1);
  });
});

describe('the bundled tariff: whole descriptions', () => {
  const index = bundledIndexFast();
  it('"shrimps" finds 0306.17.00 and 1605.21.10', () => {
    const hits = searchLines(index.linesUnder('US', ''), 'shrimps', 100).hits.map((h) => h.line.hts);
    expect(hits).toEqual(expect.arrayContaining(['03061700', '16052110']));
  });
  it('no description is cut: none ends in an ellipsis or skips the middle of its path', () => {
    const cut = index.linesUnder('US', '').filter((l) => l.description.endsWith('…') || l.description.includes(': …: '));
    expect(cut.map((l) => l.hts)).toEqual([]);
  });
  it('the statistical suffixes of 8471.30.01 and 8471.41.01 can be told apart', () => {
    const a = index.linesUnder('US', '8471').map((l) => l.description);
    expect(new Set(a).size).toBe(a.length);
  });
});
