import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  concatenate,
  decodeWav,
  encodeClip,
  fade,
  gainToDb,
  mixWithDucking,
  normalizePeak,
  peak,
  resample,
  rms,
  trimSilence,
} from '../../main/core/audio/index.js';
import { packSentences, splitSentences } from '../../preload/sentences.js';
import { parseVariantTable, parseVoiceAliases, parseVoiceTable, resolveVoice, wordsPerMinute } from '../../main/engines/voice/espeak/espeak-voices.js';

const RATE = 8000;
function tone(seconds: number, amplitude: number, hz = 440, rate = RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / rate);
  return out;
}
const silence = (seconds: number, rate = RATE) => new Float32Array(Math.round(seconds * rate));

describe('audio tools', () => {
  test('normalize puts the peak at the target dBFS', () => {
    const out = normalizePeak(tone(0.5, 0.1), -3);
    assert.ok(Math.abs(gainToDb(peak(out)) + 3) < 0.01, `peak ${gainToDb(peak(out))} dBFS`);
    assert.equal(peak(normalizePeak(silence(0.1))), 0);
    assert.throws(() => normalizePeak(tone(0.1, 0.5), 1), RangeError);
  });

  test('trim cuts silence at both ends and keeps the padding', () => {
    const clip = concatenate([
      { samples: silence(1), sampleRate: RATE },
      { samples: tone(0.5, 0.5), sampleRate: RATE },
      { samples: silence(2), sampleRate: RATE },
    ]);
    const trimmed = trimSilence(clip.samples, RATE, { thresholdDbfs: -40, paddingSeconds: 0.1 });
    // 0.5 s of tone (its first sample is 0, so it starts one sample late) plus 0.1 s on each side.
    assert.ok(Math.abs(trimmed.length - 0.7 * RATE) <= 2, `length ${trimmed.length}`);
    assert.equal(trimSilence(silence(1), RATE).length, 0);
  });

  test('fades start and end at zero and leave the middle alone', () => {
    const out = fade(new Float32Array(RATE).fill(0.5), RATE, 0.25, 0.25);
    assert.equal(out[0], 0);
    assert.equal(out[out.length - 1], 0);
    assert.ok(Math.abs((out[RATE / 8] ?? 0) - 0.25) < 0.01);
    assert.equal(out[RATE / 2], 0.5);
  });

  test('concatenate joins lengths with gaps and resamples or refuses a rate mismatch', () => {
    const joined = concatenate(
      [
        { samples: tone(1, 0.5), sampleRate: RATE },
        { samples: tone(1, 0.5, 440, 16_000), sampleRate: 16_000 },
      ],
      { gapSeconds: 0.5 },
    );
    assert.equal(joined.sampleRate, RATE);
    assert.equal(joined.samples.length, 2.5 * RATE);
    assert.equal(resample(tone(1, 0.5, 440, 22_050), 22_050, 44_100).length, 44_100);
    assert.throws(
      () =>
        concatenate(
          [
            { samples: tone(1, 0.5), sampleRate: RATE },
            { samples: tone(1, 0.5), sampleRate: 16_000 },
          ],
          { onRateMismatch: 'refuse' },
        ),
      /different sample rates/,
    );
  });

  test('ducking lowers the bed under speech and brings it back after', () => {
    // 1 s quiet, 2 s of "speech", 2 s quiet, over a constant bed.
    const narration = concatenate([
      { samples: silence(1), sampleRate: RATE },
      { samples: tone(2, 0.5, 200), sampleRate: RATE },
      { samples: silence(2), sampleRate: RATE },
    ]).samples;
    const bed = tone(5, 0.3, 1000);
    const { mix, bedGain } = mixWithDucking(narration, bed, RATE, { duckDb: -12 });
    assert.equal(mix.length, 5 * RATE);
    const before = rms(bedGain, 0, RATE * 0.9);
    const under = rms(bedGain, RATE * 1.5, RATE * 2.5);
    const after = rms(bedGain, RATE * 4.5, RATE * 5);
    assert.ok(Math.abs(gainToDb(under / before) + 12) < 0.5, `ducked by ${gainToDb(under / before)} dB`);
    assert.ok(after > 0.9 * before, 'the bed comes back');
    // The gain glides: no step between two samples bigger than a small fraction.
    let step = 0;
    for (let i = 1; i < bedGain.length; i++) step = Math.max(step, Math.abs((bedGain[i] ?? 0) - (bedGain[i - 1] ?? 0)));
    assert.ok(step < 0.01, `largest gain step ${step}`);
    // The bed's own RMS in the mix drops under speech: measured on the bed part alone.
    const bedUnder = rms(Float32Array.from(bed.subarray(RATE * 1.5, RATE * 2.5), (v, i) => v * (bedGain[RATE * 1.5 + i] ?? 0)));
    assert.ok(bedUnder < rms(bed) / 3);
  });

  test('a clip survives a WAV round trip through wavefile', () => {
    const clip = { samples: tone(0.2, 0.5), sampleRate: 22_050 };
    const back = decodeWav(encodeClip(clip));
    assert.equal(back.sampleRate, 22_050);
    assert.equal(back.samples.length, clip.samples.length);
    assert.ok(Math.abs(peak(back.samples) - peak(clip.samples)) < 1e-3);
  });
});

describe('espeak helpers', () => {
  const table = [
    'Pty Language       Age/Gender VoiceName          File                 Other Languages',
    ' 5  de              --/M      German             gmw/de               ',
    ' 5  en-gb           --/M      English_(Great_Britain) gmw/en           (en 2)',
    ' 5  en-us           --/F      English_(America)  gmw/en-US            (en 3)',
  ];
  test('parses voices, aliases and variants, and resolves names', () => {
    const voices = parseVoiceTable(table);
    assert.deepEqual(voices[1], { id: 'en-gb', name: 'English (Great Britain)', languages: ['en-gb', 'en'], gender: 'male' });
    const variants = parseVariantTable([' 5  variant         --/F      female3            !v/f3                ']);
    assert.deepEqual(variants, [{ id: 'f3', name: 'female3', gender: 'female' }]);
    const aliases = parseVoiceAliases(table);
    assert.equal(resolveVoice('en', voices, variants, aliases)?.voice.id, 'en-gb');
    assert.equal(resolveVoice('German', voices, variants, aliases)?.espeakName, 'de');
    assert.equal(resolveVoice('en-us+f3', voices, variants, aliases)?.espeakName, 'en-us+f3');
    assert.equal(resolveVoice('xx', voices, variants, aliases), undefined);
    assert.equal(resolveVoice('de+nope', voices, variants, aliases), undefined);
    assert.equal(wordsPerMinute(2), 350);
    assert.equal(wordsPerMinute(0.5), 88);
  });
  test('splits by sentence and packs within the limit', () => {
    assert.deepEqual(splitSentences('One. Two!  Three?\n\nFour'), ['One.', 'Two!', 'Three?', 'Four']);
    const long = splitSentences('word '.repeat(300), 100);
    assert.ok(long.every((s) => s.length <= 100));
    assert.deepEqual(packSentences(['aaaa.', 'bbbb.', 'cccc.'], 12), [['aaaa.', 'bbbb.'], ['cccc.']]);
  });
});
