import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from '../../platform/lazy-sharp.js';
import type { ExportResolution } from '../../../preload/schemas/export.js';
import type { CaptionMode, VideoAspect } from '../../../preload/schemas/video.js';
import { AtelierError } from '../../../preload/errors.js';
import { makeWorkFolder } from '../files/work-folder.js';
import type { JobContext } from '../jobs/job-manager.js';
import { captionLayout, captionPictures, type CaptionPictures } from './caption-burn.js';
import { toSrt, toVtt } from './caption-files.js';
import { chaptersMetadata, sceneChapters } from './chapters.js';
import { decodeEach } from './audio-decode.js';
import { runFfmpegWithProgress } from './ffmpeg-progress.js';
import { originLine, sceneHeading, type ExportSource, type SceneMedia } from './export-source.js';
import { loudnessFilter, measureLoudness } from './loudness.js';
import { soundtrackInputs } from './music-bed.js';
import { writeSceneMix } from './soundtrack-mix.js';
import { titleCard } from './title-card.js';
import { CODECS, SUBTITLE_CODEC, type VideoFormat } from './video-codecs.js';
import { resolveMove } from '../../../preload/video-motion.js';
import type { GraphScene } from './video-filtergraph.js';
import { planSegments, segmentOrder, segmentTasks } from './video-segments.js';
import { FFMPEG_AT_ONCE, inPool } from './task-pool.js';
import { WORK_PNG, fittedPicture } from './video-frames.js';
import { captionLineChars } from '../../../preload/caption-text.js';
import { SAMPLE_RATE, frameSize, planCues, planTimed } from './video-plan.js';
import { VIDEO_FPS as FPS } from './video-timeline.js';

interface VideoOptions {
  format: VideoFormat;
  resolution: ExportResolution;
  aspect: VideoAspect;
  captions: CaptionMode;
  /** false holds every picture still, whatever the scenes ask. */
  motion: boolean;
  /** A sound file looped under the whole video as a music bed. */
  music?: string;
}

/** What the export made besides the video: its poster frame (a PNG), for beside the file. */
export interface VideoMade {
  poster: Buffer;
}

/**
 * A narrated video: each picture (fitted to the frame, or a title card) on screen while its
 * narration plays, moving gently, joined by its transition; sound beds ducked under the
 * narration, a music bed under everything, the whole normalised to −16 LUFS; captions
 * (a track or burned in), a chapter per scene, and a poster frame as cover art in MP4.
 * Frames and the soundtrack are prepared in a private temp folder. ffmpeg encodes the picture
 * in segments, one per scene (a few side by side, each with at most three inputs, so memory
 * stays flat however many scenes there are), and the soundtrack once beside them; a last run
 * joins them by stream copy with the chapters, captions and cover.
 */
export async function exportVideo(source: ExportSource, options: VideoOptions, out: string, context: JobContext): Promise<VideoMade> {
  const { width, height } = frameSize(options.aspect, options.resolution);
  const perLine = captionLineChars(width, height);
  const plan = await planTimed(source, context.signal);
  const { media, scenes, total } = plan;
  const work = await makeWorkFolder('video');
  let chain: Promise<unknown> = Promise.resolve();
  try {
    const moved: GraphScene[] = scenes.map((scene, i) => ({
      ...scene,
      move: options.motion ? resolveMove(media[i]?.scene.video?.motion, media[i]?.scene.id ?? '') : 'off',
    }));
    // The pictures are fitted while the encoders run, in the order the segments are encoded
    // (each needs its own picture and the one before): each segment waits only for its own,
    // and sharp's work overlaps ffmpeg's instead of coming first. The first segment's are
    // fitted side by side (nothing else runs yet), the rest one after another (beside two
    // encoders, more at once would only slow them).
    context.progress({ fraction: 0.1, detail: 'preparing the scenes' });
    const frames = media.map((_, i) => path.join(work, `frame-${i}.png`));
    const order = segmentOrder(moved);
    const planned = planSegments(moved);
    const needs = (i: number) => ((planned[i]?.fadeIn ?? 0) > 0 ? [i - 1, i] : [i]);
    const first = needs(order[0] ?? 0);
    const fit = async (i: number): Promise<string> => {
      if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      const m = media[i] as SceneMedia;
      const picture = m.image
        ? await fittedPicture(m.image.path, width, height, m.scene.video?.focus, WORK_PNG)
        : await titleCard(sceneHeading(m.scene, i), width, height);
      await fs.writeFile(frames[i] as string, picture);
      return frames[i] as string;
    };
    const ready: Promise<string>[] = [];
    for (const i of first) ready[i] = fit(i);
    chain = Promise.allSettled(first.map((i) => ready[i] as Promise<string>));
    for (const i of [...new Set(order.flatMap(needs))].filter((i) => !first.includes(i))) {
      chain = chain.then(() => fit(i));
      ready[i] = chain as Promise<string>;
    }
    const posterScene = media.findIndex((m) => m.scene.id === source.data.video?.posterSceneId);
    // The poster is kept beside the video: at the frame's size (a work frame can be smaller)
    // and compressed as usual, unlike the work frames.
    const posterMade = (ready[posterScene] ?? Promise.resolve(undefined)).then((frame) =>
      frame ? sharp(frame).resize(width, height, { fit: 'fill' }).png().toBuffer() : titleCard(source.data.title, width, height),
    );
    // The cues wait for the narrations' samples; the picture waits for them only to burn them in.
    const cuesMade = plan.narrations.then((narrations) => planCues(source, plan, narrations, perLine));
    // A failed or cancelled picture fails the task that waits for it; the others must not go unhandled.
    for (const promise of [...ready, posterMade, cuesMade]) promise.catch(() => undefined);
    const narrated = media.some((m) => m.narration);
    const captions = narrated ? options.captions : 'off';
    let burned: { pictures: CaptionPictures; top: number } | undefined;
    if (captions === 'burn') {
      const layout = captionLayout(width, height, perLine);
      const cues = await cuesMade;
      if (cues.length > 0) burned = { pictures: await captionPictures(cues, width, layout, work), top: layout.top };
    }

    // The soundtrack: the narrations (as they are decoded) and beds mixed, measured, then
    // normalised and encoded once, beside the picture's segments.
    const codec = CODECS[options.format];
    const audioFile = path.join(work, `sound.${codec.audioFile}`);
    const soundtrack = async (): Promise<void> => {
      const [narrations, beds] = await Promise.all([
        plan.narrations,
        decodeEach(
          media.map((m) => m.bed?.path),
          SAMPLE_RATE,
          context.signal,
        ),
      ]);
      const mixFile = path.join(work, 'scenes.f32');
      const voiceFile = path.join(work, 'voice.f32');
      await writeSceneMix(scenes, total, { narrations, beds }, SAMPLE_RATE, { mix: mixFile, voice: voiceFile }, context.signal);
      const alone = soundtrackInputs(mixFile, voiceFile, SAMPLE_RATE, total, 0, options.music);
      const measured = await measureLoudness(alone.args, alone.graph, context.signal);
      const graph = `${alone.graph};[mix]${loudnessFilter(measured)},aformat=sample_rates=${SAMPLE_RATE}[audio]`;
      const args = ['-y', ...alone.args, '-filter_complex', graph, '-map', '[audio]', '-t', total.toFixed(3), ...codec.audio, audioFile];
      await runFfmpegWithProgress(args, total, () => undefined, context.signal);
    };
    const totalFrames = Math.round(total * FPS);
    const job = { scenes: moved, frames: ready, width, height, format: options.format, ...(burned && { captions: burned }), work };
    const onFrames = (done: number) => {
      const f = Math.min(1, done / totalFrames);
      context.progress({ fraction: 0.2 + 0.75 * f, detail: `encoding ${options.format.toUpperCase()} ${Math.round(f * 100)}%` });
    };
    const segments = segmentTasks(job, onFrames, context.signal);
    context.progress({ fraction: 0.2, detail: 'encoding' });
    await inPool([soundtrack, ...segments.tasks], FFMPEG_AT_ONCE);
    const poster = await posterMade;
    const posterFile = path.join(work, 'poster.png');
    await fs.writeFile(posterFile, poster);

    // The join: segments and soundtrack copied as they are, with chapters, captions and the cover.
    const chaptersFile = path.join(work, 'chapters.txt');
    const titles = media.map((m, i) => sceneHeading(m.scene, i));
    await fs.writeFile(chaptersFile, chaptersMetadata(sceneChapters(scenes, titles, total)));
    const inputs = ['-f', 'concat', '-safe', '0', '-i', await segments.list, '-i', audioFile, '-i', chaptersFile];
    const maps = ['-map', '0:v', '-map', '1:a', '-map_chapters', '2', '-c:v:0', 'copy', '-c:a', 'copy'];
    let next = 3;
    const cues = await cuesMade;
    if (captions === 'soft' && cues.length > 0) {
      const file = path.join(work, options.format === 'mp4' ? 'captions.srt' : 'captions.vtt');
      await fs.writeFile(file, options.format === 'mp4' ? toSrt(cues) : toVtt(cues));
      inputs.push('-i', file);
      maps.push('-map', `${next++}:s`, '-c:s', SUBTITLE_CODEC[options.format], '-metadata:s:s:0', `language=${plan.language}`);
    }
    if (options.format === 'mp4') {
      inputs.push('-i', posterFile);
      maps.push('-map', `${next++}:v`, '-c:v:1', 'png', '-disposition:v:1', 'attached_pic');
    }
    const credits = media.flatMap((m, i) => (m.image ? [`${sceneHeading(m.scene, i)}: ${originLine(m.image.asset)}`] : [])).join('; ');
    const args = [
      '-y',
      ...inputs,
      ...maps,
      ...['-t', total.toFixed(3), '-max_muxing_queue_size', '4096'],
      ...['-metadata', `title=${source.data.title}`, '-metadata', `comment=${`Made with Atelier. ${credits}`.slice(0, 2000)}`],
      ...codec.container,
      out,
    ];
    context.progress({ fraction: 0.95, detail: `writing the ${options.format.toUpperCase()} file` });
    await runFfmpegWithProgress(args, total, () => undefined, context.signal);
    return { poster };
  } finally {
    // No picture may still be written into the folder as it goes.
    await chain.catch(() => undefined);
    await fs.rm(work, { recursive: true, force: true });
  }
}
