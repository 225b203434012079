import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CatalogSchema, catalogTotals } from '../../main/core/models/catalog-schema.js';
import { locateCatalog } from '../../main/core/models/catalog.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const raw = JSON.parse(fs.readFileSync(path.join(REPO, 'models', 'catalog.json'), 'utf8')) as { models: any[] };
const parsed = CatalogSchema.safeParse(raw);

function variant(change: (entry: any) => void): unknown {
  const copy = structuredClone(raw);
  change(copy.models[0]);
  return copy;
}

describe('the shipped catalog (models/catalog.json)', () => {
  test('validates against the schema', () => {
    assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3)));
  });

  const models = parsed.success ? parsed.data.models : [];

  test('every download, licence and source address is https', () => {
    for (const entry of models) {
      for (const file of entry.files) assert.match(file.url, /^https:\/\//, `${entry.id} ${file.path}`);
      assert.match(entry.licenceUrl, /^https:\/\//);
      assert.match(entry.source, /^https:\/\//);
    }
  });

  test('offers at least four instruct GGUF text models from about 0.5B to about 8B parameters', () => {
    const text = models.filter((m) => m.modality === 'text');
    assert.ok(text.length >= 4);
    const billions = text.map((m) => Number.parseFloat(m.parameters ?? 'NaN'));
    assert.ok(
      billions.every((b) => b >= 0.4 && b <= 8.5),
      String(billions),
    );
    assert.ok(Math.min(...billions) <= 0.6 && Math.max(...billions) >= 7);
    for (const m of text) {
      assert.match(m.quantization ?? '', /^Q4_K_[MS]$/);
      assert.match(m.files[0]?.path ?? '', /\.gguf$/);
    }
  });

  test('offers two or more GGUF embedding models, each pinned to a commit with its exact size and sha256', () => {
    const embedding = models.filter((m) => m.modality === 'embedding');
    assert.ok(embedding.length >= 2);
    for (const m of embedding) {
      assert.equal(m.format, 'gguf', m.id);
      assert.equal(m.files.length, 1, m.id);
      const file = m.files[0];
      assert.match(file?.url ?? '', /^https:\/\/huggingface\.co\/[^/]+\/[^/]+\/resolve\/[0-9a-f]{40}\/[^/]+\.gguf$/, m.id);
      assert.ok(file?.size && !file.sizeApproximate, m.id);
      assert.match(file?.sha256 ?? '', /^[0-9a-f]{64}$/, m.id);
    }
  });

  test('offers two diffusers ONNX image models, each one entry of many files', () => {
    const image = models.filter((m) => m.format === 'diffusers-onnx');
    assert.ok(image.length >= 2);
    for (const m of image) {
      assert.ok(m.files.length > 2, m.id);
      for (const needed of [
        'model_index.json',
        'unet/model.onnx',
        'text_encoder/model.onnx',
        'vae_decoder/model.onnx',
        'tokenizer/vocab.json',
        'tokenizer/merges.txt',
      ]) {
        assert.ok(
          m.files.some((f) => f.path === needed),
          `${m.id} has ${needed}`,
        );
      }
    }
  });

  test('offers Kokoro 82M in fp32, fp16 and 8-bit, each one folder in the onnx-community layout with every voice pack pinned', () => {
    const kokoro = models.filter((m) => m.format === 'kokoro');
    assert.deepEqual(kokoro.map((m) => m.quantization).sort(), ['fp16', 'fp32', 'q8', 'q8f16']);
    for (const m of kokoro) {
      assert.equal(m.licence, 'Apache-2.0');
      const graphs = m.files.filter((f) => f.path.startsWith('onnx/'));
      assert.equal(graphs.length, 1, m.id);
      for (const needed of ['config.json', 'tokenizer.json', 'voices/af_heart.bin', 'voices/bm_george.bin'])
        assert.ok(
          m.files.some((f) => f.path === needed),
          `${m.id} has ${needed}`,
        );
      // Every file from one pinned commit, so a later upload under `main` cannot change what a checksum promised.
      const commits = new Set(
        m.files.map((f) => /^https:\/\/huggingface\.co\/onnx-community\/Kokoro-82M-v1\.0-ONNX\/resolve\/([0-9a-f]{40})\//.exec(f.url)?.[1]),
      );
      assert.equal(commits.size, 1, m.id);
      assert.ok(!commits.has(undefined), m.id);
      for (const f of m.files) assert.ok(f.url.endsWith(`/${f.path}`), f.url);
      const packs = m.files.filter((f) => f.path.startsWith('voices/'));
      assert.ok(packs.length >= 50, `${m.id} has ${packs.length} voices`);
      // 510 rows of 256 float32: the published packs' own size, and each pinned by its hash.
      for (const pack of packs) assert.ok(pack.size === 522_240 && pack.sha256, pack.path);
    }
  });

  test('offers ×2 and ×4 Real-ESRGAN upscalers, each one .onnx pinned to a commit with its exact size and sha256', () => {
    const upscalers = models.filter((m) => m.format === 'upscaler-onnx');
    const scales = new Set(upscalers.map((m) => /×(\d)/.exec(m.name)?.[1]));
    assert.ok(scales.has('2') && scales.has('4'), [...scales].join());
    for (const m of upscalers) {
      assert.equal(m.modality, 'upscaler', m.id);
      assert.equal(m.licence, 'BSD-3-Clause', m.id);
      const [file] = m.files;
      assert.match(file?.url ?? '', /^https:\/\/huggingface\.co\/[^/]+\/[^/]+\/resolve\/[0-9a-f]{40}\/[^/]+\.onnx$/, m.id);
      assert.ok(file?.size && !file.sizeApproximate, m.id);
      assert.match(file?.sha256 ?? '', /^[0-9a-f]{64}$/, m.id);
    }
  });

  test('offers six or more Piper voices in three or more languages, each an .onnx with its .onnx.json', () => {
    const voices = models.filter((m) => m.format === 'piper');
    assert.ok(voices.length >= 6);
    const languages = new Set(voices.flatMap((v) => v.languages ?? []).map((l) => l.split('-')[0]));
    assert.ok(languages.size >= 3, [...languages].join());
    for (const v of voices) {
      const [onnx, json] = v.files;
      assert.equal(`${onnx?.path}.json`, json?.path);
      assert.equal(`${onnx?.url}.json`, json?.url);
    }
  });

  test('sizes are exact bytes unless marked approximate, and every entry says what it needs', () => {
    for (const entry of models) {
      const { totalSize } = catalogTotals(entry);
      assert.ok(totalSize > 0, entry.id);
      assert.ok(entry.ramMb > 0 && entry.description.length > 20 && entry.licence.length > 1, entry.id);
      for (const file of entry.files) {
        if (file.size !== undefined && !file.sizeApproximate) assert.ok(Number.isInteger(file.size));
        if (file.sizeApproximate) assert.ok(file.size !== undefined && file.size % 1000 === 0, `${entry.id} ${file.path}: a rounded size`);
      }
    }
    // Every GGUF and every Piper voice file has a published checksum.
    for (const entry of models.filter((m) => m.format === 'gguf' || m.format === 'piper')) {
      assert.match(entry.files[0]?.sha256 ?? '', /^[0-9a-f]{64}$/, entry.id);
    }
    // Every Kokoro file too (graphs, settings, tokenizer and voice packs), with its exact size.
    const unpinned = models
      .filter((m) => m.format === 'kokoro')
      .flatMap((m) => m.files.filter((f) => !f.sha256 || f.size === undefined || f.sizeApproximate).map((f) => f.path));
    assert.deepEqual(unpinned, []);
  });
});

describe('CatalogSchema', () => {
  test('refuses plain http except to loopback', () => {
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.files[0].url = 'http://example.org/model.gguf'))).success, false);
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.files[0].url = 'http://127.0.0.1:8080/model.gguf'))).success, true);
  });

  test('refuses duplicate ids, unsafe paths, bad checksums and a format that does not match its modality', () => {
    const dup = structuredClone(raw);
    dup.models.push(structuredClone(dup.models[0]));
    assert.equal(CatalogSchema.safeParse(dup).success, false);
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.files[0].path = '../escape.gguf'))).success, false);
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.files[0].path = '/etc/model.gguf'))).success, false);
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.files[0].sha256 = 'ABC'))).success, false);
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.modality = 'voice'))).success, false);
    assert.equal(CatalogSchema.safeParse(variant((e) => (e.id = 'a/b'))).success, false);
  });

  test('refuses a Piper voice without its settings file', () => {
    const copy = structuredClone(raw);
    const voice = copy.models.find((m) => m.format === 'piper');
    voice.files = voice.files.slice(0, 1);
    assert.equal(CatalogSchema.safeParse(copy).success, false);
  });
});

describe('locateCatalog', () => {
  test('ATELIER_CATALOG wins; otherwise models/catalog.json is found above the code', () => {
    assert.equal(locateCatalog({ ATELIER_CATALOG: 'some/where.json' }), path.resolve('some/where.json'));
    assert.equal(locateCatalog({}), path.join(REPO, 'models', 'catalog.json'));
  });
});
