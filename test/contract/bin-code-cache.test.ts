/**
 * bin/tariff.js runs dist/cli.cjs with the V8 code cache the build wrote, and only with a cache
 * made from that very file: its header names the CRC-32 of the first line of the dist/cli.cjs it
 * was made from (the line names the build and the CRC-32 of the rest, checked first) and of its
 * own bytecode (test/contract/dist-integrity.test.ts damages them for real).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

interface Loaded {
  cli: { main?: unknown };
  script: { cachedDataRejected?: boolean };
  id: string | null;
  cache: string;
  note: string | null;
}
const { loadCli } = createRequire(import.meta.url)('../../bin/tariff.js') as { loadCli: (o?: { useCache?: boolean; file?: string }) => Loaded };

const CLI = join(ROOT, 'dist', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'tariff-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/tariff.js and the code cache', () => {
  it('the built CLI names its build and checksum on its first line, and V8 accepts the cache the build wrote for it', () => {
    const { id, script, cli, note } = loadCli();
    expect(readFileSync(CLI, 'latin1').split('\n')[0]).toMatch(
      new RegExp(`^// tariff-cli ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} build ${id} crc32 [0-9a-f]{8}$`),
    );
    expect(script.cachedDataRejected).toBe(false);
    expect(note).toBeNull();
    expect(typeof cli.main).toBe('function');
  });

  it('a cache made for another dist/cli.cjs is not given to V8; without a cache the CLI is compiled from source', () => {
    const file = join(dir, 'cli.cjs');
    copyFileSync(CLI, file);
    const good = readFileSync(`${CLI}.cache`);
    const other = Buffer.from(good);
    other.writeUInt32BE((other.readUInt32BE(20) ^ 1) >>> 0, 20); // the CRC of the first line of the cli.cjs it was made from
    writeFileSync(`${file}.cache`, other);
    const l = loadCli({ file });
    expect(l.script.cachedDataRejected).toBeUndefined(); // no cachedData was passed
    expect(l.note).toBe('not used: it was made from another dist/cli.cjs');
    expect(typeof l.cli.main).toBe('function');

    writeFileSync(`${file}.cache`, good);
    expect(loadCli({ file }).script.cachedDataRejected).toBe(false);

    // the same body under another first line (another version): another build, not its cache
    const text = readFileSync(CLI, 'latin1');
    const other1 = text.replace(/^(\/\/ tariff-cli )\S+/, (_m, p: string) => `${p}9.9.9`);
    expect(other1.split('\n')[0]).not.toBe(text.split('\n')[0]);
    writeFileSync(file, other1, 'latin1');
    const renamed = loadCli({ file });
    expect(renamed.note).toBe('not used: it was made from another dist/cli.cjs');
    expect(typeof renamed.cli.main).toBe('function');
    copyFileSync(CLI, file);

    rmSync(`${file}.cache`);
    const none = loadCli({ file });
    expect(none.script.cachedDataRejected).toBeUndefined();
    expect(typeof none.cli.main).toBe('function');
  });
});
