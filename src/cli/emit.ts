/**
 * A document written in one piece (one shipment's table, a comparison, a sweep, a lookup, the
 * scenarios, the schema, a completion script, the refund table) goes out the way a batch does: a
 * document is a batch of one. So stdout is the checked stdout, `-o` an atomic file, and a write
 * error or a short write is exit 74 with nothing partial left in the file.
 */
import { BatchSink, type SinkTargets } from '../batch/sink.js';
import type { Ctx } from './context.js';

export async function emit(ctx: Ctx, text: string, targets: SinkTargets = {}): Promise<void> {
  const sink = BatchSink.open(ctx, targets);
  sink.out.append(text);
  await sink.commit();
}
