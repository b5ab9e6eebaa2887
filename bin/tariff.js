#!/usr/bin/env node
'use strict';
/**
 * Runs the CLI built in dist/ (by `npm ci`, through the prepare script).
 *
 * This file is CommonJS (bin/package.json) and dist/cli.cjs is one CommonJS file, because start-up
 * time is most of what a one-shipment `tariff calc` costs: an ES module entry starts Node's ES
 * module loader (~5 ms), and Node 20 has no compile cache. So the CLI is compiled here, as
 * `require` would, but with the V8 code cache that the build wrote (dist/cli.cjs.cache): V8 then
 * deserialises bytecode instead of parsing and compiling half a megabyte.
 *
 * Nothing on disk is trusted without a check of its content, because V8 checks little more than
 * the source's length: a cache of another build of the same length runs the old bytecode, and a
 * flipped byte in a cache crashes V8 (SIGSEGV, SIGILL). So:
 * - dist/cli.cjs names on its first line the CRC-32 of the rest of it; a file that does not match
 *   is damaged (a flipped byte, a hand edit) and is not run: exit 70 and what to do;
 * - the cache starts with a header: the CRC-32 of the first line of the dist/cli.cjs it was made
 *   from and the CRC-32 of its own bytecode; a cache that fails either is not given to V8 (the CLI
 *   is compiled from source, as without one; `-v` says so). The first line names the file's build
 *   (the SHA-256 of the rest) and the CRC-32 of the rest, which was checked just before: so it
 *   stands for the whole file, and the file's 800 kB are run through CRC-32 once, not twice.
 * The files dist/cli.cjs loads later (dist/zod.cjs, the --jobs worker and its chunks) are checked
 * against dist/manifest.json, whose CRC-32 is built into dist/cli.cjs (src/cli/dist-files.ts).
 * CRC-32 (zlib, native) detects every flipped byte and burst, and costs a fraction of loading
 * node:crypto. A Node without zlib.crc32 (before 20.15) runs without the cache and the check.
 */
const { closeSync, fstatSync, openSync, readSync, writeSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const CLI = join(__dirname, '..', 'dist', 'cli.cjs');
/** the cache header: magic, CRC-32 of dist/cli.cjs's first line, CRC-32 of the bytecode that follows */
const MAGIC = 'tariff-code-cache-3\n';
const HEADER_BYTES = MAGIC.length + 8;

/** zlib's CRC-32, or null on a Node that has none */
function crc32Fn() {
  const { crc32 } = require('node:zlib');
  return typeof crc32 === 'function' ? crc32 : null;
}

/** `// tariff-cli 0.1.0 build 0123456789abcdef crc32 89abcdef` */
function firstLine(bytes) {
  const nl = bytes.indexOf(10);
  const line = bytes.subarray(0, nl < 0 ? 0 : Math.min(nl, 120)).toString('latin1');
  const m = /^\/\/ tariff-cli \S+ build ([0-9a-f]{16}) crc32 ([0-9a-f]{8})$/.exec(line);
  return m ? { id: m[1], crc: Number.parseInt(m[2], 16), bodyStart: nl + 1 } : null;
}

/** The header of a code cache for a dist/cli.cjs whose first line has CRC `cliCrc`, as the build writes it. */
function cacheHeader(cliCrc, dataCrc) {
  const h = Buffer.alloc(HEADER_BYTES);
  h.write(MAGIC, 0, 'latin1');
  h.writeUInt32BE(cliCrc >>> 0, MAGIC.length);
  h.writeUInt32BE(dataCrc >>> 0, MAGIC.length + 4);
  return h;
}

/**
 * The bytes of `file`, read into `into` when they fit, else into a new buffer: a new buffer's
 * memory costs the kernel a page fault per 4 kB on first touch, memory already touched does not
 * (dist/cli.cjs and its cache are 1.3 MB; reading the cache into the memory that held dist/cli.cjs
 * saves ~3 ms of a start). What it returns is a view of that memory, valid until it is read into
 * again: its bytes are used at once (a string made of them, a checksum, V8's compile).
 */
function readInto(file, into) {
  const fd = openSync(file, 'r');
  try {
    // one byte more than the size: a file that grew since is read whole all the same
    const want = fstatSync(fd).size + 1;
    let buf = into && into.length >= want ? into : Buffer.allocUnsafeSlow(want);
    let n = 0;
    for (;;) {
      const r = readSync(fd, buf, n, buf.length - n, null);
      if (r === 0) return buf.subarray(0, n);
      n += r;
      if (n === buf.length) {
        // a memory of its own (allocUnsafeSlow, never Node's shared pool): it is reused whole
        const more = Buffer.allocUnsafeSlow(2 * buf.length);
        buf.copy(more);
        buf = more;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The bytecode of `cache` if it passes both checks for a dist/cli.cjs whose first line has CRC `cliCrc`; else a reason. */
function cacheFor(cache, cliCrc, crc32, scratch) {
  let bytes;
  try {
    bytes = readInto(cache, scratch);
  } catch {
    return { reason: 'there is none' }; // not built, or not readable: compile without it
  }
  if (bytes.length < HEADER_BYTES || bytes.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return { reason: 'it is not a code cache of this format' };
  if (bytes.readUInt32BE(MAGIC.length) !== cliCrc >>> 0) return { reason: 'it was made from another dist/cli.cjs' };
  const data = bytes.subarray(HEADER_BYTES);
  if (bytes.readUInt32BE(MAGIC.length + 4) !== crc32(data) >>> 0) return { reason: 'it is damaged (checksum)' };
  return { data };
}

const verbose = () => process.argv.some((a) => a === '-v' || a === '--verbose');

/** Compiles and runs dist/cli.cjs (or `file`) as `require` would; `useCache: false` compiles from source. */
function loadCli({ useCache = true, file = CLI } = {}) {
  const bytes = readInto(file);
  const crc32 = crc32Fn();
  const head = firstLine(bytes);
  if (crc32 && (head === null || crc32(bytes.subarray(head.bodyStart)) >>> 0 !== head.crc)) {
    const e = new Error(`${file} does not match the checksum on its first line: the installation is damaged`);
    e.code = 'TARIFF_DAMAGED';
    throw e;
  }
  // the key of its code cache: the first line, now known to name the rest (see the top)
  const cliCrc = crc32 && head ? crc32(bytes.subarray(0, head.bodyStart)) : null;
  const source = bytes.toString('utf8');
  const cache = `${file}.cache`;
  // from here on the memory of `bytes` (all of it: a buffer of its own) is free to read the cache into
  const scratch = Buffer.from(bytes.buffer);
  const found = useCache && cliCrc !== null ? cacheFor(cache, cliCrc, crc32, scratch) : { reason: crc32 ? 'not asked for' : 'this Node has no zlib.crc32' };
  // the wrapper is on the first line, so line numbers in stack traces (--debug) are the file's
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: found.data,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  const note = found.data === undefined ? `not used: ${found.reason}` : script.cachedDataRejected ? 'rejected by V8 (another Node version)' : null;
  return { cli: module.exports, script, id: head?.id ?? null, cliCrc, cache, note, header: (dataCrc) => cacheHeader(cliCrc ?? 0, dataCrc), scratch };
}

module.exports = { loadCli };
if (require.main === module) {
  let loaded;
  try {
    loaded = loadCli();
  } catch (e) {
    if (e.code !== 'TARIFF_DAMAGED') throw e;
    writeSync(2, `tariff: ${e.message}\n  reinstall tariff-cli, or rebuild it with npm run build\n`);
    process.exitCode = 70;
  }
  if (loaded) {
    if (loaded.note && useful(loaded.note) && verbose())
      writeSync(2, `tariff: the code cache ${loaded.cache} is ${loaded.note}; the CLI was compiled from source\n`);
    // the memory the two files were read into, already touched, serves the CLI's own reads next
    // (the bundled schedule, then its compiled form): V8 is done with the cache's bytes
    loaded.cli.offerReadMemory?.(loaded.scratch);
    loaded.cli.main(process.argv);
  }
}

/** "there is none" is not worth a line: a checkout before its first build */
function useful(note) {
  return !note.endsWith('there is none');
}
