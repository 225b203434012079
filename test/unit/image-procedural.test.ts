import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { luminance, parseHex } from '../../main/engines/image/procedural/colour.js';
import { moodsInPrompt, paletteFor } from '../../main/engines/image/procedural/palettes.js';
import { proceduralEngine, PROCEDURAL_TEMPLATES, type ProceduralRequest } from '../../main/engines/image/procedural/procedural-engine.js';
import { splitAttribution } from '../../main/engines/image/procedural/templates/quote-card.js';
import { IMAGE_TEMPLATES, ImageRequestSchema } from '../../preload/contract.js';

const quiet = () => undefined;
const draw = (request: ProceduralRequest, signal = new AbortController().signal) => proceduralEngine.generate(request, signal, quiet);
const meanLuminance = (hexes: readonly string[]) => hexes.reduce((sum, hex) => sum + luminance(parseHex(hex)), 0) / hexes.length;

describe('palettes from prompt words', () => {
  test('mood words are found in the order the prompt names them', () => {
    assert.deepEqual(moodsInPrompt('A warm cabin by the OCEAN'), ['warm', 'ocean']);
    assert.deepEqual(moodsInPrompt('Midnight in the forest!'), ['midnight', 'forest']);
    assert.deepEqual(moodsInPrompt('a cat on a chair'), []);
  });

  test('night moods are dark with light ink, pastel and winter are light with dark ink', () => {
    for (const prompt of ['midnight harbour', 'a neon city', 'dark forest']) {
      const p = paletteFor(prompt, 1);
      assert.ok(meanLuminance(p.background) < 0.2, `${prompt}: background too light`);
      assert.ok(luminance(parseHex(p.ink)) > 0.7, `${prompt}: ink too dark`);
      assert.equal(p.light, false);
    }
    for (const prompt of ['pastel morning', 'winter snow']) {
      const p = paletteFor(prompt, 1);
      assert.ok(meanLuminance(p.background) > 0.6, `${prompt}: background too dark`);
      assert.ok(luminance(parseHex(p.ink)) < 0.1, `${prompt}: ink too light`);
      assert.equal(p.light, true);
    }
  });

  test('colour words steer toward their hue', () => {
    const [r, g, b] = parseHex(paletteFor('deep blue', 3).background[2]);
    assert.ok(b > r && b > g * 0.9, 'blue leads to blue-green backgrounds');
    const [fr, , fb] = parseHex(paletteFor('red fire', 3).background[2]);
    assert.ok(fr > fb * 2, 'red leads to red backgrounds');
  });

  test('a second mood lends its accent; the seed varies the palette but not its mood', () => {
    assert.equal(paletteFor('midnight warm', 4).name, 'midnight');
    assert.notEqual(paletteFor('midnight warm', 4).accent, paletteFor('midnight', 4).accent);
    assert.notDeepEqual(paletteFor('ocean', 1).background, paletteFor('ocean', 2).background);
    assert.deepEqual(paletteFor('ocean', 1), paletteFor('ocean', 1));
    assert.equal(paletteFor('a cat', 5).name, 'seeded');
  });
});

describe('procedural templates', () => {
  test('every template renders at the asked size, and the list matches the contract', async () => {
    assert.deepEqual(
      PROCEDURAL_TEMPLATES.map((t) => t.id),
      [...IMAGE_TEMPLATES],
    );
    for (const template of IMAGE_TEMPLATES) {
      const made = await draw({ template, prompt: 'sunset', text: 'Chapter one', width: 320, height: 200, seed: 3 });
      const meta = await sharp(Buffer.from(made.png)).metadata();
      assert.equal(meta.format, 'png', template);
      assert.equal(meta.width, 320, template);
      assert.equal(meta.height, 200, template);
    }
  });

  test('the same inputs give byte-identical PNGs; another seed, prompt or text gives other bytes', async () => {
    for (const template of IMAGE_TEMPLATES) {
      const base: ProceduralRequest = { template, prompt: 'forest', text: 'Hello', width: 256, height: 160, seed: 11 };
      const a = await draw(base);
      const b = await draw(base);
      assert.ok(Buffer.from(a.png).equals(Buffer.from(b.png)), `${template}: not deterministic`);
      const reseeded = await draw({ ...base, seed: 12 });
      assert.ok(!Buffer.from(a.png).equals(Buffer.from(reseeded.png)), `${template}: the seed changed nothing`);
      const reprompted = await draw({ ...base, prompt: 'neon' });
      assert.ok(!Buffer.from(a.png).equals(Buffer.from(reprompted.png)), `${template}: the prompt changed nothing`);
    }
  });

  test('tall, tiny and very large sizes render; long text shrinks into the picture', async () => {
    const tall = await draw({
      template: 'title-card',
      prompt: 'ocean',
      text: 'A very long title that must wrap onto several lines and still fit inside the card without clipping',
      width: 720,
      height: 1280,
      seed: 1,
    });
    assert.deepEqual([(await sharp(Buffer.from(tall.png)).metadata()).height], [1280]);
    const tiny = await draw({ template: 'quote-card', prompt: '', text: 'Small — Me', width: 64, height: 64, seed: 1 });
    assert.equal((await sharp(Buffer.from(tiny.png)).metadata()).width, 64);
    const big = await draw({ template: 'gradient', prompt: 'pastel', width: 4096, height: 4096, seed: 2 });
    assert.equal((await sharp(Buffer.from(big.png)).metadata()).width, 4096);
  });

  test('sizes outside 64..4096 are refused with INVALID_INPUT', async () => {
    await assert.rejects(draw({ template: 'noise', prompt: '', width: 63, height: 100, seed: 1 }), { code: 'INVALID_INPUT' });
    await assert.rejects(draw({ template: 'noise', prompt: '', width: 100, height: 4097, seed: 1 }), { code: 'INVALID_INPUT' });
  });

  test('a cancel stops the noise field', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await assert.rejects(draw({ template: 'noise', prompt: '', width: 1024, height: 1024, seed: 1 }, controller.signal));
  });

  test('quotes split from their attribution', () => {
    assert.deepEqual(splitAttribution('Make it so. — Picard'), { quote: 'Make it so.', by: 'Picard' });
    assert.deepEqual(splitAttribution('Words\nSomeone'), { quote: 'Words', by: 'Someone' });
    assert.deepEqual(splitAttribution('well-known - anonymous'), { quote: 'well-known', by: 'anonymous' });
    assert.deepEqual(splitAttribution('No credit'), { quote: 'No credit', by: '' });
  });
});

describe('the image request schema', () => {
  test('defaults fill in a 1280×720 procedural title card', () => {
    const parsed = ImageRequestSchema.parse({});
    assert.equal(parsed.engine, 'procedural');
    assert.equal(parsed.template, 'title-card');
    assert.equal(parsed.width, 1280);
    assert.equal(parsed.height, 720);
    assert.equal(parsed.count, 1);
    assert.equal(parsed.seed, undefined);
  });

  test('bad sizes, counts and combinations are refused', () => {
    for (const bad of [
      { width: 32 },
      { height: 5000 },
      { width: 100.5 },
      { count: 9 },
      { engine: 'diffusion', width: 513 },
      { engine: 'procedural', initAssetId: 'abc', strength: 0.5 },
      { engine: 'diffusion', strength: 0.5 },
      { template: 'nope' },
      { seed: -1 },
      { extra: true },
    ]) {
      assert.equal(ImageRequestSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
    assert.equal(ImageRequestSchema.safeParse({ engine: 'diffusion', width: 512, height: 768, initAssetId: 'a', strength: 0.4 }).success, true);
  });
});
