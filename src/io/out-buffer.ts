/**
 * Buffered output with back-pressure: text is gathered into ~256 kB writes, and the producer
 * waits for the stream to drain before it reads more input. A reader that goes away (`| head`)
 * closes the buffer instead of leaving the producer waiting forever.
 */
const FLUSH_AT = 256 * 1024;

export class OutBuffer {
  private text = '';
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
    if (!this.closed) this.text += text;
  }

  /** Adds text; returns a promise only when the caller should wait before producing more. */
  push(text: string): Promise<void> | undefined {
    if (this.closed) return undefined;
    // V8 concatenates into a rope; it is flattened once, when written
    this.text += text;
    return this.text.length >= FLUSH_AT ? this.flush() : undefined;
  }

  flush(): Promise<void> {
    if (this.closed || this.text.length === 0) return Promise.resolve();
    const text = this.text;
    this.text = '';
    if (this.stream.write(text)) return Promise.resolve();
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
