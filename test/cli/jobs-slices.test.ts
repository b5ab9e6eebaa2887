/**
 * Worker threads get every byte of the input: a slice that is a view of a chunk read (the records
 * of a piece that begins on a record boundary) is copied before it moves to a worker. Moving its
 * memory instead emptied every other view of the same chunk — slices not yet sent and the
 * pending rest — and rows came out of the workers cut and misread (a 1M-row file read 1 MB at a
 * time: two rows rejected with "origin "truck"", none in one thread).
 *
 * The file here makes that case happen at every piece: a 64-byte header and 64-byte rows put a
 * record boundary at each 64 KB piece end, so every slice but the first is such a view.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Splitter } from '../../src/batch/splitter.js';
import { run } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-slices-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROW_BYTES = 64;
/** `line` padded with x inside its last cell to ROW_BYTES with its LF */
const padded = (line: string): string => {
  expect(line.length).toBeLessThanOrEqual(ROW_BYTES - 1);
  return `${line}${'x'.repeat(ROW_BYTES - 1 - line.length)}\n`;
};
const HEADER = padded('id,hts,origin,value,freight,insurance,mode,date,note');
const ROWS = 40_000; // 2.56 MB: three chunks read, 40 pieces
const row = (k: number): string => padded(`R${String(k).padStart(6, '0')},8703.80.00,CN,${100 + (k % 9000)}.25,10.00,1.00,ocean,2025-06-01,`);

describe('--jobs 2 on a file whose pieces end on record boundaries', () => {
  const file = join(dir, 'aligned.csv');
  let text = HEADER;
  for (let k = 1; k <= ROWS; k++) text += row(k);
  writeFileSync(file, text);

  it('the file is as meant: 64-byte records, a boundary at every 64 KB', () => {
    expect(text.length).toBe(ROW_BYTES * (ROWS + 1));
    expect(text[65_536 - 1]).toBe('\n');
    // the splitter hands out views of the chunk for such pieces (not buffers of their own)
    const s = new Splitter('csv');
    const chunk = Buffer.from(text.slice(0, 4 * 65_536));
    const slices = [0, 1, 2, 3].map((k) => s.push(chunk.subarray(k * 65_536, (k + 1) * 65_536)));
    expect(slices.map((x) => x?.owned)).toStrictEqual([false, false, false, false]);
  });

  it('gives every row, the same bytes as one thread', () => {
    const env = { TARIFF_WORKER_MIN_BYTES: '0' };
    const one = run(['calc', '--input', file, '--scenario', 'geneva-30', '--jobs', '1'], { env });
    const two = run(['calc', '--input', file, '--scenario', 'geneva-30', '--jobs', '2'], { env });
    expect(one.exitCode, one.stderr).toBe(0);
    expect(two.exitCode, two.stderr).toBe(0);
    expect(two.stderr).toBe('');
    expect(one.stdout.split('\n')).toHaveLength(ROWS + 2); // header, the rows, '' after the last LF
    expect(two.stdout === one.stdout).toBe(true);
  });
});
