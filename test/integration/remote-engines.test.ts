import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import sharp from 'sharp';
import { AtelierError } from '../../preload/errors.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { generateRemote } from '../../main/core/remotes/remote-text.js';
import { callApi, runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';
import { homeWithTinyLlama } from '../support/tiny-llama-home.js';
import { waitFor } from '../support/wait-for.js';

let b: RunningWebHost;
let a: RunningWebHost;
let homeA: string;
let homeB: string;
let modelId: string;
let client: OpenAI;
let flaky: http.Server;

const chat = { role: 'user' as const, content: 'Tell me about the harbour.' };

/** Writes the role chunk and one content chunk, then cuts the connection: a remote that dies mid-reply. */
function startFlakyRemote(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.url?.endsWith('/v1/models')) {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'flaky-model', object: 'model' }] }));
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream' });
    const chunk = (delta: object) => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
    response.write(chunk({ role: 'assistant', content: '' }));
    response.write(chunk({ content: 'The light' }));
    setTimeout(() => response.socket?.destroy(), 50);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  await ensureFixtures({ only: ['tiny-llama'] });
  ({ home: homeB, modelId } = await homeWithTinyLlama('atelier-remote-b-'));
  b = await startWebHostProcess({ home: homeB });
  homeA = await tempHome('atelier-remote-a-');
  const added = runCli(['remotes', 'add', 'b', `${b.origin}/v1`, '--key', b.token], { ATELIER_HOME: homeA });
  assert.equal(added.status, 0, added.stderr);
  a = await startWebHostProcess({ home: homeA });
  client = new OpenAI({ baseURL: `${a.origin}/v1`, apiKey: a.token, maxRetries: 0, timeout: 60_000 });
  flaky = await startFlakyRemote();
});

after(async () => {
  await a?.stop();
  await b?.stop();
  flaky?.close();
  await fs.rm(homeA, { recursive: true, force: true });
  await fs.rm(homeB, { recursive: true, force: true });
});

async function jobsOf(host: RunningWebHost) {
  return (await callApi(host, 'jobs.list')).result as { id: string; kind: string; state: string; queue: string }[];
}

describe('one Atelier using another as its remote engine', () => {
  test('the key is kept outside the settings, owner-only; the list never shows it', async () => {
    const stat = await fs.stat(path.join(homeA, 'remote-keys.json'));
    assert.equal(stat.mode & 0o777, 0o600);
    assert.ok(!(await fs.readFile(path.join(homeA, 'remotes.json'), 'utf8')).includes(b.token));
    const listed = runCli(['remotes', 'list', '--json'], { ATELIER_HOME: homeA });
    assert.ok(!listed.stdout.includes(b.token));
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { name: string; hasKey: boolean }[]).map((r) => [r.name, r.hasKey]),
      [['b', true]],
    );
  });

  test("remotes.test lists B's models as remote:b/<model>", async () => {
    const tested = (await callApi(a, 'remotes.test', { name: 'b' })).result as { ok: boolean; models: { id: string }[] };
    assert.ok(tested.ok);
    assert.ok(tested.models.some((m) => m.id === `remote:b/${modelId}`));
  });

  test('text through the remote, plain and streamed', async () => {
    const reply = await client.chat.completions.create({ model: `remote:b/${modelId}`, messages: [chat] });
    assert.equal(reply.choices[0]?.message.content, TINY_LLAMA_SENTENCE);
    const stream = await client.chat.completions.create({ model: `remote:b/${modelId}`, messages: [chat], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    assert.equal(text, TINY_LLAMA_SENTENCE);
    assert.ok(
      (await jobsOf(b)).some((j) => j.kind === 'api.chat' && j.state === 'done'),
      'B ran it as its own job',
    );
  });

  test('an image through the remote', async () => {
    const result = await client.images.generate({ model: 'remote:b/procedural', prompt: 'stormy', size: '200x120' as '256x256' });
    const meta = await sharp(Buffer.from(result.data?.[0]?.b64_json as string, 'base64')).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 200, 120]);
  });

  test("cancelling the job on A cancels B's job", async () => {
    const controller = new AbortController();
    const response = await fetch(`${a.origin}/v1/chat/completions`, {
      method: 'POST',
      signal: controller.signal,
      headers: { Authorization: `Bearer ${a.token}`, 'Content-Type': 'application/json' },
      // Under this grammar the fixture never closes its string: only a cancel ends it.
      body: JSON.stringify({
        model: `remote:b/${modelId}`,
        messages: [chat],
        max_tokens: 100_000,
        stream: true,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'story', schema: { type: 'object', properties: { story: { type: 'string' } }, required: ['story'] } },
        },
      }),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let seen = '';
    while ((seen.match(/data: /g) ?? []).length < 10) seen += new TextDecoder().decode((await reader.read()).value);
    const jobA = await waitFor('A running', async () => (await jobsOf(a)).find((j) => j.kind === 'api.chat' && j.state === 'running'));
    const jobB = await waitFor('B running', async () => (await jobsOf(b)).find((j) => j.kind === 'api.chat' && j.state === 'running'));
    assert.equal(jobA.queue, `remote:b/${modelId}`);
    await callApi(a, 'jobs.cancel', { id: jobA.id });
    const endedB = await waitFor('B cancelled', async () => (await jobsOf(b)).find((j) => j.id === jobB.id && j.state !== 'running'));
    assert.equal(endedB.state, 'cancelled');
    const endedA = await waitFor('A cancelled', async () => (await jobsOf(a)).find((j) => j.id === jobA.id && j.state !== 'running'));
    assert.equal(endedA.state, 'cancelled');
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    assert.match(rest, /"code":"cancelled"/, 'the stream ends with an error event, not silence');
    controller.abort();
  });

  test('a remote that drops the connection mid-stream is a typed error, not a hang', async () => {
    const port = (flaky.address() as AddressInfo).port;
    assert.equal((await callApi(a, 'remotes.add', { name: 'flaky', url: `http://127.0.0.1:${port}` })).status, 200);
    // Not a hang: the answer is the dropped connection, not the client's or the remote's timeout.
    await assert.rejects(
      client.chat.completions.create({ model: 'remote:flaky/flaky-model', messages: [chat] }),
      (error: unknown) =>
        error instanceof OpenAI.APIError && error.status === 502 && error.code === 'remote_failed' && /dropped the connection/.test(error.message),
    );
    const failed = (await jobsOf(a)).find((j) => j.queue === 'remote:flaky/flaky-model');
    assert.equal(failed?.state, 'failed');
  });

  test('a silent remote hits the idle timeout; a closed port is unreachable', async () => {
    const silent = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write('data: {"choices":[{"index":0,"delta":{"content":"The"}}]}\n\n');
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const request = { kind: 'chat' as const, messages: [chat], sampling: { temperature: 0, topP: 1, maxTokens: 10 } };
    const timeouts = { connectMs: 1000, firstByteMs: 1000, idleMs: 300 };
    await assert.rejects(
      generateRemote({ name: 'silent', url }, 'm', request, new AbortController().signal, undefined, timeouts),
      (e: unknown) => e instanceof AtelierError && e.code === 'REMOTE_TIMEOUT',
    );
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await assert.rejects(
      generateRemote({ name: 'gone', url }, 'm', request, new AbortController().signal, undefined, timeouts),
      (e: unknown) => e instanceof AtelierError && e.code === 'REMOTE_UNREACHABLE',
    );
  });
});
