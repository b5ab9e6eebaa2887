/**
 * A batch worker thread: rebuilds the pricer from the setup it is given, then prices the slices
 * it receives and posts back output text, rejections and totals.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveScenario } from '../core/scenario.js';
import { loadWithOverlays } from '../schedule/load-with-overlays.js';
import { ChunkProcessor, type ChunkSetup } from './chunk.js';

const setup = workerData as ChunkSetup;
const { index, scenarios } = await loadWithOverlays(setup.schedule.file, setup.schedule.overlays);
const scenario = resolveScenario(scenarios, setup.scenario ?? 'as-entered', setup.extra);
if (!scenario.ok) throw new Error(scenario.issue.message); // the main thread resolved it already
const processor = new ChunkProcessor(index, scenario.value, setup);

parentPort?.on('message', (job: { id: number; bytes: Uint8Array; firstLine: number }) => {
  const result = processor.process(job.bytes, job.firstLine);
  // the output goes back as a string: transferred byte buffers are external memory, which the
  // mostly idle main thread would collect too seldom (its resident size grew past 250 MB)
  parentPort?.postMessage({ id: job.id, result });
});
