import { parseArgs, type ParseArgsConfig } from 'node:util';
import { enterCommand, HelpRequested, UsageError } from './cli-errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** One command as the CLI parses it: every command and subcommand goes through parseCommand. */
interface CommandSpec<O extends Options> {
  /** As typed after `atelier`: 'export', 'project export'. */
  name: string;
  /** Printed on stdout for --help / -h. */
  usage: string;
  /** Its flags; `--help` and `-h` are added here, never by the command. */
  options: O;
}

/**
 * Parses a command's arguments strictly. `--help`/`-h` anywhere before `--` (and not as the
 * value of a flag) throws HelpRequested, so no command does work when asked for help; an
 * unknown or malformed flag is a UsageError naming the flag and the command.
 */
export function parseCommand<const O extends Options>(spec: CommandSpec<O>, args: string[]) {
  enterCommand(spec.name);
  // A lenient pass first: `atelier x --frobnicate --help` still shows the help.
  const loose = parseArgs({ args, options: { ...spec.options, help: { type: 'boolean', short: 'h' } }, strict: false, allowPositionals: true, tokens: true });
  if (loose.tokens.some((token) => token.kind === 'option' && token.name === 'help')) throw new HelpRequested(spec.usage);
  try {
    return parseArgs({ args, options: spec.options, strict: true, allowPositionals: true });
  } catch (error) {
    throw usageFromParseError(error, spec.name);
  }
}

/** Node's parseArgs errors, reworded as one line that names the command. */
export function usageFromParseError(error: unknown, command: string): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return error;
  const message = (error as Error).message;
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return new UsageError(`unknown option '${unknown[1]}' for '${command}'.`, { command });
  const missing = /Option '(?:-\w, )?([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return new UsageError(`option '${missing[1]}' of '${command}' needs a value.`, { command });
  const noValue = /Option '(?:-\w, )?([^' ]+)' does not take an argument/.exec(message);
  if (noValue) return new UsageError(`option '${noValue[1]}' of '${command}' takes no value.`, { command });
  return new UsageError(`${message.split('\n')[0]?.replace(/^./, (c) => c.toLowerCase())}`, { command });
}

/** A command that takes at most `max` positional arguments. */
export function atMost(positionals: string[], max: number): void {
  if (positionals.length > max) throw new UsageError(`unexpected argument '${positionals[max]}'.`);
}

interface CommandGroup {
  /** 'project', 'models', 'remotes'. */
  name: string;
  usage: string;
  subcommands: Record<string, (args: string[]) => Promise<void>>;
}

/** A command made of subcommands: help for the group, one clear line for anything unknown. */
export async function dispatchGroup(group: CommandGroup, args: string[]): Promise<void> {
  enterCommand(group.name);
  const [sub, ...rest] = args;
  if (sub === undefined || sub === 'help' || sub === '--help' || sub === '-h') throw new HelpRequested(group.usage);
  if (sub.startsWith('-')) throw new UsageError(`unknown option '${sub}' for '${group.name}'.`);
  const run = Object.hasOwn(group.subcommands, sub) ? group.subcommands[sub] : undefined;
  if (!run) throw new UsageError(`unknown ${group.name} subcommand '${sub}'. Try: ${Object.keys(group.subcommands).join(', ')}.`);
  await run(rest);
}

/** One subcommand's line in its group's help, and the start of its own `--help`. */
export interface SubcommandHelp {
  synopsis: string;
  /** One or more lines; the first sits beside the synopsis in the group's help when it fits. */
  about: string;
}

/** The group's help: each subcommand's synopsis with what it does, aligned. */
export function groupHelp(group: string, intro: string, subs: Record<string, SubcommandHelp>, width = 38, hangingIndent = width + 3): string {
  const lines = [`atelier ${group} <subcommand>`, ''];
  if (intro) lines.push(intro);
  for (const { synopsis, about } of Object.values(subs)) {
    const [first = '', ...more] = about.split('\n');
    // A synopsis too long for the column gets its own line, the text indented under it.
    const pad = ' '.repeat(synopsis.length < width ? width + 3 : hangingIndent);
    if (synopsis.length < width) lines.push(`  ${synopsis.padEnd(width)} ${first}`);
    else lines.push(`  ${synopsis}`, `${pad}${first}`);
    for (const line of more) lines.push(`${pad}${line}`);
  }
  return lines.join('\n');
}

/** A subcommand's own help: its full usage line, then what it does. */
export function subcommandHelp(group: string, sub: SubcommandHelp): string {
  const about = sub.about
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
  return `atelier ${group} ${sub.synopsis}\n\n${about.charAt(0).toUpperCase()}${about.slice(1)}`;
}
