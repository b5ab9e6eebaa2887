/**
 * Columns as people name them (issue 22.6): the aliases, case- and space-insensitive, the README's
 * list checked against the code, `--columns` for any other name, and the note that says so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { columnAliases, normaliseName } from '../../src/batch/columns.js';
import { parseCsv } from '../../src/io/csv.js';
import { runIn } from '../cli-runner.js';
import { ROOT } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-columns-'));
const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
// the same shipment under the canonical names: the reference the aliased runs must match
const CANON = file('canon.csv', 'id,hts,origin,value,date\nA1,9503.00.00,CN,10000,2025-06-01\n');
const priced = (stdout: string): string[] => (parseCsv(stdout)[1]?.fields ?? []).slice(5);

describe('header aliases', () => {
  const reference = runIn(['calc', CANON, '--scenario', 'as-entered']);

  it.each([
    ['HTS Number,Entered Value,COO,Entry Date', 'SKU,HTS Number,COO,Entered Value,Entry Date'],
    ['HTS Code, Customs Value, Country of Origin', 'sku,hts code,country of origin,customs value,date'],
    ['Tariff Number, TRANSACTION_VALUE, origin-country', 'Id,TARIFF NUMBER,Origin Country,Transaction_Value,Date of Entry'],
  ])('%s', (_what, header) => {
    const r = runIn(['calc', file(`${normaliseName(header)}.csv`, `${header}\nA1,9503.00.00,CN,10000,2025-06-01\n`), '--scenario', 'as-entered']);
    expect(r.exitCode).toBe(0);
    expect(priced(r.stdout)).toEqual(priced(reference.stdout));
    expect(parseCsv(r.stdout)[0]?.fields.slice(0, 5)).toEqual(header.split(','));
    expect(r.stderr).toMatch(/note: .*columns read as: /);
  });

  it('canonical names need no note', () => {
    expect(reference.exitCode).toBe(0);
    expect(reference.stderr).toBe('');
  });

  it('the README lists exactly the aliases the code knows', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- column-aliases -->\n([\s\S]*?)<!-- \/column-aliases -->/.exec(readme)?.[1] ?? '';
    const listed: Record<string, string[]> = {};
    for (const item of block.replace(/\n/g, ' ').split(' · ')) {
      const m = /`(\w+)`: (.*)/.exec(item.trim());
      if (m) listed[m[1] as string] = (m[2] as string).split(',').map((n) => normaliseName(n.trim()));
    }
    const known = columnAliases();
    expect(Object.keys(listed).sort()).toEqual(Object.keys(known).sort());
    for (const [field, names] of Object.entries(known)) expect(listed[field]?.slice().sort(), field).toEqual(names.slice().sort());
  });
});

describe('--columns', () => {
  const OWN = file('own.csv', 'Ref,My HTS,Made in,Price,When\nA1,9503.00.00,CN,10000,2025-06-01\n');

  it('maps the input names to the fields, echoed in a note and in the JSON assumptions', () => {
    const args = ['calc', OWN, '--scenario', 'as-entered', '--columns', 'My HTS=hts, Made in=origin,price=value,When=date,Ref=id'];
    const r = runIn(args);
    expect(r.exitCode).toBe(0);
    expect(priced(r.stdout)).toEqual(priced(runIn(['calc', CANON, '--scenario', 'as-entered']).stdout));
    expect(r.stderr).toContain('columns read as: "Ref" → id, "My HTS" → hts, "Made in" → origin, "Price" → value, "When" → date');
    const doc = JSON.parse(runIn([...args, '--format', 'json']).stdout);
    expect(doc.assumptions).toContain('columns read as: "Ref" → id, "My HTS" → hts, "Made in" → origin, "Price" → value, "When" → date');
  });

  it('an unknown field or a column the input lacks is a usage error (2)', () => {
    const bad = runIn(['calc', OWN, '--columns', 'My HTS=htz']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--columns "My HTS=htz"');
    const absent = runIn(['calc', OWN, '--columns', 'Nope=hts,Price=value,Made in=origin']);
    expect(absent.exitCode).toBe(2);
    expect(absent.stderr).toContain('--columns names a column the input does not have: nope');
  });

  it('on one shipment it does not apply (2)', () => {
    const r = runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1', '--columns', 'a=hts']);
    expect(r.exitCode).toBe(2);
  });
});
