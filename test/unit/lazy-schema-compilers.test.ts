// Fastify's JSON-schema compilers load on first use (main/hosts/web/lazy-schema-compilers.ts):
// Atelier's routes declare no schema, but a route that does is validated as fastify would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import { lazySchemaCompilers } from '../../main/hosts/web/lazy-schema-compilers.js';

test('a route with a body schema is validated by the compilers made on first use', async () => {
  const app = Fastify({ schemaController: lazySchemaCompilers });
  app.post(
    '/echo',
    { schema: { body: { type: 'object', required: ['word'], properties: { word: { type: 'string', maxLength: 8 } } } } },
    async (request) => request.body,
  );
  try {
    const good = await app.inject({ method: 'POST', url: '/echo', payload: { word: 'lamp' } });
    assert.equal(good.statusCode, 200);
    assert.deepEqual(good.json(), { word: 'lamp' });
    const bad = await app.inject({ method: 'POST', url: '/echo', payload: { word: 'lighthouse keeper' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /must NOT have more than 8 characters/);
  } finally {
    await app.close();
  }
});
