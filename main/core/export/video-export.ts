import fs from 'node:fs/promises';
import path from 'node:path';
import type { ExportResolution } from '../../../preload/schemas/export.js';
import type { CaptionMode, VideoAspect } from '../../../preload/schemas/video.js';
import { AtelierError } from '../../../preload/errors.js';
import { makeWorkFolder } from '../files/work-folder.js';
import type { JobContext } from '../jobs/job-manager.js';
import { captionLayout, captionTrack } from './caption-burn.js';
import { toSrt, toVtt } from './caption-files.js';
import { chaptersMetadata, sceneChapters } from './chapters.js';
import { decodeToMono, runFfmpegWithProgress } from './ffmpeg-progress.js';
import { originLine, sceneHeading, type ExportSource } from './export-source.js';
import { loudnessFilter, measureLoudness } from './loudness.js';
import { soundtrackInputs } from './music-bed.js';
import { mixScenes } from './soundtrack-mix.js';
import { titleCard } from './title-card.js';
import { CODECS, SUBTITLE_CODEC, type VideoFormat } from './video-codecs.js';
import { resolveMove } from '../../../preload/video-motion.js';
import { captionOverlay, pictureGraph } from './video-filtergraph.js';
import { fittedPicture } from './video-frames.js';
import { captionLineChars } from '../../../preload/caption-text.js';
import { SAMPLE_RATE, frameSize, planVideo } from './video-plan.js';
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
 * Frames and the soundtrack are prepared in a private temp folder; ffmpeg encodes.
 */
export async function exportVideo(source: ExportSource, options: VideoOptions, out: string, context: JobContext): Promise<VideoMade> {
  const { width, height } = frameSize(options.aspect, options.resolution);
  const perLine = captionLineChars(width, height);
  const plan = await planVideo(source, context, perLine);
  const { media, scenes, total } = plan;
  const work = await makeWorkFolder('video');
  try {
    const frames: string[] = [];
    for (const [i, m] of media.entries()) {
      if (context.signal.aborted) throw new AtelierError('CANCELLED', 'Cancelled.');
      context.progress({ fraction: 0.1 + (0.1 * i) / media.length, detail: `preparing scene ${i + 1}/${media.length}` });
      const frame = path.join(work, `frame-${i}.png`);
      const picture = m.image
        ? await fittedPicture(m.image.path, width, height, m.scene.video?.focus)
        : await titleCard(sceneHeading(m.scene, i), width, height);
      await fs.writeFile(frame, picture);
      frames.push(frame);
    }
    const posterScene = media.findIndex((m) => m.scene.id === source.data.video?.posterSceneId);
    const poster = posterScene >= 0 ? await fs.readFile(frames[posterScene] as string) : await titleCard(source.data.title, width, height);
    const posterFile = path.join(work, 'poster.png');
    await fs.writeFile(posterFile, poster);

    const beds = await Promise.all(media.map(async (m) => (m.bed ? decodeToMono(m.bed.path, SAMPLE_RATE, context.signal) : undefined)));
    const { mix, voice } = mixScenes(scenes, total, plan.narrations, beds, SAMPLE_RATE);
    const mixFile = path.join(work, 'scenes.f32');
    const voiceFile = path.join(work, 'voice.f32');
    await fs.writeFile(mixFile, mix);
    await fs.writeFile(voiceFile, voice);
    context.progress({ fraction: 0.2, detail: 'measuring loudness' });
    const alone = soundtrackInputs(mixFile, voiceFile, SAMPLE_RATE, total, 0, options.music);
    const measured = await measureLoudness(alone.args, alone.graph, context.signal);

    // Inputs in order: the pictures, the soundtrack's, the chapters, then captions and the cover.
    const sound = soundtrackInputs(mixFile, voiceFile, SAMPLE_RATE, total, frames.length, options.music);
    const soundInputs = options.music ? 3 : 1;
    const chaptersIndex = frames.length + soundInputs;
    const chaptersFile = path.join(work, 'chapters.txt');
    const titles = media.map((m, i) => sceneHeading(m.scene, i));
    await fs.writeFile(chaptersFile, chaptersMetadata(sceneChapters(scenes, titles, total)));
    const inputs = [...frames.flatMap((frame) => ['-i', frame]), ...sound.args, '-i', chaptersFile];
    const graph = [
      pictureGraph(
        scenes.map((scene, i) => ({ ...scene, move: options.motion ? resolveMove(media[i]?.scene.video?.motion, media[i]?.scene.id ?? '') : 'off' })),
        width,
        height,
      ),
    ];
    let next = chaptersIndex + 1;
    let videoLabel = '[video]';
    const extraMaps: string[] = [];
    const captions = plan.cues.length > 0 ? options.captions : 'off';
    if (captions === 'burn') {
      const layout = captionLayout(width, height, perLine);
      inputs.push('-f', 'concat', '-safe', '0', '-i', await captionTrack(plan.cues, width, layout, total, work));
      graph.push(captionOverlay(next++, layout.top));
      videoLabel = '[captioned]';
    } else if (captions === 'soft') {
      const file = path.join(work, options.format === 'mp4' ? 'captions.srt' : 'captions.vtt');
      await fs.writeFile(file, options.format === 'mp4' ? toSrt(plan.cues) : toVtt(plan.cues));
      inputs.push('-i', file);
      extraMaps.push('-map', `${next++}:s`, '-c:s', SUBTITLE_CODEC[options.format], '-metadata:s:s:0', `language=${plan.language}`);
    }
    if (options.format === 'mp4') {
      inputs.push('-i', posterFile);
      extraMaps.push('-map', `${next++}:v`, '-c:v:1', 'png', '-disposition:v:1', 'attached_pic');
    }
    graph.push(sound.graph, `[mix]${loudnessFilter(measured)},aformat=sample_rates=${SAMPLE_RATE}[audio]`);
    const credits = media.flatMap((m, i) => (m.image ? [`${sceneHeading(m.scene, i)}: ${originLine(m.image.asset)}`] : [])).join('; ');
    const args = [
      '-y',
      ...inputs,
      ...['-filter_complex', graph.join(';')],
      ...['-map', videoLabel, '-map', '[audio]', ...extraMaps, '-map_chapters', String(chaptersIndex)],
      ...['-r:v:0', String(FPS), '-t', total.toFixed(3), '-max_muxing_queue_size', '4096'],
      ...['-metadata', `title=${source.data.title}`, '-metadata', `comment=${`Made with Atelier. ${credits}`.slice(0, 2000)}`],
      ...CODECS[options.format],
      out,
    ];
    context.progress({ fraction: 0.22, detail: 'encoding' });
    await runFfmpegWithProgress(
      args,
      total,
      (f) => context.progress({ fraction: 0.22 + 0.78 * f, detail: `encoding ${options.format.toUpperCase()} ${Math.round(f * 100)}%` }),
      context.signal,
    );
    return { poster };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
