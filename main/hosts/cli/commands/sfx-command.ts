import path from 'node:path';
import { AMBIENCE_PRESETS, MUSICAL_KEYS, SCALES, SFX_PRESETS, SOUND_LIMITS, type MusicalKey, type SoundRequest } from '../../../../preload/schemas/sound.js';
import { AtelierError } from '../../../../preload/errors.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import { SHARED_FILE_MODE } from '../../../platform/private-files.js';
import { synthesize } from '../../../core/sound/sound-render.js';
import { parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { numberFlag } from '../cli-numbers.js';
import { SFX_HELP } from '../help/sfx-help.js';

const PRESETS = [...SFX_PRESETS, ...AMBIENCE_PRESETS, 'loop'] as const;

/** Other spellings of the same pitch, so `--key D#` and `--key db` work too. */
const ENHARMONIC: Readonly<Record<string, MusicalKey>> = { 'D#': 'Eb', DB: 'C#', GB: 'F#', 'G#': 'Ab', 'A#': 'Bb', CB: 'B', 'E#': 'F', FB: 'E', 'B#': 'C' };

export async function sfxCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'sfx',
      usage: SFX_HELP,
      options: {
        seed: { type: 'string' },
        seconds: { type: 'string' },
        tempo: { type: 'string' },
        key: { type: 'string' },
        scale: { type: 'string' },
        bars: { type: 'string' },
        output: { type: 'string', short: 'o' },
      },
    },
    args,
  );
  const [preset, ...extra] = positionals;
  if (preset === undefined) throw new UsageError(`name a preset: ${PRESETS.join(', ')}.`, { helpHint: false });
  if (!(PRESETS as readonly string[]).includes(preset)) {
    throw new UsageError(`unknown preset '${preset}'. Presets: ${PRESETS.join(', ')}.`, { helpHint: false });
  }
  if (extra.length > 0) throw new UsageError(`one preset at a time; unexpected '${extra[0]}'.`);
  if (!values.output) throw new UsageError('say where to write the sound: -o OUT.wav.');

  const request = buildRequest(preset, values);
  const out = path.resolve(values.output);
  const made = await synthesize(request, new AbortController().signal, () => undefined);
  await writeFileAtomic(out, made.wav, { mode: SHARED_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
    throw new AtelierError('IO_ERROR', `cannot write ${values.output}: ${reason}.`);
  });
  process.stdout.write(`Wrote ${values.output}: ${made.label}, ${(made.durationMs / 1000).toFixed(2)} s, 44.1 kHz mono 16-bit WAV\n`);
}

type Values = Partial<Record<'seed' | 'seconds' | 'tempo' | 'key' | 'scale' | 'bars', string>>;

function buildRequest(preset: string, values: Values): SoundRequest {
  const seed = numberFlag(values.seed, '--seed', SOUND_LIMITS.seed.min, SOUND_LIMITS.seed.max, true) ?? 0;
  const loopOnly = (['tempo', 'key', 'scale', 'bars'] as const).filter((name) => values[name] !== undefined);
  if (preset !== 'loop' && loopOnly.length > 0) throw new UsageError(`--${loopOnly[0]} applies to the loop preset only.`);

  if ((SFX_PRESETS as readonly string[]).includes(preset)) {
    if (values.seconds !== undefined) throw new UsageError(`--seconds applies to ambience and loop; an effect has its own length.`);
    return { kind: 'sfx', preset: preset as (typeof SFX_PRESETS)[number], seed };
  }
  if ((AMBIENCE_PRESETS as readonly string[]).includes(preset)) {
    const { min, max, default: fallback } = SOUND_LIMITS.ambienceSeconds;
    const seconds = numberFlag(values.seconds, '--seconds', min, max) ?? fallback;
    return { kind: 'ambience', preset: preset as (typeof AMBIENCE_PRESETS)[number], seconds, seed };
  }

  const tempo = numberFlag(values.tempo, '--tempo', SOUND_LIMITS.tempo.min, SOUND_LIMITS.tempo.max, true) ?? SOUND_LIMITS.tempo.default;
  if (values.bars !== undefined && values.seconds !== undefined) throw new UsageError('give --bars or --seconds for a loop, not both.');
  let bars = numberFlag(values.bars, '--bars', SOUND_LIMITS.bars.min, SOUND_LIMITS.bars.max, true) ?? SOUND_LIMITS.bars.default;
  const seconds = numberFlag(values.seconds, '--seconds', 0.1, 3600);
  if (seconds !== undefined) {
    // A bar of 4/4 lasts 240 / tempo seconds.
    bars = Math.min(SOUND_LIMITS.bars.max, Math.max(SOUND_LIMITS.bars.min, Math.round((seconds * tempo) / 240)));
  }
  return { kind: 'loop', tempo, key: musicalKey(values.key), scale: scale(values.scale), bars, seed };
}

function musicalKey(raw: string | undefined): MusicalKey {
  if (raw === undefined) return 'C';
  const upper = raw.trim().toUpperCase();
  const found = MUSICAL_KEYS.find((key) => key.toUpperCase() === upper) ?? ENHARMONIC[upper];
  if (!found) throw new UsageError(`--key must be one of ${MUSICAL_KEYS.join(' ')}, not "${raw}".`, { helpHint: false });
  return found;
}

function scale(raw: string | undefined): (typeof SCALES)[number] {
  if (raw === undefined) return 'major';
  const found = SCALES.find((name) => name === raw.trim().toLowerCase());
  if (!found) throw new UsageError(`--scale must be one of ${SCALES.join(', ')}, not "${raw}".`, { helpHint: false });
  return found;
}
