/**
 * SIGINT, SIGTERM and SIGHUP (Ctrl-C, `timeout`, CI cancellation, `docker stop`, a closed terminal)
 * are handled alike and at once — even while the input is a FIFO or a terminal with nothing to
 * read: every unfinished output file is removed (targets stay as they were), one line says what
 * was done, and the process ends by the same signal — the shell reports 128 + its number (130
 * for Ctrl-C), and a calling script sees that it was interrupted, as with any Unix tool.
 * Re-raising the signal (rather than process.exit) also ends a process whose input is a FIFO
 * nobody opened: node's exit would wait for the background thread blocked in open().
 * A second signal during the clean-up is handled the same way, never by node's default.
 */
import { writeSync } from 'node:fs';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/** What the running command has done so far ("after 1234 rows"), for the message. */
let progress: (() => string) | null = null;
/** Synchronous clean-ups (removing temporary files); return true when they removed something. */
const cleanups = new Set<() => boolean>();
let stopping = false;

export function setProgress(describe: (() => string) | null): void {
  progress = describe;
}

export function onInterrupt(cleanup: () => boolean): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function stop(signal: keyof typeof SIGNALS): void {
  if (stopping) {
    raise(signal);
    return;
  }
  stopping = true;
  let removed = false;
  for (const c of cleanups) {
    try {
      removed = c() || removed;
    } catch {
      /* best effort: the others still run */
    }
  }
  const done = progress?.() ?? '';
  try {
    writeSync(2, `tariff: interrupted by ${signal}${done ? ` ${done}` : ''}${removed ? '; no output file written (unfinished files removed)' : ''}\n`);
  } catch {
    /* stderr is gone (a closed terminal) */
  }
  raise(signal);
}

function raise(signal: keyof typeof SIGNALS): void {
  for (const s of Object.keys(SIGNALS)) process.removeAllListeners(s);
  process.kill(process.pid, signal);
}

export function installSignalHandlers(): void {
  for (const s of Object.keys(SIGNALS) as (keyof typeof SIGNALS)[]) process.on(s, () => stop(s));
}
