import type { ExportRequest } from '../../../preload/schemas/export.js';
import type { VideoEstimate } from '../../../preload/schemas/video.js';
import { AtelierError } from '../../../preload/errors.js';
import { captionLineChars, chunkSentence, sentences } from '../../../preload/caption-text.js';
import { withPreset } from './export-preset.js';
import { sceneMedia, type ExportSource } from './export-source.js';
import { decodeEach } from './audio-decode.js';
import { SAMPLE_RATE, frameSize, headerSeconds } from './video-plan.js';
import { planTimeline } from './video-timeline.js';

/**
 * Bits per second per pixel of the frame, as the encoders spend them on stills with a
 * gentle move (several times what the flat test pictures cost, for real photographs); a
 * held still costs far less. Audio: the AAC / Opus rate.
 */
const VIDEO_BITS_PER_PIXEL = { mp4: { moving: 0.6, still: 0.15 }, webm: { moving: 0.45, still: 0.12 } } as const;
const AUDIO_BITS = { mp4: 160_000, webm: 96_000 } as const;

/**
 * What a video export will come to, before it starts: its length from the narration
 * (a WAV's header, else an asset's recorded duration, else its decoded length), frame size
 * and a rough file size.
 */
export async function estimateVideo(source: ExportSource, asked: ExportRequest, signal: AbortSignal): Promise<VideoEstimate> {
  const request = withPreset(asked);
  const format = request.format === 'webm' ? 'webm' : request.format === 'mp4' ? 'mp4' : undefined;
  if (!format) throw new AtelierError('INVALID_INPUT', `An estimate is for a video format (mp4 or webm), not ${request.format}.`);
  const media = await sceneMedia(source);
  // As the export times them: a WAV narration by its header; otherwise its recorded
  // duration, and only a narration with neither is decoded.
  const fromHeaders = await headerSeconds(media);
  const known = media.map((m, i) => {
    const ms = m.narration?.asset.origin.durationMs;
    return fromHeaders[i] ?? (ms === undefined ? undefined : ms / 1000);
  });
  const decoded = await decodeEach(
    media.map((m, i) => (known[i] === undefined ? m.narration?.path : undefined)),
    SAMPLE_RATE,
    signal,
  );
  const lengths = media.map((m, i) => (m.narration ? (known[i] ?? (decoded[i]?.length ?? 0) / SAMPLE_RATE) : undefined));
  const { total } = planTimeline(
    lengths,
    media.map((m) => m.scene.video),
  );
  const { width, height } = frameSize(request.aspect, request.resolution);
  const perLine = captionLineChars(width, height);
  const captionCues = media.reduce((sum, m) => sum + (m.narration ? sentences(m.scene.text).reduce((n, s) => n + chunkSentence(s, perLine).length, 0) : 0), 0);
  const rate = VIDEO_BITS_PER_PIXEL[format][request.motion === 'off' ? 'still' : 'moving'];
  const bytes = Math.round((total * (rate * width * height + AUDIO_BITS[format])) / 8);
  return { durationSeconds: total, width, height, bytes, scenes: media.length, captionCues };
}
