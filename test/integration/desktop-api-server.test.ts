import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { AtelierError } from '../../preload/errors.js';
import { API_KEY_FILE, DesktopApiServer, desktopApiKey, MIN_API_KEY_LENGTH } from '../../main/hosts/web/openai/desktop-api-server.js';
import { rawRequest } from '../support/raw-http.js';
import { tempHome } from '../support/web-host.js';

// The desktop app has no HTTP server of its own: the apiServer setting starts, moves and
// stops the OpenAI-compatible API on loopback. Electron is not needed to check that.
describe('the desktop app’s OpenAI-compatible API follows its setting', () => {
  let home: string;
  let studio: Studio;
  let api: DesktopApiServer;

  before(async () => {
    home = await tempHome('atelier-desktop-api-');
    studio = await createStudio({ host: 'cli', home });
    api = new DesktopApiServer(studio, home);
    studio.settings.onChange((settings) => void api.apply(settings.apiServer));
  });

  after(async () => {
    await api.stop();
    await studio.dispose();
    await fs.rm(home, { recursive: true, force: true });
  });

  const freePort = async () => {
    const { createServer } = await import('node:net');
    return new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
  };

  test('off by default; on, it answers the official client with the key from the data folder; moved, then off', async () => {
    assert.deepEqual(studio.settings.get().apiServer, { enabled: false, port: 4174 });
    assert.equal(api.address(), null);

    const port = await freePort();
    await studio.settings.set({ apiServer: { enabled: true, port } });
    await api.apply(studio.settings.get().apiServer);
    assert.equal(api.address(), `http://127.0.0.1:${port}/v1`);
    const keyFile = path.join(home, API_KEY_FILE);
    assert.equal((await fs.stat(keyFile)).mode & 0o777, 0o600);
    const key = (await fs.readFile(keyFile, 'utf8')).trim();

    const client = new OpenAI({ baseURL: api.address() as string, apiKey: key });
    const models = await client.models.list();
    assert.ok(models.data.some((m) => m.id === 'espeak'));
    await assert.rejects(
      new OpenAI({ baseURL: api.address() as string, apiKey: 'wrong-key-wrong-key' }).models.list(),
      (error: Error & { status?: number }) => error.status === 401,
    );

    const moved = await freePort();
    await studio.settings.set({ apiServer: { enabled: true, port: moved } });
    await api.apply(studio.settings.get().apiServer);
    assert.equal(api.address(), `http://127.0.0.1:${moved}/v1`);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/v1/models`));
    const again = await new OpenAI({ baseURL: api.address() as string, apiKey: key }).models.list();
    assert.ok(again.data.length > 0, 'the same key still works after the move');

    await studio.settings.set({ apiServer: { enabled: false, port: moved } });
    await api.apply(studio.settings.get().apiServer);
    assert.equal(api.address(), null);
    await assert.rejects(fetch(`http://127.0.0.1:${moved}/v1/models`));
  });

  test('switching it off ends a request still in flight at once, instead of waiting for the client', async () => {
    const port = await freePort();
    await api.apply({ enabled: true, port });
    const key = await desktopApiKey(home);
    const { connect } = await import('node:net');
    // A client midway through its request (a slow upload; a streaming answer is the same to the server): not idle.
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"model":`,
    );
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<string>((resolve) => (timer = setTimeout(() => resolve('still stopping after 10 s'), 10_000)));
    try {
      assert.equal(await Promise.race([api.apply({ enabled: false, port }).then(() => 'off'), stuck]), 'off');
      assert.equal(api.address(), null);
      await closed;
    } finally {
      clearTimeout(timer);
      socket.destroy();
    }
  });

  test('a port already taken is logged and leaves the API off, without throwing', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    try {
      await api.apply({ enabled: true, port });
      assert.equal(api.address(), null);
    } finally {
      blocker.close();
    }
  });

  test('the web host’s guards: a foreign Host is refused, answers carry the security headers, image links use the bound address', async () => {
    const port = await freePort();
    await api.apply({ enabled: true, port });
    try {
      const key = (await fs.readFile(path.join(home, API_KEY_FILE), 'utf8')).trim();
      const auth = { Authorization: `Bearer ${key}` };
      const rebound = await rawRequest(port, 'GET', '/v1/models', { ...auth, Host: `rebind.example:${port}` });
      assert.equal(rebound.status, 403);
      assert.equal((JSON.parse(rebound.body) as { error: { code: string } }).error.code, 'forbidden_host');
      assert.equal((await rawRequest(port, 'GET', '/v1/models', { ...auth, Host: `127.0.0.1:${port + 1}` })).status, 403);
      assert.equal((await rawRequest(port, 'GET', '/v1/models', { ...auth, Host: `localhost:${port}` })).status, 200);

      const models = await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: auth });
      assert.equal(models.status, 200);
      assert.equal(models.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(models.headers.get('x-frame-options'), 'DENY');
      assert.equal(models.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(models.headers.get('cross-origin-resource-policy'), 'same-origin');
      assert.match(models.headers.get('content-security-policy') ?? '', /default-src 'none'.*frame-ancestors 'none'/);
      assert.equal((await rawRequest(port, 'GET', '/%761/models')).status, 401, 'an encoded spelling still needs the key');

      // Sent with Host: localhost (allowed), the link still names the address the server is bound to.
      const generated = await rawRequest(
        port,
        'POST',
        '/v1/images/generations',
        { ...auth, Host: `localhost:${port}`, 'Content-Type': 'application/json' },
        JSON.stringify({ model: 'procedural', prompt: 'harbour', size: '256x256', response_format: 'url' }),
      );
      assert.equal(generated.status, 200, generated.body);
      const url = (JSON.parse(generated.body) as { data: { url: string }[] }).data[0]?.url ?? '';
      assert.match(url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/v1/images/files/[0-9a-f]{32}\\.png$`));
      const image = await fetch(url);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/png');
    } finally {
      await api.apply({ enabled: false, port });
    }
  });

  test('a key shorter than 16 characters is refused at start with a typed error; the made key is long', async () => {
    for (const short of ['short', 'x'.repeat(MIN_API_KEY_LENGTH - 1), 'sixteen chars ok']) {
      await assert.rejects(
        desktopApiKey(home, { ATELIER_API_KEY: short }),
        (error: unknown) => error instanceof AtelierError && error.code === 'INVALID_INPUT',
      );
    }
    assert.equal(await desktopApiKey(home, { ATELIER_API_KEY: 'k'.repeat(MIN_API_KEY_LENGTH) }), 'k'.repeat(MIN_API_KEY_LENGTH));

    const saved = process.env.ATELIER_API_KEY;
    process.env.ATELIER_API_KEY = 'too-short';
    try {
      const port = await freePort();
      await assert.rejects(
        api.apply({ enabled: true, port }),
        (error: unknown) => error instanceof AtelierError && error.code === 'INVALID_INPUT' && /16 or more/.test(error.message),
      );
      assert.equal(api.address(), null, 'the server stays off');
      await assert.rejects(fetch(`http://127.0.0.1:${port}/v1/models`));
    } finally {
      if (saved === undefined) delete process.env.ATELIER_API_KEY;
      else process.env.ATELIER_API_KEY = saved;
    }

    // A short key left in the data folder (an old version, a hand edit) is replaced by a long one.
    const other = await tempHome('atelier-desktop-key-');
    try {
      await fs.writeFile(path.join(other, API_KEY_FILE), 'abc\n');
      const made = await desktopApiKey(other, {});
      assert.ok(made.length >= 48, made);
      assert.equal((await fs.readFile(path.join(other, API_KEY_FILE), 'utf8')).trim(), made);
    } finally {
      await fs.rm(other, { recursive: true, force: true });
    }
  });
});
