/**
 * The one stderr writer. Messages quote input (a header, a cell, a file name), and input may hold
 * terminal control sequences: `printf '\033]0;X\007hts,origin\n' | tariff calc` would retitle the
 * terminal, and worse sequences exist. Every string written to stderr goes through
 * `terminalSafe`: control characters other than LF and tab are shown as escapes (`\x1b`, `\r`).
 * While colour is on for stderr, the tool's own colour (SGR, `ESC[…m`) and the progress line's
 * `\r ESC[K` pass — input could then only change colours, never titles, the clipboard or the
 * cursor.
 */

let colour = false;

/** Colour on stderr was decided (context.ts): its SGR codes pass from now on. */
export function allowStderrColour(on: boolean): void {
  colour = on;
}

const ANY_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
const CONTROL = /\r\x1b\[K|\x1b\[[0-9;]*[mK]|[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const ONE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function escapeOne(c: string): string {
  if (c === '\r') return '\\r';
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** The text with control characters escaped (colour codes kept when `keepColour`). */
export function terminalSafe(text: string, keepColour = colour): string {
  if (!ANY_CONTROL.test(text)) return text;
  return text.replace(CONTROL, (m) => (m.length > 1 ? (keepColour ? m : m.replace(ONE, escapeOne)) : escapeOne(m)));
}

/** Routes every write to process.stderr through terminalSafe (once, at start-up). */
export function guardStderr(): void {
  const stderr = process.stderr;
  const write = stderr.write.bind(stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stderr.write = ((chunk: unknown, ...rest: unknown[]): boolean =>
    write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stderr.write;
}
