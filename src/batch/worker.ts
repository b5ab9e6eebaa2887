/**
 * A batch worker thread: rebuilds the pricer from the setup it is given, then prices the slices
 * it receives and posts back output text, rejections and totals.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRun } from '../schedule/prepare-run.js';
import { ChunkProcessor, type ChunkSetup } from './chunk.js';

const setup = workerData as ChunkSetup;
// the same setup as the main thread's, from the same options
const run = await prepareRun(setup.run);
const processor = new ChunkProcessor(run.index, run.resolved[0] as NonNullable<(typeof run.resolved)[0]>, setup);

parentPort?.on('message', (job: { id: number; bytes: Uint8Array; firstLine: number }) => {
  const result = processor.process(job.bytes, job.firstLine);
  if (typeof result.out !== 'string') result.out = Buffer.from(result.out.buffer, result.out.byteOffset, result.out.length).toString('utf8');
  processor.reuse(result);
  // the output goes back as a string: transferred byte buffers are external memory, which the
  // mostly idle main thread would collect too seldom (its resident size grew past 250 MB)
  parentPort?.postMessage({ id: job.id, result });
});
