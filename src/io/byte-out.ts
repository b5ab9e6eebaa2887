/**
 * Output written straight into bytes: ASCII text copied code unit by code unit, integer cents
 * and rates as digits (no number-to-string conversion, no per-field strings), anything else
 * UTF-8 encoded in place. One buffer per batch chunk, grown when a row does not fit; the chunk's
 * bytes are handed to the output as they are.
 */
/** "00" … "99" as byte pairs */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i % 2 ? (i >> 1) % 10 : Math.floor((i >> 1) / 10)));

export class ByteOut {
  private buf: Buffer;
  private len = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
  }

  /** makes room for `n` more bytes: the `put…` writers after it do not check */
  reserve(n: number): void {
    this.room(n);
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  /** `text[a, b)`, when it is all ASCII (true); false (nothing written) when it is not */
  ascii(text: string, a: number, b: number): boolean {
    this.room(b - a);
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

  /** bytes `src[a, b)` as they are */
  copy(src: Uint8Array, a: number, b: number): void {
    this.room(b - a);
    // a record's few dozen bytes: a plain loop beats Buffer#copy's checks and call
    const buf = this.buf;
    let o = this.len;
    for (let i = a; i < b; i++) buf[o++] = src[i] as number;
    this.len = o;
  }

  /** any text, UTF-8 */
  text(s: string): void {
    this.room(Buffer.byteLength(s));
    this.len += this.buf.write(s, this.len);
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.len++] = c;
  }

  /** a non-negative integer below 2^53, as decimal digits */
  int(n: number): void {
    this.room(16);
    this.putInt(n);
  }

  /** `int` without the room check (after `reserve`) */
  putInt(n: number): void {
    const buf = this.buf;
    if (n < 10) {
      buf[this.len++] = 48 + n;
      return;
    }
    let digits = 1;
    if (n < 2_147_483_648) {
      // small integers: 32-bit division, two digits at a time from a table
      for (let t = n; t >= 10; t = (t / 10) | 0) digits++;
      let o = this.len + digits;
      this.len = o;
      let v = n | 0;
      while (v >= 100) {
        const q = (v / 100) | 0;
        const r = (v - q * 100) * 2;
        buf[--o] = PAIRS[r + 1] as number;
        buf[--o] = PAIRS[r] as number;
        v = q;
      }
      if (v >= 10) {
        buf[--o] = PAIRS[v * 2 + 1] as number;
        buf[--o] = PAIRS[v * 2] as number;
      } else buf[--o] = 48 + v;
      return;
    }
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    let o = this.len + digits;
    this.len = o;
    do {
      const q = Math.floor(n / 10);
      buf[--o] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
  }

  /** a byte, without the room check (after `reserve`) */
  putByte(c: number): void {
    this.buf[this.len++] = c;
  }

  /** `,` and non-negative cents, without the room check (after `reserve`: at most 20 bytes) */
  putCommaCents(c: number): void {
    const buf = this.buf;
    if (c === 0) {
      // most duty columns of a row: ",0.00"
      const o = this.len;
      buf[o] = 44;
      buf[o + 1] = 48;
      buf[o + 2] = 46;
      buf[o + 3] = 48;
      buf[o + 4] = 48;
      this.len = o + 5;
      return;
    }
    buf[this.len++] = 44;
    const r = c % 100;
    this.putInt((c - r) / 100);
    const t = (r / 10) | 0;
    buf[this.len] = 46;
    buf[this.len + 1] = 48 + t;
    buf[this.len + 2] = 48 + r - t * 10;
    this.len += 3;
  }

  /** `n` zero-padded to `width` digits (n < 10^width) */
  padded(n: number, width: number): void {
    this.room(width);
    const buf = this.buf;
    let o = this.len + width;
    this.len = o;
    for (let i = 0; i < width; i++) {
      const q = Math.floor(n / 10);
      buf[--o] = 48 + (n - q * 10);
      n = q;
    }
  }

  /** non-negative cents as "1234.56", as `centsToPlain(c, 2)` writes them */
  cents(c: number): void {
    const r = c % 100;
    this.int((c - r) / 100);
    this.byte(46);
    this.padded(r, 2);
  }

  get length(): number {
    return this.len;
  }

  /** the bytes written (a view: the buffer is not written again) */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}
