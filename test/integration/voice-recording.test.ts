import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import wavefile from 'wavefile';
import type { Asset, FileRef, ProjectSummary } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { encodeClip } from '../../main/core/audio/index.js';
import { tempHome } from '../support/web-host.js';

let home: string;
let studio: Studio;
before(async () => {
  home = await tempHome('atelier-voice-recording-');
  studio = await createStudio({ host: 'cli', home });
});
after(async () => {
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
});

const RATE = 16_000;
/** A take as the Voice tab sends it: 1 s of quiet, `sound` s of a tone, 1 s of quiet. */
function take(sound: number, amplitude = 0.3): Uint8Array {
  const samples = new Float32Array(Math.round((2 + sound) * RATE));
  for (let i = 0; i < sound * RATE; i++) samples[RATE + i] = amplitude * Math.sin((2 * Math.PI * 200 * i) / RATE);
  return encodeClip({ samples, sampleRate: RATE });
}

let count = 0;
async function refFor(bytes: Uint8Array): Promise<FileRef> {
  const file = path.join(home, `take-${++count}.wav`);
  await fs.writeFile(file, bytes);
  return studio.fileRefs.register({ path: file, name: path.basename(file), size: bytes.length, owned: true });
}

const code = (expected: string) => (error: unknown) => error instanceof AtelierError && error.code === expected;

test('voice.saveRecording keeps a trimmed 16-bit take; bad takes are refused by name and lose nothing', async () => {
  const early = await refFor(take(0.5));
  await assert.rejects(studio.call('voice.saveRecording', { fileRef: early.ref }), code('NO_PROJECT_OPEN'));
  const project = (await studio.call('projects.create', { title: 'Takes' })) as ProjectSummary;

  // The same ref works once a project is open: the refusal kept it.
  const asset = (await studio.call('voice.saveRecording', { fileRef: early.ref })) as Asset;
  assert.equal(asset.kind, 'audio');
  assert.equal(asset.origin.engine, 'microphone');
  const parameters = asset.origin.parameters as { trimmedStartMs: number; trimmedEndMs: number; recordedMs: number };
  assert.equal(parameters.recordedMs, 2500);
  assert.ok(Math.abs(parameters.trimmedStartMs - 850) <= 25 && Math.abs(parameters.trimmedEndMs - 850) <= 25, JSON.stringify(parameters));
  const wav = new wavefile.WaveFile(await fs.readFile(path.join(project.path, asset.file)));
  assert.equal(wav.bitDepth, '16');
  assert.equal((wav.getSamples(false, Int16Array) as unknown as Int16Array).length, Math.round(((asset.origin.durationMs ?? 0) / 1000) * RATE));
  await assert.rejects(studio.call('voice.saveRecording', { fileRef: early.ref }), code('NOT_FOUND'), 'the ref is used up once kept');

  // Silent: refused, the ref kept, and the same take can be kept untrimmed.
  const silent = await refFor(take(0));
  await assert.rejects(
    studio.call('voice.saveRecording', { fileRef: silent.ref }),
    (error: unknown) => code('INVALID_INPUT')(error) && /silent/.test(String(error)),
  );
  const untrimmed = (await studio.call('voice.saveRecording', { fileRef: silent.ref, trim: false })) as Asset;
  assert.equal(untrimmed.origin.durationMs, 2000);
  assert.equal(untrimmed.name, 'recording-2.wav');

  // Not a WAV, stereo, 8-bit, an absurd rate: typed refusals, nothing added.
  const before = ((await studio.call('assets.list', {})) as Asset[]).length;
  const stereo = new wavefile.WaveFile();
  stereo.fromScratch(2, RATE, '16', [new Int16Array(100), new Int16Array(100)]);
  const eightBit = new wavefile.WaveFile();
  eightBit.fromScratch(1, RATE, '8', new Uint8Array(100));
  const slow = new wavefile.WaveFile();
  slow.fromScratch(1, 4000, '16', new Int16Array(100));
  for (const bytes of [new TextEncoder().encode('not audio at all'), stereo.toBuffer(), eightBit.toBuffer(), slow.toBuffer()]) {
    await assert.rejects(studio.call('voice.saveRecording', { fileRef: (await refFor(bytes)).ref }), code('INVALID_INPUT'));
  }
  await assert.rejects(studio.call('voice.saveRecording', { fileRef: 'nope' }), code('NOT_FOUND'));
  await assert.rejects(studio.call('voice.saveRecording', { fileRef: early.ref, extra: 1 }), code('INVALID_INPUT'));
  assert.equal(((await studio.call('assets.list', {})) as Asset[]).length, before);
});
