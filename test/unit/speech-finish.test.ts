import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { padEdges, soundSpan, SPEECH_EDGE_PAD_SECONDS, SPEECH_SILENCE_DBFS } from '../../main/platform/audio/speech-edges.js';
import { finishSpeech, SPEECH_PEAK_DBFS } from '../../main/platform/audio/speech-finish.js';
import { encodeWav, readPcm16 } from '../../main/platform/audio/wav.js';
import { dbfs, wavFacts } from '../support/wav-facts.js';

const RATE = 16_000;
const PAD = Math.round(SPEECH_EDGE_PAD_SECONDS * RATE);

/** 16-bit PCM: `lead` zeros, a 220 Hz tone of `amplitude` (1 = full scale, rounded onto the rails above it), `tail` zeros. */
function pcm(lead: number, toneSamples: number, tail: number, amplitude: number): Int16Array {
  const out = new Int16Array(lead + toneSamples + tail);
  for (let i = 0; i < toneSamples; i++) {
    // Starts at a crest so the first tone sample is loud: the span is known to the sample.
    const value = amplitude * Math.cos((2 * Math.PI * 220 * i) / RATE) * 32767;
    out[lead + i] = Math.max(-32768, Math.min(32767, Math.round(value)));
  }
  return out;
}

function floats(samples: Int16Array): Float32Array {
  return Float32Array.from(samples, (v) => v / 32768);
}

describe('speech finish (peak, edges) on 16-bit PCM', () => {
  test('a clipping clip comes back with its peak at -1 dBFS and nothing on the rails', () => {
    // Overdriven 1.3×: a third of the crests sit on ±32767, as Piper's full-scale sentences do.
    const clipped = pcm(0, RATE / 2, 0, 1.3);
    const before = wavFacts(encodeWav(clipped, RATE));
    assert.ok(before.atFullScale > 1000, `${before.atFullScale} samples on the rails before`);
    const made = finishSpeech(clipped, RATE);
    const after = wavFacts(made.wav);
    assert.equal(after.atFullScale, 0);
    assert.ok(Math.abs(dbfs(after.peak) - SPEECH_PEAK_DBFS) < 0.01, `peak ${dbfs(after.peak)} dBFS`);
    assert.equal(after.sampleRate, RATE, 'the rate is kept');
    assert.equal(made.finish.peakBeforeDbfs, 0, 'the engine peak is reported');
  });

  test('a quiet clip is raised to the same peak', () => {
    const made = finishSpeech(pcm(PAD, RATE / 4, PAD, 0.05), RATE);
    assert.ok(Math.abs(dbfs(wavFacts(made.wav).peak) - SPEECH_PEAK_DBFS) < 0.01);
    assert.ok((made.finish.peakBeforeDbfs ?? 0) < -25);
  });

  test('long leading and trailing silence is cut to the pad, to the sample', () => {
    const tone = RATE / 2;
    const made = finishSpeech(pcm(RATE, tone, 2 * RATE, 0.5), RATE);
    assert.equal(made.samples.length, PAD + tone + PAD);
    assert.equal(made.durationMs, Math.round(((2 * PAD + tone) / RATE) * 1000));
    const span = soundSpan(floats(made.samples));
    assert.deepEqual(span, { first: PAD, last: PAD + tone - 1 });
    assert.deepEqual(readPcm16(made.wav).samples.length, made.samples.length);
  });

  test('a clip with no silence at its ends gets the pad added, so every clip starts alike', () => {
    const tone = RATE / 4;
    const made = finishSpeech(pcm(0, tone, 3, 0.8), RATE);
    assert.equal(made.samples.length, PAD + tone + PAD);
    assert.ok(made.samples.subarray(0, PAD).every((v) => v === 0));
    assert.ok(made.samples.subarray(PAD + tone).every((v) => v === 0));
  });

  test('a soft onset inside the pad is kept, not zeroed: only what is beyond the pad goes', () => {
    const samples = floats(pcm(PAD * 3, RATE / 4, PAD * 3, 0.5));
    // A whisper 10 ms before the tone, under the silence threshold.
    const whisper = PAD * 3 - RATE / 100;
    samples[whisper] = 10 ** ((SPEECH_SILENCE_DBFS - 6) / 20);
    const out = padEdges(samples, RATE);
    assert.equal(out.length, 2 * PAD + RATE / 4);
    assert.equal(out[PAD - RATE / 100], samples[whisper]);
  });

  test('silence stays silence: two pads, peak 0', () => {
    const made = finishSpeech(new Int16Array(RATE), RATE);
    assert.equal(made.finish.peakBeforeDbfs, null);
    assert.equal(made.samples.length, 2 * PAD);
    assert.ok(made.samples.every((v) => v === 0));
  });
});
