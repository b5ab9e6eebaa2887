#!/usr/bin/env node
'use strict';
/**
 * Runs the CLI built in dist/ (by `npm ci`, through the prepare script).
 *
 * This file is CommonJS (bin/package.json) and dist/cli.cjs is one CommonJS file, because start-up
 * time is most of what a one-shipment `tariff calc` costs: an ES module entry starts Node's ES
 * module loader (~5 ms), and Node 20 has no compile cache. So the CLI is compiled here, as
 * `require` would, but with the V8 code cache that the build wrote (dist/cli.cjs.cache): V8 then
 * deserialises bytecode instead of parsing and compiling half a megabyte. The cache is used only
 * if it was made from this very build of dist/cli.cjs (V8 itself checks little more than the
 * source's length); a node with another V8 rejects it and compiles as usual, just slower.
 */
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const CLI = join(__dirname, '..', 'dist', 'cli.cjs');
/** the cache starts with the build id of the dist/cli.cjs it was made from (16 hex digits) */
const ID_BYTES = 16;

/** The build id on the first line of dist/cli.cjs (`// tariff-cli 0.1.0 build 0123456789abcdef`). */
function buildId(source) {
  const m = /^\/\/ tariff-cli \S+ build ([0-9a-f]{16})\n/.exec(source.slice(0, 80));
  return m ? m[1] : null;
}

function cacheFor(cache, id) {
  let bytes;
  try {
    bytes = readFileSync(cache);
  } catch {
    return undefined; // not built, or not readable: compile without it
  }
  return id !== null && bytes.subarray(0, ID_BYTES).toString('latin1') === id ? bytes.subarray(ID_BYTES) : undefined;
}

/** Compiles and runs dist/cli.cjs (or `file`) as `require` would; `useCache: false` compiles from source. */
function loadCli({ useCache = true, file = CLI } = {}) {
  const source = readFileSync(file, 'utf8');
  const id = buildId(source);
  const cache = `${file}.cache`;
  // the wrapper is on the first line, so line numbers in stack traces (--debug) are the file's
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData: useCache ? cacheFor(cache, id) : undefined,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { cli: module.exports, script, id, cache };
}

module.exports = { loadCli };
if (require.main === module) loadCli().cli.main(process.argv);
