/**
 * Output written straight into bytes: ASCII text copied code unit by code unit, integer cents
 * and rates as digits (no number-to-string conversion, no per-field strings), anything else
 * UTF-8 encoded in place. One buffer per batch chunk, grown when a row does not fit; the chunk's
 * bytes are handed to the output as they are.
 */
export class ByteOut {
  private buf: Buffer;
  private len = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, size));
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
    let digits = 1;
    for (let t = n; t >= 10; t = Math.floor(t / 10)) digits++;
    this.room(digits);
    const buf = this.buf;
    let o = this.len + digits;
    this.len = o;
    do {
      const q = Math.floor(n / 10);
      buf[--o] = 48 + (n - q * 10);
      n = q;
    } while (n > 0);
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
