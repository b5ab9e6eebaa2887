/** `tariff schedule check FILE`: valid → one line, exit 0; invalid → every problem, exit 78. */
import type { Ctx } from '../context.js';
import { emit } from '../emit.js';

export async function check(file: string, ctx: Ctx, opts: { compile?: boolean } = {}): Promise<void> {
  const { checkScheduleFile, compileBundled, compiledBeside } = await import('../../schedule/load.js');
  const { raw, hash, bytes } = await checkScheduleFile(file);
  if (opts.compile) {
    // validated once, here: --schedule FILE then starts from this form (checked by content) as
    // fast as the bundled schedule, without validating per call
    const { compiledFormText } = await import('../../schedule/load-compiled.js');
    const { schedule, raw: plain } = compileBundled(bytes, file);
    const target = compiledBeside(file);
    await emit(ctx, compiledFormText(schedule, plain, bytes), { output: target, inputs: [['schedule', file]] });
    ctx.err.write(`compiled ${file} into ${target}: --schedule ${file} uses it while the file has these very bytes\n`);
  }
  await emit(
    ctx,
    `${ctx.c.green('ok')} ${file}: schedule ${raw.meta.version} (sha256 ${hash}), ${Object.keys(raw.importers).length} importers, ${raw.lines.length} lines, ${raw.measures.length} measures, ${(raw.scenarios ?? []).length} scenarios, verified through ${raw.meta.verifiedThrough}\n`,
  );
}
