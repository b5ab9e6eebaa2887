/**
 * Buffered output with back-pressure: text is gathered into large writes, and the producer waits
 * for the stream to drain before it reads more input. A reader that goes away (`| head`) closes
 * the buffer instead of leaving the producer waiting forever.
 */
const FLUSH_AT = 256 * 1024;

export class OutBuffer {
  private text = '';
  private readonly parts: (string | Uint8Array)[] = [];
  /** per part: called once the stream has written it (bytes whose buffer is then reused) */
  private readonly written: ((() => void) | undefined)[] = [];
  closed = false;

  constructor(private readonly stream: NodeJS.WritableStream) {
    const close = (): void => {
      this.closed = true;
    };
    stream.once('error', close);
    stream.once('close', close);
  }

  /** Adds text without flushing: the caller flushes at a convenient point. */
  append(text: string): void {
    // V8 concatenates into a rope; it is flattened once, when written
    if (!this.closed) this.text += text;
  }

  /**
   * Adds encoded output after what is already buffered; `written` is called once the stream has
   * written it (not at all if it never is), so that its buffer can be filled again.
   */
  appendBytes(bytes: Uint8Array, written?: () => void): void {
    if (this.closed) return;
    if (this.text) this.part(this.text);
    this.text = '';
    this.part(bytes, written);
  }

  private part(p: string | Uint8Array, written?: () => void): void {
    this.parts.push(p);
    this.written.push(written);
  }

  /** Adds text; returns a promise only when the caller should wait before producing more. */
  push(text: string): Promise<void> | undefined {
    this.append(text);
    return this.text.length >= FLUSH_AT ? this.flush() : undefined;
  }

  flush(): Promise<void> {
    if (this.text) this.part(this.text);
    this.text = '';
    if (this.closed || this.parts.length === 0) {
      this.parts.length = 0;
      this.written.length = 0;
      return Promise.resolve();
    }
    let ready = true;
    for (let i = 0; i < this.parts.length; i++) {
      const done = this.written[i];
      const p = this.parts[i] as string | Uint8Array;
      ready = (done === undefined ? this.stream.write(p) : this.stream.write(p, (e) => e || done())) && ready;
    }
    this.parts.length = 0;
    this.written.length = 0;
    if (ready) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
      this.stream.on('error', done);
    });
  }
}
