import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { createStudio, type Studio } from '../../main/app/studio.js';
import type { RouteEntry } from '../../main/hosts/web/route-access.js';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host.js';
import { spellings } from '../support/path-spellings.js';
import { rawRequest, rawUpgrade, type RawReply } from '../support/raw-http.js';
import { REPO_ROOT, tempHome } from '../support/web-host.js';

// The token check once read the raw URL while the router decoded it: `/%61pi/app.info`
// ran app.info with no token. Access is now decided by the route that matched. These
// probes send every protected route of the real host, in every spelling that has fooled
// servers, verbatim over a socket, and check that none runs a handler without the token.
const RENDERER = path.join(REPO_ROOT, 'dist', 'renderer');

let home: string;
let studio: Studio;
let host: WebHost;
let handlerCalls: string[] = [];
const table = new Map<string, { tried: number; refused: number }>();

function count(probe: string, refused: boolean): void {
  const row = table.get(probe) ?? { tried: 0, refused: 0 };
  row.tried++;
  if (refused) row.refused++;
  table.set(probe, row);
}

/** The concrete paths a route pattern stands for; /api/:name gets calls that would change or reveal something. */
function concrete(route: RouteEntry): string[] {
  if (route.url === '/api/:name') return ['/api/app.info', '/api/settings.set', '/api/projects.create', '/api/projects.list'];
  const filled = route.url.replace(/:(\w+)\?/g, 'file').replace(/:(\w+)/g, (_m, name: string) => (name === 'name' ? 'story.html' : 'a1b2c3'));
  return [filled];
}

const BODY: Record<string, string> = {
  '/api/settings.set': JSON.stringify({ theme: 'dark', threads: 3 }),
  '/api/projects.create': JSON.stringify({ title: 'Made without a token' }),
};

/**
 * A refusal is 401, 403 or 404 with a JSON error that has a message (our shape, or OpenAI's
 * on /v1); or 400 INVALID_INPUT for a request line node's parser cannot read (no route at all).
 */
function isTypedRefusal(reply: RawReply): boolean {
  if (![400, 401, 403, 404].includes(reply.status)) return false;
  try {
    const body = JSON.parse(reply.body) as { error?: { code?: unknown; message?: unknown } };
    if (reply.status === 400) return body.error?.code === 'INVALID_INPUT' && body.error.message === 'Malformed request.';
    return typeof body.error?.message === 'string' && (typeof body.error.code === 'string' || body.error.code === null);
  } catch {
    return false;
  }
}

before(async () => {
  assert.ok(existsSync(path.join(RENDERER, 'index.html')), 'run `node scripts/build.mjs` first: the public routes are the built renderer');
  home = await tempHome('atelier-auth-');
  studio = await createStudio({ host: 'cli', home });
  host = await startWebHost({ studio, rendererDir: RENDERER, openai: { enabled: true, keys: ['fixed-key-0123456789abcdef'] } });
  // Counts every contract call the host dispatches: a refused probe must never reach one.
  const call = studio.call.bind(studio);
  studio.call = (name: string, input: unknown) => {
    handlerCalls.push(name);
    return call(name, input);
  };
});

after(async () => {
  const rows = [...table].map(([probe, row]) => `${probe.padEnd(44)} ${String(row.tried).padStart(5)} ${String(row.refused).padStart(7)}`);
  const total = [...table.values()].reduce((sum, row) => ({ tried: sum.tried + row.tried, refused: sum.refused + row.refused }), { tried: 0, refused: 0 });
  console.log(
    [
      'probe class                                  tried refused',
      ...rows,
      `${'total'.padEnd(44)} ${String(total.tried).padStart(5)} ${String(total.refused).padStart(7)}`,
    ].join('\n'),
  );
  await host.close();
  await studio.dispose();
  await fs.rm(home, { recursive: true, force: true });
});

describe('access is decided by the matched route', () => {
  test('the route table: everything is protected except the renderer’s own files, the /v1 image links and /v1 preflights', () => {
    const routes = host.routes();
    assert.ok(routes.some((r) => r.url === '/api/:name' && r.access === 'token'));
    assert.ok(routes.some((r) => r.url === '/events' && r.access === 'events' && r.websocket));
    for (const route of routes.filter((r) => r.access === 'public')) {
      assert.equal(route.method, 'GET', `${route.url} is public, so it must be a read`);
      const file = route.url === '/' ? 'index.html' : route.url.slice(1);
      assert.ok(existsSync(path.join(RENDERER, file)), `public route ${route.url} is a file of the built renderer`);
    }
    assert.deepEqual(
      routes.filter((r) => r.access === 'capability').map((r) => r.url),
      ['/v1/images/files/:file'],
    );
    // The preflight route answers with CORS headers for origins listed in Settings (none here) and runs nothing else.
    assert.deepEqual(
      routes.filter((r) => r.access === 'preflight').map((r) => `${r.method} ${r.url}`),
      ['OPTIONS /v1/*'],
    );
    assert.ok(routes.filter((r) => r.url.startsWith('/v1/') && r.access !== 'capability' && r.access !== 'preflight').every((r) => r.access === 'api-key'));
  });

  test('every protected route, in every spelling, without the token: a typed refusal, and no handler runs', async () => {
    const settingsBefore = studio.settings.get();
    const projectsBefore = await studio.projects.list();
    const incomingBefore = await fs.readdir(studio.paths.incomingDir).catch(() => []);
    handlerCalls = [];
    const protectedRoutes = host.routes().filter((r) => r.access !== 'public' && r.access !== 'capability' && !r.websocket);
    assert.ok(protectedRoutes.length >= 9, `found ${protectedRoutes.length} protected routes`);
    const failures: string[] = [];
    for (const route of protectedRoutes) {
      for (const plain of concrete(route)) {
        const body = route.method === 'GET' ? undefined : route.url === '/upload' ? 'uploaded without a token' : (BODY[plain] ?? '{}');
        const headers: Record<string, string> =
          route.method === 'GET' ? {} : { 'Content-Type': route.url === '/upload' ? 'application/octet-stream' : 'application/json' };
        const probes = [{ probe: 'plain spelling', path: plain }, ...spellings(plain)];
        for (const { probe, path: spelled } of probes) {
          for (const auth of [{}, { Authorization: 'Bearer wrong-token' }] as Record<string, string>[]) {
            const reply = await rawRequest(host.port, route.method, spelled, { ...headers, ...auth }, body).catch((error: Error) => ({
              status: 0,
              body: error.message,
            }));
            const refused = isTypedRefusal(reply);
            count(probe, refused);
            if (!refused) failures.push(`${route.method} ${spelled} → ${reply.status} ${reply.body.slice(0, 80)}`);
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(handlerCalls, [], 'no contract call ran');
    assert.deepEqual(studio.settings.get(), settingsBefore, 'settings.set did not change the settings');
    assert.deepEqual(await studio.projects.list(), projectsBefore, 'projects.create made no project');
    assert.deepEqual(await fs.readdir(studio.paths.incomingDir).catch(() => []), incomingBefore, 'no upload was kept');
  });

  test('the WebSocket, in every spelling, without the token: no upgrade, a typed refusal', async () => {
    const failures: string[] = [];
    for (const { probe, path: spelled } of [{ probe: 'plain spelling', path: '/events' }, ...spellings('/events')]) {
      for (const protocols of ['atelier', 'atelier, bearer.wrong-token']) {
        const reply = await rawUpgrade(host.port, spelled, protocols, { serverCloseWithinMs: 2000 });
        const refused = reply.status !== 101 && isTypedRefusal(reply) && reply.closedByServer === true;
        count(`WebSocket: ${probe}`, refused);
        if (!refused) failures.push(`${spelled} (${protocols}) → ${reply.status}, closed: ${reply.closedByServer} ${reply.body.slice(0, 80)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test('a refused upgrade is answered and closed by the server, so stopping the host never waits on it', async () => {
    const otherHome = await tempHome('atelier-auth-');
    const other = await createStudio({ host: 'cli', home: otherHome });
    const otherHost = await startWebHost({ studio: other, rendererDir: RENDERER });
    try {
      const good = `atelier, bearer.${otherHost.token}`;
      const refusals: { what: string; path?: string; protocols: string; headers?: Record<string, string> }[] = [
        { what: 'no token', protocols: 'atelier' },
        { what: 'a wrong token', protocols: 'atelier, bearer.wrong-token' },
        { what: 'another Host', protocols: good, headers: { Host: 'attacker.example' } },
        { what: 'another Origin', protocols: good, headers: { Origin: 'http://attacker.example' } },
        { what: 'no such route', path: '/nothing', protocols: good },
      ];
      for (const { what, path: spelled = '/events', protocols, headers } of refusals) {
        const reply = await rawUpgrade(otherHost.port, spelled, protocols, { headers, serverCloseWithinMs: 2000 });
        assert.ok(isTypedRefusal(reply), `${what}: ${reply.status} ${reply.body.slice(0, 80)}`);
        assert.equal(reply.closedByServer, true, `${what}: the server left the socket open`);
      }
      // Before the fix, close() never settled here and the process exited with the studio still open.
      let timer: NodeJS.Timeout | undefined;
      const stuck = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still closing after 10 s'), 10_000)));
      assert.equal(await Promise.race([otherHost.close().then(() => 'closed'), stuck]), 'closed');
      clearTimeout(timer);
    } finally {
      await other.dispose();
      await fs.rm(otherHome, { recursive: true, force: true });
    }
  });

  test('image links under /v1 are capabilities: any spelling of an unknown link is a typed 404', async () => {
    const plain = `/v1/images/files/${'ab'.repeat(16)}.png`;
    for (const { probe, path: spelled } of [{ probe: 'plain spelling', path: plain }, ...spellings(plain)]) {
      const reply = await rawRequest(host.port, 'GET', spelled);
      const refused = isTypedRefusal(reply);
      count(`/v1 image link: ${probe}`, refused);
      assert.ok(refused, `${spelled} → ${reply.status} ${reply.body.slice(0, 80)}`);
    }
  });

  test('an unmatched path is a typed 404 that names nothing, with or without the token', async () => {
    for (const spelled of ['/nothing', '/api', '/api/', '/%61pi', '/exports', '/v2/models', '/.env', '/../../etc/passwd']) {
      for (const auth of [{}, { Authorization: `Bearer ${host.token}` }] as Record<string, string>[]) {
        const reply = await rawRequest(host.port, 'GET', spelled, auth);
        assert.equal(reply.status, 404, spelled);
        assert.deepEqual(JSON.parse(reply.body), { error: { code: 'NOT_FOUND', message: 'Not found.' } });
      }
    }
  });

  test('with the token, the normal spellings still work', async () => {
    const auth = { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' };
    const info = await rawRequest(host.port, 'POST', '/api/app.info', auth, '{}');
    assert.equal(info.status, 200);
    assert.equal((JSON.parse(info.body) as { result: { name: string } }).result.name, 'Atelier');
    const set = await rawRequest(host.port, 'POST', '/api/settings.set', auth, JSON.stringify({ threads: 3 }));
    assert.equal(set.status, 200);
    assert.equal(studio.settings.get().threads, 3);
    const upload = await rawRequest(host.port, 'POST', '/upload', { ...auth, 'Content-Type': 'application/octet-stream' }, 'hello');
    assert.equal(upload.status, 200);
    const models = await rawRequest(host.port, 'GET', '/v1/models', { Authorization: 'Bearer fixed-key-0123456789abcdef' });
    assert.equal(models.status, 200);
    const page = await rawRequest(host.port, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /<!doctype html>/i);

    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/events`, ['atelier', `bearer.${host.token}`]);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    assert.equal(socket.protocol, 'atelier');
    socket.close();
    assert.equal((await rawUpgrade(host.port, '/events', `atelier, bearer.${host.token}`)).status, 101);
  });
});
