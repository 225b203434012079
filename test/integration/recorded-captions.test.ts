import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import type { Asset, ExportResult, Job, StoryboardState } from '../../preload/contract.js';
import { parseCues } from '../../main/core/export/caption-files.js';
import { planTimeline } from '../../main/core/export/video-timeline.js';
import { TINY_WHISPER_TEXT } from '../../models/fixtures/tiny-whisper.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';
import { speechWav, whisperModelFolder } from '../support/whisper-model.js';

// Item 5 of the listening issue, through the web host: a recording as a scene's narration is
// captioned with its transcript's words and times; without a speech-to-text model the
// captions follow the scene text and the export says so.
const SCENE_TEXT = 'Words written for the scene that the recording never says.';

let root: string;
let host: RunningWebHost | undefined;
let take: Asset;
let sceneIds: string[] = [];

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const answer = await callApi(host as RunningWebHost, name, input);
  assert.equal(answer.status, 200, `${name}: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

async function finished(jobId: string): Promise<Job> {
  const job = await waitFor(`job ${jobId}`, async () => {
    const jobs = await call<Job[]>('jobs.list');
    const found = jobs.find((j) => j.id === jobId);
    return found && found.state !== 'queued' && found.state !== 'running' ? found : undefined;
  });
  assert.equal(job.state, 'done', `${job.title}: ${JSON.stringify(job.error)}`);
  return job;
}

async function exportAs(format: 'mp4' | 'webm' | 'srt' | 'vtt'): Promise<ExportResult> {
  const { jobId } = await call<{ jobId: string }>('projects.export', { format, captions: 'soft', motion: 'off' });
  return (await finished(jobId)).result as ExportResult;
}

async function transcriptsOfTake(): Promise<Asset[]> {
  const assets = await call<Asset[]>('assets.list');
  return assets.filter((a) => a.kind === 'text' && a.origin.engine === 'whisper' && a.origin.parameters?.['source'] === take.id);
}

/** Where the take plays in the video: scene 2 follows a silent first scene. */
function narrationSpan(): { from: number; to: number } {
  const seconds = (take.origin.durationMs ?? 0) / 1000;
  const { scenes } = planTimeline([undefined, seconds]);
  const at = scenes[1]?.narrationAt ?? 0;
  return { from: at, to: at + seconds };
}

before(async () => {
  root = await tempHome('atelier-recorded-captions-');
  host = await startWebHostProcess({ home: path.join(root, 'home') });
  await call('projects.create', { title: 'A recorded walk' });
  // The take: two spoken stretches with silence around them, uploaded and kept as the Record panel keeps one.
  const wav = await speechWav(path.join(root, 'take.wav'), 9, [
    [1, 3.5],
    [5, 7.5],
  ]);
  const upload = await fetch(`${host.origin}/upload`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/octet-stream', 'X-Atelier-File-Name': 'take.wav' },
    body: await fs.readFile(wav),
  });
  const { result: fileRef } = (await upload.json()) as { result: { ref: string } };
  take = await call<Asset>('voice.saveRecording', { fileRef: fileRef.ref, trim: true });
  assert.equal(take.origin.engine, 'microphone');
  await call('storyboard.edit', { op: 'add', title: 'Opening', text: 'A silent opening.' });
  const state = await call<StoryboardState>('storyboard.edit', { op: 'add', title: 'The walk', text: SCENE_TEXT });
  sceneIds = state.scenes.map((s) => s.id);
  await call('storyboard.edit', { op: 'update', sceneId: sceneIds[1], changes: { narrationAssetId: take.id } });
});

after(async () => {
  await host?.stop();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('captions of a recorded narration', () => {
  test('no speech-to-text model: captions are timed from the scene text, and the export says so', { timeout: 600_000 }, async () => {
    const made = await exportAs('srt');
    const cues = parseCues(await fs.readFile(made.path, 'utf8'));
    assert.equal(cues.map((c) => c.text).join(' '), SCENE_TEXT);
    assert.equal(made.notes?.length, 1, JSON.stringify(made.notes));
    assert.match(made.notes?.[0] ?? '', /^The walk: captions are timed from the scene text, because no speech-to-text model is installed/);
    assert.deepEqual(await transcriptsOfTake(), []);
  });

  test(
    "with the fixture Whisper model: the MP4 and WebM captions are the transcript, inside the take's span; made once, then reused",
    { timeout: 900_000 },
    async () => {
      const home = (host as RunningWebHost).home;
      await host?.stop();
      const folder = await whisperModelFolder(root);
      const imported = runCli(['models', 'import', folder, '--reference'], { ATELIER_HOME: home });
      assert.equal(imported.status, 0, imported.stderr);
      host = await startWebHostProcess({ home });
      await call('projects.open', { id: (await call<{ id: string }[]>('projects.list'))[0]?.id });

      const mp4 = await exportAs('mp4');
      assert.equal(mp4.notes, undefined);
      const made = await transcriptsOfTake();
      assert.equal(made.length, 1, "the export made the take's transcript and kept it");
      // The subtitle track inside the MP4, read back as SRT.
      const srt = path.join(root, 'from-mp4.srt');
      const run = spawnSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-y', '-i', mp4.path, '-map', '0:s:0', srt], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const span = narrationSpan();
      // ffmpeg writes mov_text's styling back as <font> tags; the words are what count.
      const fromMp4 = (await fs.readFile(srt, 'utf8')).replace(/<\/?font[^>]*>/g, '');
      for (const text of [fromMp4, await fs.readFile((await exportAs('vtt')).path, 'utf8')]) {
        const cues = parseCues(text);
        assert.equal(cues.length, 2, text);
        for (const cue of cues) {
          assert.equal(cue.text, TINY_WHISPER_TEXT);
          assert.ok(cue.start >= span.from - 0.05 && cue.end <= span.to + 0.05, `${JSON.stringify(cue)} inside ${JSON.stringify(span)}`);
        }
        // The second stretch of speech starts about 1.5 s after the first one ends (4 s after it starts).
        const [first, second] = cues as [(typeof cues)[0], (typeof cues)[0]];
        assert.ok(Math.abs(second.start - first.start - 4) < 0.5, text);
      }
      const webm = await exportAs('webm');
      const vtt = path.join(root, 'from-webm.vtt');
      const fromWebm = spawnSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-y', '-i', webm.path, '-map', '0:s:0', vtt], { encoding: 'utf8' });
      assert.equal(fromWebm.status, 0, fromWebm.stderr);
      assert.deepEqual(
        parseCues(await fs.readFile(vtt, 'utf8')).map((c) => c.text),
        [TINY_WHISPER_TEXT, TINY_WHISPER_TEXT],
      );
      assert.equal((await transcriptsOfTake()).length, 1, 'later exports reuse the kept transcript');
    },
  );
});
