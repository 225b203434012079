import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { readTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { runCli, tempHome } from '../support/web-host.js';

let dir: string;
let card: string;
let x4: string;
let x2: string;
const atelier = (args: string[]) => runCli(args, { ATELIER_HOME: path.join(dir, 'home') });

before(async () => {
  dir = await tempHome('atelier-upscale-cli-');
  const fixtures = await ensureFixtures({ only: ['tiny-upscaler-x2', 'tiny-upscaler-x4'] });
  x4 = fixtures['tiny-upscaler-x4'] as string;
  x2 = fixtures['tiny-upscaler-x2'] as string;
  card = path.join(dir, 'card.png');
  const made = atelier(['image', '--template', 'title-card', '--seed', '2781095065', '--size', '320x180', '--text', 'Dunes', '-o', card, 'desert dusk']);
  assert.equal(made.status, 0, made.stderr);
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('atelier image upscale', () => {
  test('×4 with an upscaler file: four times the size, the settings kept, no pHYs', async () => {
    const out = path.join(dir, 'card-big.png');
    const run = atelier(['image', 'upscale', card, '--scale', '4', '--model', x4, '--tile', '64', '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*card-big\.png: 1280×720 \(×4, tiny-upscaler-x4\.onnx\), \d+ ms\n$/);
    const bytes = await fs.readFile(out);
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.width, meta.height, meta.hasAlpha], [1280, 720, true]);
    const chunks = readTextChunks(bytes);
    assert.ok(chunks.some((c) => c.keyword === 'parameters' && c.text.includes('Seed: 2781095065, Size: 320x180')));
    assert.ok(!bytes.includes(Buffer.from('pHYs')));
  });

  test('an imported upscaler is an "upscaler" model, the active one, used when --model is left out', async () => {
    const imported = atelier(['models', 'import', x2]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /active upscaler model/);
    const listed = atelier(['models', 'list']);
    assert.match(listed.stdout, /tiny-upscaler-x2\s+upscaler/);
    const run = atelier(['image', 'upscale', card, '--scale', '2']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /card-x2\.png: 640×360 \(×2, tiny-upscaler-x2\.onnx\)/);
    const byId = atelier(['image', 'upscale', card, '--scale', '4', '--model', 'tiny-upscaler-x2', '-o', path.join(dir, 'two-passes.png')]);
    assert.match(byId.stdout, /1280×720 \(×4, tiny-upscaler-x2\.onnx\)/, byId.stderr);
  });

  test('Lanczos without a model; bad input is a typed error and writes nothing', async () => {
    const out = path.join(dir, 'lanczos.png');
    const run = atelier(['image', 'upscale', card, '--scale', '3', '--model', 'lanczos', '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /960×540 \(×3, Lanczos\)/);
    for (const [args, pattern] of [
      [['image', 'upscale', card, '--scale', '8'], /--scale must be a whole number from 2 to 4/],
      [['image', 'upscale', path.join(dir, 'missing.png')], /NOT_FOUND/],
      [['image', 'upscale', card, '--model', 'no-such-upscaler'], /MODEL_NOT_FOUND: no upscaler "no-such-upscaler"/],
      [['image', 'upscale', card, '-o', path.join(dir, 'x.jpg')], /the output is a PNG/],
      [['image', 'upscale', card, '--model', card, '-o', path.join(dir, 'bad-model.png')], /MODEL_INVALID/],
    ] as const) {
      const failed = atelier([...args]);
      assert.notEqual(failed.status, 0, args.join(' '));
      assert.match(failed.stderr, pattern);
    }
    assert.deepEqual(
      (await fs.readdir(dir)).filter((f) => /^(x\.jpg|bad-model\.png|card-x4\.png)$/.test(f)),
      [],
      'no file from a failed run',
    );
  });
});
