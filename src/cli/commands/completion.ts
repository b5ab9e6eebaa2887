import { Argument, type Command } from 'commander';
import { addScheduleOptions, DEBUG, defineCommand, type ScheduleFlags } from '../options.js';

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
  defineCommand(program, {
    name: NAME,
    summary: SUMMARY,
    description: 'Print a completion script for commands, flags, scenario ids (of the schedule) and formats, generated from the command definitions.',
    examples: EXAMPLES,
    define(cmd) {
      cmd.addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']));
      addScheduleOptions(cmd);
      cmd.option(...DEBUG);
    },
    async run(ctx, opts: ScheduleFlags & { debug?: boolean }, shell: string) {
      const { completion } = await import('../actions/completion.js');
      await completion(shell, opts, ctx);
    },
  });
}
