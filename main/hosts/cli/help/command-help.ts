// `atelier <command> --help` and `atelier <command> <subcommand> --help`, answered from the help
// texts alone: the command's module (sharp, fastify, zod, pdf-lib…) loads only to do work.
import { subcommandHelp } from '../cli-args.js';
import { EXPORT_HELP, IMPORT_HELP, PROJECT_EXPORT_HELP, PROJECT_IMPORT_HELP } from './export-help.js';
import { IMAGE_HELP, IMAGE_INPAINT_HELP, IMAGE_OUTPAINT_HELP, IMAGE_UPSCALE_HELP } from './image-help.js';
import { MODELS_HELP, MODELS_SUBCOMMANDS } from './models-help.js';
import { PROJECT_HELP, PROJECT_SUBCOMMANDS } from './project-help.js';
import { REMOTES_HELP, REMOTES_SUBCOMMANDS } from './remotes-help.js';
import { SERVE_HELP } from './serve-help.js';
import { SFX_HELP } from './sfx-help.js';
import { TEXT_HELP } from './text-help.js';
import { TRANSCRIBE_HELP } from './transcribe-help.js';
import { VOICE_HELP, VOICES_HELP } from './voice-help.js';

/** Every command's usage, in the order `atelier --help` lists them. */
export const COMMAND_HELP = {
  serve: SERVE_HELP,
  text: TEXT_HELP,
  image: IMAGE_HELP,
  sfx: SFX_HELP,
  voice: VOICE_HELP,
  voices: VOICES_HELP,
  transcribe: TRANSCRIBE_HELP,
  models: MODELS_HELP,
  project: PROJECT_HELP,
  export: EXPORT_HELP,
  import: IMPORT_HELP,
  remotes: REMOTES_HELP,
} as const;

const bySubcommand = (group: string, subs: Record<string, { synopsis: string; about: string }>) =>
  Object.fromEntries(Object.entries(subs).map(([name, sub]) => [name, subcommandHelp(group, sub)]));

/** The same texts the subcommands hand to parseCommand. */
const SUBCOMMAND_HELP: Record<string, Record<string, string>> = {
  image: { upscale: IMAGE_UPSCALE_HELP, inpaint: IMAGE_INPAINT_HELP, outpaint: IMAGE_OUTPAINT_HELP },
  models: bySubcommand('models', MODELS_SUBCOMMANDS),
  project: { ...bySubcommand('project', PROJECT_SUBCOMMANDS), export: PROJECT_EXPORT_HELP, import: PROJECT_IMPORT_HELP },
  remotes: bySubcommand('remotes', REMOTES_SUBCOMMANDS),
};

const isHelpFlag = (arg: string | undefined) => arg === '--help' || arg === '-h';

/**
 * The usage to print when the arguments start with a help flag (after the subcommand, if any);
 * undefined for anything else, which the command itself parses (help elsewhere included).
 */
export function quickHelp(command: string, args: string[]): string | undefined {
  if (isHelpFlag(args[0])) return Object.hasOwn(COMMAND_HELP, command) ? COMMAND_HELP[command as keyof typeof COMMAND_HELP] : undefined;
  const [sub, flag] = args;
  const subs = Object.hasOwn(SUBCOMMAND_HELP, command) ? SUBCOMMAND_HELP[command] : undefined;
  if (sub === undefined || !subs || !Object.hasOwn(subs, sub) || !isHelpFlag(flag)) return undefined;
  return subs[sub];
}
