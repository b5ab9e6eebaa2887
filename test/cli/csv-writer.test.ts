/**
 * One CSV writer for every CSV the tool writes, one stderr writer (issue 25.6): formula cells
 * escaped (unless --no-escape-formulas) in lookup, scenarios, compare and refund as in calc's
 * output; snake_case result headers; control characters from input escaped on stderr.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { terminalSafe } from '../../src/cli/stderr.js';
import { runIn } from '../cli-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-csvw-'));
const overlay = join(dir, 'overlay.json');
writeFileSync(
  overlay,
  JSON.stringify({ schemaVersion: 1, scenarios: [{ id: 'evil', title: '=HYPERLINK("http://x")', description: '@SUM(A1)', asOf: '2025-06-01' }] }),
);

describe('scenarios --format csv: overlay text is escaped', () => {
  it("title '=…' and description '@…' get a leading apostrophe; --no-escape-formulas keeps them", () => {
    const r = runIn(['scenarios', '--scenario-file', overlay, '--format', 'csv']);
    expect(r.exitCode).toBe(0);
    const row = parseCsv(r.stdout).find((x) => x.fields[0] === 'evil')?.fields ?? [];
    expect(row[1]).toBe('\'=HYPERLINK("http://x")');
    expect(row.at(-1)).toBe("'@SUM(A1)");
    const raw = runIn(['scenarios', '--scenario-file', overlay, '--format', 'csv', '--no-escape-formulas']);
    const rawRow = parseCsv(raw.stdout).find((x) => x.fields[0] === 'evil')?.fields ?? [];
    expect(rawRow[1]).toBe('=HYPERLINK("http://x")');
  });
});

describe('compare --per-row CSV: echoed cells and header escaped', () => {
  it('a column named =x and a cell @A1', () => {
    const input = join(dir, 'c.csv');
    writeFileSync(input, 'hts,origin,value,=x\n9503.00.00,CN,100,@A1\n');
    const r = runIn(['compare', input, '--per-row', '--scenario', 'pre-2025,geneva-30', '--format', 'csv']);
    expect(r.exitCode).toBe(0);
    const rows = parseCsv(r.stdout).map((x) => x.fields);
    expect(rows[0]?.slice(0, 5)).toEqual(['hts', 'origin', 'value', "'=x", 'landed_pre_2025']);
    expect(rows[1]?.[3]).toBe("'@A1");
  });
});

describe('the stderr writer', () => {
  it('escapes ESC and BEL from a header on stderr (printf "\\033]0;X\\007hts,origin" | tariff calc)', () => {
    const r = runIn(['calc'], { input: '\x1b]0;X\x07hts,origin\n' });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).not.toMatch(/[\x07\x1b]/);
    expect(r.stderr).toContain('\\x1b]0;X\\x07hts');
  });

  it('terminalSafe: controls escaped, LF and tab kept, colour codes only when asked', () => {
    expect(terminalSafe('a\x1b]0;X\x07b\r\n\tc\x9b', false)).toBe('a\\x1b]0;X\\x07b\\r\n\tc\\x9b');
    expect(terminalSafe('\x1b[31mred\x1b[39m', true)).toBe('\x1b[31mred\x1b[39m');
    expect(terminalSafe('\x1b[31mred\x1b[39m', false)).toBe('\\x1b[31mred\\x1b[39m');
    expect(terminalSafe('\r\x1b[K12 rows', true)).toBe('\r\x1b[K12 rows');
    expect(terminalSafe('\x1b]0;X\x07', true)).toBe('\\x1b]0;X\\x07');
  });
});
