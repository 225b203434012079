import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sniffKind } from '../../main/core/assets/asset-kinds.js';

/** A head of `size` bytes that starts with the given parts (numbers or ASCII text), zero-padded. */
function head(parts: Array<number[] | string>, size = 64): Uint8Array {
  const bytes: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') for (const ch of part) bytes.push(ch.charCodeAt(0));
    else bytes.push(...part);
  }
  const out = new Uint8Array(Math.max(size, bytes.length));
  out.set(bytes);
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

describe('sniffKind: images', () => {
  test('PNG', () => {
    assert.deepEqual(sniffKind(head([[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]), 'x.bin'), { kind: 'image', mime: 'image/png', ext: 'png' });
  });

  test('JPEG', () => {
    assert.deepEqual(sniffKind(head([[0xff, 0xd8, 0xff, 0xe0]]), 'photo'), { kind: 'image', mime: 'image/jpeg', ext: 'jpg' });
  });

  test('WebP', () => {
    assert.deepEqual(sniffKind(head(['RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ']), 'a.png'), { kind: 'image', mime: 'image/webp', ext: 'webp' });
  });

  test('GIF87a and GIF89a', () => {
    assert.deepEqual(sniffKind(head(['GIF89a']), 'a'), { kind: 'image', mime: 'image/gif', ext: 'gif' });
    assert.equal(sniffKind(head(['GIF87a']), 'a').mime, 'image/gif');
  });

  test('AVIF is an image, not a video', () => {
    assert.deepEqual(sniffKind(head([[0, 0, 0, 0x1c], 'ftypavif']), 'a.mp4'), { kind: 'image', mime: 'image/avif', ext: 'avif' });
  });
});

describe('sniffKind: audio', () => {
  test('WAV', () => {
    assert.deepEqual(sniffKind(head(['RIFF', [0x24, 0, 0, 0], 'WAVEfmt ']), 'a'), { kind: 'audio', mime: 'audio/wav', ext: 'wav' });
  });

  test('MP3 with an ID3 tag', () => {
    assert.deepEqual(sniffKind(head(['ID3', [0x04, 0x00]]), 'song'), { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' });
  });

  test('MP3 starting with a frame sync', () => {
    assert.deepEqual(sniffKind(head([[0xff, 0xfb, 0x90, 0x64]]), 'song'), { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' });
    assert.equal(sniffKind(head([[0xff, 0xf3, 0x44, 0xc4]]), 'song').mime, 'audio/mpeg');
  });

  test('OGG', () => {
    assert.deepEqual(sniffKind(head(['OggS', [0x00, 0x02]]), 'a'), { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' });
  });

  test('FLAC', () => {
    assert.deepEqual(sniffKind(head(['fLaC', [0, 0, 0, 0x22]]), 'a'), { kind: 'audio', mime: 'audio/flac', ext: 'flac' });
  });
});

describe('sniffKind: video', () => {
  test('WebM (EBML header)', () => {
    assert.deepEqual(sniffKind(head([[0x1a, 0x45, 0xdf, 0xa3, 0x9f]]), 'a'), { kind: 'video', mime: 'video/webm', ext: 'webm' });
  });

  test('MP4 (ftyp box)', () => {
    assert.deepEqual(sniffKind(head([[0, 0, 0, 0x20], 'ftypisom']), 'a'), { kind: 'video', mime: 'video/mp4', ext: 'mp4' });
    assert.equal(sniffKind(head([[0, 0, 0, 0x18], 'ftypmp42']), 'clip.mov').mime, 'video/mp4');
  });
});

describe('sniffKind: text and other', () => {
  test('markdown by extension when the content is text', () => {
    assert.deepEqual(sniffKind(text('# Chapter one\n\nIt was a dark night.\n'), 'notes.md'), { kind: 'text', mime: 'text/markdown', ext: 'md' });
    assert.deepEqual(sniffKind(text('# Title\n'), 'NOTES.Markdown'), { kind: 'text', mime: 'text/markdown', ext: 'md' });
  });

  test('plain text with a .txt name or no extension', () => {
    assert.deepEqual(sniffKind(text('hello world\n'), 'readme.txt'), { kind: 'text', mime: 'text/plain', ext: 'txt' });
    assert.deepEqual(sniffKind(text('hello world\n'), 'README'), { kind: 'text', mime: 'text/plain', ext: 'txt' });
  });

  test('text with another extension keeps that extension', () => {
    assert.deepEqual(sniffKind(text('a,b\n1,2\n'), 'table.csv'), { kind: 'text', mime: 'text/plain', ext: 'csv' });
  });

  test('UTF-8 text with accents and emoji is text', () => {
    assert.equal(sniffKind(text('Éloïse écrit « bonjour » 😀 et continue à écrire longtemps.'), 'story.txt').kind, 'text');
  });

  test('a head cut in the middle of a multi-byte character is still text', () => {
    const whole = text(`${'x'.repeat(40)}é`);
    assert.equal(sniffKind(whole.subarray(0, whole.length - 1), 'cut.txt').kind, 'text');
  });

  test('an empty file is text', () => {
    assert.equal(sniffKind(new Uint8Array(0), 'empty.txt').kind, 'text');
  });

  test('SVG text is kept out of the image kind', () => {
    assert.deepEqual(sniffKind(text('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'logo.svg'), { kind: 'other', mime: 'image/svg+xml', ext: 'svg' });
  });

  test('binary junk is other, keeping its extension or falling back to bin', () => {
    const junk = new Uint8Array(64).map((_, i) => (i * 37 + 11) % 256);
    junk[0] = 0x00;
    assert.deepEqual(sniffKind(junk, 'blob.dat'), { kind: 'other', mime: 'application/octet-stream', ext: 'dat' });
    assert.deepEqual(sniffKind(junk, 'blob'), { kind: 'other', mime: 'application/octet-stream', ext: 'bin' });
  });

  test('invalid UTF-8 without NUL bytes is other', () => {
    const bytes = new Uint8Array(64).fill(0xc3);
    bytes.fill(0x28, 1, 2); // 0xc3 0x28 is an invalid sequence
    assert.equal(sniffKind(bytes, 'x').kind, 'other');
  });

  test('text containing a NUL byte is other', () => {
    const bytes = text('hello\u0000world, more words here');
    assert.equal(sniffKind(bytes, 'a.txt').kind, 'other');
  });

  test('content wins over the name: a .png with text inside is not an image', () => {
    const sniffed = sniffKind(text('this is not really a picture\n'), 'picture.png');
    assert.notEqual(sniffed.kind, 'image');
    assert.equal(sniffed.mime, 'text/plain');
  });

  test('content wins over the name: PNG bytes named .txt are an image', () => {
    assert.equal(sniffKind(head([[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]), 'notes.txt').kind, 'image');
  });

  test('a truncated signature is not mistaken for the format', () => {
    assert.notEqual(sniffKind(new Uint8Array([0x89, 0x50, 0x4e]), 'a.png').mime, 'image/png');
    assert.notEqual(sniffKind(text('RIFF'), 'a.wav').mime, 'audio/wav');
  });
});
