import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TINY_WHISPER_TEXT } from '../../models/fixtures/tiny-whisper.js';
import { runCli, tempHome } from '../support/web-host.js';
import { speechWav, whisperModelFolder } from '../support/whisper-model.js';

let root: string;
let folder: string;
let wav: string;

function atelier(args: string[]) {
  return runCli(args, { ATELIER_HOME: path.join(root, 'home') });
}

before(async () => {
  root = await tempHome('atelier-transcribe-cli-');
  folder = await whisperModelFolder(root);
  wav = await speechWav(path.join(root, 'memo.wav'), 8, [
    [1, 3],
    [5, 7],
  ]);
});

after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('atelier transcribe', () => {
  test('with no model installed it says how to get one (exit 1, MODEL_NOT_FOUND)', () => {
    const run = atelier(['transcribe', wav]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /No transcription model is installed/);
  });

  test('an imported model: txt to standard output, and srt / vtt / json by -o extension or --format', async () => {
    const imported = atelier(['models', 'import', folder]);
    assert.equal(imported.status, 0, imported.stderr);
    const plain = atelier(['transcribe', wav]);
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(plain.stdout, `${TINY_WHISPER_TEXT}\n${TINY_WHISPER_TEXT}\n`);

    const srt = path.join(root, 'memo.srt');
    const wrote = atelier(['transcribe', wav, '-o', srt, '--language', 'en']);
    assert.equal(wrote.status, 0, wrote.stderr);
    assert.match(wrote.stdout, /^Wrote .*memo\.srt \(srt\): 2 segments, 8\.0 s, language en/);
    const srtText = await fs.readFile(srt, 'utf8');
    assert.match(srtText, /^1\n00:00:0\d,\d{3} --> 00:00:0\d,\d{3}\n/m);
    assert.match(srtText, /\n\n2\n00:00:0[4-6],\d{3} --> /);

    const vtt = path.join(root, 'memo.vtt');
    assert.equal(atelier(['transcribe', wav, '-o', vtt]).status, 0);
    assert.ok((await fs.readFile(vtt, 'utf8')).startsWith('WEBVTT\n\n00:00:0'));

    const json = atelier(['transcribe', wav, '--format', 'json', '--model', folder, '--language', 'fr']);
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { language: string; duration: number; model: string; segments: { start: number; end: number; text: string }[] };
    assert.equal(parsed.language, 'fr');
    assert.equal(parsed.model, 'tiny-whisper');
    assert.equal(parsed.segments.length, 2);
    assert.ok(parsed.segments.every((s) => s.end > s.start && s.text === TINY_WHISPER_TEXT));
  });

  test('bad input: a file that is not audio, a missing file, an unknown language or format', async () => {
    const notes = path.join(root, 'notes.txt');
    await fs.writeFile(notes, 'not sound at all\n');
    const notAudio = atelier(['transcribe', notes, '--model', folder]);
    assert.equal(notAudio.status, 1);
    assert.match(notAudio.stderr, /notes\.txt is not audio or video that can be read/);
    const missing = atelier(['transcribe', path.join(root, 'gone.wav'), '--model', folder]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /gone\.wav does not exist/);
    const unknownLanguage = atelier(['transcribe', wav, '--model', folder, '--language', 'ja']);
    assert.equal(unknownLanguage.status, 1);
    assert.match(unknownLanguage.stderr, /does not know the language "ja"\. It knows: en, de, fr/);
    const badFormat = atelier(['transcribe', wav, '--format', 'docx']);
    assert.equal(badFormat.status, 2);
    assert.match(badFormat.stderr, /--format must be one of txt, json, srt, vtt/);
  });
});
