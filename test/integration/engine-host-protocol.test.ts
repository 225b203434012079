import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { locateLlamaHost } from '../../main/engines/text/llama-client.js';
import { LLAMA_PROTOCOL } from '../../main/engines/text/llama-host-api.js';
import { locatePiperHost } from '../../main/engines/voice/piper/piper-client.js';
import { EngineProcess } from '../../main/platform/engine-host/engine-process.js';
import type { FromHost, ToHost } from '../../main/platform/engine-host/engine-protocol.js';
import type { Logger } from '../../main/platform/log.js';

type Reply = Extract<FromHost, { type: 'reply' }>;

const warnings: string[] = [];
const log: Logger = {
  info: () => undefined,
  warn: (_area, message) => warnings.push(message),
  error: (_area, message) => warnings.push(message),
  close: () => undefined,
};

/** An engine host spoken to over the bare wire, as a broken or hostile main could: no client types in the way. */
class RawHost {
  private readonly replies = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  readonly ready: Promise<number>;

  constructor(readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      child.once('exit', (code, signal) => reject(new Error(`the host exited (${code ?? signal}) before it was ready`)));
      child.on('message', (message: FromHost) => {
        if (message.type === 'ready') resolve(message.pid);
        else if (message.type === 'reply') this.replies.get(message.id)?.(message);
      });
    });
  }

  static start(file: string): RawHost {
    return new RawHost(fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' }));
  }

  request(method: string, params: unknown): Promise<Reply> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.replies.set(id, resolve));
    const message: ToHost = { type: 'request', id, method, params };
    this.child.send(message);
    return reply;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

function assertRefused(reply: Reply, code: string, message: RegExp): void {
  assert.equal(reply.ok, false, `expected a refusal, got ${JSON.stringify(reply)}`);
  if (reply.ok) return;
  assert.equal(reply.error.code, code);
  assert.match(reply.error.message, message);
}

let voiceOnnx: string;

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-piper', 'tiny-llama'] });
  voiceOnnx = path.join(fixtures['tiny-piper'] as string, 'tiny-piper.onnx');
});

describe('the Piper host parses each request at its entry', () => {
  const host = RawHost.start(locatePiperHost().file);
  after(() => host.child.kill());

  test('malformed params get INVALID_INPUT naming the field; the host stays up and answers the next good request', async () => {
    const pid = await host.ready;
    assertRefused(await host.request('synthesize', { path: voiceOnnx, scales: [0.667, 1, 0.8] }), 'INVALID_INPUT', /"synthesize".*ids/);
    assertRefused(await host.request('synthesize', { path: voiceOnnx, ids: ['1'], scales: [0.667, 1, 0.8] }), 'INVALID_INPUT', /ids\.0/);
    assertRefused(await host.request('load', { path: voiceOnnx, label: 'tiny', threads: 0 }), 'INVALID_INPUT', /threads/);
    assertRefused(await host.request('load', null), 'INVALID_INPUT', /request/);
    assertRefused(await host.request('speak', {}), 'INTERNAL', /no method "speak"/);
    assert.ok(host.alive, 'the host is still running');

    const loaded = await host.request('load', { path: voiceOnnx, label: 'tiny', threads: 1 });
    assert.ok(loaded.ok, JSON.stringify(loaded));
    assert.deepEqual(loaded.value, { inputs: ['input', 'input_lengths', 'scales'], outputs: ['output'], hasSpeakerInput: false });
    const audio = await host.request('synthesize', { path: voiceOnnx, ids: [1, 0, 20, 0, 2], scales: [0.667, 1, 0.8] });
    assert.ok(audio.ok, JSON.stringify(audio));
    assert.ok(audio.value instanceof Float32Array && audio.value.length > 0, 'float samples come back');
    assert.equal(host.child.pid, pid);
  });
});

describe('the text engine host, through its typed client', () => {
  const engine = new EngineProcess({ label: 'The text engine', protocol: LLAMA_PROTOCOL, entry: () => locateLlamaHost(), log, startTimeoutMs: 60_000 });
  after(() => engine.stop());

  test('a request missing a field is INVALID_INPUT, and the same process then loads a model and writes', async () => {
    const hardware = await engine.request('hardware', { gpu: 'off' });
    assert.equal(hardware.gpu, null);
    assert.ok(hardware.cpuMathCores > 0);
    const pid = engine.pid;

    const sampling = { temperature: 0, topP: 1, maxTokens: 40, seed: 7 };
    await assert.rejects(
      // @ts-expect-error `kind` is missing: the compiler refuses it, and so does the host.
      engine.request('generate', { request: { messages: [{ role: 'user', content: 'Hi' }], sampling } }, { signal: new AbortController().signal }),
      (error: { code: string; message: string }) => error.code === 'INVALID_INPUT' && /"generate".*kind/.test(error.message),
    );
    await assert.rejects(
      // @ts-expect-error the service always draws a seed before the host: one without is refused.
      engine.request('generate', { request: { kind: 'completion', prompt: 'Once', sampling: { temperature: 0, topP: 1, maxTokens: 4 } } }),
      (error: { code: string; message: string }) => error.code === 'INVALID_INPUT' && /request\.sampling\.seed/.test(error.message),
    );
    await assert.rejects(
      // @ts-expect-error the protocol has no such method.
      engine.request('speak', {}),
      (error: { code: string; message: string }) => error.code === 'INTERNAL' && /no method "speak"/.test(error.message),
    );
    assert.equal(engine.pid, pid, 'no restart: the host never went down');

    await engine.request('load', {
      path: fixturePath('tiny-llama'),
      name: 'Tiny',
      contextSize: 512,
      threads: Math.min(2, os.availableParallelism()),
      gpu: 'off',
    });
    const chunks: string[] = [];
    const reply = await engine.request(
      'generate',
      { request: { kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling } },
      { onEvent: (event) => chunks.push('chunk' in event ? event.chunk : '') },
    );
    assert.equal(reply.text, TINY_LLAMA_SENTENCE);
    assert.equal(chunks.join(''), reply.text, 'the streamed chunks are typed and add up to the reply');
    assert.equal(reply.seed, 7);
    assert.equal(engine.pid, pid);
    assert.deepEqual(warnings, []);
  });
});
