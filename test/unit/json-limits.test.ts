import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { DEFAULT_SETTINGS } from '../../preload/contract.js';
import { boundedJsonObject, JSON_LIMITS, jsonDepth, jsonLimitProblem, jsonTextDepth } from '../../preload/limits.js';
import { TextDocumentSaveSchema, TextRequestSchema } from '../../preload/schemas/text.js';
import { AssetOriginSchema } from '../../preload/schemas/asset.js';
import { parseJsonText, readJsonFile } from '../../main/core/files/read-json.js';
import { SettingsStore } from '../../main/core/settings/settings-store.js';
import { recordingLogger } from './support/recording-logger.js';
import { makeTemp, removeTemp } from './support/temp-dir.js';

let root: string | undefined;
before(async () => {
  root = await makeTemp('atelier-json-limits-');
});
after(async () => {
  await removeTemp(root);
});

/** `levels` nested objects, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

const deepText = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

describe('measuring depth', () => {
  test('values and text agree, scalars are 0, arrays count', () => {
    for (const [value, depth] of [
      [1, 0],
      ['x', 0],
      [null, 0],
      [{}, 1],
      [[], 1],
      [{ a: [1, { b: 2 }] }, 3],
      [nested(40), 40],
    ] as const) {
      assert.equal(jsonDepth(value), depth, JSON.stringify(value));
      assert.equal(jsonTextDepth(JSON.stringify(value)), depth);
    }
  });

  test('brackets inside strings, and escaped quotes, do not count', () => {
    assert.equal(jsonTextDepth('{"a":"[[[{{{\\"[[["}'), 1);
    assert.equal(jsonTextDepth('["\\\\", [1]]'), 2);
  });

  test('a million levels are measured without a stack overflow, and stop early', () => {
    assert.equal(jsonTextDepth('['.repeat(1_000_000), 64), 65);
    assert.equal(jsonDepth(nested(200_000), 32), 33);
  });

  test('a cycle is refused as unbounded', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    assert.equal(jsonDepth(loop), Number.POSITIVE_INFINITY);
    assert.match(jsonLimitProblem(loop, JSON_LIMITS.schema, 'X') ?? '', /deeper than 32/);
  });
});

describe('the shared refinement', () => {
  const Schema = z.object({ schema: boundedJsonObject(JSON_LIMITS.schema, 'The JSON schema') });

  test('depth 32 passes, 33 and 3000 fail with the limit named', () => {
    assert.equal(Schema.safeParse({ schema: nested(32) }).success, true);
    for (const levels of [33, 3000]) {
      const parsed = Schema.safeParse({ schema: nested(levels) });
      assert.equal(parsed.success, false);
      assert.match(parsed.error?.issues[0]?.message ?? '', /nested deeper than 32 levels/);
    }
  });

  test('size is counted as JSON bytes (64 kB)', () => {
    const fits = { s: 'x'.repeat(60 * 1024) };
    const over = { s: 'é'.repeat(40 * 1024) };
    assert.equal(Schema.safeParse({ schema: fits }).success, true);
    assert.match(Schema.safeParse({ schema: over }).error?.issues[0]?.message ?? '', /larger than 64 kB/);
  });

  test('the contract holds jsonSchema and origin.parameters to it', () => {
    assert.equal(TextRequestSchema.safeParse({ action: 'prompt', prompt: 'x', jsonSchema: nested(3000) }).success, false);
    assert.equal(TextRequestSchema.safeParse({ action: 'prompt', prompt: 'x', jsonSchema: { type: 'object' } }).success, true);
    assert.equal(TextDocumentSaveSchema.safeParse({ name: 'n', markdown: '', origin: { parameters: nested(100) } }).success, false);
    assert.equal(AssetOriginSchema.safeParse({ engine: 'x', parameters: nested(100) }).success, false);
    assert.equal(AssetOriginSchema.safeParse({ engine: 'x', parameters: { steps: 4, size: [512, 512] } }).success, true);
  });
});

describe('JSON read from disk', () => {
  test('parseJsonText refuses over-deep text with a typed error, before parsing', () => {
    assert.equal(jsonDepth(parseJsonText(deepText(64), 'x')), 64);
    assert.throws(() => parseJsonText(deepText(65), 'registry.json'), { code: 'INVALID_INPUT', message: 'registry.json is nested deeper than 64 levels.' });
    assert.throws(() => parseJsonText('['.repeat(5_000_000), 'x'), { code: 'INVALID_INPUT', message: /deeper than 64/ });
    assert.throws(() => parseJsonText('{ nope', 'x'), { code: 'INVALID_INPUT', message: /not valid JSON/ });
  });

  test('readJsonFile reports an over-deep file as invalid, like a damaged one', async () => {
    const file = path.join(root as string, 'project.json');
    await fs.writeFile(file, deepText(10_000));
    assert.deepEqual(await readJsonFile(file, z.unknown()), { ok: false, reason: 'invalid', message: 'nested deeper than 64 levels' });
  });

  test('an over-deep settings.json is set aside and the defaults load', async () => {
    const dir = path.join(root as string, 'settings');
    await fs.mkdir(dir);
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, `{"theme":${deepText(100_000)}}`);
    const log = recordingLogger();
    assert.deepEqual(await new SettingsStore(file, log).load(), DEFAULT_SETTINGS);
    assert.ok(
      log.lines.some((line) => /nested deeper than 64 levels/.test(JSON.stringify(line))),
      JSON.stringify(log.lines),
    );
  });
});
