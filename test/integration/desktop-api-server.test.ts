import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { createStudio, type Studio } from '../../main/core/studio.js';
import { API_KEY_FILE, DesktopApiServer } from '../../main/hosts/web/openai/desktop-api-server.js';
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
    await assert.rejects(new OpenAI({ baseURL: api.address() as string, apiKey: 'wrong-key-wrong-key' }).models.list(), (error: Error & { status?: number }) => error.status === 401);

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
});
