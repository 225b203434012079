// Help text only: the CLI prints it without loading the command (and its libraries).
import { STORYBOARD_PROMPT_LIMITS } from '../../../../preload/schemas/storyboard-prompt-limits.js';
import { groupHelp, type SubcommandHelp } from '../cli-args.js';

const { min: MIN_SCENES, max: MAX_SCENES, default: DEFAULT_SCENES } = STORYBOARD_PROMPT_LIMITS.scenes;

export const PROJECT_SUBCOMMANDS = {
  new: {
    synopsis: 'new TITLE [--from-prompt TEXT [--scenes N] [--seed N]] [--text-model PATH_OR_ID]',
    about: `make a project; with --from-prompt the text model writes N scenes (${MIN_SCENES} to ${MAX_SCENES},
default ${DEFAULT_SCENES}) and each gets a picture and narration (progress on standard error)`,
  },
  list: { synopsis: 'list [--json]', about: 'projects, most recently opened first' },
  show: { synopsis: 'show TITLE_OR_ID [--json]', about: "a project's scenes: title, text, image and narration files" },
  export: {
    synopsis: 'export TITLE_OR_ID --format FORMAT [--resolution 720p|1080p] [VIDEO OPTIONS] [-o OUT] [--force]',
    about: `zip, html, md, md-zip, pdf, mp4, webm, srt or vtt (as 'atelier export'); -o names
the exact file, or a folder where it is named after the project`,
  },
  import: { synopsis: 'import FILE [--title TITLE]', about: "an Atelier zip bundle as a new project (as 'atelier import')" },
} satisfies Record<string, SubcommandHelp>;

export const PROJECT_HELP = groupHelp('project', '', PROJECT_SUBCOMMANDS, 34, 8);
