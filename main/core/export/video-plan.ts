import type { ExportResolution } from '../../../preload/schemas/export.js';
import type { VideoAspect } from '../../../preload/schemas/video.js';
import { AtelierError } from '../../../preload/errors.js';
import type { JobContext } from '../jobs/job-manager.js';
import { CAPTION_LINE_CHARS } from '../../../preload/caption-text.js';
import { narrationCues } from './captions-script.js';
import type { Cue } from './captions.js';
import { captionLanguage } from './caption-language.js';
import { sceneMedia, type ExportSource, type SceneMedia } from './export-source.js';
import { decodeEach } from './audio-decode.js';
import { wavSeconds } from '../../platform/audio/wav-length.js';
import { planTimeline, type TimelineScene } from './video-timeline.js';

export const SAMPLE_RATE = 48_000;

/** The frame for an aspect at a resolution: the resolution names the short side. */
export function frameSize(aspect: VideoAspect, resolution: ExportResolution): { width: number; height: number } {
  const short = resolution === '1080p' ? 1080 : 720;
  if (aspect === '1:1') return { width: short, height: short };
  const long = Math.round((short * 16) / 9);
  return aspect === '16:9' ? { width: long, height: short } : { width: short, height: long };
}

/** The timeline and what it rests on, known before the narrations are decoded. */
interface TimedPlan {
  media: SceneMedia[];
  scenes: TimelineScene[];
  total: number;
  /** ISO 639-2 code of the narration's language, `und` when unknown. */
  language: string;
  /** The narrations decoded at `SAMPLE_RATE` (mono), as they finish: the sound and the cues need them, the picture does not. */
  narrations: Promise<(Float32Array | undefined)[]>;
}

interface VideoPlan extends Omit<TimedPlan, 'narrations'> {
  narrations: (Float32Array | undefined)[];
  cues: Cue[];
}

/**
 * Each scene's narration length in seconds as the timeline takes it, from its WAV header:
 * undefined for a scene without narration or a narration without such a header (it has to
 * be decoded to be timed).
 */
export function headerSeconds(media: readonly SceneMedia[]): Promise<(number | undefined)[]> {
  return Promise.all(media.map(async (m) => (m.narration ? wavSeconds(m.narration.path) : undefined)));
}

/**
 * The scenes' media and the video's timeline, which the narrations' lengths set. A WAV
 * narration's length is read from its header, so the timeline is known at once and the
 * picture can be encoding while the narrations are decoded (`narrations`, started here);
 * a narration in another format is timed by its decoded length, which is then awaited.
 * `onDecoded` hears the decoding's progress.
 */
export async function planTimed(source: ExportSource, signal: AbortSignal, onDecoded?: (done: number, of: number) => void): Promise<TimedPlan> {
  const media = await sceneMedia(source);
  if (media.length === 0) throw new AtelierError('INVALID_INPUT', 'The project has no scenes to make a video of.');
  const files = media.map((m) => m.narration?.path);
  const narrations = decodeEach(files, SAMPLE_RATE, signal, onDecoded);
  // Whoever uses the plan awaits them; a failure must not go unhandled before that.
  narrations.catch(() => undefined);
  const fromHeaders = await headerSeconds(media);
  const unknown = files.some((file, i) => file !== undefined && fromHeaders[i] === undefined);
  const decoded = unknown ? await narrations : [];
  const seconds = files.map((file, i) => (file === undefined ? undefined : (fromHeaders[i] ?? (decoded[i]?.length ?? 0) / SAMPLE_RATE)));
  const { scenes, total } = planTimeline(
    seconds,
    media.map((m) => m.scene.video),
  );
  return { media, scenes, total, narrations, language: captionLanguage(media.map((m) => m.narration?.asset)) };
}

/** The caption cues of every narrated scene, timed by its decoded samples within the plan's timeline. */
export function planCues(source: ExportSource, plan: Omit<TimedPlan, 'narrations'>, narrations: readonly (Float32Array | undefined)[], perLine: number): Cue[] {
  return plan.scenes.flatMap((scene, i) => {
    const samples = narrations[i];
    const media = plan.media[i];
    const text = media?.scene.text ?? '';
    const until = scene.start + scene.duration;
    const asset = media?.narration?.asset;
    const transcript = asset ? source.transcripts?.get(asset.id) : undefined;
    return samples ? narrationCues({ text, narrationAt: scene.narrationAt, samples, sampleRate: SAMPLE_RATE, until, asset, transcript }, perLine) : [];
  });
}

/**
 * What every video-shaped export shares: the scenes' media, their narration decoded, the
 * timeline and the caption cues.
 */
export async function planVideo(source: ExportSource, context: JobContext, perLine = CAPTION_LINE_CHARS): Promise<VideoPlan> {
  const timed = await planTimed(source, context.signal, (done, of) =>
    context.progress({ fraction: (0.1 * done) / of, detail: `reading narration ${done}/${of}` }),
  );
  const narrations = await timed.narrations;
  return { ...timed, narrations, cues: planCues(source, timed, narrations, perLine) };
}
