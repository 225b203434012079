// Help text only: the CLI prints it without loading the command (and its libraries).
import { VOICE_LIMITS } from '../../../../preload/schemas/voice-limits.js';

/** 100000 as 100,000: toLocaleString would load ICU's locale data, a cost every `atelier --help` paid. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const VOICE_HELP = `atelier voice [--engine espeak|piper|kokoro] [--voice NAME_OR_ID_OR_PATH] [--rate R] [--pitch P] TEXT -o OUT.wav
atelier voice [options] --file TEXT_FILE -o OUT.wav

Speaks TEXT with the built-in espeak-ng voice (no model, no project needed) and writes
a 22.05 kHz mono 16-bit WAV; or, with --engine piper, with a neural Piper voice at the
voice's own sample rate; or, with --engine kokoro, with a Kokoro voice at 24 kHz. Every clip
is finished alike: its peak at -1 dBFS and 0.1 s of silence at each end.
  --engine E   espeak (default), piper or kokoro
  --voice V    espeak: an id or name from 'atelier voices' (default en); add a variant: en+f3
               piper: an installed voice's id from 'atelier voices', or a path to a voice's
               .onnx (its .onnx.json beside it) or to a folder holding one
               kokoro: a voice of the model from 'atelier voices' (default af_heart)
  --model M    kokoro: an installed Kokoro model's id or a Kokoro folder's path
               (default: the active voice model when it is Kokoro, else the first installed)
  --speaker S  piper: the speaker of a multi-speaker voice, by number or name (default 0)
  --rate R     ${VOICE_LIMITS.rate.min} to ${VOICE_LIMITS.rate.max} times the normal speed (default 1)
  --pitch P    ${VOICE_LIMITS.pitch.min} to ${VOICE_LIMITS.pitch.max} (default ${VOICE_LIMITS.pitch.default})
  --volume V   ${VOICE_LIMITS.volume.min} to ${VOICE_LIMITS.volume.max} times normal loudness (default 1)
  --file F     read the text from a UTF-8 file instead (- for standard input); up to ${thousands(VOICE_LIMITS.textChars)} characters
  -o OUT.wav   where to write the file (replaced atomically if it exists)`;

export const VOICES_HELP = `atelier voices [--json]

Lists the espeak-ng voices (id, name, gender, languages), the installed Piper voices and
the voices of the installed Kokoro models (--json: the full list with variants, neural
voices and Kokoro models).`;
