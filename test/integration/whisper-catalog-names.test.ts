import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CatalogSchema } from '../../main/core/models/catalog-schema.js';
import { checkModelFolder } from '../../main/platform/formats/detect-model.js';
import { checkWhisperFolder } from '../../main/platform/formats/whisper-folder.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';

/**
 * The catalog's Whisper entries name their files as sherpa-onnx's Hugging Face exports do
 * (`tiny.en-encoder.int8.onnx`, with a dot inside the model's name). The fixture's graphs are
 * laid out under each entry's own file names and checked the way a finished download is, so
 * a naming the folder check or the engine cannot read fails here rather than after a
 * several-hundred-megabyte download.
 */
const REPO = path.resolve(import.meta.dirname, '..', '..');
let tmp = '';
let fixture = '';
let vadFixture = '';

before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-whisper-names-'));
  const paths = await ensureFixtures({ only: ['tiny-whisper', 'tiny-silero-vad'] });
  fixture = paths['tiny-whisper'] as string;
  vadFixture = paths['tiny-silero-vad'] as string;
});
after(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

async function whisperEntries() {
  const raw: unknown = JSON.parse(await fs.readFile(path.join(REPO, 'models', 'catalog.json'), 'utf8'));
  const catalog = CatalogSchema.parse(raw);
  return catalog.models.filter((m) => m.format === 'whisper-onnx');
}

describe("the catalog's Whisper entries", () => {
  test('cover tiny, base and small, each English-only and multilingual, pinned to a commit with exact sizes and sha256', async () => {
    const entries = await whisperEntries();
    assert.deepEqual(entries.map((e) => e.id).sort(), [
      'whisper-base',
      'whisper-base.en',
      'whisper-small',
      'whisper-small.en',
      'whisper-tiny',
      'whisper-tiny.en',
    ]);
    for (const entry of entries) {
      const name = entry.id.replace(/^whisper-/, '');
      assert.deepEqual(
        entry.files.map((f) => f.path),
        [`${name}-encoder.int8.onnx`, `${name}-decoder.int8.onnx`, `${name}-tokens.txt`, 'silero_vad.onnx'],
        entry.id,
      );
      // The voice-activity graph is sherpa-onnx's release asset (there is no commit to pin a
      // release file to), so its checksum and size are what hold it still.
      const vad = entry.files.find((f) => f.path === 'silero_vad.onnx');
      assert.equal(vad?.url, 'https://github.com/k2-fsa/sherpa-onnx/releases/download/asr-models/silero_vad.onnx');
      assert.match(vad?.sha256 ?? '', /^[0-9a-f]{64}$/);
      assert.ok(vad?.size && !vad.sizeApproximate);
      const commits = new Set<string>();
      for (const file of entry.files.filter((f) => f !== vad)) {
        const match = /^https:\/\/huggingface\.co\/csukuangfj\/sherpa-onnx-whisper-([^/]+)\/resolve\/([0-9a-f]{40})\/(.+)$/.exec(file.url);
        assert.ok(match, file.url);
        assert.equal(match[1], name, file.url);
        assert.equal(match[3], file.path, file.url);
        commits.add(match[2] as string);
        assert.ok(Number.isInteger(file.size) && !file.sizeApproximate, `${entry.id} ${file.path}: an exact size`);
        assert.match(file.sha256 ?? '', /^[0-9a-f]{64}$/, `${entry.id} ${file.path}`);
      }
      assert.equal(commits.size, 1, `${entry.id}: every file from one commit`);
      assert.equal(entry.licence, 'MIT');
      // English-only exports say so; the multilingual ones do not claim a language list.
      assert.equal(name.endsWith('.en'), entry.languages?.join() === 'en', entry.id);
    }
  });

  test("each entry's file names pass the folder check a finished download goes through, under the entry's model name", async () => {
    for (const entry of await whisperEntries()) {
      const name = entry.id.replace(/^whisper-/, '');
      const dir = path.join(tmp, entry.id);
      await fs.mkdir(dir, { recursive: true });
      // The fixture's graphs stand in for the real ones; only the names are the catalog's.
      await fs.copyFile(path.join(fixture, 'tiny-encoder.onnx'), path.join(dir, `${name}-encoder.int8.onnx`));
      await fs.copyFile(path.join(fixture, 'tiny-decoder.onnx'), path.join(dir, `${name}-decoder.int8.onnx`));
      await fs.copyFile(path.join(fixture, 'tiny-tokens.txt'), path.join(dir, `${name}-tokens.txt`));
      await fs.copyFile(vadFixture, path.join(dir, 'silero_vad.onnx'));
      const files = entry.files.map((f) => f.path);
      const detected = await checkModelFolder('whisper-onnx', dir, files, entry.name);
      assert.equal(detected.format, 'whisper-onnx');
      assert.equal(detected.modality, 'speech-to-text');
      assert.equal(detected.mainFile, `${name}-encoder.int8.onnx`);
      assert.equal(detected.name, `Whisper ${name}`);
      // The host is handed the voice-activity graph the entry brings, so long audio is cut at pauses.
      assert.equal(path.basename((await checkWhisperFolder(dir)).vad ?? ''), 'silero_vad.onnx');
    }
  });
});
