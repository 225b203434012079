import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { narrationFacts } from '../../renderer/src/workspace/voice/clip-facts.js';
import { computePeaks, peaksForWidth } from '../../renderer/src/workspace/voice/clip-peaks.js';
import { markdownToSpeech } from '../../renderer/src/workspace/voice/markdown-speech.js';
import { fold, languageNames, prepareVoices, searchVoices } from '../../renderer/src/workspace/voice/voice-search.js';

const VOICES = [
  { id: 'af', name: 'Afrikaans', languages: ['af'] },
  { id: 'de', name: 'German', languages: ['de'] },
  { id: 'en-gb', name: 'English (Great Britain)', languages: ['en-gb', 'en'] },
  { id: 'fr-fr', name: 'French (France)', languages: ['fr-fr', 'fr'] },
  { id: 'nb', name: 'Norwegian Bokmål', languages: ['nb', 'no'] },
  { id: 'piqd', name: 'Klingon', languages: ['piqd'] },
  { id: 'en_US-lessac-medium', name: 'Lessac', languages: ['en_US'] },
];
const entries = prepareVoices(VOICES);
const ids = (query: string) => searchVoices(entries, query).map((entry) => entry.voice.id);

describe('the Voice tab’s voice search', () => {
  test('finds a voice by its name, its code, or its language in English or in itself', () => {
    assert.deepEqual(ids('German'), ['de']);
    assert.deepEqual(ids('deutsch'), ['de']);
    assert.deepEqual(ids('DE'), ['de']);
    assert.deepEqual(ids('français'), ['fr-fr']);
    // Piper writes en_US; it is still American English.
    assert.deepEqual(ids('american'), ['en_US-lessac-medium']);
  });

  test('ignores accents and needs every word', () => {
    assert.equal(fold('Bokmål Māori'), 'bokmal maori');
    assert.deepEqual(ids('bokmal'), ['nb']);
    assert.deepEqual(ids('english britain'), ['en-gb']);
    assert.deepEqual(ids('english nowhere'), []);
  });

  test('lists every voice for an empty query, name matches first otherwise', () => {
    assert.equal(ids('  ').length, VOICES.length);
    // "en" is in English (Great Britain)'s name start, and inside other voices' text (French, Lessac's en_US).
    assert.equal(ids('en')[0], 'en-gb');
  });

  test('names languages Intl knows, and leaves made-up codes alone', () => {
    assert.deepEqual(languageNames('de'), ['German', 'Deutsch']);
    assert.deepEqual(languageNames('piqd'), []);
    // Intl refuses this espeak code outright; the search must not.
    assert.deepEqual(languageNames('chr-US-Qaaa-x-west'), []);
    assert.deepEqual(ids('klingon'), ['piqd']);
  });
});

describe('the Write document as narration', () => {
  test('keeps the prose and drops the Markdown marks', () => {
    const markdown = [
      '# Harbour Night',
      '',
      'The ferry **leaves** at _nine_, see [the timetable](https://example.com/t).',
      '',
      '- Bring a coat',
      '- Watch the lights!',
      '',
      '> A quiet line.',
      '',
      '```',
      'const skipped = true;',
      '```',
      '',
      '![a map](map.png)',
      '',
      '---',
    ].join('\n');
    assert.equal(
      markdownToSpeech(markdown),
      'Harbour Night.\n\nThe ferry leaves at nine, see the timetable.\n\nBring a coat. Watch the lights!\n\nA quiet line.',
    );
  });

  test('is empty for a document with nothing to say', () => {
    assert.equal(markdownToSpeech(''), '');
    assert.equal(markdownToSpeech('```\ncode only\n```\n\n---'), '');
  });
});

describe('the waveform outline', () => {
  test('keeps each bucket’s extremes and the clip’s length', () => {
    const samples = new Float32Array(8000);
    for (let i = 0; i < samples.length; i += 1) samples[i] = i < 4000 ? 0 : Math.sin(i / 3) * 0.5;
    const peaks = computePeaks([samples], 8000, 100);
    assert.equal(peaks.duration, 1);
    assert.equal(peaks.min.length, 100);
    assert.equal(peaks.max[10], 0, 'silence is flat');
    assert.ok((peaks.max[90] as number) > 0.45 && (peaks.min[90] as number) < -0.45, 'the tone reaches ±0.5');
  });

  test('folds stereo and short clips, and merges buckets into pixel columns', () => {
    const left = new Float32Array([0, 0.2, 0]);
    const right = new Float32Array([0, -0.9, 0]);
    const peaks = computePeaks([left, right], 3, 2048);
    assert.equal(peaks.min.length, 3, 'never more buckets than samples');
    assert.ok(Math.abs((peaks.min[1] as number) + 0.9) < 1e-6);
    assert.ok(Math.abs((peaks.max[1] as number) - 0.2) < 1e-6);
    const columns = peaksForWidth(peaks, 1);
    assert.ok(Math.abs((columns.min[0] as number) + 0.9) < 1e-6);
    assert.ok(Math.abs((columns.max[0] as number) - 0.2) < 1e-6);
    const empty = computePeaks([new Float32Array(0)], 22050);
    assert.equal(empty.duration, 0);
    assert.equal(empty.max[0], 0);
  });
});

describe('a narration clip’s facts', () => {
  test('names the engine, voice, variant, speed and the words', () => {
    const facts = narrationFacts({
      engine: 'espeak',
      prompt: 'Guten Abend. Der Hafen liegt still.',
      durationMs: 2400,
      parameters: { voice: 'de+f3', voiceName: 'German', rate: 1.5, pitch: 70 },
    });
    assert.deepEqual(facts, { facts: ['Built-in voice', 'German', 'variant f3', '1.5× speed', 'pitch 70'], excerpt: 'Guten Abend. Der Hafen liegt still.' });
  });

  test('speaks of Piper speakers, shortens long text, and leaves effects alone', () => {
    const facts = narrationFacts({ engine: 'piper', model: 'en_US-libritts', prompt: 'word '.repeat(100), parameters: { speaker: 3, rate: 1 } });
    assert.deepEqual(facts?.facts, ['Natural voice', 'en_US-libritts', 'speaker 3']);
    assert.equal(facts?.excerpt.length, 120);
    assert.ok(facts?.excerpt.endsWith('…'));
    assert.equal(narrationFacts({ engine: 'synth', parameters: { preset: 'coin' } }), null);
  });
});
