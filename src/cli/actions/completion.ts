/** `tariff completion bash|zsh|fish`: the script, generated from the full command definitions. */
import { loadSchedule, type Ctx, type GlobalOptions } from '../context.js';
import { emit } from '../emit.js';
import { bashScript, commandSpecs, fishScript, zshScript } from '../help-docs.js';

export async function completion(shell: string, opts: GlobalOptions, ctx: Ctx): Promise<void> {
  const { buildProgram } = await import('../main.js');
  const { scenarios } = await loadSchedule(opts);
  const ids = [...new Set([...scenarios.map((s) => s.id), 'as-entered'])];
  const specs = commandSpecs(buildProgram(['node', 'tariff']));
  const script = shell === 'bash' ? bashScript(specs, ids) : shell === 'zsh' ? zshScript(specs, ids) : fishScript(specs, ids);
  await emit(ctx, script);
}
