import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ggufModality } from '../../main/platform/formats/gguf-modality.js';
import { readGgufHeader } from '../../main/platform/formats/gguf-header.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';

describe('what a GGUF makes, by its header', () => {
  test('the fixture BERT is an embedding model and the fixture llama a text model', async () => {
    await ensureFixtures({ only: ['tiny-bert-embed', 'tiny-llama'] });
    assert.equal(ggufModality(await readGgufHeader(fixturePath('tiny-bert-embed'))), 'embedding');
    assert.equal(ggufModality(await readGgufHeader(fixturePath('tiny-llama'))), 'text');
  });

  test('encoder architectures are embedding models whatever their pooling', () => {
    for (const architecture of ['bert', 'nomic-bert', 'jina-bert-v2', 'modern-bert'])
      assert.equal(ggufModality({ architecture, metadata: {} }), 'embedding', architecture);
  });

  test('a decoder is an embedding model only with mean, CLS or last-token pooling (not none, not rank)', () => {
    const qwen = (pooling?: number) => ({
      architecture: 'qwen3',
      metadata: pooling === undefined ? {} : ({ 'qwen3.pooling_type': pooling } as Record<string, number>),
    });
    assert.equal(ggufModality(qwen()), 'text');
    assert.equal(ggufModality(qwen(0)), 'text');
    for (const pooling of [1, 2, 3]) assert.equal(ggufModality(qwen(pooling)), 'embedding', String(pooling));
    assert.equal(ggufModality(qwen(4)), 'text', 'a reranker makes scores, not vectors');
    assert.equal(ggufModality({ architecture: 'llama', metadata: { 'qwen3.pooling_type': 1 } }), 'text', 'only its own architecture’s key counts');
  });
});
