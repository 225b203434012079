import type { ExportResolution } from '../../../preload/schemas/export.js';
import type { VideoAspect } from '../../../preload/schemas/video.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import { CAPTION_LINE_CHARS } from '../../../preload/caption-text.js';
import { narrationCues } from './captions-script.js';
import type { Cue } from './captions.js';
import { captionLanguage } from './caption-language.js';
import { sceneMedia, type ExportSource, type SceneMedia } from './export-source.js';
import { decodeEach } from './ffmpeg-progress.js';
import { planTimeline, type TimelineScene } from './video-timeline.js';

export const SAMPLE_RATE = 48_000;

/** The frame for an aspect at a resolution: the resolution names the short side. */
export function frameSize(aspect: VideoAspect, resolution: ExportResolution): { width: number; height: number } {
  const short = resolution === '1080p' ? 1080 : 720;
  if (aspect === '1:1') return { width: short, height: short };
  const long = Math.round((short * 16) / 9);
  return aspect === '16:9' ? { width: long, height: short } : { width: short, height: long };
}

interface VideoPlan {
  media: SceneMedia[];
  narrations: (Float32Array | undefined)[];
  scenes: TimelineScene[];
  total: number;
  cues: Cue[];
  /** ISO 639-2 code of the narration's language, `und` when unknown. */
  language: string;
}

/**
 * What every video-shaped export shares: the scenes' media, their narration decoded (its
 * real length sets the timing), the timeline and the caption cues.
 */
export async function planVideo(source: ExportSource, context: JobContext, perLine = CAPTION_LINE_CHARS): Promise<VideoPlan> {
  const media = await sceneMedia(source);
  if (media.length === 0) throw new AtelierError('INVALID_INPUT', 'The project has no scenes to make a video of.');
  const narrations = await decodeEach(
    media.map((m) => m.narration?.path),
    SAMPLE_RATE,
    context.signal,
    (done, of) => context.progress({ fraction: (0.1 * done) / of, detail: `reading narration ${done}/${of}` }),
  );
  const { scenes, total } = planTimeline(
    narrations.map((n) => (n ? n.length / SAMPLE_RATE : undefined)),
    media.map((m) => m.scene.video),
  );
  const cues = scenes.flatMap((scene, i) => {
    const samples = narrations[i];
    const text = media[i]?.scene.text ?? '';
    const until = scene.start + scene.duration;
    const asset = media[i]?.narration?.asset;
    const transcript = asset ? source.transcripts?.get(asset.id) : undefined;
    return samples ? narrationCues({ text, narrationAt: scene.narrationAt, samples, sampleRate: SAMPLE_RATE, until, asset, transcript }, perLine) : [];
  });
  return { media, narrations, scenes, total, cues, language: captionLanguage(media.map((m) => m.narration?.asset)) };
}
