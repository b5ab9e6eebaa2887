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

/** printable ASCII only: one column a character (most cells and words) */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Terminal columns a string takes: escape codes take none, CJK and emoji take two. */
export function displayWidth(s: string): number {
  const plain = s.includes('\x1b') ? s.replace(ANSI, '') : s;
  if (PRINTABLE_ASCII.test(plain)) return plain.length;
  // by index, not `for … of`: a one-shot run measures a few thousand characters in cold code,
  // where the string iterator costs several times more
  let w = 0;
  for (let i = 0; i < plain.length; ) {
    const cp = plain.codePointAt(i) as number;
    w += charWidth(cp);
    i += cp > 0xffff ? 2 : 1;
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
  /** fit the table in this many terminal columns by wrapping the `flex` columns (descriptions) */
  width?: number;
  /** columns that may be wrapped to fit `width`, e.g. a description or a legal reference */
  flex?: number[];
}

/** the narrowest a wrapped column gets: below this, the table is left wider than the terminal */
const MIN_FLEX = 12;

/** Breaks text into lines of at most `w` columns, at spaces where it can, else inside a word. */
export function wrapText(text: string, w: number): string[] {
  // without escape codes a string's width is the sum of its characters' (displayWidth): the lines
  // are built adding widths, instead of measuring every line again at each word and character
  return text.includes('\x1b') ? wrapMeasuring(text, w) : text.split('\n').flatMap((para) => wrapPara(para, w));
}

/** The columns of one code point, as displayWidth counts it. */
function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** wrapText of one paragraph without escape codes. */
function wrapPara(para: string, w: number): string[] {
  const out: string[] = [];
  let line = '';
  let lineW = 0;
  for (const word of para.split(' ')) {
    let rest = word;
    let restW = displayWidth(rest);
    // a word longer than the column: cut it (after what the line holds); one character wider than
    // the column stays whole, a line of its own (else nothing would advance)
    while (restW > w && !oneChar(rest)) {
      if (line) {
        out.push(line);
        line = '';
      }
      let cut = '';
      let cutW = 0;
      for (const ch of rest) {
        const cw = charWidth(ch.codePointAt(0) as number);
        // a character wider than the whole column takes a line of its own (else nothing would advance)
        if (cutW + cw > w && cut !== '') break;
        cut += ch;
        cutW += cw;
      }
      out.push(cut);
      rest = rest.slice(cut.length);
      restW -= cutW;
    }
    if (line && lineW + 1 + restW <= w) {
      line += ` ${rest}`;
      lineW += 1 + restW;
      continue;
    }
    if (line) out.push(line);
    line = rest;
    lineW = restW;
  }
  out.push(line);
  return out;
}

/** `s` is a single code point */
function oneChar(s: string): boolean {
  return s.length === 1 || (s.length === 2 && (s.codePointAt(0) as number) > 0xffff);
}

/** wrapText measuring each candidate line whole: for text with escape codes, which take no columns. */
export function wrapMeasuring(text: string, w: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      let rest = word;
      while (displayWidth(rest) > w && !oneChar(rest)) {
        // a word longer than the column: cut it (after what the line holds)
        if (line) {
          out.push(line);
          line = '';
        }
        let cut = '';
        for (const ch of rest) {
          if (displayWidth(cut + ch) > w && cut !== '') break;
          cut += ch;
        }
        out.push(cut);
        rest = rest.slice(cut.length);
      }
      if (!line) line = rest;
      else if (displayWidth(`${line} ${rest}`) <= w) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

export function renderGrid(spec: GridSpec): string {
  const all = spec.head ? [spec.head, ...spec.rows] : spec.rows;
  const cols = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: cols }, (_, i) => Math.max(0, ...all.map((r) => Math.max(...(r[i] ?? '').split('\n').map(displayWidth)))));
  // too wide for the terminal: level the widest wrappable columns down together, never below MIN_FLEX
  const flex = (spec.flex ?? []).filter((i) => i < cols);
  if (spec.width !== undefined && Number.isFinite(spec.width) && flex.length) {
    const total = (): number => widths.reduce((a, w) => a + w + 3, 1);
    for (let excess = total() - spec.width; excess > 0; excess = total() - spec.width) {
      const top = Math.max(...flex.map((i) => widths[i] as number));
      const widest = flex.filter((i) => widths[i] === top);
      const next = Math.max(MIN_FLEX, ...flex.map((i) => widths[i] as number).filter((w) => w < top));
      const step = Math.min(top - next, Math.ceil(excess / widest.length));
      if (step <= 0) break;
      for (const i of widest) widths[i] = top - step;
    }
  }
  const cellLines = (s: string, i: number): string[] => (flex.includes(i) ? wrapText(s, widths[i] as number) : s.split('\n'));
  const pad = (s: string, i: number): string => {
    const gap = ' '.repeat(Math.max(0, (widths[i] as number) - displayWidth(s)));
    return spec.align?.[i] === 'right' ? gap + s : s + gap;
  };
  const rule = (l: string, m: string, r: string): string => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  const lines = (r: string[]): string[] => {
    const cells = widths.map((_, i) => cellLines(r[i] ?? '', i));
    const height = Math.max(1, ...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, k) => `│${widths.map((_, i) => ` ${pad(cells[i]?.[k] ?? '', i)} `).join('│')}│`);
  };
  const out = [rule('┌', '┬', '┐')];
  if (spec.head) out.push(...lines(spec.head), rule('├', '┼', '┤'));
  spec.rows.forEach((r, i) => {
    out.push(...lines(r));
    if (spec.rulesAfter?.includes(i) && i < spec.rows.length - 1) out.push(rule('├', '┼', '┤'));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
