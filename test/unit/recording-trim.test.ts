import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recordingBounds, trimRecording } from '../../main/core/audio/recording-trim.js';
import { toInt16 } from '../../main/platform/audio/wav.js';

const RATE = 16_000;
const tone = (seconds: number, amplitude: number, hz = 220) =>
  Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / RATE));
/** Room noise: a fixed pseudo-random hiss at `amplitude`, so every run is the same. */
function hiss(seconds: number, amplitude: number): Float32Array {
  let state = 12345;
  return Float32Array.from({ length: Math.round(seconds * RATE) }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return amplitude * ((state / 2 ** 31) * 2 - 1);
  });
}
function join(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
const seconds = (samples: number) => samples / RATE;
const near = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual.toFixed(3)} s, expected ${expected} s ± ${tolerance}`);

describe('trimming a microphone take', () => {
  test('cuts digital silence around a sound down to the padding', () => {
    const take = join(new Float32Array(RATE), tone(1, 0.3), new Float32Array(2 * RATE));
    const { start, end } = recordingBounds(take, RATE, { paddingSeconds: 0.15 });
    near(seconds(start), 0.85, 0.02, 'start');
    near(seconds(end), 2.15, 0.02, 'end');
  });

  test('judges silence above the take’s own noise floor, so room hiss louder than -45 dBFS is cut too', () => {
    // Hiss at about -34 dBFS RMS: above the absolute threshold, below the adaptive one.
    const noise = hiss(0.8, 0.035);
    const take = join(
      hiss(1, 0.035),
      tone(0.8, 0.3).map((v, i) => v + (noise[i] ?? 0)),
      hiss(1.5, 0.035),
    );
    const { start, end } = recordingBounds(take, RATE, { paddingSeconds: 0 });
    near(seconds(start), 1, 0.03, 'start');
    near(seconds(end), 1.8, 0.03, 'end');
    // With only the absolute threshold the hiss would count as sound and nothing would be cut.
    assert.deepEqual(recordingBounds(take, RATE, { aboveFloorDb: 0 }), { start: 0, end: take.length });
  });

  test('a lone click is not a sound, but a short word after a pause is kept', () => {
    const click = new Float32Array(RATE / 100).fill(0.9);
    const take = join(
      new Float32Array(RATE / 2),
      click,
      new Float32Array(RATE / 2),
      tone(0.5, 0.2),
      new Float32Array(RATE / 2),
      tone(0.1, 0.2),
      new Float32Array(RATE),
    );
    const { start, end } = recordingBounds(take, RATE, { paddingSeconds: 0 });
    near(seconds(start), 1.01, 0.03, 'start after the click');
    near(seconds(end), 2.11, 0.03, 'end after the short word');
  });

  test('a take with no sound keeps nothing, a take that is all sound keeps everything', () => {
    assert.deepEqual(recordingBounds(hiss(2, 0.001), RATE), { start: 0, end: 0 });
    assert.equal(trimRecording(new Float32Array(RATE), RATE).samples.length, 0);
    assert.deepEqual(recordingBounds(new Float32Array(0), RATE), { start: 0, end: 0 });
    const speech = tone(1.5, 0.3);
    assert.deepEqual(recordingBounds(speech, RATE), { start: 0, end: speech.length });
    // Nothing cut: no fade either, the samples are the take's own.
    assert.deepEqual(trimRecording(speech, RATE).samples, speech);
  });

  test('16-bit samples are judged like floats and stay 16-bit, with fades where it was cut', () => {
    const float = join(new Float32Array(RATE), new Float32Array(RATE / 2).fill(0.5), new Float32Array(RATE));
    const pcm = toInt16(float);
    const trimmed = trimRecording(pcm, RATE, { paddingSeconds: 0.1, fadeSeconds: 0.01 });
    assert.ok(trimmed.samples instanceof Int16Array);
    assert.deepEqual({ start: trimmed.start, end: trimmed.end }, recordingBounds(float, RATE, { paddingSeconds: 0.1 }));
    assert.equal(trimmed.samples[0], 0, 'the cut start fades in from zero');
    assert.ok(Math.abs(trimmed.samples[trimmed.samples.length - 1] ?? 1) < 200, 'the cut end fades out');
    assert.equal(trimmed.samples[Math.floor(trimmed.samples.length / 2)], pcm[RATE + RATE / 4], 'the middle is untouched');
  });
});
