/**
 * wrapText adds up the widths of characters (issue #21: start-up CPU) instead of measuring each
 * candidate line again; it must break every text exactly where measuring whole lines does
 * (wrapMeasuring, which text with escape codes still takes).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapMeasuring, wrapText } from '../../../src/render/grid.js';

// spaces and newlines (where lines break), narrow and wide letters, a combining mark, a zero-width
// space, a control character, an emoji (two UTF-16 units): each width displayWidth knows
const CHARS = [' ', ' ', ' ', '\n', 'a', 'b', 'Z', '1', '.', '/', '\u00e9', '\u4e2d', '\uac00', '\u0301', '\u200b', '\u0007', '\u{1f600}', '\uff21'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 120 }).map((a) => a.join(''));

/** displayWidth as first written (a code point at a time with the string iterator), for comparison */
function widthByIterator(s: string): number {
  let w = 0;
  for (const ch of s.replace(/\x1b\[[0-9;]*m/g, '')) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || cp === 0x200b || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

describe('displayWidth', () => {
  it('counts as the string iterator does: ASCII, wide, zero-width, astral, lone surrogates, escape codes', () => {
    const chars = [...CHARS, '\x7f', '~', '\ud800', '\udc00', '\x1b[31m', '\x1b[0m', '\u303f', '\u{20000}', '\ufe0f', '\u0300'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 60 }), (a) => {
        const s = a.join('');
        expect(displayWidth(s)).toBe(widthByIterator(s));
      }),
      { numRuns: 3000 },
    );
    // worked by hand: "ab" 2, "中" 2, the emoji 2, the combining accent 0, DEL (0x7f) 1
    expect(displayWidth('ab\u4e2d\u{1f600}\u0301\x7f')).toBe(7);
    expect(displayWidth('\x1b[1mab\x1b[22m')).toBe(2);
  });
});

describe('wrapText', () => {
  it('breaks as measuring whole lines does, for any text and width', () => {
    fc.assert(
      // from 2 columns: a wide character never fits in 1, and neither way can cut it (tables wrap at 12 and more)
      fc.property(text, fc.integer({ min: 2, max: 30 }), (t, w) => {
        expect(wrapText(t, w)).toEqual(wrapMeasuring(t, w));
      }),
      { numRuns: 2000 },
    );
  });

  it('worked by hand: words to 10 columns, a long word cut, a wide character counted twice', () => {
    // "Section 301" is 11 columns: "Section" (7) then "301 duty" (3 + 1 + 4 = 8)
    expect(wrapText('Section 301 duty', 10)).toEqual(['Section', '301 duty']);
    // 14 letters in 6 columns: 6, 6, 2
    expect(wrapText('https://fr.gov', 6)).toEqual(['https:', '//fr.g', 'ov']);
    // 中 takes 2 columns: "ab中" is 4, "中c" 3
    expect(wrapText('ab\u4e2d\u4e2dc', 4)).toEqual(['ab\u4e2d', '\u4e2dc']);
    expect(displayWidth('ab\u4e2d')).toBe(4);
  });

  it('text with escape codes is measured without them', () => {
    // "\x1b[1mbold\x1b[22m" is 4 columns wide: it fits with "x" in 6
    expect(wrapText('\x1b[1mbold\x1b[22m x', 6)).toEqual(['\x1b[1mbold\x1b[22m x']);
  });
});

describe('a column narrower than a wide character', () => {
  // 玩 and 具 are two columns each: in a 1-column cell each takes a line of its own (it did not end)
  it.each([
    [1, ['玩', '具']],
    [2, ['玩', '具']],
    [3, ['玩', '具']],
    [4, ['玩具']],
  ])('width %i', (w, lines) => {
    expect(wrapText('玩具', w)).toEqual(lines);
    expect(wrapMeasuring('玩具', w)).toEqual(lines);
  });
});
