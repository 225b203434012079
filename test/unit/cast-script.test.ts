import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { defaultCast, ProjectCastSchema, type Character } from '../../preload/schemas/cast.js';
import { narrationCues } from '../../main/core/export/captions-script.js';
import { narrationPieces, spellOut, stripMarks } from '../../main/core/voice/narration-marks.js';
import { applyPronunciations, checkPronunciations, ipaToEspeak } from '../../main/core/voice/pronunciation.js';
import { joinLines, LINE_GAP_SECONDS, SPEAKER_CHANGE_GAP_SECONDS } from '../../main/core/voice/script-join.js';
import { parseScript } from '../../main/core/voice/script-parse.js';

const character = (id: string, name: string): Character => ({ id, name, engine: 'espeak', voice: 'en', rate: 1, pitch: 50 });
const CAST = [character('narrator', 'Narrator'), character('fox', 'Fox'), character('old-owl', 'Old Owl')];

function typedError(fn: () => unknown, code: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => error instanceof AtelierError && error.code === code && message.test(error.message));
}

describe('script parsing', () => {
  test('NAME: lines become lines of their characters, names in any case, in order', () => {
    const parsed = parseScript('NARRATOR: Once upon a time.\n\nfox:  I am sly.\nOld owl: Hoo.\nNarrator: The end.', CAST);
    assert.equal(parsed.script, true);
    assert.deepEqual(
      parsed.lines.map((l) => [l.character.id, l.text, l.lineNumber]),
      [
        ['narrator', 'Once upon a time.', 1],
        ['fox', 'I am sly.', 3],
        ['old-owl', 'Hoo.', 4],
        ['narrator', 'The end.', 5],
      ],
    );
  });

  test('a line without a name continues the speaker before it', () => {
    const parsed = parseScript('FOX: I am\nvery sly.\nNARRATOR: Indeed.', CAST);
    assert.deepEqual(
      parsed.lines.map((l) => l.text),
      ['I am very sly.', 'Indeed.'],
    );
  });

  test('plain text is one line for the narrator, even with a colon in it', () => {
    const parsed = parseScript('Note: the fox was sly.\nIt ran.', CAST);
    assert.equal(parsed.script, false);
    assert.deepEqual(
      parsed.lines.map((l) => [l.character.id, l.text]),
      [['narrator', 'Note: the fox was sly.\nIt ran.']],
    );
    assert.deepEqual(parseScript('  ', CAST).lines, []);
  });

  test('an unknown speaker in capitals is a typed error naming the line and the cast', () => {
    typedError(
      () => parseScript('NARRATOR: Night.\nOWL: Hoo.', CAST),
      'INVALID_INPUT',
      /^Line 2 \("OWL: Hoo\."\): no character called "OWL" in the cast \(Narrator, Fox, Old Owl\)/,
    );
    typedError(() => parseScript('BADGER: Hm.', CAST), 'INVALID_INPUT', /Line 1/);
    typedError(() => parseScript('Hello', []), 'INVALID_INPUT', /no characters/);
  });
});

describe('narration marks', () => {
  test('[pause N] splits speech with N seconds; [spell X] says letter names', () => {
    assert.deepEqual(narrationPieces('Wait. [pause 1.5] Go to [spell NASA] now. [PAUSE 2]'), [
      { kind: 'text', text: 'Wait.' },
      { kind: 'pause', seconds: 1.5 },
      { kind: 'text', text: 'Go to en ay ess ay now.' },
      { kind: 'pause', seconds: 2 },
    ]);
    assert.equal(spellOut('R2-D2'), 'ar 2 dee 2');
  });

  test('espeak phoneme input and other brackets are left alone', () => {
    assert.deepEqual(narrationPieces("Say [[h@'loU]] and [aside] too."), [{ kind: 'text', text: "Say [[h@'loU]] and [aside] too." }]);
  });

  test('bad marks are typed errors quoting the mark', () => {
    typedError(() => narrationPieces('a [pause soon] b'), 'INVALID_INPUT', /^\[pause soon\]: a pause takes a number/);
    typedError(() => narrationPieces('a [pause 0] b'), 'INVALID_INPUT', /\[pause 0\]/);
    typedError(() => narrationPieces('a [pause 31] b'), 'INVALID_INPUT', /at most 30/);
    typedError(() => narrationPieces('a [spell !!] b'), 'INVALID_INPUT', /nothing to spell/);
  });

  test('captions drop pauses and show the spelled word as written', () => {
    assert.equal(stripMarks('Wait. [pause 1.5] Go to [spell NASA] now [pause 1].'), 'Wait. Go to NASA now.');
  });
});

describe('pronunciation dictionary', () => {
  const entries = [
    { word: 'Nguyen', say: 'win' },
    { word: 'naive', say: '/ˈnaɪ.vəl/' },
    { word: 'New York', say: 'noo york' },
  ];

  test('whole words in any case; respellings replace, IPA becomes espeak phoneme input', () => {
    assert.equal(
      applyPronunciations('NGUYEN met a naive Nguyenite in New York; naively.', entries, { phonemeInput: true }),
      "win met a [['naIv@l]] Nguyenite in noo york; naively.",
    );
  });

  test('an engine without phoneme input keeps IPA words as written, respellings still apply', () => {
    assert.equal(applyPronunciations('Nguyen is naive.', entries, { phonemeInput: false }), 'win is naive.');
  });

  test('a replacement is never replaced again; the first entry for a word wins', () => {
    assert.equal(
      applyPronunciations(
        'win Nguyen',
        [
          { word: 'nguyen', say: 'win' },
          { word: 'win', say: 'victory' },
        ],
        { phonemeInput: true },
      ),
      'victory win',
    );
    assert.equal(
      applyPronunciations(
        'naive',
        [
          { word: 'naive', say: 'nigh-eve' },
          { word: 'naive', say: 'knife' },
        ],
        { phonemeInput: true },
      ),
      'nigh-eve',
    );
  });

  test('IPA to espeak mnemonics; a symbol the table lacks is refused by name', () => {
    assert.equal(ipaToEspeak('/ˈθɪŋk.ɪŋ/'), "'TINkIN");
    assert.equal(ipaToEspeak('dʒˈʌdʒ'), "dZ'VdZ");
    typedError(() => checkPronunciations([{ word: 'click', say: '/ǃa/' }]), 'INVALID_INPUT', /^Pronunciation of "click": .*"ǃ"/);
    typedError(() => ipaToEspeak('/ˈ./'), 'INVALID_INPUT', /no sounds/);
  });
});

describe('the cast schema and the joined clip', () => {
  test('the default cast is one narrator and passes its own schema', () => {
    assert.deepEqual(ProjectCastSchema.parse(defaultCast()), defaultCast());
  });

  test('lines join at the highest rate with natural gaps and exact pauses, timed per line', () => {
    const tone = (seconds: number, sampleRate: number) => ({ samples: new Float32Array(Math.round(seconds * sampleRate)).fill(0.5), sampleRate });
    const { clip, timing } = joinLines([
      { characterId: 'n', speaker: 'Narrator', caption: 'A', parts: [{ kind: 'speech', clip: tone(1, 22_050) }] },
      {
        characterId: 'n',
        speaker: 'Narrator',
        caption: 'B',
        parts: [
          { kind: 'speech', clip: tone(0.5, 22_050) },
          { kind: 'pause', seconds: 1 },
        ],
      },
      { characterId: 'f', speaker: 'Fox', caption: 'C', parts: [{ kind: 'speech', clip: tone(1, 16_000) }] },
    ]);
    assert.equal(clip.sampleRate, 22_050);
    assert.deepEqual(
      timing.map((t) => [t.speaker, t.startMs, t.endMs]),
      [
        ['Narrator', 0, 1000],
        ['Narrator', 1000 + LINE_GAP_SECONDS * 1000, 2500 + LINE_GAP_SECONDS * 1000],
        ['Fox', 2500 + (LINE_GAP_SECONDS + SPEAKER_CHANGE_GAP_SECONDS) * 1000, 3500 + (LINE_GAP_SECONDS + SPEAKER_CHANGE_GAP_SECONDS) * 1000],
      ],
    );
    const gaps = Math.round(LINE_GAP_SECONDS * 22_050) + Math.round(SPEAKER_CHANGE_GAP_SECONDS * 22_050);
    assert.equal(clip.samples.length, 22_050 * 3.5 + gaps, 'the 16 kHz line resampled to 22,050 samples a second');
    assert.ok(clip.samples.subarray(22_050, 22_050 + Math.round(LINE_GAP_SECONDS * 22_050)).every((v) => v === 0));
  });

  test("a cast narration's captions are per line and name who speaks", () => {
    const sampleRate = 1000;
    const samples = new Float32Array(4000);
    samples.fill(0.5, 0, 1500);
    samples.fill(0.5, 2000, 4000);
    const asset = {
      id: 'a',
      kind: 'audio' as const,
      name: 'n.wav',
      file: 'assets/n.wav',
      mime: 'audio/wav',
      size: 1,
      createdAt: new Date(0).toISOString(),
      origin: {
        engine: 'cast',
        parameters: {
          script: true,
          lines: [
            { speaker: 'Narrator', text: 'Once upon a time.', startMs: 0, endMs: 1500 },
            { speaker: 'Fox', text: 'I am the fox.', startMs: 2000, endMs: 4000 },
          ],
        },
      },
    };
    const cues = narrationCues({ text: 'ignored', narrationAt: 10, samples, sampleRate, until: 20, asset }, 42);
    assert.deepEqual(
      cues.map((c) => [c.speaker, c.lines.join(' '), c.start]),
      [
        ['Narrator', 'Narrator: Once upon a time.', 10],
        ['Fox', 'Fox: I am the fox.', 12],
      ],
    );
    const plain = narrationCues({ text: 'Hello [pause 1] there.', narrationAt: 0, samples, sampleRate, until: 5 }, 42);
    assert.deepEqual(
      plain.map((c) => c.lines.join(' ')),
      ['Hello there.'],
    );
  });
});
