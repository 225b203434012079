import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

// CORS on /v1 is opt-in: only origins listed in Settings get CORS headers and answered preflights.
let home: string;
let host: RunningWebHost;
const LISTED = 'http://localhost:5173';
const OTHER = 'https://evil.example';

before(async () => {
  home = await tempHome('atelier-cors-');
  host = await startWebHostProcess({ home });
});

after(async () => {
  await host?.stop();
  await fs.rm(home, { recursive: true, force: true });
});

const preflight = (origin: string, path = '/v1/chat/completions') =>
  fetch(`${host.origin}${path}`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type, x-stainless-os' },
  });
const listModels = (origin: string) => fetch(`${host.origin}/v1/models`, { headers: { Origin: origin, Authorization: `Bearer ${host.token}` } });
const corsHeaders = (reply: Response) => [...reply.headers.keys()].filter((name) => name.startsWith('access-control-'));

async function setOrigins(origins: unknown): Promise<Response> {
  return fetch(`${host.origin}/api/settings.set`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ apiCorsOrigins: origins }),
  });
}

describe('CORS on /v1', () => {
  test('by default no origin gets a CORS header, and a preflight is refused', async () => {
    const settings = (await (
      await fetch(`${host.origin}/api/settings.get`, { method: 'POST', headers: { Authorization: `Bearer ${host.token}` } })
    ).json()) as {
      result: { apiCorsOrigins: string[] };
    };
    assert.deepEqual(settings.result.apiCorsOrigins, []);
    const answered = await listModels(LISTED);
    assert.equal(answered.status, 200, 'a program that sends an Origin still gets its answer');
    assert.deepEqual(corsHeaders(answered), []);
    const refused = await preflight(LISTED);
    assert.equal(refused.status, 403);
    assert.deepEqual(corsHeaders(refused), []);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'origin_not_allowed');
  });

  test('origins must be plain web origins: a path, a wildcard or "null" is refused by the contract', async () => {
    for (const bad of [['*'], ['null'], ['http://localhost:5173/app'], ['ftp://files.example'], ['https://app.example/']]) {
      const reply = await setOrigins(bad);
      assert.equal(reply.status, 400, JSON.stringify(bad));
      assert.equal(((await reply.json()) as { error: { code: string } }).error.code, 'INVALID_INPUT');
    }
  });

  test('a listed origin gets its preflight answered and may read answers; another origin gets nothing', async () => {
    assert.equal((await setOrigins([LISTED])).status, 200);
    const ok = await preflight(LISTED);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), LISTED);
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(ok.headers.get('access-control-allow-headers'), 'authorization, content-type, x-stainless-os');
    assert.ok(Number(ok.headers.get('access-control-max-age')) > 0);
    assert.equal(ok.headers.get('access-control-allow-credentials'), null, 'keys, not cookies');

    const models = await listModels(LISTED);
    assert.equal(models.status, 200);
    assert.equal(models.headers.get('access-control-allow-origin'), LISTED);
    assert.match(models.headers.get('vary') ?? '', /Origin/i);
    // An error answer carries the header too, so the page can read why.
    const unauthorized = await fetch(`${host.origin}/v1/models`, { headers: { Origin: LISTED } });
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.headers.get('access-control-allow-origin'), LISTED);

    const other = await preflight(OTHER);
    assert.equal(other.status, 403);
    assert.deepEqual(corsHeaders(other), []);
    const otherModels = await listModels(OTHER);
    assert.deepEqual(corsHeaders(otherModels), []);
    // A preflight is never the studio's own /api: the contract routes still refuse foreign origins.
    const api = await fetch(`${host.origin}/api/app.info`, { method: 'POST', headers: { Origin: LISTED, Authorization: `Bearer ${host.token}` } });
    assert.equal(api.status, 403);
    assert.deepEqual(corsHeaders(api), []);
  });

  test('removing the origin in Settings takes effect at once', async () => {
    assert.equal((await setOrigins([])).status, 200);
    assert.equal((await preflight(LISTED)).status, 403);
    assert.deepEqual(corsHeaders(await listModels(LISTED)), []);
  });
});
