import { APP_VERSION } from '../../core/app-version.js';
import { usageFromParseError } from './cli-args.js';
import { reportAndExit, UsageError } from './cli-errors.js';
import { EXPORT_HELP, exportCommand, IMPORT_HELP, importCommand } from './commands/export-command.js';
import { IMAGE_HELP, imageCommand } from './commands/image-command.js';
import { MODELS_HELP, modelsCommand } from './commands/models-command.js';
import { PROJECT_HELP, projectCommand } from './commands/project-command.js';
import { SERVE_HELP, serveCommand } from './commands/serve-command.js';
import { REMOTES_HELP, remotesCommand } from './commands/remotes-command.js';
import { SFX_HELP, sfxCommand } from './commands/sfx-command.js';
import { TEXT_HELP, textCommand } from './commands/text-command.js';
import { TRANSCRIBE_HELP, transcribeCommand } from './commands/transcribe-command.js';
import { VOICE_HELP, VOICES_HELP, voiceCommand, voicesCommand } from './commands/voice-command.js';

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

${SERVE_HELP}

${TEXT_HELP}

${IMAGE_HELP}

${SFX_HELP}

${VOICE_HELP}

${VOICES_HELP}

${TRANSCRIBE_HELP}

${MODELS_HELP}

${PROJECT_HELP}

${EXPORT_HELP}

${IMPORT_HELP}

${REMOTES_HELP}
`;

type Command = (args: string[]) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  text: textCommand,
  image: imageCommand,
  sfx: sfxCommand,
  voice: voiceCommand,
  voices: voicesCommand,
  transcribe: transcribeCommand,
  models: modelsCommand,
  project: projectCommand,
  export: exportCommand,
  import: importCommand,
  remotes: remotesCommand,
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
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (!command) throw new UsageError(first.startsWith('-') ? `unknown option '${first}'.` : `unknown command '${first}'.`);
  await command(rest);
}

runCli(process.argv.slice(2)).catch((error: unknown) => {
  // Every command parses through parseCommand; this only catches a parseArgs call that slipped past it.
  reportAndExit(usageFromParseError(error, process.argv[2] ?? ''));
});
