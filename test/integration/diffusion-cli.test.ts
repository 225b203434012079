import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { runCli, tempHome } from '../support/web-host.js';

let model: string;
let dir: string;

before(async () => {
  model = (await ensureFixtures({ only: ['tiny-diffusion'] }))['tiny-diffusion'] as string;
  dir = await tempHome('atelier-diffusion-cli-');
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A copy of the fixture to damage. */
async function copyModel(name: string): Promise<string> {
  const target = path.join(dir, name);
  await fs.cp(model, target, { recursive: true });
  return target;
}

describe('atelier image --engine diffusion', () => {
  const atelier = (args: string[]) => runCli(args, { ATELIER_HOME: path.join(dir, 'home') });

  test('txt2img and img2img from a model folder, deterministic, with the settings printed', async () => {
    const a = path.join(dir, 'cli-a.png');
    const b = path.join(dir, 'cli-b.png');
    const args = [
      'image',
      '--engine',
      'diffusion',
      '--model',
      model,
      '--prompt',
      'a dog in the forest',
      '--negative',
      'city',
      '--seed',
      '7',
      '--steps',
      '3',
      '--guidance',
      '4',
      '--scheduler',
      'euler',
      '--size',
      '96x64',
    ];
    const run = atelier([...args, '-o', a]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*cli-a\.png: 96×64, seed 7, \d+ ms\n$/);
    assert.equal(atelier([...args, '-o', b]).status, 0);
    assert.ok((await fs.readFile(a)).equals(await fs.readFile(b)));

    const c = path.join(dir, 'cli-img2img.png');
    const img2img = atelier([
      'image',
      '--engine',
      'diffusion',
      '--model',
      model,
      '--init',
      a,
      '--strength',
      '0.5',
      '--seed',
      '3',
      '--steps',
      '4',
      '--size',
      '96x64',
      '-o',
      c,
      'a boat',
    ]);
    assert.equal(img2img.status, 0, img2img.stderr);
    const chunks = new Map(readTextChunks(await fs.readFile(c)).map((e) => [e.keyword, e.text]));
    assert.equal((JSON.parse(chunks.get('atelier') ?? '{}') as { strength?: number }).strength, 0.5);
  });

  test('the active installed model runs when no --model is given; --device is checked', async () => {
    const imported = atelier(['models', 'import', model, '--reference']);
    assert.equal(imported.status, 0, imported.stderr);
    const out = path.join(dir, 'cli-installed.png');
    const run = atelier(['image', '--engine', 'diffusion', '--steps', '2', '--seed', '5', '--size', '64x64', '-o', out, 'a moon']);
    assert.equal(run.status, 0, run.stderr);
    const chunks = new Map(readTextChunks(await fs.readFile(out)).map((e) => [e.keyword, e.text]));
    assert.match((JSON.parse(chunks.get('atelier') ?? '{}') as { model?: string }).model ?? '', /tiny-diffusion/);
    const bad = atelier(['image', '--engine', 'diffusion', '--device', 'tpu', '--size', '64x64', '-o', path.join(dir, 'cli-tpu.png'), 'a moon']);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /--device is cpu or gpu/);
    await assert.rejects(fs.access(path.join(dir, 'cli-tpu.png')));
  });

  test('a broken model folder or a bad size: one typed line, no file', async () => {
    const broken = await copyModel('cli-broken');
    await fs.writeFile(path.join(broken, 'text_encoder', 'model.onnx'), 'not onnx at all');
    const out = path.join(dir, 'cli-none.png');
    const run = atelier(['image', '--engine', 'diffusion', '--model', broken, '--size', '64x64', '-o', out, 'a cat']);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^atelier: MODEL_INVALID: [^\n]*text_encoder\/model\.onnx[^\n]*\n$/);
    const size = atelier(['image', '--engine', 'diffusion', '--model', model, '--size', '100x64', '-o', out, 'a cat']);
    assert.equal(size.status, 1);
    assert.match(size.stderr, /^atelier: INVALID_INPUT: [^\n]+\n$/);
    await assert.rejects(fs.access(out));
  });
});
