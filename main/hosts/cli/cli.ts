import { APP_VERSION } from '../../core/app-version.js';
import { usageFromParseError } from './cli-args.js';
import { enterCommand, HelpRequested, reportAndExit, UsageError } from './cli-errors.js';
import { COMMAND_HELP, quickHelp } from './help/command-help.js';

const HELP = `Atelier ${APP_VERSION}: an offline studio for writing, images and voice.

Usage: atelier <command> [options]

Commands:
  serve        run the studio in your browser (loopback only)
  text         write with a local language model (streams to standard output)
  image        make a picture (title card, quote, gradient, pattern…) as a PNG file
  sfx          make a sound effect, ambience or music loop as a WAV file
  voice        speak text with the built-in espeak-ng voice into a WAV file
  voices       list the built-in voices and their languages
  transcribe   write what is said in an audio or video file as text, json, srt or vtt (Whisper)
  models       list, download, import and choose local AI models
  project      make (from one prompt, too), list, show, export and import projects
  export       export a project as zip, html, md (page + files folder), md-zip, pdf, mp4 or webm
  import       import an Atelier zip bundle as a new project
  remotes      use another OpenAI-compatible server's models (remote:<name>/<model>)

Options:
  -h, --help     show this help
  -v, --version  print the version

Environment:
  ATELIER_HOME     data folder (settings, models, projects, logs); default follows your platform
  ATELIER_CATALOG  a model catalog to use instead of the built-in one

${Object.values(COMMAND_HELP).join('\n\n')}
`;

type Command = (args: string[]) => Promise<void>;

// Each command's module is imported when that command runs, so `--version`, `--help` and one
// command's start never pay for the libraries of the others (sharp, fastify, pdf-lib, zod…).
const COMMANDS: Record<keyof typeof COMMAND_HELP, () => Promise<Command>> = {
  serve: async () => (await import('./commands/serve-command.js')).serveCommand,
  text: async () => (await import('./commands/text-command.js')).textCommand,
  image: async () => (await import('./commands/image-command.js')).imageCommand,
  sfx: async () => (await import('./commands/sfx-command.js')).sfxCommand,
  voice: async () => (await import('./commands/voice-command.js')).voiceCommand,
  voices: async () => (await import('./commands/voice-command.js')).voicesCommand,
  transcribe: async () => (await import('./commands/transcribe-command.js')).transcribeCommand,
  models: async () => (await import('./commands/models-command.js')).modelsCommand,
  project: async () => (await import('./commands/project-command.js')).projectCommand,
  export: async () => (await import('./commands/export-command.js')).exportCommand,
  import: async () => (await import('./commands/export-command.js')).importCommand,
  remotes: async () => (await import('./commands/remotes-command.js')).remotesCommand,
};

export async function runCli(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${APP_VERSION}\n`);
    return;
  }
  const load = Object.hasOwn(COMMANDS, first) ? COMMANDS[first as keyof typeof COMMANDS] : undefined;
  if (!load) throw new UsageError(first.startsWith('-') ? `unknown option '${first}'.` : `unknown command '${first}'.`);
  const usage = quickHelp(first, rest);
  if (usage !== undefined) {
    enterCommand(first);
    throw new HelpRequested(usage);
  }
  await (
    await load()
  )(rest);
}

runCli(process.argv.slice(2)).catch((error: unknown) => {
  // Every command parses through parseCommand; this only catches a parseArgs call that slipped past it.
  reportAndExit(usageFromParseError(error, process.argv[2] ?? ''));
});
