// Help text only: the CLI prints it without loading the command (and its libraries).
import { TEXT_LIMITS } from '../../../../preload/schemas/text-limits.js';

export const TEXT_HELP = `atelier text [--model PATH_OR_ID] [--system TEXT] [--max-tokens N] [--temperature T]
             [--top-p P] [--seed N] [--json-schema FILE] PROMPT

Writes with a local language model and streams the reply to standard output.
  --model M         an installed text model id ('atelier models list') or a .gguf file;
                    default: the active text model
  --system TEXT     the system prompt
  --max-tokens N    ${TEXT_LIMITS.maxTokens.min} to ${TEXT_LIMITS.maxTokens.max} (default ${TEXT_LIMITS.maxTokens.default})
  --temperature T   ${TEXT_LIMITS.temperature.min} to ${TEXT_LIMITS.temperature.max} (default ${TEXT_LIMITS.temperature.default}); 0 always picks the likeliest word
  --top-p P         ${TEXT_LIMITS.topP.min} to ${TEXT_LIMITS.topP.max} (default ${TEXT_LIMITS.topP.default})
  --seed N          makes sampling repeatable (default: random, printed on standard error)
  --json-schema F   the reply must be JSON following the schema in file F
Settings (threads, context size, GPU offload) come from the studio's settings.`;
