/**
 * A small pool of worker threads for large batches. Jobs go round-robin; results come back as
 * promises that the caller consumes in submission order, so output order is input order.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChunkResult, ChunkSetup } from './chunk.js';
import type { Slice } from './splitter.js';
import { EXIT, TariffError } from '../errors.js';

/** A worker over its heap limit: not a bug to report, but a run to make without --jobs. */
function outOfMemory(e: Error, heapMb: number): TariffError | null {
  if ((e as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return null;
  return new TariffError(`a worker thread of --jobs ran out of memory (its heap is limited to ${heapMb} MB)`, EXIT.software, [
    'run again without --jobs: one thread has no such limit',
  ]);
}

/** dist/batch-worker.js, found from this module (bundled into dist/ or dist/chunks/). */
export function workerFile(): string | null {
  for (const rel of ['./batch-worker.js', '../batch-worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * Heap limits of a worker thread. Every worker has its own V8 heap, and V8 sizes it for speed,
 * not memory: its young generation grows to 3 × 16 MB when much survives a collection, and its
 * old generation grows by a large factor between full collections. With two workers that made
 * --jobs 2 reach 260-270 MB at 1M rows (bench/memory.mjs); with these limits ~200-210 MB, whatever
 * the input size (a heap limit of 256 MB or less also makes V8 grow the heap by smaller steps).
 * The young generation's 8 MB is a trade: 4 MB saved another ~10 MB but cost ~30% more CPU time
 * in scavenges; 8 MB costs ~5%. The old generation's limit leaves twice the room the largest
 * job needs: one record may be up to 64 MB (MAX_RECORD_BYTES), which the worker reads as a
 * string of up to 64 MB before rejecting it (tested with 62 MB of two-byte text; 64 MB failed).
 */
export const WORKER_LIMITS = {
  maxYoungGenerationSizeMb: 8,
  maxOldGenerationSizeMb: 128,
};

export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (r: ChunkResult) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor(size: number, file: string, setup: ChunkSetup) {
    for (let i = 0; i < size; i++) {
      // a smaller old generation when the run asks for one (a test making a worker run out of memory)
      const resourceLimits = { ...WORKER_LIMITS, maxOldGenerationSizeMb: setup.workerHeapMb ?? WORKER_LIMITS.maxOldGenerationSizeMb };
      const w = new Worker(file, { workerData: setup, resourceLimits });
      w.on('message', (m: { id: number; result: ChunkResult }) => {
        const p = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        p?.resolve(m.result);
      });
      w.on('error', (e) => this.fail(outOfMemory(e, resourceLimits.maxOldGenerationSizeMb) ?? e));
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

  /**
   * The result of a slice, in a promise the caller awaits in submission order — maybe only after
   * later slices are submitted. A worker that fails (out of memory) rejects every job waiting, and
   * a rejection not yet awaited would be an unhandled one: Node would end the process with a
   * stack trace and leave the temporary output files. So each promise is marked handled here; the
   * caller still gets the rejection when it awaits it.
   */
  submit(slice: Slice): Promise<ChunkResult> {
    const p = this.start(slice);
    p.catch(() => {});
    return p;
  }

  private start(slice: Slice): Promise<ChunkResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    const w = this.workers[id % this.workers.length] as Worker;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // bytes of the slice's own move to the worker without a copy; a view of a chunk read is
      // copied (with Uint8Array's constructor: a Buffer's slice() is a view, and transferring its
      // memory would empty every other view of the chunk — slices not yet sent, the pending rest)
      const bytes = slice.owned === true ? slice.bytes : new Uint8Array(slice.bytes);
      w.postMessage({ id, bytes, firstLine: slice.firstLine }, [bytes.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
