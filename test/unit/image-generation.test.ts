import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateImages, seedAt } from '../../main/engines/image/image-generation.js';
import { settingsFromPng } from '../../main/engines/image/image-metadata.js';
import { ImageRequestSchema } from '../../preload/contract.js';

describe('generateImages', () => {
  test('a batch uses consecutive seeds, stamps each PNG with its settings and streams a preview per picture', async () => {
    const request = { ...ImageRequestSchema.parse({ template: 'palette', prompt: 'autumn', width: 200, height: 120, count: 3 }), seed: 4_294_967_294 };
    const previews: string[] = [];
    const made = await generateImages(request, {}, new AbortController().signal, (update) => {
      if (update.partial?.previewDataUrl) previews.push(update.partial.previewDataUrl);
    });
    assert.deepEqual(
      made.map((m) => m.metadata.seed),
      [4_294_967_294, 4_294_967_295, 0],
      'seeds wrap past the top',
    );
    assert.deepEqual(
      made.map((m) => m.label),
      ['autumn', 'autumn', 'autumn'],
      'named for what they show; each seed is in its PNG',
    );
    for (const image of made) {
      const settings = settingsFromPng(image.png) ?? assert.fail('no settings in the PNG');
      assert.equal(settings.seed, image.metadata.seed);
      assert.equal(settings.prompt, 'autumn');
      assert.equal(settings.template, 'palette');
      assert.deepEqual([settings.width, settings.height], [200, 120]);
    }
    assert.equal(previews.length, 3);
    assert.match(previews[0] as string, /^data:image\/webp;base64,/);
    assert.equal(seedAt(7, 2), 9);
  });

  test('a cancelled batch stops', async () => {
    const controller = new AbortController();
    const request = { ...ImageRequestSchema.parse({ template: 'noise', width: 512, height: 512, count: 8 }), seed: 1 };
    let pictures = 0;
    const run = generateImages(request, {}, controller.signal, (update) => {
      if (update.partial?.previewDataUrl && ++pictures === 1) controller.abort(new Error('stop'));
    });
    await assert.rejects(run);
    assert.equal(pictures, 1);
  });
});
