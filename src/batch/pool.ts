/**
 * A small pool of worker threads for large batches. Jobs go round-robin; results come back as
 * promises that the caller consumes in submission order, so output order is input order.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkResult, ChunkSetup } from './chunk.js';
import type { Slice } from './splitter.js';

/** dist/batch-worker.js, found from this module (bundled into dist/ or dist/chunks/). */
export function workerFile(): string | null {
  for (const rel of ['./batch-worker.js', '../batch-worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return null;
}

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(size: number, file: string, setup: ChunkSetup) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(file, { workerData: setup });
      w.on('message', (m: { id: number; result: ChunkResult }) => {
        const p = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        p?.resolve(m.result);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0 && this.waiting.size) this.fail(new Error(`batch worker stopped with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }

  submit(slice: Slice): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const w = this.workers[id % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // the slice's bytes move to the worker without a copy
      const bytes = slice.bytes.byteOffset === 0 && slice.bytes.byteLength === slice.bytes.buffer.byteLength ? slice.bytes : slice.bytes.slice();
      w.postMessage({ id, bytes, firstLine: slice.firstLine }, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
