/**
 * The committed data is what data/sources and data/src build, byte for byte: the data build
 * (scripts/data/run.mjs --check, as `npm run data -- --check`) run as its own process. The rest
 * of the data build's contract, in process: test/unit/data/data-build.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('the committed data', () => {
  it('rebuilds byte for byte (npm run data -- --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/data/run.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);
});
