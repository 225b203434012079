// Help text only: the CLI prints it without loading the command (and its libraries).
import { groupHelp, type SubcommandHelp } from '../cli-args.js';

export const REMOTES_SUBCOMMANDS = {
  list: { synopsis: 'list [--json]', about: 'remotes, and whether each has a key' },
  add: {
    synopsis: 'add NAME URL [--key KEY] [--allow-insecure-key]',
    about: 'add or replace one (URL with or without /v1);\n--allow-insecure-key sends the key over plain http\nto another machine',
  },
  remove: { synopsis: 'remove NAME', about: 'forget one and its key' },
  test: { synopsis: 'test NAME [--json]', about: 'reach it and list its models' },
} satisfies Record<string, SubcommandHelp>;

export const REMOTES_HELP = groupHelp(
  'remotes',
  `OpenAI-compatible servers (llama.cpp server, vLLM, LocalAI, another Atelier) whose
models Atelier can use as remote:<name>/<model>. Keys are kept in the data folder,
in an owner-only file, never in projects.`,
  REMOTES_SUBCOMMANDS,
  30,
);
