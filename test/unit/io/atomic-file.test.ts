/** AtomicFile (src/io/atomic-file.ts): an aborted file closes its descriptor once. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../../src/io/atomic-file.js';

const dir = mkdtempSync(join(tmpdir(), 'tariff-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 20));

describe('abort closes the descriptor once', () => {
  // a second close would hit whatever file was given the same descriptor number since: the next
  // output's writes would then fail with EBADF
  it.each<[string, (f: AtomicFile) => void]>([
    ['with nothing written', () => {}],
    ['with a write in flight', (f) => void f.stream.write('x'.repeat(1 << 20))],
    ['after a write error', (f) => void f.stream.destroy(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }))],
  ])('%s: a file opened after it is written and committed', async (name, before) => {
    const target = join(dir, `${name.replaceAll(' ', '-')}.csv`);
    const first = new AtomicFile(join(dir, 'first.csv'));
    before(first);
    first.abort();
    const next = new AtomicFile(target);
    await settle();
    next.stream.write('ok\n');
    await next.commit();
    expect(readFileSync(target, 'utf8')).toBe('ok\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp') || f === 'first.csv')).toEqual([]);
  });
});
