import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { InstalledModel, RemoteModels } from '../../preload/contract.js';
import { createFileLogger } from '../../main/platform/log.js';
import { remoteModality } from '../../main/core/remotes/remote-models.js';
import { RemoteModelCache } from '../../main/core/remotes/remote-model-cache.js';
import { RemoteStore } from '../../main/core/remotes/remote-store.js';
import { chooseTextModel, requestedModel } from '../../renderer/src/workspace/write/text-model-choice.js';
import { tempHome } from '../support/web-host.js';

describe('what a remote model makes', () => {
  test('an Atelier remote says so; its word wins over the id', () => {
    assert.equal(remoteModality('procedural', 'image'), 'image');
    assert.equal(remoteModality('synth', 'sound'), 'sound');
    assert.equal(remoteModality('tts-1', 'text'), 'text');
  });

  test('other servers are read by their ids; anything unknown is text', () => {
    for (const id of ['dall-e-3', 'gpt-image-1', 'stabilityai/stable-diffusion-xl-base-1.0', 'sd-turbo', 'black-forest-labs/FLUX.1-schnell'])
      assert.equal(remoteModality(id, undefined), 'image', id);
    for (const id of ['tts-1', 'tts-1-hd', 'piper-en_US-lessac', 'kokoro-82m', 'suno/bark']) assert.equal(remoteModality(id, undefined), 'voice', id);
    for (const id of ['gpt-4o', 'meta-llama/Llama-3.1-8B-Instruct', 'qwen2.5-7b', 'mistral-nemo', 'sdk-helper', 'fluxion-7b'])
      assert.equal(remoteModality(id, undefined), 'text', id);
    assert.equal(remoteModality('gpt-4o', 'hologram'), 'text', 'an unknown declared modality is ignored');
  });
});

const local = (id: string, active: boolean): InstalledModel => ({ id, name: `${id} name`, active, modality: 'text' }) as InstalledModel;
const listing: RemoteModels = {
  models: [
    { id: 'remote:gpu/llama-70b', remoteId: 'llama-70b', remote: 'gpu', modality: 'text' },
    { id: 'remote:gpu/sdxl', remoteId: 'sdxl', remote: 'gpu', modality: 'image' },
  ],
  unreachable: [],
};

describe('the Write tab’s model choice', () => {
  test('local models first, the active one leading; remote text models after, image models left out', () => {
    const choice = chooseTextModel([local('small', false), local('big', true)], listing, '');
    assert.deepEqual(
      choice.local.map((o) => o.id),
      ['big', 'small'],
    );
    assert.deepEqual(
      choice.remote.map((o) => [o.id, o.remote]),
      [['remote:gpu/llama-70b', 'gpu']],
    );
    assert.equal(choice.chosen?.id, 'big');
    assert.deepEqual(requestedModel(choice), {}, 'the active model is what a request without one gets');
  });

  test('a picked remote model is sent by id; one that disappeared falls back to the active model', () => {
    assert.deepEqual(requestedModel(chooseTextModel([local('big', true)], listing, 'remote:gpu/llama-70b')), { model: 'remote:gpu/llama-70b' });
    assert.equal(chooseTextModel([local('big', true)], { models: [], unreachable: [] }, 'remote:gpu/llama-70b').chosen?.id, 'big');
  });

  test('with no local model a remote one is chosen; with none anywhere there is no choice', () => {
    assert.equal(chooseTextModel([], listing, '').chosen?.id, 'remote:gpu/llama-70b');
    const none = chooseTextModel([], null, '');
    assert.equal(none.chosen, null);
    assert.equal(none.pending, true, 'the remotes may still answer');
  });
});

describe('the remote model cache', () => {
  let server: http.Server;
  let hits = 0;
  let port = 0;

  before(async () => {
    server = http.createServer((_request, response) => {
      hits += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'llama-70b' }, { id: 'tts-1' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  after(() => server.close());

  test('answers from memory until asked to refresh; a remote that is down is listed apart', async () => {
    const home = await tempHome('atelier-remote-cache-');
    const log = createFileLogger(path.join(home, 'logs'));
    const store = new RemoteStore(home, log);
    await store.add({ name: 'gpu', url: `http://127.0.0.1:${port}/v1` });
    await store.add({ name: 'gone', url: 'http://127.0.0.1:9' });
    const cache = new RemoteModelCache(store);

    const first = await cache.list();
    assert.deepEqual(
      first.models.map((m) => [m.id, m.modality]),
      [
        ['remote:gpu/llama-70b', 'text'],
        ['remote:gpu/tts-1', 'voice'],
      ],
    );
    assert.deepEqual(
      first.unreachable.map((u) => [u.remote, u.error.code]),
      [['gone', 'REMOTE_UNREACHABLE']],
    );
    assert.equal(hits, 1);
    await cache.list();
    assert.equal(hits, 1, 'the second listing comes from memory');
    await cache.list(true);
    assert.equal(hits, 2, 'refresh asks again');

    await store.remove('gpu');
    assert.deepEqual((await cache.list()).models, [], 'a removed remote leaves the list');
    log.close();
    await fs.rm(home, { recursive: true, force: true });
  });
});
