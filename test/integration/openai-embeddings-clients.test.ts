import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createOpenAI } from '@ai-sdk/openai';
import { OpenAIEmbeddings } from '@langchain/openai';
import { cosineSimilarity, embed, embedMany } from 'ai';
import OpenAI from 'openai';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_BERT_DIMENSIONS } from '../../models/fixtures/tiny-bert-embed.js';
import { runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

// /v1/embeddings through the clients agent frameworks use, against a real `atelier serve`
// with the fixture BERT embedding model (and the fixture text model, which is not one).
let home: string;
let host: RunningWebHost;
let embedId: string;
let textId: string;

function importModel(file: string): void {
  const imported = runCli(['models', 'import', file, '--reference'], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
}

before(async () => {
  await ensureFixtures({ only: ['tiny-bert-embed', 'tiny-llama'] });
  home = await tempHome('atelier-embeddings-');
  await fs.writeFile(path.join(home, 'settings.json'), JSON.stringify({ threads: 2, contextSize: 1024 }));
  importModel(fixturePath('tiny-bert-embed'));
  importModel(fixturePath('tiny-llama'));
  const listed = JSON.parse(runCli(['models', 'list', '--json'], { ATELIER_HOME: home }).stdout) as { id: string; modality: string }[];
  embedId = listed.find((m) => m.modality === 'embedding')?.id as string;
  textId = listed.find((m) => m.modality === 'text')?.id as string;
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

const client = () => new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 120_000 });

function assertVector(vector: readonly number[]): void {
  assert.equal(vector.length, TINY_BERT_DIMENSIONS);
  assert.ok(vector.every(Number.isFinite), 'every value is a finite number');
  assert.ok(Math.abs(Math.hypot(...vector) - 1) < 1e-4, 'unit length, as OpenAI sends them');
}

function assertClose(a: readonly number[], b: readonly number[], what: string): void {
  assert.equal(a.length, b.length, what);
  assert.ok(
    a.every((v, i) => Math.abs(v - (b[i] as number)) < 1e-6),
    what,
  );
}

async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${host.origin}/v1/embeddings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('importing by content', () => {
  test('a BERT GGUF is an embedding model, listed as one', async () => {
    assert.ok(embedId, 'the fixture was imported as an embedding model');
    assert.ok(textId, 'the llama fixture stays a text model');
    const models = await client().models.list({ query: { modality: 'embedding' } });
    assert.deepEqual(
      models.data.map((m) => m.id),
      [embedId],
    );
  });
});

describe('the openai client', () => {
  test('embeddings.create with float vectors: batched, equal for equal input, different for different input', async () => {
    const reply = await client().embeddings.create({
      model: embedId,
      input: ['The lighthouse keeper counted ships.', 'A cat sleeps by the fire.', 'The lighthouse keeper counted ships.'],
      encoding_format: 'float',
    });
    assert.equal(reply.object, 'list');
    assert.equal(reply.model, embedId);
    assert.deepEqual(
      reply.data.map((d) => d.index),
      [0, 1, 2],
    );
    const [a, b, c] = reply.data.map((d) => d.embedding) as [number[], number[], number[]];
    for (const v of [a, b, c]) assertVector(v);
    assertClose(a, c, 'the same text gets the same vector');
    assert.ok(Math.abs(cosineSimilarity(a, c) - 1) < 1e-6);
    assert.ok(cosineSimilarity(a, b) < 0.99, 'different texts get different vectors');
    assert.ok(reply.usage.prompt_tokens > 6, 'usage counts the tokens of all three inputs');
    assert.equal(reply.usage.total_tokens, reply.usage.prompt_tokens);
  });

  test('base64: the client’s default decodes to the float vector, and explicit base64 is float32 little-endian', async () => {
    const text = 'Waves against the harbour wall.';
    const float = (await client().embeddings.create({ model: embedId, input: text, encoding_format: 'float' })).data[0]?.embedding as number[];
    const decoded = (await client().embeddings.create({ model: embedId, input: text })).data[0]?.embedding as number[];
    assertVector(decoded);
    assertClose(decoded, float, 'the client’s base64 default decodes to the same vector');
    const raw = await post({ model: embedId, input: text, encoding_format: 'base64' });
    assert.equal(raw.status, 200);
    const encoded = (raw.json.data as { embedding: unknown }[])[0]?.embedding;
    assert.equal(typeof encoded, 'string');
    const bytes = Buffer.from(encoded as string, 'base64');
    assert.equal(bytes.length, TINY_BERT_DIMENSIONS * 4);
    const values = Array.from({ length: TINY_BERT_DIMENSIONS }, (_, i) => bytes.readFloatLE(i * 4));
    assertClose(values, float, 'the base64 bytes are the float32 values');
  });

  test('token arrays, one or several, as OpenAI accepts them', async () => {
    const one = await client().embeddings.create({ model: embedId, input: [10, 11, 12], encoding_format: 'float' });
    assert.equal(one.data.length, 1);
    assertVector(one.data[0]?.embedding as number[]);
    const many = await client().embeddings.create({
      model: embedId,
      input: [
        [10, 11, 12],
        [20, 21],
        [10, 11, 12],
      ],
      encoding_format: 'float',
    });
    assert.equal(many.data.length, 3);
    assertClose(many.data[0]?.embedding as number[], one.data[0]?.embedding as number[], 'the same tokens get the same vector');
    assert.ok(cosineSimilarity(many.data[0]?.embedding as number[], many.data[1]?.embedding as number[]) < 0.99);
    // Each input gets the model's start and end tokens around it.
    assert.equal(many.usage.prompt_tokens, 3 + 2 + 3 + 3 * 2);
  });

  test('dimensions: the model’s own is accepted, any other is a 400 that says why', async () => {
    const same = await client().embeddings.create({ model: embedId, input: 'dawn', dimensions: TINY_BERT_DIMENSIONS, encoding_format: 'float' });
    assertVector(same.data[0]?.embedding as number[]);
    await assert.rejects(client().embeddings.create({ model: embedId, input: 'dawn', dimensions: 8 }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.equal(error.param, 'dimensions');
      assert.match(error.message, /32-dimensional/);
      return true;
    });
  });

  test('a model that is not an embedding model, or none at all, is a 404 model_not_found', async () => {
    for (const model of [textId, 'no-such-model']) {
      await assert.rejects(client().embeddings.create({ model, input: 'dawn' }), (error: unknown) => {
        assert.ok(error instanceof OpenAI.NotFoundError, String(error));
        assert.equal(error.code, 'model_not_found');
        assert.equal(error.param, 'model');
        return true;
      });
    }
  });

  test('bad input is a 400 in OpenAI’s shape, and the server goes on serving', async () => {
    for (const input of ['', [], [[]], [1.5], ['ok', 7]]) {
      const reply = await post({ model: embedId, input });
      assert.equal(reply.status, 400, JSON.stringify(input));
      assert.equal((reply.json.error as { type: string }).type, 'invalid_request_error');
    }
    const unknownToken = await post({ model: embedId, input: [[1, 2, 999_999]] });
    assert.equal(unknownToken.status, 400);
    assert.match((unknownToken.json.error as { message: string }).message, /token id 999999/);
    const tooLong = await post({ model: embedId, input: 'dawn '.repeat(600) });
    assert.equal(tooLong.status, 400);
    assert.match((tooLong.json.error as { message: string }).message, /at most 511/);
    const fine = await post({ model: embedId, input: 'dawn' });
    assert.equal(fine.status, 200);
  });
});

describe('LangChain', () => {
  test('OpenAIEmbeddings embedQuery and embedDocuments', async () => {
    const embeddings = new OpenAIEmbeddings({ model: embedId, apiKey: host.token, configuration: { baseURL: `${host.origin}/v1` }, maxRetries: 0 });
    const query = await embeddings.embedQuery('ships before dawn');
    assertVector(query);
    const documents = await embeddings.embedDocuments(['ships before dawn', 'a storm at night', 'ships before dawn']);
    assert.equal(documents.length, 3);
    for (const d of documents) assertVector(d);
    assertClose(documents[0] as number[], query, 'a document and the same query text match');
    assertClose(documents[0] as number[], documents[2] as number[], 'equal documents get equal vectors');
    assert.ok(cosineSimilarity(documents[0] as number[], documents[1] as number[]) < 0.99);
  });
});

describe('the Vercel AI SDK', () => {
  test('embed with .embedding() and embedMany with .textEmbeddingModel()', async () => {
    const provider = createOpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token });
    const one = await embed({ model: provider.embedding(embedId), value: 'the keeper’s light', maxRetries: 0 });
    assertVector(one.embedding);
    assert.ok((one.usage.tokens ?? 0) > 0);
    const many = await embedMany({ model: provider.textEmbeddingModel(embedId), values: ['the keeper’s light', 'music in the harbour'], maxRetries: 0 });
    assert.equal(many.embeddings.length, 2);
    assertClose(many.embeddings[0] as number[], one.embedding, 'embed and embedMany agree');
    assert.ok(Math.abs(cosineSimilarity(one.embedding, many.embeddings[0] as number[]) - 1) < 1e-6);
    assert.ok(cosineSimilarity(many.embeddings[0] as number[], many.embeddings[1] as number[]) < 0.99);
  });
});
