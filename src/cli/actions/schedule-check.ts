/** `tariff schedule check FILE`: valid → one line, exit 0; invalid → every problem, exit 78. */
import type { Ctx } from '../context.js';
import { emit } from '../emit.js';

export async function check(file: string, ctx: Ctx): Promise<void> {
  const { checkScheduleFile } = await import('../../schedule/load.js');
  const { raw, hash } = await checkScheduleFile(file);
  await emit(
    ctx,
    `${ctx.c.green('ok')} ${file}: schedule ${raw.meta.version} (sha256 ${hash}), ${Object.keys(raw.importers).length} importers, ${raw.lines.length} lines, ${raw.measures.length} measures, ${(raw.scenarios ?? []).length} scenarios, verified through ${raw.meta.verifiedThrough}\n`,
  );
}
