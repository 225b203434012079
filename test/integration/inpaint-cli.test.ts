import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { readTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { runCli, tempHome } from '../support/web-host.js';

let dir: string;
let inpainting: string;
let plain: string;
let card: string;
let mask: string;
const atelier = (args: string[]) => runCli(args, { ATELIER_HOME: path.join(dir, 'home') });

before(async () => {
  dir = await tempHome('atelier-inpaint-cli-');
  const fixtures = await ensureFixtures({ only: ['tiny-diffusion', 'tiny-diffusion-inpaint'] });
  inpainting = fixtures['tiny-diffusion-inpaint'] as string;
  plain = fixtures['tiny-diffusion'] as string;
  card = path.join(dir, 'card.png');
  const made = atelier(['image', '--template', 'title-card', '--seed', '11', '--size', '320x180', '--text', 'Harbour', '-o', card, 'ocean night']);
  assert.equal(made.status, 0, made.stderr);
  // A mask at a quarter of the card's size: the right half repaints.
  mask = path.join(dir, 'mask.png');
  await sharp({ create: { width: 80, height: 45, channels: 3, background: '#000' } })
    .composite([{ input: { create: { width: 40, height: 45, channels: 3, background: '#fff' } }, left: 40, top: 0 }])
    .png()
    .toFile(mask);
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('atelier image inpaint / outpaint', () => {
  test('inpaint with the 9-channel fixture: the card size, the left half untouched, the settings in the PNG', async () => {
    const out = path.join(dir, 'repainted.png');
    const run = atelier(['image', 'inpaint', card, '--mask', mask, '--model', inpainting, '--steps', '4', '--seed', '5', '-o', out, 'a', 'green', 'forest']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Wrote .*repainted\.png: 320×180, seed 5, \d+ ms\n$/);
    const before = await sharp(card).removeAlpha().extract({ left: 0, top: 0, width: 156, height: 180 }).raw().toBuffer();
    const after = await sharp(out).removeAlpha().extract({ left: 0, top: 0, width: 156, height: 180 }).raw().toBuffer();
    assert.ok(before.equals(after), 'the kept half is byte-identical');
    const right = await sharp(out).extract({ left: 170, top: 0, width: 150, height: 180 }).raw().toBuffer();
    const was = await sharp(card).removeAlpha().extract({ left: 170, top: 0, width: 150, height: 180 }).raw().toBuffer();
    assert.ok(!right.equals(was));
    const chunks = readTextChunks(await fs.readFile(out));
    assert.ok(
      chunks.some(
        (c) => c.keyword === 'parameters' && /^a green forest\n.*Seed: 5, Size: 320x180, Model: tiny-diffusion-inpaint, Denoising strength: 1/s.test(c.text),
      ),
    );
  });

  test('outpaint 16:9 → 9:16 with the 4-channel fixture', async () => {
    const out = path.join(dir, 'vertical.png');
    const run = atelier(['image', 'outpaint', card, '--aspect', '9:16', '--model', plain, '--steps', '3', '--seed', '9', '-o', out, 'sunset']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /vertical\.png: 320×569 \(the picture at 0,194\), seed 9/);
    const meta = await sharp(out).metadata();
    assert.deepEqual([meta.width, meta.height], [320, 569]);
  });

  test('bad input: a usage error or a typed error, and nothing written', async () => {
    const out = path.join(dir, 'never.png');
    const noMask = atelier(['image', 'inpaint', card, '--model', inpainting, '-o', out, 'x']);
    assert.notEqual(noMask.status, 0);
    assert.match(noMask.stderr, /--mask MASK\.png/);
    const black = path.join(dir, 'black.png');
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
      .png()
      .toFile(black);
    const empty = atelier(['image', 'inpaint', card, '--mask', black, '--model', inpainting, '-o', out, 'x']);
    assert.notEqual(empty.status, 0);
    assert.match(empty.stderr, /mask is empty/);
    const twoTargets = atelier(['image', 'outpaint', card, '--aspect', '9:16', '--extend', '10', '--model', plain, '-o', out]);
    assert.match(twoTargets.stderr, /give one of --aspect/);
    const badAspect = atelier(['image', 'outpaint', card, '--aspect', 'tall', '--model', plain, '-o', out]);
    assert.match(badAspect.stderr, /--aspect must look like 9:16/);
    await assert.rejects(fs.stat(out));
  });
});
