/**
 * A regular file read into two reused buffers (src/batch/row-source.ts `fileChunks`, input.ts
 * `reuseReads`): the chunks are the file, in order, and nothing downstream keeps a view of a
 * buffer that the next read fills again — the splitter copies a record's bytes it must wait on.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchInput } from '../../../src/batch/input.js';
import { fileChunks } from '../../../src/batch/row-source.js';
import { Splitter } from '../../../src/batch/splitter.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-reused-reads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `n` bytes of letters, a line break every 37 */
function letters(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = i % 37 === 36 ? 10 : 97 + (i % 26);
  return b;
}

describe('fileChunks', () => {
  it('yields the file in order, each chunk at most the buffer size (1,000 bytes in buffers of 64: 15 of 64 and one of 40)', async () => {
    const file = join(dir, 'a.txt');
    const data = letters(1000);
    writeFileSync(file, data);
    const chunks: Buffer[] = [];
    // copied as they come: the buffers are filled again
    for await (const c of fileChunks(openSync(file, 'r'), 64)) chunks.push(Buffer.from(c));
    expect(chunks.map((c) => c.length)).toEqual([...Array(15).fill(64), 40]);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
  });

  it('reuses two buffers in turn (chunks 1 and 3 share memory, 1 and 2 do not)', async () => {
    const file = join(dir, 'b.txt');
    writeFileSync(file, letters(300));
    const buffers: ArrayBufferLike[] = [];
    const offsets: number[] = [];
    for await (const c of fileChunks(openSync(file, 'r'), 100)) {
      buffers.push(c.buffer);
      offsets.push(c.byteOffset);
    }
    expect(buffers.length).toBe(3);
    const same = (i: number, j: number): boolean => buffers[i] === buffers[j] && offsets[i] === offsets[j];
    expect(same(0, 2)).toBe(true);
    expect(same(0, 1)).toBe(false);
  });

  it('closes the file when the consumer stops early, after the read under way', async () => {
    const file = join(dir, 'c.txt');
    writeFileSync(file, letters(10_000));
    const fd = openSync(file, 'r');
    for await (const c of fileChunks(fd, 100)) {
      expect(c.length).toBe(100);
      break;
    }
    // closed: closing it again fails
    expect(() => closeSync(fd)).toThrow(/EBADF/);
  });
});

describe('the splitter keeps its own copy of a record it waits on', () => {
  it('a record cut across two chunks is its bytes as read, whatever the first chunk holds later', () => {
    const s = new Splitter('csv');
    s.push(Buffer.from('a,b\n1,')); // the header, and "1," pending
    expect(s.header).toEqual(['a', 'b']);
    const chunk = Buffer.from('x');
    // no record ends in it: held until the next chunk
    expect(s.push(chunk)).toBeNull();
    chunk.fill(0x7a); // the reader fills the buffer again ('z')
    const slice = s.push(Buffer.from('y\n'));
    expect(Buffer.from(slice?.bytes ?? []).toString('latin1')).toBe('1,xy\n');
  });
});

describe('BatchInput with reuseReads', () => {
  it('hands on every record of a file larger than two reads, in order, as read', async () => {
    const file = join(dir, 'd.csv');
    // 40,000 rows of 3 to 11 bytes (~0.3 MB) read 64 kB at a time: each buffer filled again twice or more
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},${'v'.repeat(i % 5)}\n`);
    writeFileSync(file, `id,v\n${rows.join('')}`);
    const input = new BatchInput(file, 'csv', { note: () => {}, reuseReads: true, readBytes: 64 * 1024, pieceBytes: 4096 });
    const parts: string[] = [];
    for await (const { slice } of input.slices()) parts.push(Buffer.from(slice.bytes).toString('latin1'));
    expect(input.header).toEqual(['id', 'v']);
    expect(parts.join('')).toBe(rows.join(''));
    expect(readFileSync(file).length).toBe(input.bytes);
  });
});
