import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureFixtures, fixturePath } from '../../models/fixtures/ensure-fixtures.js';
import { TINY_LLAMA_SENTENCE } from '../../models/fixtures/tiny-llama.js';
import { runCli, tempHome } from '../support/web-host.js';

let dir: string;

before(async () => {
  await ensureFixtures({ only: ['tiny-llama', 'bad/not-gguf', 'bad/unsupported-arch'] });
  dir = await tempHome('atelier-text-cli-');
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function atelier(args: string[]) {
  return runCli(args, { ATELIER_HOME: path.join(dir, 'home') });
}

/** One line on stderr, "atelier: CODE: sentence", and no stack trace. */
function assertOneLineError(run: ReturnType<typeof runCli>, code: string): void {
  assert.notEqual(run.status, 0);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] as string, new RegExp(`^atelier: ${code}: `));
  assert.doesNotMatch(run.stderr, /\n\s+at /);
}

describe('atelier text', () => {
  test('without a text model it says how to get one', () => {
    assertOneLineError(atelier(['text', 'Hello']), 'ENGINE_UNAVAILABLE');
  });

  test('streams the reply of a GGUF given by path to stdout, with the facts on stderr', () => {
    const run = atelier(['text', '--model', fixturePath('tiny-llama'), '--temperature', '0', '--seed', '5', 'Tell me about the harbour']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, `${TINY_LLAMA_SENTENCE}\n`);
    assert.match(run.stderr, /tiny-llama · \d+ tokens · [\d.]+ tok\/s · seed 5/);
  });

  test('uses the active text model once one is imported', () => {
    const imported = atelier(['models', 'import', fixturePath('tiny-llama')]);
    assert.equal(imported.status, 0, imported.stderr);
    const run = atelier(['text', '--system', 'Be brief.', '--max-tokens', '4', 'Hi']);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(TINY_LLAMA_SENTENCE.startsWith(run.stdout.trim()), run.stdout);
    assert.match(run.stderr, /stopped at --max-tokens/);
  });

  test('--json-schema constrains the reply to JSON', async () => {
    const schema = path.join(dir, 'schema.json');
    await fs.writeFile(schema, JSON.stringify({ type: 'object', properties: { mood: { enum: ['calm', 'stormy'] } }, required: ['mood'] }));
    const run = atelier(['text', '--model', fixturePath('tiny-llama'), '--json-schema', schema, 'Mood?']);
    assert.equal(run.status, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as { mood: string };
    assert.ok(['calm', 'stormy'].includes(parsed.mood));
  });

  test('bad models and bad flags are one clear line and a non-zero exit', async () => {
    assertOneLineError(atelier(['text', '--model', fixturePath('bad/not-gguf'), 'Hi']), 'MODEL_INVALID');
    assertOneLineError(atelier(['text', '--model', fixturePath('bad/unsupported-arch'), 'Hi']), 'MODEL_UNSUPPORTED');
    assertOneLineError(atelier(['text', '--model', path.join(dir, 'missing.gguf'), 'Hi']), 'MODEL_NOT_FOUND');
    assertOneLineError(atelier(['text', '--model', 'no-such-id', 'Hi']), 'MODEL_NOT_FOUND');
    const usage = atelier(['text', '--temperature', 'hot', 'Hi']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--temperature must be a number from 0 to 2/);
    const badSchema = path.join(dir, 'bad-schema.json');
    await fs.writeFile(badSchema, '{ not json');
    assertOneLineError(atelier(['text', '--model', fixturePath('tiny-llama'), '--json-schema', badSchema, 'Hi']), 'INVALID_INPUT');
  });
});
