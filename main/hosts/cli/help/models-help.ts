// Help text only: the CLI prints it without loading the command (and its libraries).
import { groupHelp, type SubcommandHelp } from '../cli-args.js';

export const MODELS_SUBCOMMANDS = {
  list: { synopsis: 'list [--json]', about: 'installed models; * marks the active one per modality' },
  catalog: { synopsis: 'catalog [--json]', about: 'models you can download, with size, RAM and licence' },
  download: {
    synopsis: 'download <catalog-id | URL> [--sha256 HEX]',
    about: 'download with progress; Ctrl+C stops and keeps the\npartial file, and the same command resumes it.\nA URL may be https://… or hf:owner/repo/path',
  },
  import: {
    synopsis: 'import PATH [--reference]',
    about:
      'add a .gguf file, a Piper voice (its .onnx, its\n.onnx.json or the folder holding both) or a diffusers\nONNX folder; --reference leaves the files where they\nare instead of copying them',
  },
  use: { synopsis: 'use ID', about: 'make a model the active one of its modality' },
  remove: { synopsis: 'remove ID [--yes]', about: 'forget a model and delete the files it owns' },
} satisfies Record<string, SubcommandHelp>;

export const MODELS_HELP = groupHelp('models', 'Local AI models: text (GGUF), images (diffusers ONNX) and voices (Piper).', MODELS_SUBCOMMANDS);
