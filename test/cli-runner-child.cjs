'use strict';
/**
 * The child of test/cli-runner.ts: runs many command lines of the BUILT CLI (bin/tariff.js →
 * dist/cli.cjs, code-cache and checksum checks included) in this one process, one after the
 * other. For each: its own environment, argv and stdin; stdout and stderr captured; the exit code
 * read from process.exitCode. The results go to a JSON file (stdout is the CLI's here).
 * Usage: node cli-runner-child.cjs <job.json> <results.json>
 *    or: node cli-runner-child.cjs --serve - <bin>   (runIn(): cases one at a time over IPC)
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { Readable } = require('node:stream');

const [, , jobFile, resultsFile, serveBin] = process.argv;
// `--serve <unused> <bin>`: cases arrive one at a time over IPC (test/cli-runner.ts runIn())
const { bin, cases } = jobFile === '--serve' ? { bin: serveBin, cases: [] } : JSON.parse(readFileSync(jobFile, 'utf8'));
const { cli } = require(bin).loadCli();
// main() adds its listeners (exit, signals, stream errors) on every run: no MaxListeners warning
process.setMaxListeners(0);
process.stdout.setMaxListeners(0);
process.stderr.setMaxListeners(0);

const stdoutWrite = process.stdout.write;
const stderrWrite = process.stderr.write;
const stdinDesc = Object.getOwnPropertyDescriptor(process, 'stdin');

/** A write that appends to `parts`; `fault` throws as the exit-codes suite's preload does. */
function capture(parts, fault) {
  return function write(chunk, enc, cb) {
    if (fault) throw new Error(fault);
    parts.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof enc === 'string' ? enc : 'utf8') : Buffer.from(chunk));
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof done === 'function') process.nextTick(done);
    return true;
  };
}

async function runOne(c) {
  const out = [];
  const err = [];
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, c.env);
  process.exitCode = undefined;
  const stdin = Readable.from(c.input ? [Buffer.from(c.input)] : []);
  Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get: () => stdin });
  process.stdout.write = capture(out, c.fault === 'stdout' ? 'injected fault: stdout.write' : null);
  process.stderr.write = capture(err, null);
  try {
    await cli.main([process.execPath, bin, ...c.args]);
    // what the run left queued (a callback, a stream's last write) before its process would end
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
  } catch (e) {
    // main() catches everything; a rejection here is a bug of the CLI: uncaught in a real process
    err.push(Buffer.from(`[runner] main() rejected: ${e && e.stack}\n`));
    process.exitCode = 1;
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    if (stdinDesc) Object.defineProperty(process, 'stdin', stdinDesc);
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  // `bytes`: stdout as base64, byte for byte (a decoding would make a raw invalid byte and its U+FFFD look the same)
  const stdout = Buffer.concat(out).toString(c.bytes ? 'base64' : 'utf8');
  return { exitCode: typeof code === 'number' ? code : Number(code), stdout, stderr: Buffer.concat(err).toString('utf8') };
}

if (jobFile === '--serve') {
  // test/cli-runner.ts runIn(): one case per IPC message, one result back, in order; the process
  // ends when its parent (a test file's process) goes
  let queue = Promise.resolve();
  process.on('message', (c) => {
    queue = queue.then(async () => process.send(await runOne(c)));
  });
  process.on('disconnect', () => process.exit(0));
} else {
  (async () => {
    const results = [];
    for (const c of cases) results.push(await runOne(c));
    writeFileSync(resultsFile, JSON.stringify(results));
    process.exitCode = 0;
  })();
}
