import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { decodeEach } from '../../main/core/export/audio-decode.js';
import { wavSeconds } from '../../main/platform/audio/wav-length.js';

let dir: string;
before(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-wav-length-'));
});
after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A tone of `seconds` at `rate` written by ffmpeg with `args` (codec, channels, metadata) to `name`. */
function tone(name: string, seconds: number, rate: number, args: string[]): string {
  const file = path.join(dir, name);
  const run = spawnSync(ffmpeg.path, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=300:sample_rate=${rate}:duration=${seconds}`, ...args, file]);
  assert.equal(run.status, 0, run.stderr.toString());
  return file;
}

test('a PCM or float WAV is timed from its header, to the sample, in every layout writers use', async () => {
  const cases = [
    { file: tone('espeak.wav', 1.5, 22050, ['-c:a', 'pcm_s16le', '-ac', '1']), seconds: 1.5 },
    { file: tone('float-stereo.wav', 2.25, 44100, ['-c:a', 'pcm_f32le', '-ac', '2']), seconds: 2.25 },
    { file: tone('extensible.wav', 1, 48000, ['-c:a', 'pcm_s24le', '-ac', '3']), seconds: 1 },
    // A LIST chunk (the title) sits between the format and the data.
    { file: tone('tagged.wav', 0.75, 24000, ['-c:a', 'pcm_s16le', '-metadata', 'title=A harbour at dusk']), seconds: 0.75 },
  ];
  for (const { file, seconds } of cases) assert.equal(await wavSeconds(file), seconds, path.basename(file));
  const tagged = await fs.readFile(path.join(dir, 'tagged.wav'));
  assert.ok(tagged.includes('LIST'), 'the tagged file has its LIST chunk');
});

test('a streamed WAV (data size unset) and a cut-off one are timed by the bytes there', async () => {
  const whole = await fs.readFile(tone('whole.wav', 2, 16000, ['-c:a', 'pcm_s16le']));
  const dataAt = whole.indexOf('data');
  const streamed = Buffer.from(whole);
  streamed.writeUInt32LE(0xffffffff, dataAt + 4);
  await fs.writeFile(path.join(dir, 'streamed.wav'), streamed);
  assert.equal(await wavSeconds(path.join(dir, 'streamed.wav')), 2);
  // Cut in the middle of the data: the header still says 2 s.
  await fs.writeFile(path.join(dir, 'cut.wav'), whole.subarray(0, dataAt + 8 + 16000 * 2 * 0.5 + 1));
  assert.equal(await wavSeconds(path.join(dir, 'cut.wav')), 0.5);
});

test('anything else is left to the decoder: another container, a compressed WAV, a damaged or missing file', async () => {
  const others = [
    tone('ima.wav', 1, 22050, ['-c:a', 'adpcm_ima_wav']),
    tone('speech.ogg', 1, 48000, ['-c:a', 'libopus']),
    tone('speech.mp3', 1, 44100, ['-c:a', 'libmp3lame']),
  ];
  await fs.writeFile(path.join(dir, 'empty.wav'), '');
  await fs.writeFile(path.join(dir, 'riff-only.wav'), 'RIFF\0\0\0\0WAVE');
  const noFormat = Buffer.alloc(44);
  noFormat.write('RIFF', 0);
  noFormat.write('WAVE', 8);
  noFormat.write('data', 12);
  noFormat.writeUInt32LE(24, 16);
  await fs.writeFile(path.join(dir, 'no-format.wav'), noFormat);
  for (const file of [...others, ...['empty.wav', 'riff-only.wav', 'no-format.wav', 'missing.wav'].map((name) => path.join(dir, name))]) {
    assert.equal(await wavSeconds(file), undefined, path.basename(file));
  }
});

test('the header agrees with the decoded length at 48 kHz, which the soundtrack is mixed from', async () => {
  const files = [22050, 24000, 16000, 44100].map((rate, i) => tone(`rate-${rate}.wav`, 1.2 + i * 0.37, rate, ['-c:a', 'pcm_s16le']));
  const decoded = await decodeEach(files, 48_000, new AbortController().signal);
  for (const [i, file] of files.entries()) {
    const seconds = (await wavSeconds(file)) as number;
    const length = (decoded[i] as Float32Array).length / 48_000;
    assert.ok(Math.abs(seconds - length) <= 1 / 48_000 + 1e-9, `${path.basename(file)}: header ${seconds} s, decoded ${length} s`);
  }
});

test('decodes share runs: the same samples as one file a run, a file named twice once, and an error names the file at fault', async () => {
  const files = [
    tone('a.wav', 1, 22050, ['-c:a', 'pcm_s16le']),
    tone('b.ogg', 0.5, 48000, ['-c:a', 'libopus', '-ac', '2']),
    tone('c.wav', 0.8, 24000, ['-c:a', 'pcm_s16le']),
  ];
  const signal = new AbortController().signal;
  const together = await decodeEach([files[0], undefined, files[1], files[2], files[0]], 48_000, signal);
  assert.equal(together[1], undefined);
  assert.equal(together[0], together[4], 'decoded once, shared');
  for (const [i, at] of [0, 2, 3].entries()) {
    const [alone] = await decodeEach([files[i]], 48_000, signal);
    assert.deepEqual(together[at], alone, path.basename(files[i] as string));
  }
  const picture = path.join(dir, 'picture.wav');
  await fs.writeFile(picture, 'not a sound at all');
  await assert.rejects(decodeEach([files[0], picture, files[2]], 48_000, signal), (error: Error & { code?: string }) => {
    assert.equal(error.code, 'INVALID_INPUT');
    assert.ok(error.message.includes('picture.wav') && !error.message.includes('a.wav'), error.message);
    return true;
  });
});
