'use strict';
/**
 * The worker thread of test/cli-runner.ts runIn(): it owns the long-lived runner process
 * (cli-runner-child.cjs --serve) of one test file and passes it one case at a time, while the
 * test's thread waits (Atomics.wait) for the result: a synchronous run() with no start-up cost.
 * workerData: { child, bin, cwd, env, port, flag }.
 */
const { fork } = require('node:child_process');
const { workerData } = require('node:worker_threads');

const { child: childPath, bin, cwd, env, port, flag } = workerData;
const signal = new Int32Array(flag);
let stderr = '';
let pending = false;

// execArgv: [] — a plain `node`, as a spawned CLI (fork would pass on the test process's flags)
const child = fork(childPath, ['--serve', '-', bin], { cwd, env, execArgv: [], stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
child.stdin.end();
// as a spawned CLI's, the runner's stdout is a pipe (the CLI's own writes are captured; nothing else comes)
child.stdout.resume();
child.stderr.setEncoding('utf8');
child.stderr.on('data', (d) => {
  stderr = (stderr + d).slice(-4000);
});

function reply(message) {
  pending = false;
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

child.on('message', (result) => reply({ result }));
child.on('exit', (code, sig) => {
  // the runner is gone: this case (if one is waiting) and every later one fail loudly
  const error = `the CLI runner process ended (exit ${code}, signal ${sig}): ${stderr}`;
  if (pending) reply({ error });
  port.on('message', () => reply({ error }));
  port.off('message', send);
});

function send(c) {
  pending = true;
  child.send(c);
}
port.on('message', send);
