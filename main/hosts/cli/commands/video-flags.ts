import fs from 'node:fs/promises';
import path from 'node:path';
import { CAPTION_MODES, VIDEO_ASPECTS, VIDEO_PRESET_IDS, type CaptionMode, type VideoAspect, type VideoPresetId } from '../../../../preload/schemas/video.js';
import { UsageError } from '../cli-errors.js';

export const VIDEO_OPTIONS = {
  preset: { type: 'string' },
  aspect: { type: 'string' },
  captions: { type: 'string' },
  motion: { type: 'string' },
  music: { type: 'string' },
} as const;

export interface VideoFlagValues {
  preset?: string;
  aspect?: string;
  captions?: string;
  motion?: string;
  music?: string;
}

interface VideoChoices {
  preset?: VideoPresetId;
  aspect: VideoAspect;
  captions?: CaptionMode;
  motion: 'on' | 'off';
  /** An existing file (absolute), else the asset id to look up in the project. */
  musicFile?: string;
  /** null: no music bed, whatever the project says. */
  musicAssetId?: string | null;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}".`, { helpHint: false });
}

/** The video flags checked before any work: a bad value is a usage error naming the flag. */
export async function videoChoices(flags: VideoFlagValues, format: string | undefined): Promise<VideoChoices> {
  const given = Object.entries(flags).filter(([, v]) => v !== undefined);
  // --captions off/soft/burn means nothing to srt and vtt either, but is harmless there.
  const preset = oneOf(flags.preset, VIDEO_PRESET_IDS, '--preset');
  const video = preset !== undefined || format === 'mp4' || format === 'webm';
  if (!video && given.some(([name]) => name !== 'captions'))
    throw new UsageError(
      `${given.map(([name]) => `--${name}`).join(', ')} ${given.length === 1 ? 'goes' : 'go'} with a video format (mp4, webm or --preset).`,
      {
        helpHint: false,
      },
    );
  let musicFile: string | undefined;
  let musicAssetId: string | null | undefined;
  // `none` is a word, not a file: a file of that name is ./none.
  if (flags.music?.toLowerCase() === 'none') musicAssetId = null;
  else if (flags.music !== undefined) {
    const stat = await fs.stat(flags.music).catch(() => null);
    if (stat?.isFile()) musicFile = path.resolve(flags.music);
    else if (/[\\/.]/.test(flags.music)) throw new UsageError(`--music: no sound file ${flags.music}.`, { helpHint: false });
    else musicAssetId = flags.music;
  }
  return {
    ...(preset !== undefined && { preset }),
    aspect: oneOf(flags.aspect, VIDEO_ASPECTS, '--aspect') ?? '16:9',
    ...(flags.captions !== undefined && { captions: oneOf(flags.captions, CAPTION_MODES, '--captions') }),
    motion: oneOf(flags.motion, ['on', 'off'] as const, '--motion') ?? 'on',
    ...(musicFile !== undefined && { musicFile }),
    ...(musicAssetId !== undefined && { musicAssetId }),
  };
}
