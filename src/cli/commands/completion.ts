import { Argument, type Command } from 'commander';
import { makeCtx } from '../context.js';
import { addScheduleOptions, EXIT_CODES_HINT } from '../options.js';

const EXAMPLES = `
Examples:
  source <(tariff completion bash)                    # bash, this shell
  tariff completion bash > ~/.local/share/bash-completion/completions/tariff
  tariff completion zsh > "\${fpath[1]}/_tariff"        # zsh
  tariff completion fish > ~/.config/fish/completions/tariff.fish
`;

export const NAME = 'completion';
export const SUMMARY = 'print a shell completion script (bash, zsh or fish)';

export function register(program: Command): void {
  const cmd = program
    .command(NAME)
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .summary(SUMMARY)
    .description('Print a completion script for commands, flags, scenario ids (of the schedule) and formats, generated from the command definitions.');
  addScheduleOptions(cmd);
  cmd.option('--debug', 'print stack traces of internal errors');
  cmd.addHelpText('after', EXAMPLES + EXIT_CODES_HINT);
  cmd.action(async (shell: string, opts) => {
    const { completion } = await import('../actions/completion.js');
    await completion(shell, opts, await makeCtx(opts));
  });
}
