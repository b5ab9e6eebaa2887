/**
 * bin/tariff.js runs dist/cli.cjs with the V8 code cache the build wrote, and only with a cache
 * made from that very build (its id is the build id on the first line of dist/cli.cjs).
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
}
const { loadCli } = createRequire(import.meta.url)('../../bin/tariff.js') as { loadCli: (o?: { useCache?: boolean; file?: string }) => Loaded };

const CLI = join(ROOT, 'dist', 'cli.cjs');
const dir = mkdtempSync(join(tmpdir(), 'tariff-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/tariff.js and the code cache', () => {
  it('the built CLI names its build on its first line, and V8 accepts the cache the build wrote for it', () => {
    const { id, script, cli } = loadCli();
    expect(readFileSync(CLI, 'latin1').split('\n')[0]).toBe(
      `// tariff-cli ${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version} build ${id}`,
    );
    expect(script.cachedDataRejected).toBe(false);
    expect(typeof cli.main).toBe('function');
  });

  it('a cache made for another build is not given to V8; without a cache the CLI is compiled from source', () => {
    const file = join(dir, 'cli.cjs');
    copyFileSync(CLI, file);
    const good = readFileSync(`${CLI}.cache`);
    writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from('0123456789abcdef'), good.subarray(16)]));
    const other = loadCli({ file });
    expect(other.id).not.toBe('0123456789abcdef');
    expect(other.script.cachedDataRejected).toBeUndefined(); // no cachedData was passed
    expect(typeof other.cli.main).toBe('function');

    writeFileSync(`${file}.cache`, good);
    expect(loadCli({ file }).script.cachedDataRejected).toBe(false);

    rmSync(`${file}.cache`);
    const none = loadCli({ file });
    expect(none.script.cachedDataRejected).toBeUndefined();
    expect(typeof none.cli.main).toBe('function');
  });
});
