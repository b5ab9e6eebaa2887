/**
 * The rejects file (issue 22.3, 25.6): every byte of a rejected record as read — ragged, quoted,
 * multi-line — then `line` and `error`; formula cells escaped (the one documented change); a
 * rejects file read back loses its own `line`/`error` columns, so fixing the cells and pricing it
 * gives the original columns plus the priced ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { runIn } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-rejects-'));
const file = (name: string, text: string): string => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};

const HEADER = 'id,hts,origin,qty,value,mode,date,memo';
// line 2 is ragged (an unquoted thousands separator: 9 fields), line 3 quotes a value with a comma
// and a note with "" and a line break, line 5 is short (value missing), line 6 is good
const RAGGED = 'E-027,6109.10.00,CN,12,1,500.00,ocean,2025-06-01,unquoted thousands';
const QUOTED = 'E-030,6109.10.00,CN,12,"1,500.00",ocean,2025-06-01,"say ""hi""\r\nsecond line"';
const SHORT = 'E-031,6109.10.00,CN';
const GOOD = 'E-032,6109.10.00,CN,12,1500.00,ocean,2025-06-01,fine';
const INPUT = `${HEADER}\n${RAGGED}\n${QUOTED}\n${SHORT}\n${GOOD}\n`;

describe('--rejects keeps every byte of a rejected record', () => {
  const rej = join(dir, 'rej.csv');
  const r = runIn(['calc', '--input', file('in.csv', INPUT), '--rejects', rej, '-o', join(dir, 'out.csv')]);

  it('exits 65 and says so', () => {
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('tariff: 3 of 4 rows rejected');
  });

  it('writes each record as read, then line and error; a short row is padded to the header', () => {
    const lines = readFileSync(rej, 'utf8');
    expect(lines.startsWith(`${HEADER},line,error\n`)).toBe(true);
    expect(lines).toContain(`\n${RAGGED},2,"the row has 9 fields, the header 8`);
    // the quoted record, its CRLF inside quotes included, byte for byte
    expect(lines).toContain(`\n${QUOTED},3,"value ""1,500.00"" is not a decimal number`);
    // line 5: the quoted field's line break counts
    expect(lines).toContain(`\n${SHORT},,,,,,5,the row has 3 of the header's 8 fields: value is missing`);
    expect(lines).not.toContain('E-032');
  });

  it('a rejects file read back: fixed cells price, line/error are neither duplicated nor carried on', () => {
    const fixed = readFileSync(rej, 'utf8')
      .replace('12,1,500.00,', '12,1500.00,')
      .replace('"1,500.00"', '1500.00')
      .replace('E-031,6109.10.00,CN,,,,,', 'E-031,6109.10.00,CN,12,1500.00,ocean,2025-06-01,');
    const rej2 = join(dir, 'rej2.csv');
    const out = join(dir, 'out2.csv');
    const again = runIn(['calc', '--input', file('fixed.csv', fixed), '--rejects', rej2, '-o', out]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toContain('a rejects file: its line and error columns are left out');
    const rows = parseCsv(readFileSync(out, 'utf8')).map((x) => x.fields);
    const head = rows[0] as string[];
    expect(head.slice(0, 9)).toEqual([...HEADER.split(','), 'customs_value']);
    expect(head).not.toContain('line');
    expect(head).not.toContain('error');
    expect(rows.slice(1).map((x) => x.slice(0, 9))).toEqual([
      ['E-027', '6109.10.00', 'CN', '12', '1500.00', 'ocean', '2025-06-01', 'unquoted thousands', '1500.00'],
      ['E-030', '6109.10.00', 'CN', '12', '1500.00', 'ocean', '2025-06-01', 'say "hi"\r\nsecond line', '1500.00'],
      ['E-031', '6109.10.00', 'CN', '12', '1500.00', 'ocean', '2025-06-01', '', '1500.00'],
    ]);
    // nothing rejected: the header alone, without a second line,error
    expect(readFileSync(rej2, 'utf8')).toBe(`${HEADER},line,error\n`);
  });

  it('a still-bad row of a re-read rejects file is rejected again with its own bytes, once', () => {
    const rej3 = join(dir, 'rej3.csv');
    const again = runIn(['calc', '--input', rej, '--rejects', rej3, '-o', join(dir, 'out3.csv')]);
    expect(again.exitCode).toBe(65);
    const text = readFileSync(rej3, 'utf8');
    expect(text.startsWith(`${HEADER},line,error\n`)).toBe(true);
    // the same records, numbered by their lines in the rejects file (the quoted one spans two)
    expect(text).toContain(`\n${RAGGED},2,`);
    expect(text).toContain(`\n${QUOTED},3,`);
    expect(text).toContain(`\n${SHORT},,,,,,5,`);
  });
});

describe('--rejects escapes formulas like every CSV the tool writes', () => {
  const input = 'id,hts,origin,value,=x\n=HYPERLINK("http://e"),6109.10.00,CN,oops,@A1\n＝1,6109.10.00,CN,-5,plain\n';
  const rej = join(dir, 'rej-f.csv');
  it('escapes formula cells and the header; --no-escape-formulas keeps them', () => {
    const r = runIn(['calc', '--input', file('f.csv', input), '--rejects', rej, '-o', join(dir, 'f-out.csv')]);
    expect(r.exitCode).toBe(65);
    const rows = parseCsv(readFileSync(rej, 'utf8')).map((x) => x.fields);
    expect(rows[0]).toEqual(['id', 'hts', 'origin', 'value', "'=x", 'line', 'error']);
    expect(rows[1]?.slice(0, 6)).toEqual(['\'=HYPERLINK("http://e")', '6109.10.00', 'CN', 'oops', "'@A1", '2']);
    expect(rows[2]?.slice(0, 6)).toEqual(["'＝1", '6109.10.00', 'CN', '-5', 'plain', '3']);
    const raw = join(dir, 'rej-raw.csv');
    runIn(['calc', '--input', join(dir, 'f.csv'), '--rejects', raw, '--no-escape-formulas', '-o', join(dir, 'f-out2.csv')]);
    const text = readFileSync(raw, 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'id,hts,origin,value,=x,line,error',
      expect.stringMatching(/^=HYPERLINK\("http:\/\/e"\),6109\.10\.00,CN,oops,@A1,2,/),
      expect.stringMatching(/^＝1,6109\.10\.00,CN,-5,plain,3,/),
    ]);
  });
});
