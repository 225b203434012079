import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  byteVocabOrder,
  bytesToUnicode,
  ClipTokenizer,
  CLIP_CONTEXT_LENGTH,
  END_TOKEN,
  START_TOKEN,
} from '../../main/engines/image/diffusion/clip-tokenizer.js';
import { tinyDiffusionTokenizer } from '../../models/fixtures/tiny-diffusion.js';

/** A hand-made CLIP-style vocabulary whose BPE results are worked out below by hand. */
function handTokenizer(): ClipTokenizer {
  const merges = ['h e', 'l l', 'he ll', 'o</w> ', 'w o', 'r l', 'wo rl', 'worl d</w>', 'hell o</w>'].map((m) => m.trim());
  const tokens = [...byteVocabOrder(), ...byteVocabOrder().map((c) => `${c}</w>`), ...merges.map((m) => m.replace(' ', '')), START_TOKEN, END_TOKEN];
  return new ClipTokenizer(new Map(tokens.map((t, i) => [t, i])), merges);
}

describe('CLIP tokenizer', () => {
  test("GPT-2's byte table: printable bytes map to themselves, the rest above 255, all distinct", () => {
    const table = bytesToUnicode();
    assert.equal(table.length, 256);
    assert.equal(new Set(table).size, 256);
    assert.equal(table[0x41], 'A');
    assert.equal(table[0x20], 'Ġ', 'space is the 33rd non-printable byte: 256 + 32');
    assert.equal(table[0x0a], 'Ċ');
    assert.equal(byteVocabOrder()[0], '!');
  });

  test('merges apply lowest rank first, every occurrence, and words end in </w>', () => {
    const tok = handTokenizer();
    // hello: h e l l o</w> → (h e, rank 0) he l l o</w> → (l l) he ll o</w> → (he ll) hell o</w> → hello</w>
    assert.deepEqual(tok.bpe('hello'), ['hello</w>']);
    // world: w o r l d</w> → wo r l d</w> → wo rl d</w> → worl d</w> → world</w>
    assert.deepEqual(tok.bpe('world'), ['world</w>']);
    // "hell" ends the word at the second l, so "l l" cannot apply to "l l</w>": he l l</w>.
    assert.deepEqual(tok.bpe('hell'), ['he', 'l', 'l</w>']);
    assert.deepEqual(tok.bpe('x'), ['x</w>']);
  });

  test('text is lowercased, unescaped and split by CLIP’s pattern', () => {
    assert.equal(ClipTokenizer.clean('  Hello&amp;   WORLD\n'), 'hello& world');
    const tok = handTokenizer();
    const id = (t: string) => tok.encodeText(t);
    assert.deepEqual(id('HELLO World'), [...id('hello'), ...id('world')]);
    // Punctuation runs are their own words; digits are one token each.
    assert.equal(id('hello, world!').length, 4);
    assert.equal(id('42').length, 2);
    // Non-ASCII falls back to its UTF-8 bytes' characters.
    assert.equal(id('é').length, 2);
  });

  test('encode: start, up to 75 tokens, end, padding to 77', () => {
    const tok = handTokenizer();
    const ids = tok.encode('hello world');
    assert.equal(ids.length, CLIP_CONTEXT_LENGTH);
    assert.deepEqual([...ids.slice(0, 4)], [tok.startId, ...tok.encodeText('hello world'), tok.endId]);
    assert.ok([...ids.slice(4)].every((v) => v === tok.padId));
    const long = tok.encode(Array.from({ length: 100 }, () => 'hello').join(' '));
    assert.equal(long.length, 77);
    assert.equal(long[76], tok.endId, 'a long prompt is cut to leave room for the end token');
    assert.equal(long[75], tok.encodeText('hello')[0]);
  });

  test('the fixture’s vocabulary: its words are single tokens, the special tokens are last', () => {
    const { vocab, merges } = tinyDiffusionTokenizer();
    const tok = new ClipTokenizer(new Map(Object.entries(vocab)), merges);
    for (const word of ['photo', 'cat', 'ocean', 'night']) assert.deepEqual(tok.bpe(word), [`${word}</w>`], word);
    assert.equal(tok.endId, Object.keys(vocab).length - 1);
    assert.equal(tok.startId, tok.endId - 1);
    assert.notDeepEqual([...tok.encode('a red cat')], [...tok.encode('a blue cat')]);
  });
});
