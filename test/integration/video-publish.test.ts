import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import sharp from 'sharp';
import type { Asset, Scene } from '../../preload/contract.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { estimateVideo } from '../../main/core/export/video-estimate.js';
import { ExportRequestSchema } from '../../preload/schemas/export.js';
import { decodeWav } from '../../main/platform/audio/wav.js';
import { buildStoryProject, exportOf } from '../support/story-project.js';
import { REPO_ROOT } from '../support/web-host.js';
import { ffprobe, grayFrame, loudnessOf, parseCues, regionDifference, saveFrame, type ParsedCue } from '../support/video-probe.js';
import { readProjectStrictly } from '../../main/core/projects/project-folder.js';

let home: string;
let studio: Studio;
let projectDir: string;
let musicId: string;
/** Where each scene starts and its narration's real length, worked out here from the WAV files. */
let narration: number[];
let sceneStart: number[];
let total: number;
const artifacts = path.join(REPO_ROOT, 'test-artifacts', 'video');
const TEXTS = [
  'A keeper climbs the stairs at dusk. The lamp is cold, and the wind is rising over the black rocks below.',
  'A fox waits by the door, soaked by the rain.',
];
const timings: Record<string, number> = {};

async function timed(label: string, input: Record<string, unknown>): Promise<{ path: string; posterPath?: string }> {
  const started = Date.now();
  const made = (await exportOf(studio, input as { format: string })) as { path: string; posterPath?: string };
  timings[label] = (Date.now() - started) / 1000;
  return made;
}

before(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-video-'));
  await fs.mkdir(artifacts, { recursive: true });
  studio = await createStudio({ host: 'cli', home });
  const built = await buildStoryProject(studio, 'Harbour Night', [
    { title: 'The lighthouse', text: TEXTS[0] as string, image: 'png', narrate: true, bed: true },
    { title: 'A small visitor', text: TEXTS[1] as string, image: 'procedural', narrate: true },
    { title: 'Morning', text: 'They watch the boats come home.' },
  ]);
  projectDir = built.project.path;
  const { jobId } = (await studio.call('sound.generate', { kind: 'loop', tempo: 100, key: 'C', scale: 'major', bars: 1, seed: 3 })) as { jobId: string };
  const job = await studio.jobs.settled(jobId);
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  musicId = (job.result as Asset).id;
  const settings: Scene['video'][] = [
    { motion: 'zoom-in', transition: 'cross-fade' },
    { motion: 'pan-right', transition: 'fade-black' },
    { motion: 'off', transition: 'cut', durationSeconds: 2 },
  ];
  await studio.projects.update(built.project.id, (data) => ({ ...data, scenes: data.scenes.map((s, i) => ({ ...s, video: settings[i] })) }));
  const data = (await readProjectStrictly(projectDir)) as { scenes: Scene[]; assets: Record<string, Asset> };
  narration = await Promise.all(
    data.scenes.slice(0, 2).map(async (scene) => {
      const clip = decodeWav(await fs.readFile(path.join(projectDir, data.assets[scene.narrationAssetId as string]?.file as string)));
      return clip.samples.length / clip.sampleRate;
    }),
  );
  // A narrated scene: 0.5 s lead-in + narration + 0.25 s, on whole 1/24 s frames; the third is fixed at 2 s.
  const lengths = [...narration.map((n) => Math.ceil((n + 0.75) * 24) / 24), 2];
  // Scene 2 fades through black over the last 0.5 s of scene 1; scene 3 cuts in.
  sceneStart = [0, (lengths[0] as number) - 0.5, (lengths[0] as number) - 0.5 + (lengths[1] as number)];
  total = (sceneStart[2] as number) + 2;
});

after(async () => {
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
  const seconds = Object.entries(timings).map(
    ([label, s]) => `${label}: ${s.toFixed(1)} s for ${total.toFixed(2)} s of video (${(total / s).toFixed(2)}× real time)`,
  );
  await fs.writeFile(path.join(artifacts, 'speed.txt'), `${seconds.join('\n')}\n`);
});

function checkCues(cues: ParsedCue[]): void {
  assert.ok(cues.length >= 3, `${cues.length} cues`);
  for (const cue of cues) {
    assert.ok(cue.lines.length >= 1 && cue.lines.length <= 2, JSON.stringify(cue));
    for (const line of cue.lines) assert.ok(line.length <= 42, `line "${line}" is ${line.length} characters`);
    const length = cue.end - cue.start;
    assert.ok(length >= 0.99 && length <= 7.001, `cue ${JSON.stringify(cue)} lasts ${length} s`);
  }
  cues.slice(1).forEach((cue, i) => assert.ok(cue.start >= (cues[i] as ParsedCue).end - 1e-3, 'cues do not overlap'));
  // Each scene's cues say its text, word for word, within its narration's time.
  for (const [s, text] of TEXTS.entries()) {
    const narrationAt = (sceneStart[s] as number) + 0.5;
    const mine = cues.filter((c) => c.start >= narrationAt - 1e-3 && c.start < narrationAt + (narration[s] as number));
    assert.equal(mine.map((c) => c.lines.join(' ')).join(' '), text);
    assert.ok((mine.at(-1) as ParsedCue).end <= narrationAt + (narration[s] as number) + 1.01, 'the last cue ends with the narration (held to 1 s at most)');
    // The scene's first cue starts when the voice does (espeak starts speaking within 0.3 s).
    assert.ok((mine[0] as ParsedCue).start - narrationAt < 0.3, `first cue of scene ${s + 1} at ${(mine[0] as ParsedCue).start}`);
  }
}

describe('video a creator can publish', () => {
  let soft: { path: string; posterPath?: string };
  test('MP4 16:9: h264 + aac, a mov_text track in English, cover art, chapters per scene, −16 LUFS, poster beside it', async () => {
    soft = await timed('mp4 16:9 720p, soft captions, motion, music bed', { format: 'mp4', musicAssetId: musicId });
    const probe = ffprobe(soft.path);
    const video = probe.streams.find((s) => s.codec_type === 'video' && !s.disposition?.['attached_pic']);
    assert.equal(video?.codec_name, 'h264');
    assert.equal(video?.width, 1280);
    assert.equal(video?.height, 720);
    assert.equal(video?.pix_fmt, 'yuv420p');
    assert.equal(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name, 'aac');
    const subtitle = probe.streams.find((s) => s.codec_type === 'subtitle');
    assert.equal(subtitle?.codec_name, 'mov_text');
    assert.equal(subtitle?.tags?.['language'], 'eng');
    const cover = probe.streams.find((s) => s.disposition?.['attached_pic'] === 1);
    assert.equal(cover?.codec_name, 'png');
    assert.ok(Math.abs(Number(probe.format.duration) - total) < 0.15, `duration ${probe.format.duration} vs ${total}`);
    assert.deepEqual(
      probe.chapters.map((c) => c.tags?.['title']),
      ['The lighthouse', 'A small visitor', 'Morning'],
    );
    assert.ok(Math.abs(Number(probe.chapters[1]?.start_time) - ((sceneStart[1] as number) + 0.25)) < 0.01, 'chapter 2 starts mid-transition');
    assert.ok(Math.abs(Number(probe.chapters[2]?.start_time) - (sceneStart[2] as number)) < 0.01, 'chapter 3 starts at its cut');
    const loudness = loudnessOf(soft.path);
    assert.ok(Math.abs(loudness.integrated + 16) <= 1, `integrated ${loudness.integrated} LUFS`);
    assert.ok(loudness.truePeak <= -1, `true peak ${loudness.truePeak} dBTP`);
    await fs.writeFile(path.join(artifacts, 'loudness.txt'), `mp4 with music bed: ${loudness.integrated} LUFS, true peak ${loudness.truePeak} dBTP\n`);
    assert.ok(soft.posterPath?.endsWith('Harbour Night.poster.png'), soft.posterPath);
    const poster = await sharp(soft.posterPath as string).metadata();
    assert.deepEqual([poster.format, poster.width, poster.height], ['png', 1280, 720]);
    // Motion: two frames of the first scene differ (it zooms in).
    const early = grayFrame(soft.path, 0.6);
    const late = grayFrame(soft.path, (sceneStart[1] as number) - 0.3);
    assert.ok(regionDifference(early, late, 0, 720) > 2, 'the still moves');
  });

  test('SRT and VTT sidecars: cues of two lines at most, 1–7 s, timed to each narration; the MP4 track says the same', async () => {
    const srt = await exportOf(studio, { format: 'srt' });
    const vtt = await exportOf(studio, { format: 'vtt' });
    const srtText = await fs.readFile(srt.path, 'utf8');
    const vttText = await fs.readFile(vtt.path, 'utf8');
    assert.match(vttText, /^WEBVTT\n/);
    const cues = parseCues(srtText);
    checkCues(cues);
    assert.deepEqual(parseCues(vttText), cues, 'VTT and SRT agree');
    // The sentence boundary sits in the pause the voice made: the cue ending "dusk." ends before the next starts speaking.
    assert.ok(cues.some((c) => c.lines.join(' ').endsWith('dusk.')));
    const track = spawnSync(ffmpeg.path, ['-v', 'error', '-i', soft.path, '-map', '0:s', '-f', 'srt', '-'], { encoding: 'utf8' });
    const inVideo = parseCues(track.stdout.replace(/<[^>]+>/g, ''));
    assert.deepEqual(
      inVideo.map((c) => [c.lines.join(' '), Math.round(c.start * 100), Math.round(c.end * 100)]),
      cues.map((c) => [c.lines.join(' '), Math.round(c.start * 100), Math.round(c.end * 100)]),
    );
  });

  test('the estimate: the same length as the export, the frame of the preset, a size in the right range', async () => {
    const source = { dir: projectDir, data: studio.projects.requireOpen().data };
    const estimate = await estimateVideo(source, ExportRequestSchema.parse({ format: 'mp4', preset: 'shorts-9x16' }), new AbortController().signal);
    assert.ok(Math.abs(estimate.durationSeconds - total) < 0.05, `${estimate.durationSeconds} vs ${total}`);
    assert.deepEqual([estimate.width, estimate.height, estimate.scenes], [1080, 1920, 3]);
    const actual = (await fs.stat(soft.path)).size;
    assert.ok(estimate.bytes > actual / 4 && estimate.bytes < actual * 40, `estimate ${estimate.bytes} vs a 720p export of ${actual}`);
    // The same estimate through the contract, as the Export dialog asks for it; a non-video format is refused by type.
    assert.deepEqual(await studio.call('projects.exportEstimate', { format: 'mp4', preset: 'shorts-9x16' }), estimate);
    await assert.rejects(studio.call('projects.exportEstimate', { format: 'pdf' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
  });

  test('MP4 16:9 with burned captions: the caption band differs from the same frame without them, the rest does not', async () => {
    const burned = await timed('mp4 16:9 720p, burned captions, motion, music bed', { format: 'mp4', captions: 'burn', musicAssetId: musicId });
    assert.equal(ffprobe(burned.path).streams.filter((s) => s.codec_type === 'subtitle').length, 0);
    const cues = parseCues(await fs.readFile((await exportOf(studio, { format: 'srt' })).path, 'utf8'));
    const at = ((cues[0] as ParsedCue).start + (cues[0] as ParsedCue).end) / 2;
    const withText = grayFrame(burned.path, at);
    const without = grayFrame(soft.path, at);
    assert.ok(regionDifference(withText, without, 560, 665) > 8, 'the caption band shows text');
    assert.ok(regionDifference(withText, without, 0, 400) < 2, 'above it the picture is the same');
    saveFrame(burned.path, at, path.join(artifacts, 'burned-16x9.png'));
  });

  test('WebM 9:16: 720×1280 vp9 + opus, chapters, burned captions inside the safe area', async () => {
    const made = await timed('webm 9:16 720p, burned captions, motion', { format: 'webm', aspect: '9:16', captions: 'burn' });
    const probe = ffprobe(made.path);
    const video = probe.streams.find((s) => s.codec_type === 'video');
    assert.deepEqual([video?.codec_name, video?.width, video?.height], ['vp9', 720, 1280]);
    assert.equal(probe.streams.find((s) => s.codec_type === 'audio')?.codec_name, 'opus');
    assert.deepEqual(
      probe.chapters.map((c) => c.tags?.['title']),
      ['The lighthouse', 'A small visitor', 'Morning'],
    );
    const cues = parseCues(await fs.readFile((await exportOf(studio, { format: 'srt' })).path, 'utf8'));
    const at = ((cues[1] as ParsedCue).start + (cues[1] as ParsedCue).end) / 2;
    saveFrame(made.path, at, path.join(artifacts, 'burned-9x16.png'));
    const loudness = loudnessOf(made.path);
    assert.ok(Math.abs(loudness.integrated + 16) <= 1 && loudness.truePeak <= -1, JSON.stringify(loudness));
  });

  test('the plain slideshow (--motion off, captions off, no music): stills hold, no subtitle track', async () => {
    const plain = await timed('mp4 16:9 720p plain slideshow (motion off, no captions, no music)', { format: 'mp4', motion: 'off', captions: 'off' });
    const probe = ffprobe(plain.path);
    assert.equal(probe.streams.filter((s) => s.codec_type === 'subtitle').length, 0);
    const early = grayFrame(plain.path, 0.6);
    const late = grayFrame(plain.path, (sceneStart[1] as number) - 0.3);
    assert.ok(regionDifference(early, late, 0, 720) < 1, 'the still holds');
  });

  test('the square preset: an MP4 of 1080×1080', async () => {
    const made = await exportOf(studio, { format: 'webm', preset: 'square-1x1', motion: 'off', captions: 'off' } as { format: string });
    const video = ffprobe(made.path).streams.find((s) => s.codec_type === 'video' && !s.disposition?.['attached_pic']);
    assert.deepEqual([video?.width, video?.height], [1080, 1080]);
    assert.match(made.path, /\.mp4$/, 'the preset sets the format');
  });

  test('bad video settings are refused with typed errors', async () => {
    await assert.rejects(studio.call('projects.export', { format: 'mp4', aspect: '4:3' }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
    await assert.rejects(studio.call('projects.export', { format: 'mp4', musicAssetId: 'nope' }), (e: { code?: string }) => e.code === 'NOT_FOUND');
    const picture = (await studio.call('storyboard.get', {})) as { scenes: Scene[] };
    const imageId = picture.scenes[0]?.imageAssetId as string;
    await assert.rejects(studio.call('projects.export', { format: 'mp4', musicAssetId: imageId }), (e: { code?: string }) => e.code === 'INVALID_INPUT');
  });
});
