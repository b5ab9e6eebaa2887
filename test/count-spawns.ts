/**
 * A setup file for counting the processes the suite starts (vitest.config.ts adds it when
 * TARIFF_TEST_COUNT_SPAWNS names a file): every spawn, spawnSync, execFile, execFileSync, execSync
 * and fork of node:child_process appends "test file<TAB>function<TAB>command" to that file.
 * (exec goes through execFile and is counted there.) A `bash -c` that runs the CLI several times
 * counts once; worker threads are not processes.
 *   TARIFF_TEST_COUNT_SPAWNS=/tmp/spawns.tsv npx vitest run …; cut -f1 /tmp/spawns.tsv | sort | uniq -c
 */
import { appendFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { relative } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './helpers.js';

const log = process.env.TARIFF_TEST_COUNT_SPAWNS;
const require = createRequire(import.meta.url);
const cp = require('node:child_process') as Record<string, (...a: unknown[]) => unknown>;
const marked = cp as unknown as { __counted?: boolean };
if (log && !marked.__counted) {
  marked.__counted = true;
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execSync', 'fork']) {
    const original = cp[name] as (...a: unknown[]) => unknown;
    cp[name] = function counted(this: unknown, ...a: unknown[]) {
      const file = expect.getState().testPath ?? '?';
      appendFileSync(log, `${relative(ROOT, file)}\t${name}\t${String(a[0]).slice(0, 80)}\n`);
      return original.apply(this, a);
    };
  }
  syncBuiltinESMExports();
}
