/**
 * Output written straight into bytes: ASCII text copied code unit by code unit, integer cents
 * and rates as digits (no number-to-string conversion, no per-field strings), anything else
 * UTF-8 encoded in place. One buffer per batch chunk, grown when a row does not fit; the chunk's
 * bytes are handed to the output as they are.
 *
 * The hot writers are plain functions on the buffer and an offset held in a local variable
 * (`at` … `done`): a row writes a dozen figures without a property store per byte.
 */
/** "00" … "99" as byte pairs */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i % 2 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

export class ByteOut {
  /** the bytes, and a view of them for the four-byte copy; replaced when the buffer grows */
  buf: Buffer;
  view: DataView;
  private len = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** empties it for new output of about `size` bytes (the memory is reused) */
  reset(size: number): void {
    this.len = 0;
    this.reserve(size);
  }

  /** makes room for `n` more bytes: the writers after it (and `at`) do not check */
  reserve(n: number): void {
    if (this.len + n > this.buf.length) this.grow(n);
  }

  private grow(n: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.length);
  }

  /** the offset to write at, after `reserve` */
  at(): number {
    return this.len;
  }

  /** the writing ended at `o` */
  done(o: number): void {
    this.len = o;
  }

  /** `text[a, b)`, when it is all ASCII (true); false (nothing written) when it is not */
  ascii(text: string, a: number, b: number): boolean {
    this.reserve(b - a);
    const buf = this.buf;
    let o = this.len;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return false;
      buf[o++] = c;
    }
    this.len = o;
    return true;
  }

  /** any text, UTF-8 */
  text(s: string): void {
    this.reserve(Buffer.byteLength(s));
    this.len += this.buf.write(s, this.len);
  }

  get length(): number {
    return this.len;
  }

  /** the bytes written (a view: the buffer is not written again) */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** a non-negative integer below 2^53 as decimal digits at `buf[o…]`; the offset after them */
export function putUint(buf: Uint8Array, o: number, n: number): number {
  if (n < 10) {
    buf[o] = 48 + n;
    return o + 1;
  }
  if (n < 2_147_483_648) {
    // 32-bit integers: the digit count by comparison, two digits at a time from the table
    const end =
      o +
      (n < 100
        ? 2
        : n < 1000
          ? 3
          : n < 10_000
            ? 4
            : n < 100_000
              ? 5
              : n < 1_000_000
                ? 6
                : n < 10_000_000
                  ? 7
                  : n < 100_000_000
                    ? 8
                    : n < 1_000_000_000
                      ? 9
                      : 10);
    let k = end;
    let v = n | 0;
    while (v >= 100) {
      const q = (v / 100) | 0;
      const r = (v - q * 100) * 2;
      buf[--k] = PAIRS[r + 1] as number;
      buf[--k] = PAIRS[r] as number;
      v = q;
    }
    if (v >= 10) {
      buf[--k] = PAIRS[v * 2 + 1] as number;
      buf[--k] = PAIRS[v * 2] as number;
    } else buf[--k] = 48 + v;
    return end;
  }
  let digits = 1;
  for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
  const end = o + digits;
  let k = end;
  do {
    const q = Math.floor(n / 10);
    buf[--k] = 48 + (n - q * 10);
    n = q;
  } while (n > 0);
  return end;
}

/** `,` and non-negative cents as `centsToPlain(c, 2)` writes them ("1234.56"), at most 20 bytes; the offset after */
export function putCommaCents(buf: Uint8Array, o: number, c: number): number {
  buf[o] = 44;
  if (c < 100) {
    // most duty columns of a row: ",0.00"
    buf[o + 1] = 48;
    buf[o + 2] = 46;
    buf[o + 3] = PAIRS[c * 2] as number;
    buf[o + 4] = PAIRS[c * 2 + 1] as number;
    return o + 5;
  }
  // quotient and remainder without `%`: on a figure held as a double (a sum, a product) `%` is
  // a call to fmod; a floor and a multiply are two instructions (exact: c is an integer below
  // 2^53, the quotient is corrected if the division rounded across an integer)
  let q = Math.floor(c / 100);
  let r = c - q * 100;
  if (r < 0) {
    q -= 1;
    r += 100;
  } else if (r >= 100) {
    q += 1;
    r -= 100;
  }
  const e = putUint(buf, o + 1, q);
  buf[e] = 46;
  buf[e + 1] = PAIRS[r * 2] as number;
  buf[e + 2] = PAIRS[r * 2 + 1] as number;
  return e + 3;
}

/** `n` (below 10^6) as six digits, zero-padded */
export function putSix(buf: Uint8Array, o: number, n: number): number {
  const a = (n / 10_000) | 0;
  const rest = n - a * 10_000;
  const b = (rest / 100) | 0;
  const c = rest - b * 100;
  buf[o] = PAIRS[a * 2] as number;
  buf[o + 1] = PAIRS[a * 2 + 1] as number;
  buf[o + 2] = PAIRS[b * 2] as number;
  buf[o + 3] = PAIRS[b * 2 + 1] as number;
  buf[o + 4] = PAIRS[c * 2] as number;
  buf[o + 5] = PAIRS[c * 2 + 1] as number;
  return o + 6;
}

/**
 * Bytes `src[a, b)` to `dst[o…]`, four at a time through the views; the offset after. A record's
 * few dozen bytes: faster than a byte loop, and than Buffer#copy or set(subarray), whose call
 * and view cost more than the copy.
 */
export function copyBytes(dst: DataView, o: number, src: DataView, a: number, b: number): number {
  for (; a + 4 <= b; a += 4, o += 4) dst.setUint32(o, src.getUint32(a, true), true);
  for (; a < b; a++, o++) dst.setUint8(o, src.getUint8(a));
  return o;
}

/** ",0.0" as a little-endian 32-bit word: the first four bytes of a zero cell */
const ZERO_WORD = 0x302e302c;

/**
 * `n` cells ",0.00" (a duty column of an authority that did not apply) at `o`, through the view
 * of the output buffer; the offset after. Two stores a cell, nothing read: copying them from a
 * row of zeros cost a load per store and a call per run.
 */
export function putZeroCells(view: DataView, o: number, n: number): number {
  for (let i = 0; i < n; i++, o += 5) {
    view.setUint32(o, ZERO_WORD, true);
    view.setUint8(o + 4, 48);
  }
  return o;
}

/** bytes to `buf[o…]`: a loop for the few bytes of a cell, `set` for more; the offset after */
export function putBytes(buf: Uint8Array, o: number, bytes: Uint8Array): number {
  const n = bytes.length;
  if (n > 32) buf.set(bytes, o);
  else for (let i = 0; i < n; i++) buf[o + i] = bytes[i] as number;
  return o + n;
}

/** the characters of an ASCII string (a date, a currency code) to `buf[o…]`; the offset after */
export function putAscii(buf: Uint8Array, o: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[o++] = s.charCodeAt(i);
  return o;
}
