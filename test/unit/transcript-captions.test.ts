import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Asset } from '../../preload/contract.js';
import { isHeardNarration, transcriptOf } from '../../preload/caption-source.js';
import { parseCues, toSrt, toVtt } from '../../main/core/export/caption-files.js';
import { transcriptCues } from '../../main/core/export/captions-transcript.js';

function asset(id: string, kind: Asset['kind'], origin: Asset['origin'], createdAt = '2026-01-01T00:00:00.000Z'): Asset {
  return { id, kind, name: `${id}.x`, file: `assets/${id}.x`, mime: 'application/octet-stream', size: 1, createdAt, origin };
}

describe('captions from a transcript', () => {
  test('each segment becomes cues inside its own time span, moved to where the narration starts', () => {
    const cues = transcriptCues(
      [
        { start: 0.5, end: 2.5, text: 'The fox reads the story aloud.' },
        { start: 4, end: 6, text: 'Then it sleeps.' },
      ],
      10,
      100,
      42,
    );
    assert.deepEqual(
      cues.map((c) => [c.start, c.end, c.lines.join(' ')]),
      [
        [10.5, 12.5, 'The fox reads the story aloud.'],
        [14, 16, 'Then it sleeps.'],
      ],
    );
  });

  test('a long segment is split by sentence and line length, its time shared by characters, in order and without gaps', () => {
    const text = 'One short sentence here. Another sentence follows it, rather longer than the first one was, to wrap.';
    const cues = transcriptCues([{ start: 1, end: 9, text }], 0, 100, 20);
    assert.ok(cues.length >= 3, JSON.stringify(cues));
    assert.equal(cues[0]?.start, 1);
    assert.ok(Math.abs((cues.at(-1)?.end ?? 0) - 9) < 1e-9);
    for (const [i, cue] of cues.entries()) {
      assert.ok(cue.lines.length <= 2 && cue.lines.every((line) => line.length <= 20 || !line.includes(' ')), JSON.stringify(cue));
      if (i > 0) assert.ok(Math.abs(cue.start - (cues[i - 1]?.end ?? 0)) < 1e-9);
    }
    assert.equal(cues.map((c) => c.lines.join(' ')).join(' '), text);
  });

  test('clipped to the scene: a cue running past its end is cut there, one starting after it is dropped', () => {
    const cues = transcriptCues(
      [
        { start: 0, end: 3, text: 'Inside the scene.' },
        { start: 4, end: 8, text: 'Over its end.' },
        { start: 9, end: 10, text: 'After it.' },
      ],
      2,
      8,
      42,
    );
    assert.deepEqual(
      cues.map((c) => [c.start, c.end, c.lines.join(' ')]),
      [
        [2, 5, 'Inside the scene.'],
        [6, 8, 'Over its end.'],
      ],
    );
  });

  test('a transcript file read back gives the times and words it was written with, escapes undone', () => {
    const cues = [
      { start: 0.25, end: 1.5, lines: ['Fish & chips <hot>'] },
      { start: 3661.001, end: 3662, lines: ['two', 'lines'] },
    ];
    const expected = [
      { start: 0.25, end: 1.5, text: 'Fish & chips <hot>' },
      { start: 3661.001, end: 3662, text: 'two lines' },
    ];
    assert.deepEqual(parseCues(toVtt(cues)), expected);
    assert.deepEqual(parseCues(toSrt(cues).replace(/\n/g, '\r\n')), expected);
    assert.deepEqual(parseCues('WEBVTT\n\nNOTE nothing timed\n\n00:01.000 --> 00:02.000 align:start\nshort clock\n\nnot a cue'), [
      { start: 1, end: 2, text: 'short clock' },
    ]);
  });

  test('a recording or an imported file is heard narration; a clip spoken from text or a cast narration is not', () => {
    assert.equal(isHeardNarration(asset('take', 'audio', { engine: 'microphone' })), true);
    assert.equal(isHeardNarration(asset('file', 'audio', { engine: 'import', sourceName: 'memo.m4a' })), true);
    assert.equal(isHeardNarration(asset('tts', 'audio', { engine: 'piper', prompt: 'Hello there.' })), false);
    assert.equal(isHeardNarration(asset('cast', 'audio', { engine: 'cast', parameters: { lines: [] } })), false);
    assert.equal(isHeardNarration(asset('pic', 'image', { engine: 'import' })), false);
  });

  test("a recording's transcript is the newest Whisper text asset naming it as its source", () => {
    const older = asset('t1', 'text', { engine: 'whisper', parameters: { source: 'take' } }, '2026-01-01T00:00:00.000Z');
    const newer = asset('t2', 'text', { engine: 'whisper', parameters: { source: 'take' } }, '2026-01-02T00:00:00.000Z');
    const other = asset('t3', 'text', { engine: 'whisper', parameters: { source: 'elsewhere' } }, '2026-01-03T00:00:00.000Z');
    const written = asset('t4', 'text', { engine: 'llama', parameters: { source: 'take' } }, '2026-01-04T00:00:00.000Z');
    assert.equal(transcriptOf([older, newer, other, written], 'take')?.id, 't2');
    assert.equal(transcriptOf([other, written], 'take'), undefined);
  });
});
