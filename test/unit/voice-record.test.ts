import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import wavefile from 'wavefile';
import { microphoneProblem } from '../../renderer/src/workspace/voice/record/microphone-errors.js';
import { encodeWav16 } from '../../renderer/src/workspace/voice/record/wav-encode.js';
import { decodeWav } from '../../main/core/audio/index.js';

describe('the Voice tab’s recorder', () => {
  test('a take is encoded as a mono 16-bit PCM WAV that wavefile and the studio read back', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 1, -1, 1.7, -3, 0.25]);
    const bytes = encodeWav16(samples, 44_100);
    assert.equal(bytes.length, 44 + samples.length * 2);
    const wav = new wavefile.WaveFile(bytes);
    const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; byteRate: number; blockAlign: number };
    assert.deepEqual([fmt.audioFormat, fmt.numChannels, fmt.sampleRate, fmt.byteRate, fmt.blockAlign, wav.bitDepth], [1, 1, 44_100, 88_200, 2, '16']);
    // Full scale both ways, beyond it clipped, halves rounded.
    assert.deepEqual(Array.from(wav.getSamples(false, Int16Array) as unknown as Int16Array), [0, 16384, -16384, 32767, -32768, 32767, -32768, 8192]);
    const clip = decodeWav(bytes);
    assert.equal(clip.sampleRate, 44_100);
    assert.ok(Math.abs((clip.samples[1] ?? 0) - 0.5) < 1e-3);
    assert.equal(encodeWav16(new Float32Array(0), 48_000).length, 44, 'an empty take is a valid empty WAV');
  });

  test('microphone failures are told in words a creator can act on', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    assert.match(microphoneProblem(named('NotAllowedError')), /blocked/);
    assert.match(microphoneProblem(new DOMException('denied', 'NotAllowedError')), /blocked/);
    assert.match(microphoneProblem(named('NotFoundError')), /No microphone was found/);
    assert.match(microphoneProblem(named('NotReadableError')), /another program/);
    assert.match(microphoneProblem(named('Unsupported')), /secure address/);
    assert.match(microphoneProblem(new Error('boom')), /could not be used: boom/);
    assert.match(microphoneProblem('weird'), /could not be used\./);
  });
});
