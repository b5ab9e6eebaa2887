/**
 * The files of dist/ that the CLI loads after it has started — dist/zod.cjs (on first use of zod)
 * and the batch worker with its chunks (--jobs) — are checked by content before they run, like
 * dist/cli.cjs itself (bin/tariff.js): a flipped byte in them would otherwise run as is.
 *
 * The build writes dist/manifest.json, the CRC-32 of every such file, and puts the CRC-32 of the
 * manifest into dist/cli.cjs, which bin/tariff.js has checked: so the manifest is trusted only if
 * it is the one this build wrote, and a file only if the manifest names its exact bytes.
 *
 * Run from src/ (the tests), there is no build and nothing to check.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import { EXIT, TariffError } from '../errors.js';

declare const __TARIFF_MANIFEST_CRC__: number | undefined;

/** the CRC-32 of dist/manifest.json, or null where nothing is checked (from src/; a Node before 20.15, like bin/tariff.js) */
function manifestCrc(): number | null {
  if (typeof __TARIFF_MANIFEST_CRC__ !== 'number' || typeof zlib.crc32 !== 'function') return null;
  return __TARIFF_MANIFEST_CRC__;
}

function damaged(file: string, why: string): TariffError {
  return new TariffError(`the installation is damaged: ${file} ${why}; reinstall tariff-cli (npm ci, or npm run build in a checkout)`, EXIT.software);
}

let table: Record<string, string> | null = null;

/** The file name → CRC-32 table of dist/manifest.json in `dist`, once its own CRC-32 is the one built in. */
function manifest(dist: string, crc: number): Record<string, string> {
  if (table) return table;
  const file = join(dist, 'manifest.json');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw damaged(file, 'cannot be read');
  }
  if (zlib.crc32(bytes) >>> 0 !== crc >>> 0) throw damaged(file, 'is not the one this build wrote (its checksum does not match)');
  table = (JSON.parse(bytes.toString('latin1')) as { crc32: Record<string, string> }).crc32;
  return table;
}

/** The bytes of `name` in `dist`, read once, if they are the ones the manifest names; else the error to stop on. */
function checkedBytes(dist: string, name: string, crc: number): Buffer {
  const want = manifest(dist, crc)[name];
  const file = join(dist, name);
  if (want === undefined) throw damaged(file, 'is not in dist/manifest.json');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw damaged(file, 'cannot be read');
  }
  if ((zlib.crc32(bytes) >>> 0).toString(16).padStart(8, '0') !== want) throw damaged(file, 'does not match its checksum in dist/manifest.json');
  return bytes;
}

/** dist/, found from this module (bundled into dist/cli.cjs) */
const distDir = (): string => dirname(fileURLToPath(import.meta.url));

/**
 * A CommonJS file of dist/ (dist/zod.cjs), run from the very bytes that were checked — no window
 * in which another file could be read in their place — compiled as `require` would.
 */
export function requireChecked(name: string): unknown {
  const dist = distDir();
  const file = join(dist, name);
  const crc = manifestCrc();
  if (crc === null) return createRequire(file)(file);
  const source = checkedBytes(dist, name, crc).toString('utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file });
  const module = { exports: {} as unknown };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/**
 * Checks the batch worker `file` and every chunk it may import before a worker thread starts it.
 * A worker thread runs an ES module graph from disk, which cannot be handed checked bytes (a
 * data: URL has no relative imports): the files are read again when the worker loads them.
 */
export function checkWorkerFiles(file: string): void {
  const crc = manifestCrc();
  if (crc === null) return;
  const dist = dirname(file);
  for (const name of Object.keys(manifest(dist, crc))) {
    if (name === 'batch-worker.js' || name.startsWith('chunks/')) checkedBytes(dist, name, crc);
  }
}
