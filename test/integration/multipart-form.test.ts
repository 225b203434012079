import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { OpenAiError } from '../../main/hosts/web/openai/openai-errors.js';
import { readMultipartForm, registerMultipart } from '../../main/hosts/web/openai/multipart-form.js';

// The upload routes' one parse helper, over a real loopback server and the platform's own FormData.
let app: FastifyInstance;
let url: string;

before(async () => {
  app = Fastify();
  await registerMultipart(app, 64 * 1024);
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof OpenAiError) return reply.code(error.status).send(error.body());
    return reply.code(500).send({ unexpected: String(error) });
  });
  app.post('/form', async (request) => {
    const form = await readMultipartForm(request);
    const file = form.file('file');
    return {
      fields: form.fields,
      files: form.files.map((f) => ({ field: f.field, filename: f.filename, mimetype: f.mimetype, bytes: f.data.length })),
      firstByte: file?.data[0] ?? null,
      prototypeFree: Object.getPrototypeOf(form.fields) === null,
    };
  });
  url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/form`;
});
after(() => app.close());

test('fields, a repeated field and files arrive as sent', async () => {
  const body = new FormData();
  body.append('model', 'whisper-tiny');
  body.append('timestamp_granularities[]', 'word');
  body.append('timestamp_granularities[]', 'segment');
  body.append('file', new Blob([new Uint8Array([82, 73, 70, 70, 1, 2, 3])], { type: 'audio/wav' }), 'take.wav');
  const response = await fetch(url, { method: 'POST', body });
  assert.equal(response.status, 200);
  const json = (await response.json()) as Record<string, unknown>;
  assert.deepEqual(json.fields, { model: 'whisper-tiny', 'timestamp_granularities[]': ['word', 'segment'] });
  assert.deepEqual(json.files, [{ field: 'file', filename: 'take.wav', mimetype: 'audio/wav', bytes: 7 }]);
  assert.equal(json.firstByte, 82);
  assert.equal(json.prototypeFree, true);
});

test('a JSON body is refused in OpenAI shape, not parsed as a form', async () => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"file":"x"}' });
  assert.equal(response.status, 400);
  const json = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(json.error.code, 'invalid_request');
  assert.match(json.error.message, /multipart\/form-data/);
});

test('a file over the limit is a 413 and the server stays up', async () => {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(65 * 1024)]), 'big.wav');
  const response = await fetch(url, { method: 'POST', body });
  assert.equal(response.status, 413);
  assert.match(((await response.json()) as { error: { message: string } }).error.message, /too large/);
  const small = new FormData();
  small.append('file', new Blob([new Uint8Array(10)]), 'small.wav');
  assert.equal((await fetch(url, { method: 'POST', body: small })).status, 200);
});

test('a field named __proto__ is refused, and pollutes nothing', async () => {
  const body = new FormData();
  body.append('__proto__', 'polluted');
  const response = await fetch(url, { method: 'POST', body });
  assert.equal(response.status, 400);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
