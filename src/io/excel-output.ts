/**
 * CSV for Excel: `--bom` starts the output with a UTF-8 byte order mark (without it Excel reads
 * UTF-8 as the ANSI code page: "—" shows as "â€”"), `--crlf` ends records with CR LF. Applied as
 * the text leaves, so every CSV writer keeps writing plain `\n`: a line break is a record end only
 * outside quotes (our writers quote every field that holds a line break), and one inside a quoted
 * field is data and stays as it is.
 */

export interface ExcelOptions {
  bom?: boolean;
  crlf?: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM_BYTES = Uint8Array.of(0xef, 0xbb, 0xbf);

export class ExcelEncoder {
  private started = false;
  private quoted = false;

  constructor(private readonly opts: ExcelOptions) {}

  get active(): boolean {
    return Boolean(this.opts.bom || this.opts.crlf);
  }

  text(s: string): string {
    let out = '';
    if (!this.started) {
      this.started = true;
      if (this.opts.bom) out = '\uFEFF';
    }
    if (!this.opts.crlf) return out + s;
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) this.quoted = !this.quoted;
      else if (c === LF && !this.quoted && (i === 0 || s.charCodeAt(i - 1) !== CR)) {
        out += `${s.slice(from, i)}\r\n`;
        from = i + 1;
      }
    }
    return out + s.slice(from);
  }

  bytes(b: Uint8Array): Uint8Array {
    const parts: Uint8Array[] = [];
    if (!this.started) {
      this.started = true;
      if (this.opts.bom) parts.push(BOM_BYTES);
    }
    if (!this.opts.crlf) {
      parts.push(b);
    } else {
      const out = new Uint8Array(b.length * 2);
      let o = 0;
      for (let i = 0; i < b.length; i++) {
        const c = b[i] as number;
        if (c === QUOTE) this.quoted = !this.quoted;
        else if (c === LF && !this.quoted && (i === 0 || b[i - 1] !== CR)) out[o++] = CR;
        out[o++] = c;
      }
      parts.push(out.subarray(0, o));
    }
    if (parts.length === 1) return parts[0] as Uint8Array;
    return Buffer.concat(parts);
  }
}

/**
 * The stream with its `write` passing through the encoder; everything else (events, end) is the
 * stream's own, so back-pressure, errors and closing behave exactly as before.
 */
export function excelStream<T extends NodeJS.WritableStream>(stream: T, opts: ExcelOptions): T {
  const enc = new ExcelEncoder(opts);
  if (!enc.active) return stream;
  return new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        return (chunk: string | Uint8Array, ...rest: unknown[]) =>
          (target.write as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? enc.text(chunk) : enc.bytes(chunk), ...rest);
      }
      const v = (target as unknown as Record<PropertyKey, unknown>)[key];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
