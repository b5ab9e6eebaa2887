/**
 * Documents generated from the commander program itself, so they cannot drift from it: shell
 * completion scripts (bash, zsh, fish) and the man page (built at build time, shipped in man/).
 * Commands, flags and flag choices (formats, modes) come from the definitions; scenario ids from
 * the bundled schedule; a flag whose value is `<file>` completes file names.
 */
import type { Command, Option } from 'commander';

export interface CommandSpec {
  /** "calc", or "schedule check" */
  path: string[];
  summary: string;
  flags: { names: string[]; takesValue: boolean; file: boolean; choices: string[] | null; description: string }[];
  /** subcommand names (schedule) */
  subcommands: string[];
  /** takes a file argument ([file], <file>) */
  fileArgument: boolean;
}

/** Flags whose values are scenario ids. */
const SCENARIO_FLAGS = new Set(['--scenario', '--baseline']);

function flagsOf(cmd: Command): CommandSpec['flags'] {
  const opts = [...(cmd.options as readonly Option[])].filter((o) => !o.hidden);
  const out: CommandSpec['flags'] = opts.map((o) => ({
    names: [o.short, o.long].filter((n): n is string => typeof n === 'string'),
    takesValue: o.required || o.optional,
    file: /<file>/.test(o.flags),
    choices: o.argChoices ?? null,
    description: o.description,
  }));
  out.push({ names: ['-h', '--help'], takesValue: false, file: false, choices: null, description: 'display help for command' });
  return out;
}

export function commandSpecs(program: Command): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (cmd: Command, path: string[]): void => {
    const subs = cmd.commands.filter((c) => c.name() !== 'help');
    out.push({
      path,
      summary: cmd.summary() || cmd.description(),
      flags: flagsOf(cmd),
      subcommands: subs.map((c) => c.name()),
      fileArgument: cmd.registeredArguments.some((a) => /file/.test(a.name())),
    });
    for (const s of subs) walk(s, [...path, s.name()]);
  };
  walk(program, []);
  return out;
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function bashScript(specs: CommandSpec[], scenarioIds: string[]): string {
  const top = specs.find((s) => s.path.length === 0) as CommandSpec;
  const cases = specs.map((s) => bashCase(s, scenarioIds));
  const valueFlags = [...new Set(specs.flatMap((s) => s.flags.filter((f) => f.takesValue).flatMap((f) => f.names)))];
  const commandPaths = specs.filter((s) => s.path.length > 0).map((s) => s.path.join(' '));
  return bashFrame(cases, valueFlags, commandPaths, top);
}

/** the script around the commands' cases: the loop that finds the command path typed so far */
function bashFrame(cases: string[], valueFlags: string[], commandPaths: string[], top: CommandSpec): string {
  return `# bash completion for tariff (generated from its command definitions: tariff completion bash)
# Load it now:      source <(tariff completion bash)
# Or for good:      tariff completion bash > ~/.local/share/bash-completion/completions/tariff

# a comma list (--scenario a,b,c): complete the part after the last comma
_tariff_list() {
  local prefix=""
  [[ "$cur" == *,* ]] && prefix="\${cur%,*},"
  COMPREPLY=($(compgen -P "$prefix" -W "$1" -- "\${cur##*,}"))
}

_tariff() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" w i skip=0
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  # the command path typed so far: words that are not flags nor flag values
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    if (( skip )); then skip=0; continue; fi
    case "$w" in
      ${valueFlags.join('|')}) skip=1 ;;
      -*) ;;
      *)
        case ${sq(`|${commandPaths.join('|')}|`)} in
          *"|\${path:+\${path} }$w|"*) path="\${path:+\${path} }$w" ;;
        esac
        ;;
    esac
  done
  case "$path" in
${cases.join('\n')}
  esac
}

complete -o filenames -F _tariff tariff
# top-level commands: ${top.subcommands.join(' ')}
`;
}

/** one command's `case` arm: the values of its flags, then its flags, subcommands or files */
function bashCase(s: CommandSpec, scenarioIds: string[]): string {
  const key = s.path.join(' ');
  const valueCases: string[] = [];
  for (const f of s.flags) {
    if (!f.takesValue) continue;
    const pat = f.names.join('|');
    if (f.choices) valueCases.push(`          ${pat}) COMPREPLY=($(compgen -W ${sq(f.choices.join(' '))} -- "$cur")); return ;;`);
    else if (f.names.some((n) => SCENARIO_FLAGS.has(n))) valueCases.push(`          ${pat}) _tariff_list ${sq(scenarioIds.join(' '))}; return ;;`);
    else if (f.file) valueCases.push(`          ${pat}) COMPREPLY=($(compgen -f -- "$cur")); return ;;`);
    else valueCases.push(`          ${pat}) return ;;`);
  }
  const flags = s.flags.flatMap((f) => f.names.filter((n) => n.startsWith('--')));
  const words = s.subcommands.length ? [...s.subcommands, ...(s.path.length === 0 ? ['help'] : [])] : [];
  return [
    `    ${sq(key)})`,
    ...(valueCases.length ? ['      case "$prev" in', ...valueCases, '      esac'] : []),
    `      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${sq(flags.join(' '))} -- "$cur"))`,
    words.length
      ? `      else COMPREPLY=($(compgen -W ${sq(words.join(' '))} -- "$cur"))`
      : s.fileArgument
        ? '      else COMPREPLY=($(compgen -f -- "$cur"))'
        : '      else COMPREPLY=()',
    '      fi',
    '      ;;',
  ].join('\n');
}

export function zshScript(specs: CommandSpec[], scenarioIds: string[]): string {
  // zsh runs the bash completion through bashcompinit: one definition, the same behaviour
  return `#compdef tariff
# zsh completion for tariff (generated: tariff completion zsh)
# Load it now:   source <(tariff completion zsh)
# Or for good:   tariff completion zsh > "\${fpath[1]}/_tariff"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(specs, scenarioIds)}`;
}

export function fishScript(specs: CommandSpec[], scenarioIds: string[]): string {
  const lines = [
    '# fish completion for tariff (generated: tariff completion fish)',
    '# Load it now:  tariff completion fish | source',
    '# Or for good:  tariff completion fish > ~/.config/fish/completions/tariff.fish',
    'complete -c tariff -f',
  ];
  const top = specs.find((s) => s.path.length === 0) as CommandSpec;
  for (const name of top.subcommands) {
    const s = specs.find((x) => x.path.length === 1 && x.path[0] === name) as CommandSpec;
    lines.push(`complete -c tariff -n __fish_use_subcommand -a ${sq(name)} -d ${sq(s.summary)}`);
  }
  for (const s of specs) {
    if (s.path.length === 0) continue;
    const cond =
      s.path.length === 1
        ? `__fish_seen_subcommand_from ${s.path[0]}`
        : `__fish_seen_subcommand_from ${s.path[0]}; and __fish_seen_subcommand_from ${s.path[1]}`;
    for (const sub of s.subcommands) {
      const subSpec = specs.find((x) => x.path.join(' ') === `${s.path.join(' ')} ${sub}`) as CommandSpec;
      lines.push(
        `complete -c tariff -n ${sq(`${cond}; and not __fish_seen_subcommand_from ${s.subcommands.join(' ')}`)} -a ${sq(sub)} -d ${sq(subSpec.summary)}`,
      );
    }
    if (s.fileArgument) lines.push(`complete -c tariff -n ${sq(cond)} -F`);
    for (const f of s.flags) {
      const long = f.names.find((n) => n.startsWith('--'));
      const short = f.names.find((n) => /^-[^-]$/.test(n));
      let spec = `complete -c tariff -n ${sq(cond)}`;
      if (long) spec += ` -l ${long.slice(2)}`;
      if (short) spec += ` -s ${short.slice(1)}`;
      if (f.choices) spec += ` -x -a ${sq(f.choices.join(' '))}`;
      else if (f.names.some((n) => SCENARIO_FLAGS.has(n))) spec += ` -x -a ${sq(scenarioIds.join(' '))}`;
      else if (f.file) spec += ' -r -F';
      else if (f.takesValue) spec += ' -x';
      lines.push(`${spec} -d ${sq(f.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The full help of a command (usage, options, and the texts added after), at a fixed width. */
export function helpText(cmd: Command): string {
  let text = '';
  const saved = cmd.configureOutput();
  cmd.configureOutput({ ...saved, writeOut: (s: string) => (text += s), getOutHelpWidth: () => 80, getOutHasColors: () => false });
  cmd.outputHelp();
  cmd.configureOutput(saved);
  return text;
}

const roff = (s: string): string =>
  s
    .replace(/\\/g, '\\e')
    .split('\n')
    .map((l) => (/^[.']/.test(l) ? `\\&${l}` : l))
    .join('\n');

/** tariff(1): the help of the program and of every command, preformatted, under roff headings. */
export function manPage(program: Command, version: string): string {
  const specs = commandSpecs(program);
  const find = (path: string[]): Command => path.reduce((c, n) => c.commands.find((x) => x.name() === n) as Command, program);
  const sections = specs
    .filter((s) => s.path.length > 0)
    .map((s) => `.SS "tariff ${s.path.join(' ')}"\n${roff(s.summary)}\n.PP\n.nf\n${roff(helpText(find(s.path)).trimEnd())}\n.fi`);
  return `.\\" tariff(1), generated from the program's help by scripts/build.mjs; do not edit
.TH TARIFF 1 "" "tariff-cli ${version}" "User Commands"
.SH NAME
tariff \\- landed cost of a shipment under one tariff regime or several, with the law behind every cent
.SH SYNOPSIS
.B tariff
.I command
.RI [ options ]
.RI [ file ]
.SH DESCRIPTION
.nf
${roff(helpText(program).trimEnd())}
.fi
.SH COMMANDS
${sections.join('\n')}
.SH SEE ALSO
The README of tariff-cli; \\fBtariff completion\\fR for shell completion.
`;
}
