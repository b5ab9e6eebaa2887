/**
 * The USITC JSON export of an HTSUS edition (2026 Revisions 5–10, data/sources/usitc/*.json.gz) read
 * by the same reader as the CSV export: the rows below are copied from the JSON of 2026 Revision 10
 * (0101.21.00, 0101.30.00.00, 3901.90.55.01) and Revision 9 (0806.10.20, with its editor's markup),
 * cut to the fields the reader uses; the expected values are read off those rows by hand.
 */
import { describe, expect, it } from 'vitest';
import { chapter99Links, csvEditionRows, editionRows, jsonEditionRows, readEdition, withoutMarkup } from '../../../scripts/data/lib/hts-edition.js';
import { csvObjects, readSource } from '../../../scripts/data/lib/read.js';
import { ROOT } from '../../helpers.js';

const row = (htsno: string, indent: string, description: string, general = '', other = '', footnotes: string[] = [], units: string[] = []) => ({
  htsno,
  indent,
  description,
  superior: null,
  units,
  general,
  special: '',
  other,
  footnotes: footnotes.map((value) => ({ columns: ['general'], value, type: 'endnote' })),
  quotaQuantity: null,
  additionalDuties: null,
  addiitionalDuties: null,
});

const json = JSON.stringify([
  row('0101', '0', 'Live horses, asses, mules and hinnies:'),
  { ...row('', '1', 'Horses:'), superior: 'true', footnotes: null },
  row('0101.21.00', '2', 'Purebred breeding animals', 'Free', 'Free', ['See 9903.88.15. ']),
  row('0101.21.00.10', '3', 'Males', '', '', [], ['No.']),
  row('0101.21.00.20', '3', 'Females', '', '', [], ['No.']),
  { ...row('0101.30.00.00', '1', 'Asses', '6.8%', '15%', ['See 9903.88.15. '], ['No.']), special: 'Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)' },
  row('0806', '0', 'Grapes, fresh or dried:'),
  row('0806.10', '1', 'Fresh:'),
  row(
    '0806.10.20',
    '2',
    'If entered during the period February 15 to March 31, inclusive',
    '$1.13/m<sup>3</sup>',
    '$8.81/m<sup>3</sup>',
    [],
    ['m<sup>3</sup>'],
  ),
  row('3901', '0', 'Polymers of ethylene, in primary forms:'),
  row('3901.90', '1', 'Other:'),
  row('3901.90.55', '2', 'Other', '', ''),
  row('3901.90.55.01', '3', 'Ethylene copolymers', '6.5%', '25%', ['See 9903.88.02.'], ['kg']),
  row('9903.88.02', '0', 'Except as provided in headings 9903.88.05 …', 'The duty provided in the applicable subheading + 25%'),
]);

describe('a JSON export becomes the rows of the one edition reader', () => {
  const rows = jsonEditionRows(json, 'test.json');
  const { lines, problems, links } = readEdition(rows);

  it.each([
    // code, general, column 2, description, suffixes
    [
      '01012100',
      { adValorem: '0%' },
      { adValorem: '0%' },
      'Live horses, asses, mules and hinnies: Horses: Purebred breeding animals',
      ['0101210010', '0101210020'],
    ],
    ['01013000', { adValorem: '6.8%' }, { adValorem: '15%' }, 'Live horses, asses, mules and hinnies: Asses', []],
    [
      '08061020',
      { specific: { amount: '1.13', per: 'm3' } },
      { specific: { amount: '8.81', per: 'm3' } },
      'Grapes, fresh or dried: Fresh: If entered during the period February 15 to March 31, inclusive',
      [],
    ],
    ['39019055', { adValorem: '6.5%' }, { adValorem: '25%' }, 'Polymers of ethylene, in primary forms: Other: Other: Ethylene copolymers', []],
  ])('%s: general %j, column 2 %j', (code, general, column2, description, suffixes) => {
    const l = lines.get(code);
    expect(l?.general).toEqual(general);
    expect(l?.column2).toEqual(column2);
    expect(l?.description).toBe(description);
    expect(l?.suffixes.map((s) => s.code)).toEqual(suffixes);
  });

  it.each([
    ['01012100', ['9903.88.15']],
    ['01013000', ['9903.88.15']],
    // a footnote on the one 10-digit row that carries the rate belongs to its 8-digit line
    ['39019055', ['9903.88.02']],
  ])('footnotes link %s to %j', (code, headings) => {
    expect(links.get(code)).toEqual(headings);
  });

  it('units come from the JSON array; chapter 99 is not a line; nothing is refused', () => {
    expect(lines.get('01012100')?.suffixes.map((s) => s.units)).toEqual([['No.'], ['No.']]);
    expect(lines.get('08061020')?.units).toEqual(['m3']);
    expect([...lines.keys()].some((c) => c.startsWith('99'))).toBe(false);
    expect(problems).toEqual([]);
  });

  it('a JSON row and the CSV row of the same line read alike', () => {
    const csv = [
      'HTS Number,Indent,Description,Unit of Quantity,General Rate of Duty,Special Rate of Duty,Column 2 Rate of Duty,Quota Quantity,Additional Duties',
      '"0101","0","Live horses, asses, mules and hinnies:","","","","","",""',
      '"0101.30.00.00","1","Asses","[""No.""]","6.8%","Free (A+,AU,BH,CL,CO,D,E,IL,JO,KR,MA,OM,P,PA,PE,S,SG)","15%","",""',
    ].join('\n');
    const fromCsv = readEdition(csvEditionRows(csvObjects(csv, 'test.csv'))).lines.get('01013000');
    expect(fromCsv).toEqual(lines.get('01013000'));
  });

  it('the file name picks the format', () => {
    expect(editionRows('usitc/x.json.gz', json, () => [])).toHaveLength(14);
    expect(() =>
      editionRows('usitc/x.csv.gz', json, () => {
        throw new Error('read as CSV');
      }),
    ).toThrow('read as CSV');
  });
});

describe('texts of the JSON export', () => {
  it.each([
    ['Koi (common) carp (<i>Cyprinus carpio</i>)', 'Koi (common) carp (Cyprinus carpio)'],
    ['$1.13/m<sup>3</sup>', '$1.13/m3'],
    ['14.5¢/m<sup>2 </sup>+ 0.4%', '14.5¢/m2 + 0.4%'],
    ['2.5% <u></u>', '2.5% '],
    ['6.5¢/gross<il></il>', '6.5¢/gross'],
    ['a<newline></newline>b', 'a  b'],
    ['less than 5 < 10 kg', 'less than 5 < 10 kg'],
  ])('withoutMarkup(%j) = %j', (text, plain) => {
    expect(withoutMarkup(text)).toBe(plain);
  });

  it.each([
    [['See 9903.88.15. '], ['9903.88.15']],
    [['See 9817.57.01, 9903.88.15 and 9903.91.01. '], ['9903.88.15', '9903.91.01']],
    [['See subheadings 9904.04.50-9904.05.01. '], []],
    [['See 9903.88.03 and its associated definitional note (U.S. note 20(g) in subchapter III of chapter 99).'], ['9903.88.03']],
    [[], []],
  ])('chapter99Links(%j) = %j', (footnotes, headings) => {
    expect(chapter99Links(footnotes)).toEqual(headings);
  });
});

describe('the real exports: HTSUS 2026 Rev 4 (CSV) and Rev 10 (JSON)', () => {
  const read = (file: string) => readEdition(editionRows(file, readSource(ROOT, file), csvObjects));
  const rev4 = read('usitc/hts_2026_revision_4.csv.gz');
  const rev10 = read('usitc/hts_2026_revision_10.json.gz');

  it('have the same rate lines with the same general and column 2 texts (no rate of chapters 01-97 changed)', () => {
    expect([...rev10.lines.keys()]).toEqual([...rev4.lines.keys()]);
    const differ = [...rev10.lines].filter(
      ([code, l]) => l.generalText !== rev4.lines.get(code)?.generalText || l.column2Text !== rev4.lines.get(code)?.column2Text,
    );
    expect(differ.map(([code]) => code)).toEqual([]);
  });
  it('differ in one grouping text of 3004.90.92 ("pimarily" corrected)', () => {
    const suffix = (r: typeof rev4, code: string) => r.lines.get('30049092')?.suffixes.find((s) => s.code === code)?.description;
    expect(suffix(rev4, '3004909261')).toContain('Preparations pimarily affecting');
    expect(suffix(rev10, '3004909261')).toContain('Preparations primarily affecting');
  });
});
