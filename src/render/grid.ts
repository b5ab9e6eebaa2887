/**
 * A small box-drawn table for the hot paths (one `calc` result, a timeline). cli-table3 is used
 * where its word wrapping earns its start-up cost (~12 ms of regex set-up per process); this one
 * only pads cells, so a one-shot `tariff calc` stays close to bare `node`.
 */

const ANSI = /\x1b\[[0-9;]*m/g;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Terminal columns a string takes: escape codes take none, CJK and emoji take two. */
export function displayWidth(s: string): number {
  const plain = s.includes('\x1b') ? s.replace(ANSI, '') : s;
  let w = 0;
  for (const ch of plain) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

export type Align = 'left' | 'right';

export interface GridSpec {
  head?: string[];
  rows: string[][];
  align?: Align[];
  /** a rule under these row indexes (e.g. before totals) */
  rulesAfter?: number[];
}

export function renderGrid(spec: GridSpec): string {
  const all = spec.head ? [spec.head, ...spec.rows] : spec.rows;
  const cols = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(0, ...all.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (s: string, i: number): string => {
    const gap = ' '.repeat((widths[i] as number) - displayWidth(s));
    return spec.align?.[i] === 'right' ? gap + s : s + gap;
  };
  const rule = (l: string, m: string, r: string): string => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const line = (r: string[]): string => `│${widths.map((_, i) => ` ${pad(r[i] ?? '', i)} `).join('│')}│`;
  const out = [rule('┌', '┬', '┐')];
  if (spec.head) out.push(line(spec.head), rule('├', '┼', '┤'));
  spec.rows.forEach((r, i) => {
    out.push(line(r));
    if (spec.rulesAfter?.includes(i) && i < spec.rows.length - 1) out.push(rule('├', '┼', '┤'));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
