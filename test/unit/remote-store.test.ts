import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { AtelierError } from '../../preload/errors.js';
import { createFileLogger } from '../../main/platform/log.js';
import { sseData } from '../../main/core/remotes/remote-http.js';
import { parseRemoteModelId } from '../../main/core/remotes/remote-model-id.js';
import { normalizeRemoteUrl, RemoteStore } from '../../main/core/remotes/remote-store.js';
import { REMOTE_SUMMARY_LIMIT, summarizeRemoteText } from '../../main/core/remotes/remote-error-body.js';
import { keyTravelsInClear } from '../../preload/schemas/remote.js';

test('remote URLs with or without /v1 and a trailing slash name the same server', () => {
  assert.equal(normalizeRemoteUrl('http://gpu.lan:8080/v1/'), 'http://gpu.lan:8080');
  assert.equal(normalizeRemoteUrl('https://example.com/llm/v1'), 'https://example.com/llm');
  assert.equal(normalizeRemoteUrl('http://127.0.0.1:1234'), 'http://127.0.0.1:1234');
});

test('remote model ids split at the first slash; the model part keeps its own slashes', () => {
  assert.deepEqual(parseRemoteModelId('remote:gpu/meta-llama/Llama-3-8B'), { remote: 'gpu', model: 'meta-llama/Llama-3-8B' });
  assert.throws(
    () => parseRemoteModelId('remote:gpu'),
    (e: unknown) => e instanceof AtelierError && e.code === 'INVALID_INPUT',
  );
});

test('the store keeps keys in an owner-only file, survives a reload, and forgets on remove', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'atelier-remotes-'));
  try {
    const log = createFileLogger(path.join(home, 'logs'));
    const store = new RemoteStore(home, log);
    await store.load();
    // Plain http on another machine: refused until the creator confirms sending the key in clear.
    await assert.rejects(
      store.add({ name: 'gpu', url: 'http://10.0.0.2:8080/v1', key: 'sk-secret-123' }),
      (e: unknown) => e instanceof AtelierError && e.code === 'INVALID_INPUT',
    );
    assert.deepEqual(store.list(), []);
    await store.add({ name: 'gpu', url: 'http://10.0.0.2:8080/v1', key: 'sk-secret-123', allowInsecureKey: true });
    assert.equal((await fs.stat(path.join(home, 'remote-keys.json'))).mode & 0o777, 0o600);
    assert.ok(!(await fs.readFile(path.join(home, 'remotes.json'), 'utf8')).includes('sk-secret'));
    const again = new RemoteStore(home, log);
    await again.load();
    assert.deepEqual(again.get('gpu'), { name: 'gpu', url: 'http://10.0.0.2:8080', key: 'sk-secret-123' });
    assert.equal(again.list()[0]?.hasKey, true);
    await again.remove('gpu');
    assert.deepEqual(again.list(), []);
    assert.throws(
      () => again.get('gpu'),
      (e: unknown) => e instanceof AtelierError && e.code === 'MODEL_NOT_FOUND',
    );
    assert.ok(!(await fs.readFile(path.join(home, 'remote-keys.json'), 'utf8')).includes('sk-secret'));
    log.close();
  } finally {
    await fs.rm(home, { recursive: true, force: true });
  }
});

test('SSE parsing joins events split across chunks and ignores comments', async () => {
  async function* chunks() {
    yield Buffer.from(': keep-alive\n\ndata: {"a"');
    yield Buffer.from(':1}\r\n\r\ndata: [DONE]\n\n');
  }
  const seen: string[] = [];
  for await (const data of sseData(chunks())) seen.push(data);
  assert.deepEqual(seen, ['{"a":1}', '[DONE]']);
});

test('keyTravelsInClear: only a key over plain http to a non-loopback host', () => {
  const key = 'sk-1';
  assert.equal(keyTravelsInClear({ url: 'http://10.0.0.2:8080', key }), true);
  assert.equal(keyTravelsInClear({ url: 'http://gpu-box:8080/v1', key }), true);
  assert.equal(keyTravelsInClear({ url: 'http://127.1.2.3:8080', key }), false);
  assert.equal(keyTravelsInClear({ url: 'http://localhost:8080', key }), false);
  assert.equal(keyTravelsInClear({ url: 'http://[::1]:8080', key }), false);
  assert.equal(keyTravelsInClear({ url: 'http://[::ffff:127.0.0.1]:8080', key }), false);
  assert.equal(keyTravelsInClear({ url: 'http://127.0.0.1.evil.example:8080', key }), true);
  assert.equal(keyTravelsInClear({ url: 'https://10.0.0.2:8443', key }), false);
  assert.equal(keyTravelsInClear({ url: 'http://10.0.0.2:8080' }), false);
});

test('a remote error text is cut to one printable line; markup is dropped', () => {
  assert.equal(summarizeRemoteText('\u001b[31mOut of memory\u0007\nstack…'), 'Out of memory');
  assert.equal(summarizeRemoteText('<!DOCTYPE html><html>…'), '');
  const long = summarizeRemoteText('x'.repeat(10_000));
  assert.equal(Array.from(long).length, REMOTE_SUMMARY_LIMIT);
  assert.equal(summarizeRemoteText('\n\n  model \u202enot\u0000 loaded  \n'), 'model not loaded');
});
