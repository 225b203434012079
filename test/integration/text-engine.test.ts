import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { InstalledModel, Job, TextResult } from '../../preload/contract.js';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { tinyGguf } from '../../models/fixtures/model-headers.js';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { tempHome } from '../support/web-host.js';
import { waitFor } from '../support/wait-for.js';

let root: string;
let studio: Studio;
let model: InstalledModel;
let otherModel: InstalledModel;

const greedy = { temperature: 0, topP: 1, maxTokens: 40 };

async function importModel(file: string, label: string): Promise<InstalledModel> {
  const job = studio.models.import({ path: file, label }, 'reference');
  const done = await studio.jobs.settled(job.id);
  assert.equal(done.state, 'done', JSON.stringify(done.error));
  return done.result as InstalledModel;
}

before(async () => {
  await ensureFixtures({ only: ['tiny-llama', 'bad/not-gguf', 'bad/truncated', 'bad/absurd-counts', 'bad/unsupported-arch'] });
  root = await tempHome('atelier-text-engine-');
  studio = await createStudio({ host: 'cli', home: path.join(root, 'home') });
  await studio.settings.set({ threads: 2, contextSize: 1024 });
  model = await importModel(fixturePath('tiny-llama'), 'Tiny Writer');
  otherModel = await importModel(fixturePath('tiny-llama'), 'Tiny Editor');
  await studio.models.use(model.id);
});

after(async () => {
  await studio.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('the text engine (node-llama-cpp in its own process)', () => {
  test('a chat with the active model streams the fixture sentence and records the seed it drew', async () => {
    const chunks: string[] = [];
    const result = await studio.text.generate(
      {
        kind: 'chat',
        messages: [
          { role: 'system', content: 'Tell stories.' },
          { role: 'user', content: 'A story about the sea, please.' },
        ],
        sampling: greedy,
      },
      new AbortController().signal,
      (chunk) => chunks.push(chunk),
    );
    assert.equal(result.text, TINY_LLAMA_SENTENCE);
    assert.equal(chunks.join(''), TINY_LLAMA_SENTENCE);
    assert.ok(chunks.length > 1, 'the reply arrives in pieces');
    assert.equal(result.stopReason, 'eos');
    assert.equal(result.model.id, model.id);
    assert.ok(Number.isInteger(result.seed));
    assert.ok(result.tokens >= 8 && result.promptTokens > 0);
    assert.notEqual(studio.text.enginePid, process.pid, 'llama.cpp runs outside the studio process');
  });

  test('a raw completion continues the prompt without a chat template', async () => {
    const result = await studio.text.generate({ kind: 'completion', prompt: 'Once upon a time', sampling: greedy }, new AbortController().signal);
    assert.equal(result.text, TINY_LLAMA_SENTENCE);
  });

  test('max tokens cuts the reply short and says so', async () => {
    const result = await studio.text.generate(
      { kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling: { ...greedy, maxTokens: 3 } },
      new AbortController().signal,
    );
    assert.equal(result.stopReason, 'maxTokens');
    assert.equal(result.tokens, 3);
    assert.ok(TINY_LLAMA_SENTENCE.startsWith(result.text.trim()), result.text);
  });

  test('a stop string ends the reply before it', async () => {
    const result = await studio.text.generate(
      { kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling: { ...greedy, stop: ['seven'] } },
      new AbortController().signal,
    );
    assert.equal(result.stopReason, 'stop');
    assert.equal(result.text.trim(), 'The lighthouse keeper counted');
  });

  test('a JSON schema constrains the reply to JSON of that shape', async () => {
    const result = await studio.text.generate(
      {
        kind: 'chat',
        messages: [{ role: 'user', content: 'Give me a title' }],
        sampling: { ...greedy, maxTokens: 24 },
        jsonSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      },
      new AbortController().signal,
    );
    assert.match(result.text, /^\{\s*"title"\s*:\s*"/, 'the grammar forces the JSON opening even though the model would say its sentence');
  });

  test('cancelling mid-reply stops generation and keeps what was written', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const result = await studio.text.generate(
      {
        kind: 'chat',
        messages: [{ role: 'user', content: 'Go on forever' }],
        // Under this grammar the fixture never closes its string, so only the cancel ends it.
        jsonSchema: { type: 'object', properties: { story: { type: 'string' } }, required: ['story'] },
        sampling: { ...greedy, maxTokens: 4000 },
      },
      controller.signal,
      () => {
        chunks += 1;
        if (chunks === 12) controller.abort();
      },
    );
    assert.equal(result.stopReason, 'cancelled');
    assert.ok(result.tokens < 4000 && result.tokens >= 12, `stopped after ${result.tokens} tokens`);
  });

  test('switching the active text model unloads the loaded one', async () => {
    await studio.text.generate({ kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling: greedy }, new AbortController().signal);
    assert.equal(studio.text.loadedModel, model.id);
    await studio.models.use(otherModel.id);
    await waitFor('the engine to unload the previous model', () => studio.text.loadedModel === undefined);
    const result = await studio.text.generate({ kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling: greedy }, new AbortController().signal);
    assert.equal(result.model.id, otherModel.id);
    await studio.models.use(model.id);
  });

  test('the hardware summary carries what llama.cpp detected', async () => {
    const hardware = await studio.call('app.hardware', {});
    assert.equal(typeof (hardware as { gpuNote: string }).gpuNote, 'string');
    assert.match((hardware as { gpuNote: string }).gpuNote, /llama\.cpp/);
  });
});

describe('bad models fail the request with a typed error, and the engine lives on', () => {
  const cases: [string, string, RegExp][] = [
    ['bad/not-gguf', 'MODEL_INVALID', /does not start with the GGUF magic/],
    ['bad/truncated', 'MODEL_INVALID', /truncated/],
    ['bad/absurd-counts', 'MODEL_INVALID', /not plausible/],
    ['bad/unsupported-arch', 'MODEL_UNSUPPORTED', /architecture/],
  ];
  for (const [fixture, code, message] of cases) {
    test(`${fixture} → ${code}`, async () => {
      await assert.rejects(
        studio.text.generate(
          { kind: 'chat', model: fixturePath(fixture), messages: [{ role: 'user', content: 'Hi' }], sampling: greedy },
          new AbortController().signal,
        ),
        (error: { code: string; message: string }) => error.code === code && message.test(error.message),
      );
    });
  }

  test('a missing file → MODEL_NOT_FOUND', async () => {
    await assert.rejects(
      studio.text.generate(
        { kind: 'chat', model: path.join(root, 'gone.gguf'), messages: [{ role: 'user', content: 'Hi' }], sampling: greedy },
        new AbortController().signal,
      ),
      (error: { code: string }) => error.code === 'MODEL_NOT_FOUND',
    );
  });

  test('a model file replaced after a good reply is checked again → MODEL_INVALID', async () => {
    // The header is read once per file version (text-service.ts): a new file at the same path is a new version.
    const swapped = path.join(root, 'swapped.gguf');
    await fs.copyFile(fixturePath('tiny-llama'), swapped);
    const ask = () =>
      studio.text.generate({ kind: 'chat', model: swapped, messages: [{ role: 'user', content: 'Hi' }], sampling: greedy }, new AbortController().signal);
    assert.equal((await ask()).text, TINY_LLAMA_SENTENCE);
    // Swapped in by rename, as a download or a copy tool does: the engine's mapping of the old file stays whole.
    await fs.copyFile(fixturePath('bad/truncated'), `${swapped}.part`);
    await fs.rename(`${swapped}.part`, swapped);
    await assert.rejects(ask(), (error: { code: string; message: string }) => error.code === 'MODEL_INVALID' && /truncated/.test(error.message));
  });

  test('a model bigger than free memory → MODEL_TOO_LARGE with the numbers, before llama.cpp tries', async () => {
    // A real header that declares a ~64 GB tensor, in a sparse file of that size: nothing is read or allocated.
    const huge = path.join(root, 'huge.gguf');
    const header = tinyGguf({ name: 'Huge', tensorElements: 4 });
    await fs.writeFile(huge, hugeHeader(header));
    await fs.truncate(huge, 64 * 1024 ** 3 + 4096);
    await assert.rejects(
      studio.text.generate({ kind: 'chat', model: huge, messages: [{ role: 'user', content: 'Hi' }], sampling: greedy }, new AbortController().signal),
      (error: { code: string; message: string }) =>
        error.code === 'MODEL_TOO_LARGE' && /needs about [\d,]+ MB/.test(error.message) && /free/.test(error.message),
    );
  });

  test('an engine process that dies mid-reply fails that request with ENGINE_CRASHED; the next one restarts it', async () => {
    const controller = new AbortController();
    let killed = false;
    const pending = studio.text.generate(
      {
        kind: 'chat',
        messages: [{ role: 'user', content: 'Go on' }],
        jsonSchema: { type: 'object', properties: { story: { type: 'string' } }, required: ['story'] },
        sampling: { ...greedy, maxTokens: 4000 },
      },
      controller.signal,
      () => {
        if (killed) return;
        killed = true;
        // What llama.cpp's GGML_ASSERT does to its process.
        process.kill(studio.text.enginePid as number, 'SIGABRT');
      },
    );
    await assert.rejects(pending, (error: { code: string; message: string }) => error.code === 'ENGINE_CRASHED' && /aborted/.test(error.message));
    const again = await studio.text.generate({ kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling: greedy }, new AbortController().signal);
    assert.equal(again.text, TINY_LLAMA_SENTENCE);
  });
});

describe('text.generate (the Write tab’s call)', () => {
  test('runs as a job whose progress streams the text so far and whose result says how it was made', async () => {
    const partials: string[] = [];
    const off = studio.events.subscribe((name, payload) => {
      if (name === 'job.progress') {
        const text = (payload as { partial?: { text?: string } }).partial?.text;
        if (text) partials.push(text);
      }
    });
    const { jobId } = (await studio.call('text.generate', {
      action: 'continue',
      document: '# Harbour\n\nThe night was',
      sampling: { temperature: 0.5, topP: 0.9, maxTokens: 64, seed: 42 },
    })) as {
      jobId: string;
    };
    const job: Job = await studio.jobs.settled(jobId);
    off();
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.equal(job.queue, 'llama');
    const result = job.result as TextResult;
    assert.equal(result.text, TINY_LLAMA_SENTENCE);
    assert.equal(result.seed, 42);
    assert.equal(result.model.id, model.id);
    assert.match(result.system, /Continue the document/);
    assert.match(result.prompt, /The night was/);
    assert.equal(partials.at(-1), TINY_LLAMA_SENTENCE);
    assert.match(job.detail ?? '', /tokens · [\d.]+ tok\/s/);
  });

  test('Rewrite with nothing to rewrite answers the call with INVALID_INPUT', async () => {
    await assert.rejects(studio.call('text.generate', { action: 'rewrite', document: '   ' }), (error: { code: string }) => error.code === 'INVALID_INPUT');
  });

  test('a 3000-deep JSON schema is INVALID_INPUT at the contract and at the text service, and the engine lives on', async () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 3000; i++) deep = { type: 'object', properties: { a: deep } };
    await assert.rejects(studio.call('text.generate', { action: 'prompt', prompt: 'Hi', jsonSchema: deep }), (error: { code: string; message: string }) => {
      assert.equal(error.code, 'INVALID_INPUT');
      assert.match(error.message, /nested deeper than 32 levels/);
      return true;
    });
    // The CLI and the /v1 API call the text service directly: it holds the same line.
    await assert.rejects(
      studio.text.generate(
        { kind: 'chat', messages: [{ role: 'user', content: 'Hi' }], sampling: { temperature: 0, topP: 1, maxTokens: 8 }, jsonSchema: deep },
        new AbortController().signal,
      ),
      { code: 'INVALID_INPUT', message: /nested deeper than 32 levels/ },
    );
    const big = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`field_${i}_${'x'.repeat(30)}`, { type: 'string' }])),
    };
    await assert.rejects(studio.call('text.generate', { action: 'prompt', prompt: 'Hi', jsonSchema: big }), {
      code: 'INVALID_INPUT',
      message: /larger than 64 kB/,
    });
    const { jobId } = (await studio.call('text.generate', {
      action: 'continue',
      document: 'The night was',
      sampling: { temperature: 0.5, topP: 0.9, maxTokens: 64, seed: 42 },
    })) as { jobId: string };
    const job = await studio.jobs.settled(jobId);
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.equal((job.result as TextResult).text, TINY_LLAMA_SENTENCE);
  });
});

/**
 * Rewrites the one tensor of a tiny header to claim 2^34 F32 values (64 GiB) and pads to
 * the data offset, so the header parser sees a complete, honest-looking file once the
 * caller extends it sparsely.
 */
function hugeHeader(header: Buffer): Buffer {
  const name = Buffer.from('token_embd.weight');
  const at = header.indexOf(name);
  const copy = Buffer.from(header);
  // After the name: n_dims (u32) then the first dimension (u64).
  copy.writeBigUInt64LE(2n ** 34n, at + name.length + 4);
  return copy;
}
