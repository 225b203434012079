// Help text only: the CLI prints it without loading the command (and its libraries).
import { AMBIENCE_PRESETS, MUSICAL_KEYS, SCALES, SFX_PRESETS, SOUND_LIMITS } from '../../../../preload/schemas/sound-limits.js';

export const SFX_HELP = `atelier sfx PRESET [--seed N] [--seconds S] -o OUT.wav

Makes a sound with the built-in synthesizer (no model, no project needed) and
writes a 44.1 kHz mono 16-bit WAV. The same preset and seed give the same file.
  PRESET       effects: ${SFX_PRESETS.join(', ')}
               ambience: ${AMBIENCE_PRESETS.join(', ')}
               music: loop
  --seed N     0 plays the preset as designed, any other number a variation (default 0)
  --seconds S  length of ambience, ${SOUND_LIMITS.ambienceSeconds.min} to ${SOUND_LIMITS.ambienceSeconds.max} (default ${SOUND_LIMITS.ambienceSeconds.default}); for loop, the bars nearest S
  --tempo BPM  loop tempo, ${SOUND_LIMITS.tempo.min} to ${SOUND_LIMITS.tempo.max} (default ${SOUND_LIMITS.tempo.default})
  --key K      loop key: ${MUSICAL_KEYS.join(' ')} (default C)
  --scale S    loop scale: ${SCALES.join(', ')} (default major)
  --bars N     loop length in 4/4 bars, ${SOUND_LIMITS.bars.min} to ${SOUND_LIMITS.bars.max} (default ${SOUND_LIMITS.bars.default})
  -o OUT.wav   where to write the file (replaced atomically if it exists)`;
