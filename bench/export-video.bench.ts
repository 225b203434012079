import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Asset } from '../preload/contract.js';
import { ffmpegPath } from '../main/core/audio/ffmpeg-export.js';
import { createStudio } from '../main/app/studio.js';
import { buildStoryProject, exportOf, type SceneRecipe } from '../test/support/story-project.js';
import { probeMedia } from '../test/support/media-probe.js';
import { loudnessOf } from '../test/support/video-probe.js';
import { RATIO, benchRuns, median, report } from './report.js';
import { readProjectStrictly } from '../main/core/projects/project-folder.js';

const SCENES: SceneRecipe[] = Array.from({ length: 6 }, (_, i) => ({
  title: `Scene ${i + 1}`,
  text: `This is scene number ${i + 1}. The keeper walks along the harbour wall and watches the lamps come on, one by one.`,
  // One picture format: the raw concat demuxer needs every file in one codec.
  image: 'png',
  narrate: true,
  bed: i === 0,
}));

/** The raw command's encoders: Atelier's settings before it encoded in segments. */
const RAW_CODECS = {
  mp4: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart'],
  webm: ['-c:v', 'libvpx-vp9', '-b:v', '0', '-crf', '34', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-c:a', 'libopus', '-b:a', '96k'],
};

/**
 * One MP4 and one WebM export of a six-scene narrated project at 720p, beside the plain ffmpeg command a
 * person would write for the same slideshow (concat demuxer, same images and narrations,
 * same encoder settings, but no letterboxing pass, cross-fades, motion or ducked bed). Three runs each, taking turns.
 */
export async function benchExportVideo(): Promise<void> {
  const runs = benchRuns(3);
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-bench-export-'));
  const studio = await createStudio({ host: 'cli', home });
  try {
    const { project, scenes } = await buildStoryProject(studio, 'Bench Harbour', SCENES);
    const data = (await readProjectStrictly(project.path)) as { assets: Record<string, Asset> };
    const file = (id: string | undefined) => path.join(project.path, data.assets[id as string]?.file as string);

    // The raw command's lists: each picture for its narration's length, narrations back to back.
    const work = path.join(home, 'raw');
    await fs.mkdir(work);
    const list: string[] = [];
    const audioList: string[] = [];
    for (const scene of scenes) {
      const seconds = probeMedia(file(scene.narrationAssetId)).durationSeconds;
      list.push(`file '${file(scene.imageAssetId)}'`, `duration ${seconds.toFixed(3)}`);
      audioList.push(`file '${file(scene.narrationAssetId)}'`);
    }
    list.push(`file '${file(scenes.at(-1)?.imageAssetId)}'`);
    await fs.writeFile(path.join(work, 'images.txt'), list.join('\n'));
    await fs.writeFile(path.join(work, 'audio.txt'), audioList.join('\n'));

    for (const format of ['mp4', 'webm'] as const) {
      // The three take turns, run by run, so a busy moment slows each alike; medians are reported.
      const out = path.join(work, `raw.${format}`);
      const times = { atelier: [] as number[], still: [] as number[], raw: [] as number[] };
      let made = { path: '', size: 0 };
      let still = { path: '', size: 0 };
      for (let run = 0; run < runs; run++) {
        let started = performance.now();
        made = await exportOf(studio, { format, resolution: '720p' });
        times.atelier.push((performance.now() - started) / 1000);
        // The same project with motion off: every scene's picture held between its fades.
        started = performance.now();
        still = await exportOf(studio, { format, resolution: '720p', motion: 'off' });
        times.still.push((performance.now() - started) / 1000);
        started = performance.now();
        const raw = spawnSync(await ffmpegPath(), [
          ...['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', path.join(work, 'images.txt')],
          ...['-f', 'concat', '-safe', '0', '-i', path.join(work, 'audio.txt')],
          ...['-vf', 'scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,fps=25,format=yuv420p'],
          ...RAW_CODECS[format],
          ...['-ac', '2', '-shortest', out],
        ]);
        times.raw.push((performance.now() - started) / 1000);
        if (raw.status !== 0) throw new Error(`raw ffmpeg failed: ${raw.stderr.toString()}`);
      }
      const atelierSeconds = median(times.atelier);
      const stillSeconds = median(times.still);
      const rawSeconds = median(times.raw);
      const atelierFacts = probeMedia(made.path);
      const stillFacts = probeMedia(still.path);
      const rawFacts = probeMedia(out);

      const rawSize = (await fs.stat(out)).size;
      // The mix's loudness (EBU R128, measured by ffmpeg's ebur128): Atelier normalises to −16 LUFS, ≤ −1 dBTP; the raw command does not.
      const loud = { atelier: loudnessOf(made.path), raw: loudnessOf(out) };
      report({
        bench: 'export-video',
        title: `the ${format.toUpperCase()}'s loudness (EBU R128): Atelier normalises to −16 LUFS ±1 with true peak ≤ −1 dBTP; the raw command leaves the narration as it is`,
        label: 'measure',
        columns: [
          { key: 'atelierLoud', name: 'Atelier export' },
          { key: 'rawLoud', name: 'raw ffmpeg concat' },
        ],
        rows: [
          { label: 'integrated (LUFS)', atelierLoud: loud.atelier.integrated, rawLoud: loud.raw.integrated },
          { label: 'true peak (dBTP)', atelierLoud: loud.atelier.truePeak, rawLoud: loud.raw.truePeak },
        ],
      });
      report({
        bench: 'export-video',
        title: `${SCENES.length} narrated scenes, 1280×720 ${format === 'mp4' ? 'H.264 + AAC' : 'VP9 + Opus'}, median of ${runs} runs taking turns`,
        note: `Atelier = projects.export ${format} 720p (frames, ducked mix, cross-fades, motion, encode); motion off = the same with every picture held (its body coded at 1 frame a second); raw = the plain ffmpeg concat slideshow a person would write (same images, narrations and the encoder settings of Atelier before segments, no fades, motion or bed).`,
        label: 'measure',
        columns: [
          { key: 'atelier', name: 'Atelier export' },
          { key: 'raw', name: 'raw ffmpeg concat' },
          RATIO,
          { key: 'still', name: 'Atelier, motion off' },
          { key: 'stillRatio', name: 'motion off ÷ raw' },
        ],
        rows: [
          { label: 'wall (s)', atelier: atelierSeconds, raw: rawSeconds, still: stillSeconds, stillRatio: stillSeconds / rawSeconds },
          { label: 'video (s)', atelier: atelierFacts.durationSeconds, raw: rawFacts.durationSeconds, still: stillFacts.durationSeconds },
          {
            label: '× real time',
            atelier: atelierFacts.durationSeconds / atelierSeconds,
            raw: rawFacts.durationSeconds / rawSeconds,
            still: stillFacts.durationSeconds / stillSeconds,
            stillRatio: stillFacts.durationSeconds / stillSeconds / (rawFacts.durationSeconds / rawSeconds),
          },
          { label: 'file (MB)', atelier: made.size / 1e6, raw: rawSize / 1e6, still: still.size / 1e6, stillRatio: still.size / rawSize },
        ],
      });
    }
  } finally {
    await studio.dispose();
    await fs.rm(home, { recursive: true, force: true });
  }
}
