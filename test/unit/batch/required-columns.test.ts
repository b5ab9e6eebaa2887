/**
 * requiredColumns (batch/columns.ts): the one header check of calc, compare, refund, audit and
 * timeline. A table of headers: nothing thrown when every needed column is there (or a flag gives
 * it); else a DataError (exit 65) naming the missing columns (plural right), the columns the
 * command needs, and what to do: add them, map one with --columns, or pass --origin.
 */
import { describe, expect, it } from 'vitest';
import { mapColumns, pricedNeeds, requiredColumns, type FieldDefaults, type Need } from '../../../src/batch/columns.js';
import { DataError, EXIT } from '../../../src/errors.js';

/** what requiredColumns throws for the header (message and details), or null */
function refusal(header: string[], defaults: FieldDefaults, command = 'calc', extra: Need[] = []): { message: string; details: readonly string[] } | null {
  try {
    requiredColumns('in.csv', header, [...pricedNeeds(mapColumns(header), defaults), ...extra], command);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).exitCode).toBe(EXIT.dataErr);
    return { message: (e as Error).message, details: (e as DataError).details };
  }
}

const NEEDS = 'tariff calc needs hts, origin (or --origin) and value columns';

describe('requiredColumns', () => {
  it.each([
    // every column there; aliases count ("HTS Number" is hts, "COO" origin, "Entered Value" value)
    [['hts', 'origin', 'value'], {}],
    [['HTS Number', 'COO', 'Entered Value'], {}],
    // no origin column, but --origin gives every row one
    [['hts', 'value'], { origin: 'CN' }],
  ] as [string[], FieldDefaults][])('%j with %j: accepted', (header, defaults) => {
    expect(refusal(header, defaults)).toBeNull();
  });

  it.each([
    // one missing: singular, and --columns offered for it
    [
      ['id', 'hts', 'origin'],
      {},
      'in.csv: the input has no value column',
      'to fix: add the column, or map a column of another name to it with --columns "Your Name=value"',
    ],
    // two missing: plural, joined by "and"
    [
      ['id', 'origin'],
      {},
      'in.csv: the input has no hts and value columns',
      'to fix: add the columns, or map a column of another name to one with --columns "Your Name=hts"',
    ],
    // origin missing and no --origin: the flag is offered
    [
      ['hts', 'value'],
      {},
      'in.csv: the input has no origin column',
      'to fix: add the column, map a column of another name to it with --columns "Your Name=origin", or pass --origin to give every row the same origin',
    ],
    // all three missing: "a, b and c"
    [
      ['id'],
      {},
      'in.csv: the input has no hts, origin and value columns',
      'to fix: add the columns, map a column of another name to one with --columns "Your Name=hts", or pass --origin to give every row the same origin',
    ],
  ] as [string[], FieldDefaults, string, string][])('%j with %j: refused', (header, defaults, message, fix) => {
    const r = refusal(header, defaults);
    expect(r?.message).toBe(message);
    expect(r?.details).toEqual([`columns found: ${header.join(', ')}; ${NEEDS}`, fix, '']);
  });

  it('an empty header says "(none)"', () => {
    expect(refusal([], {})?.details[0]).toBe(`columns found: (none); ${NEEDS}`);
  });

  it("a command's own column (refund's date) is named, without --columns when --columns cannot stand in", () => {
    const r = refusal(['hts', 'origin', 'value'], {}, 'refund', [{ name: 'date', has: false }]);
    expect(r?.message).toBe('in.csv: the input has no date column');
    expect(r?.details.slice(0, 2)).toEqual([
      'columns found: hts, origin, value; tariff refund needs hts, origin (or --origin), value and date columns',
      'to fix: add the column',
    ]);
  });

  it('an alternative column ("or hts_1 … hts_N") is said with the name', () => {
    const r = refusal(['value', 'origin'], {}, 'audit');
    expect(r?.message).toBe('in.csv: the input has no hts column');
    let e: unknown;
    try {
      requiredColumns('in.csv', ['origin', 'value'], [{ name: 'hts', field: 'hts', or: 'hts_1 … hts_N', has: false }], 'audit', 'see tariff audit --help');
    } catch (x) {
      e = x;
    }
    expect((e as Error).message).toBe('in.csv: the input has no hts (or hts_1 … hts_N) column');
    expect((e as DataError).details).toEqual([
      'columns found: origin, value; tariff audit needs hts (or hts_1 … hts_N) columns',
      'to fix: add the column, or map a column of another name to it with --columns "Your Name=hts"',
      'see tariff audit --help',
    ]);
  });
});
