/**
 * Inputs that used to lose data or mislead without a word: ragged rows, UTF-16, placeholder
 * dates, stdin that is a folder; the record splitter on long records (linear, and an "unclosed
 * quote" message only when a quote is open); refund streaming its entries.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Splitter } from '../../src/batch/splitter.js';
import { runIn } from '../cli-runner.js';
import { BIN, cleanEnv } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-integrity-'));
const file = (name: string, text: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('ragged rows', () => {
  // "1,000.00" unquoted: 5 fields under a 4-field header; priced as value 1 before, without a word
  const rag = (): string => file('rag.csv', 'hts,origin,value,id\n9503.00.00,CN,1,000.00,a\n9503.00.00,CN\n9503.00.00,CN,100\n');

  it('a row longer than the header is rejected, with the counts and the way out', () => {
    const r = runIn(['calc', '--input', rag(), '--scenario', 'geneva-30']);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('rag.csv:2: the row has 5 fields, the header 4: the extra field would be dropped');
    // a short row lacking a required cell says that it is short
    expect(r.stderr).toContain("rag.csv:3: the row has 2 of the header's 4 fields: value is missing");
    // a short row lacking only an optional cell (id) is priced
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stdout.split('\n')[1]).toMatch(/^9503\.00\.00,CN,100,,100\.00,/);
  });

  it('--allow-ragged prices long rows without their extra fields', () => {
    const r = runIn(['calc', '--input', rag(), '--scenario', 'geneva-30', '--allow-ragged']);
    expect(r.exitCode).toBe(65); // the short row still lacks its value
    expect(r.stdout.split('\n')[1]).toMatch(/^9503\.00\.00,CN,1,000\.00,1\.00,/);
    expect(r.stderr).not.toContain('rag.csv:2');
  });

  it('the same rejection in compare and refund (every batch command)', () => {
    const f = file('rag-dated.csv', 'hts,origin,value,date\n9503.00.00,CN,100,2025-06-01,x\n9503.00.00,CN,100,2025-06-01\n');
    for (const args of [
      ['compare', '--input', f, '--scenario', 'geneva-30,as-entered', '--format', 'csv'],
      ['refund', '--input', f, '--format', 'csv'],
    ]) {
      const r = runIn(args);
      expect(r.exitCode).toBe(65);
      expect(r.stderr).toContain('rag-dated.csv:2: the row has 5 fields, the header 4');
    }
  });
});

describe('encodings, dates, stdin', () => {
  it('UTF-16 input is named as such (65), not read as rows of NUL bytes', () => {
    const text = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hts,origin,value\n9503.00.00,CN,1\n', 'utf16le')]);
    const r = runIn(['calc', '--input', file('u16.csv', text)]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/u16\.csv: the input is UTF-16 .*tariff reads UTF-8/);
  });

  it('UTF-16 without a mark and UTF-32 with one are named for what they are (65), no NUL bytes echoed', () => {
    const u16 = runIn(['calc', '--input', file('u16-nobom.csv', Buffer.from('hts,origin,value\n9503.00.00,CN,1\n', 'utf16le'))]);
    expect(u16.exitCode).toBe(65);
    expect(u16.stderr).toContain('u16-nobom.csv: the input is UTF-16 (little-endian, no byte-order mark); tariff reads UTF-8');
    expect(u16.stderr).not.toContain('\u0000');
    const u32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...'hts,origin,value\n'].map((c) => Buffer.from([c.charCodeAt(0), 0, 0, 0]))]);
    const r = runIn(['timeline', file('u32.csv', u32)]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('u32.csv: the input is UTF-32 (little-endian, with a byte-order mark); tariff reads UTF-8');
  });

  it('0000-01-01 and 9999-12-31 are rejected as entry dates; 1900-01-01 and 2099-12-31 are not', () => {
    const r = runIn(['calc', '--input', '-', '--scenario', 'as-entered'], {
      input: 'hts,origin,value,date\n9503.00.00,CN,1,0000-01-01\n9503.00.00,CN,1,9999-12-31\n9503.00.00,CN,1,1900-01-01\n9503.00.00,CN,1,2099-12-31\n',
    });
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('stdin:2: date "0000-01-01" is outside 1900–2099');
    expect(r.stderr).toContain('stdin:3: date "9999-12-31" is outside 1900–2099');
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    // a flag's value is a usage error (2), one rule for every flag (issue 22.4)
    expect(runIn(['calc', '--hts', '9503.00.00', '--origin', 'CN', '--value', '1', '--date', '9999-12-31']).exitCode).toBe(2);
  });

  it('stdin that is a folder is unreadable (66), not an empty input (65)', () => {
    const r = spawnSync('sh', ['-c', `'${process.execPath}' '${BIN}' calc --input - < '${dir}'`], { encoding: 'utf8', env: cleanEnv() });
    expect(r.status).toBe(66);
    expect(r.stderr).toMatch(/^tariff: stdin: is a directory/);
  });
});

describe('the record splitter', () => {
  /** Pushes `bytes` in chunks of `size`; returns the records' bytes joined, and the splitter. */
  const split = (bytes: Uint8Array, size: number): { out: string; s: Splitter } => {
    const s = new Splitter('csv');
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += size) {
      const slice = s.push(bytes.subarray(i, i + size));
      if (slice) parts.push(slice.bytes);
    }
    const last = s.end();
    if (last) parts.push(last.bytes);
    return { out: Buffer.concat(parts).toString('latin1'), s };
  };

  it('a long quoted field pushed in 64 KiB chunks comes out whole, once, with the right line numbers', () => {
    const field = `"${'x'.repeat(3 * 1024 * 1024)}\n""quoted""\n${'y'.repeat(1024 * 1024)}"`;
    const text = `a,b\n1,${field}\n2,z\n`;
    const { out, s } = split(Buffer.from(text, 'latin1'), 65536);
    expect(out).toBe(text.slice(4)); // all but the header, byte for byte
    expect(s.header).toEqual(['a', 'b']);
    expect(s.pendingBytes).toBe(0);
  });

  it('a record held open by a quote says "unclosed quote"; a long line without one does not', () => {
    const open = new Splitter('csv');
    open.push(Buffer.from('a,b\n1,2\n3,"never closed\nmore\n'));
    expect(open.tooLong('in.csv', 100).message).toMatch(/^in\.csv:3: a quoted field .* is still open after 100 bytes: an unclosed quote\?$/);
    const long = new Splitter('csv');
    long.push(Buffer.from(`a,b\n1,2\n${'z'.repeat(500)}`));
    const e = long.tooLong('in.csv', 100);
    expect(e.message).toBe('in.csv:3: a record longer than 100 bytes (no line break)');
    expect(e.message + e.details.join(' ')).not.toMatch(/quote/);
  });
});

describe('refund streams its entries', () => {
  // 2,100 entries: the table shows the first 2,000 and says so; csv and json carry all of them
  const rows = Array.from({ length: 2100 }, (_, i) => `E${i + 1},9503.00.00,CN,100,2025-06-01`).join('\n');
  const f = file('many-entries.csv', `entry_number,hts,origin,value,date\n${rows}\n`);

  it('json: every entry, the document parses, totals over all (2,100 × 30.00 = 63,000.00)', () => {
    // 2025-06-01, CN toy: fentanyl 20% + reciprocal 10% of 100.00 = 30.00 of IEEPA duty per entry
    const r = runIn(['refund', '--input', f, '--format', 'json', '--as-of', '2026-05-01']);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.entries).toHaveLength(2100);
    expect(doc.summary).toMatchObject({ entriesRead: 2100, reported: 2100, refundable: 2100, ieepaDuty: 63000 });
  });

  it('table: the first 2,000 rows and a line for the rest; the totals cover all', () => {
    const r = runIn(['refund', '--input', f, '--as-of', '2026-05-01']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('… and 100 more entries (the table shows the first 2000; --format csv or ndjson lists them all)');
    expect(r.stdout).toContain('refundable 2100: IEEPA duty $63,000.00');
  });
});

describe('the input is handed on in small pieces (bounded output per step)', () => {
  it('readable() yields every byte, in order, in pieces of at most PIECE_BYTES, from one 64 KB read', async () => {
    const { PassThrough } = await import('node:stream');
    const { PIECE_BYTES, readable } = await import('../../src/batch/row-source.js');
    const big = Buffer.alloc(65_536 + 17, 0);
    for (let i = 0; i < big.length; i++) big[i] = 97 + (i % 26);
    const stream = new PassThrough();
    stream.end(big);
    const pieces: Buffer[] = [];
    for await (const p of readable({ stream, name: 'test' })) pieces.push(p);
    expect(pieces.length).toBe(Math.ceil(big.length / PIECE_BYTES));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(PIECE_BYTES);
    expect(Buffer.concat(pieces).equals(big)).toBe(true);
  });
});
