import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AMBIENCE_PRESETS, SCALES, SoundRequestSchema, type SoundRequest } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { ambienceSource } from '../../main/engines/sound/ambience.js';
import { SAMPLE_RATE } from '../../main/engines/sound/audio-format.js';
import { composeLoop } from '../../main/engines/sound/melodic-loop.js';
import { renderPcm16 } from '../../main/engines/sound/render-pcm.js';
import { degreeToMidi, KEY_PITCH, SCALE_STEPS } from '../../main/engines/sound/scales.js';
import { mixSeed, SeededRandom } from '../../main/engines/sound/seeded-random.js';
import { planSound } from '../../main/engines/sound/synth-plan.js';
import { synthEngine } from '../../main/engines/sound/synth-engine.js';
import { encodeWav } from '../../main/platform/audio/wav.js';
import { dbfs, wavFacts } from '../support/wav-facts.js';

const quiet = () => undefined;

async function render(request: SoundRequest, signal = new AbortController().signal) {
  return synthEngine.generate(request, signal, quiet);
}

describe('the seeded random stream', () => {
  test('the same seed gives the same stream, another seed another one', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const take = (r: SeededRandom) => Array.from({ length: 64 }, () => r.next());
    const first = take(a);
    assert.deepEqual(take(b), first);
    assert.notDeepEqual(take(c), first);
    assert.ok(first.every((value) => value >= 0 && value < 1));
    assert.notEqual(mixSeed('coin', 7), mixSeed('jump', 7), 'each preset has its own stream for one seed');
  });
});

describe('WAV output', () => {
  test('parses back with wavefile: 44.1 kHz, mono, 16-bit, the length asked for', async () => {
    const made = await render({ kind: 'ambience', preset: 'rain', seconds: 2.5, seed: 1 });
    const facts = wavFacts(made.wav);
    assert.equal(facts.sampleRate, 44_100);
    assert.equal(facts.bitsPerSample, 16);
    assert.equal(facts.channels, 1);
    assert.equal(facts.length, 2.5 * 44_100);
    assert.equal(made.wav.byteLength, 44 + facts.length * 2, 'a plain 44-byte header and the samples');
    assert.equal(made.durationMs, 2500);
  });

  test('encodeWav writes exactly the samples it is given', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const facts = wavFacts(encodeWav(samples, SAMPLE_RATE));
    assert.deepEqual(Array.from(facts.samples), Array.from(samples));
  });
});

describe('ambience', () => {
  for (const preset of AMBIENCE_PRESETS) {
    test(`${preset}: exact length, byte-identical per seed, loud enough, unclipped`, async () => {
      const first = await render({ kind: 'ambience', preset, seconds: 3, seed: 5 });
      const again = await render({ kind: 'ambience', preset, seconds: 3, seed: 5 });
      assert.deepEqual(Buffer.from(again.wav), Buffer.from(first.wav));
      const other = await render({ kind: 'ambience', preset, seconds: 3, seed: 6 });
      assert.notDeepEqual(Buffer.from(other.wav), Buffer.from(first.wav));
      for (const seconds of [1, 3]) {
        const facts = wavFacts((await render({ kind: 'ambience', preset, seconds, seed: 0 })).wav);
        assert.equal(facts.length, seconds * SAMPLE_RATE, `${seconds} s is exactly ${seconds * SAMPLE_RATE} samples`);
        assert.equal(facts.atFullScale, 0);
        assert.ok(Math.abs(dbfs(facts.peak) + 1) < 0.1, `peak ${dbfs(facts.peak).toFixed(2)} dBFS`);
        assert.ok(dbfs(facts.rms) > -35, `RMS ${dbfs(facts.rms).toFixed(1)} dBFS`);
      }
    });
  }

  test('ten minutes is a stream of the right length, known before any sample is made', () => {
    for (const preset of AMBIENCE_PRESETS) assert.equal(ambienceSource(preset, 600, 1).length, 600 * SAMPLE_RATE);
  });

  test('a cancel stops the render between blocks with CANCELLED', async () => {
    const controller = new AbortController();
    let reports = 0;
    const plan = planSound({ kind: 'ambience', preset: 'wind', seconds: 600, seed: 1 });
    const rendering = renderPcm16(plan.create, {
      signal: controller.signal,
      fadeInSeconds: plan.fadeIn,
      fadeOutSeconds: plan.fadeOut,
      onProgress: (fraction) => {
        reports += 1;
        if (fraction > 0.01) controller.abort(new AtelierError('CANCELLED', 'Cancelled.'));
      },
    });
    await assert.rejects(rendering, (error: unknown) => error instanceof AtelierError && error.code === 'CANCELLED');
    assert.ok(reports < 500, `stopped early, after ${reports} blocks of 10 minutes`);
  });
});

describe('melodic loop', () => {
  test('its length is bars × 4 beats × 60 / tempo', async () => {
    for (const [tempo, bars] of [
      [120, 4],
      [90, 2],
      [40, 1],
      [240, 32],
      [137, 3],
    ] as const) {
      const facts = wavFacts((await render({ kind: 'loop', tempo, key: 'A', scale: 'minor', bars, seed: 3 })).wav);
      assert.equal(facts.length, Math.round(((bars * 4 * 60) / tempo) * SAMPLE_RATE), `${bars} bars at ${tempo} BPM`);
      assert.equal(facts.atFullScale, 0);
      assert.ok(Math.abs(dbfs(facts.peak) + 1) < 0.1);
    }
  });

  test('byte-identical per seed; the seed picks another melody', async () => {
    const request = { kind: 'loop', tempo: 110, key: 'D', scale: 'dorian', bars: 4, seed: 12 } as const;
    const first = await render(request);
    assert.deepEqual(Buffer.from((await render(request)).wav), Buffer.from(first.wav));
    const melody = (seed: number) =>
      composeLoop({ ...request, seed })
        .notes.filter((note) => note.part === 'lead')
        .map((note) => note.midi);
    assert.deepEqual(melody(12), melody(12));
    assert.notDeepEqual(melody(12), melody(13));
  });

  test('every melody note is in the key and scale asked for, and the bass follows the chords', () => {
    for (const scale of SCALES) {
      for (const key of ['C', 'F#', 'Bb'] as const) {
        for (let seed = 0; seed < 12; seed += 1) {
          const score = composeLoop({ tempo: 100, key, scale, bars: 8, seed });
          const allowed = new Set(SCALE_STEPS[scale].map((step) => (KEY_PITCH[key] + step) % 12));
          const lead = score.notes.filter((note) => note.part === 'lead');
          assert.ok(lead.length >= 8, 'a melody, not a few stray notes');
          for (const note of lead) assert.ok(allowed.has(note.midi % 12), `${key} ${scale} seed ${seed}: ${note.midi} is in the scale`);
          const bass = score.notes.filter((note) => note.part === 'bass');
          assert.ok(bass.length >= 8 * 2);
          assert.ok(
            bass.every((note) => note.midi < Math.min(...lead.map((n) => n.midi))),
            'the bass sits under the melody',
          );
        }
      }
    }
    assert.equal(degreeToMidi(60, 'major', 7), 72, 'degree 7 of a major scale is the octave');
    assert.equal(degreeToMidi(60, 'pentatonic', 5), 72, 'degree 5 of a pentatonic scale is the octave');
  });
});

describe('the sound.generate input', () => {
  test('accepts the three kinds and refuses what is out of range', () => {
    const ok = [
      { kind: 'sfx', preset: 'coin', seed: 0 },
      { kind: 'ambience', preset: 'drone', seconds: 600, seed: 4_294_967_295 },
      { kind: 'loop', tempo: 40, key: 'F#', scale: 'pentatonic', bars: 32, seed: 1 },
    ];
    for (const input of ok) assert.ok(SoundRequestSchema.safeParse(input).success, JSON.stringify(input));
    const bad = [
      { kind: 'sfx', preset: 'boom', seed: 0 },
      { kind: 'sfx', preset: 'coin', seed: -1 },
      { kind: 'sfx', preset: 'coin', seed: 1.5 },
      { kind: 'sfx', preset: 'coin', seed: 0, seconds: 3 },
      { kind: 'ambience', preset: 'rain', seconds: 0.5, seed: 0 },
      { kind: 'ambience', preset: 'rain', seconds: 601, seed: 0 },
      { kind: 'ambience', preset: 'coin', seconds: 10, seed: 0 },
      { kind: 'loop', tempo: 39, key: 'C', scale: 'major', bars: 4, seed: 0 },
      { kind: 'loop', tempo: 120, key: 'H', scale: 'major', bars: 4, seed: 0 },
      { kind: 'loop', tempo: 120, key: 'C', scale: 'lydian', bars: 4, seed: 0 },
      { kind: 'loop', tempo: 120, key: 'C', scale: 'major', bars: 33, seed: 0 },
      { kind: 'music', seed: 0 },
    ];
    for (const input of bad) assert.ok(!SoundRequestSchema.safeParse(input).success, JSON.stringify(input));
  });

  test('the engine describes itself and is always available', async () => {
    assert.equal(synthEngine.id, 'synth');
    assert.equal(synthEngine.modality, 'sound');
    assert.deepEqual(await synthEngine.availability(), { available: true });
    for (const parameter of synthEngine.parameters) {
      if (parameter.type === 'number' || parameter.type === 'integer') {
        assert.ok(parameter.min <= parameter.default && parameter.default <= parameter.max, parameter.name);
      }
    }
  });
});
