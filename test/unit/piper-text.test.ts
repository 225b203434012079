import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markedClauses, unmarkClauses } from '../../main/engines/voice/espeak/ipa-clauses.js';
import { resolveSpeaker } from '../../main/engines/voice/piper/piper-config.js';
import { sentencePcm } from '../../main/engines/voice/piper/piper-engine.js';
import { piperSentences, splitClauses } from '../../main/engines/voice/piper/piper-phonemes.js';

describe('espeak clause markers', () => {
  test('clauses go in as paragraphs between markers', () => {
    assert.equal(markedClauses(['Hello,', 'big   world.'], '70707'), '70707\n\nHello,\n\n70707\n\nbig world.\n\n70707');
  });

  test('lines come back one string per clause, however many lines espeak made of each', () => {
    const M = 'sˈɛvənti θˈaʊzənd';
    assert.deepEqual(unmarkClauses([M, 'həlˈoʊ', M, 'dˈɑːktɚ', 'smˈɪθ', M, '', M], 3), ['həlˈoʊ', 'dˈɑːktɚ smˈɪθ', '']);
    assert.deepEqual(unmarkClauses([M, M], 1), ['']);
  });

  test('markers that do not line up give nothing rather than misplaced phonemes', () => {
    const M = 'sˈɛvənti θˈaʊzənd';
    assert.equal(unmarkClauses([M, 'a', M, M, 'b', M], 2), undefined, 'a clause that read like the marker');
    assert.equal(unmarkClauses([M, 'a', M, 'b'], 2), undefined, 'no closing marker');
    assert.equal(unmarkClauses([], 1), undefined);
  });
});

describe('Piper sentences and clauses', () => {
  test('sentences split at . ! ?, clauses after , ; : with the terminator Piper keeps', () => {
    assert.deepEqual(piperSentences('Hi there, you. Go!\n\nWait; what: no'), [
      [
        { text: 'Hi there,', terminator: ',' },
        { text: 'you.', terminator: '.' },
      ],
      [{ text: 'Go!', terminator: '!' }],
      [{ text: 'Wait;', terminator: ';' }, { text: 'what:', terminator: ':' }, { text: 'no' }],
    ]);
    assert.deepEqual(splitClauses('3,5 stays whole'), [{ text: '3,5 stays whole' }]);
  });
});

describe('Piper speakers', () => {
  const multi = {
    numSpeakers: 3,
    speakers: [
      { id: 0, name: 'harbour' },
      { id: 1, name: 'lighthouse' },
      { id: 2, name: 'gull' },
    ],
  };
  const single = { numSpeakers: 1, speakers: [] };

  test('by number or name, default 0', () => {
    assert.equal(resolveSpeaker(multi, undefined, 'v'), 0);
    assert.equal(resolveSpeaker(multi, 2, 'v'), 2);
    assert.equal(resolveSpeaker(multi, 'Lighthouse', 'v'), 1);
    assert.equal(resolveSpeaker(multi, '2', 'v'), 2);
    assert.equal(resolveSpeaker(single, 0, 'v'), 0);
  });

  test('out of range, unknown names and a speaker on a single-speaker voice are typed errors', () => {
    assert.throws(() => resolveSpeaker(multi, 3, 'v'), { code: 'INVALID_INPUT', message: 'v has 3 speakers (0 to 2); there is no speaker 3.' });
    assert.throws(() => resolveSpeaker(multi, 'crab', 'v'), { code: 'NOT_FOUND' });
    assert.throws(() => resolveSpeaker(single, 1, 'v'), { code: 'INVALID_INPUT' });
  });
});

describe('Piper float to 16-bit', () => {
  test('each sentence is scaled so its peak is full scale, as piper does; near-silence is not blown up', () => {
    assert.deepEqual([...sentencePcm(Float32Array.of(0, 0.25, -0.5))], [0, 16384, -32767]);
    assert.deepEqual([...sentencePcm(Float32Array.of(0, 0.001))], [0, 3277], 'a near-silent sentence is raised at most 100 times, not to full scale');
  });
});
