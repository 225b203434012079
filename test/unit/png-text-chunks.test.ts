import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { a1111Parameters, settingsFromA1111, settingsFromPng, withImageMetadata, type ImageMetadata } from '../../main/engines/image/image-metadata.js';
import { pngSize, readTextChunks, withTextChunks } from '../../main/engines/image/png-text-chunks.js';

async function tinyPng(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 9, height: 5, channels: 3, background: '#336699' } })
      .png()
      .toBuffer(),
  );
}

/** A hand-made chunk, as another tool would write it. */
function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

describe('PNG text chunks', () => {
  test('iTXt entries round-trip, in UTF-8, and the picture still decodes', async () => {
    const png = await tinyPng();
    const entries = [
      { keyword: 'parameters', text: 'a harbour at night, 港の夜\nSteps: 4' },
      { keyword: 'atelier', text: JSON.stringify({ seed: 7, emoji: '🌙' }) },
    ];
    const tagged = withTextChunks(png, entries);
    assert.deepEqual(readTextChunks(tagged), entries);
    const meta = await sharp(Buffer.from(tagged)).metadata();
    assert.equal(meta.width, 9);
    assert.equal(meta.height, 5);
    assert.deepEqual(pngSize(tagged), { width: 9, height: 5 });
  });

  test('writing a keyword again replaces the old entry instead of adding a second', async () => {
    const once = withTextChunks(await tinyPng(), [{ keyword: 'atelier', text: 'one' }]);
    const twice = withTextChunks(once, [{ keyword: 'atelier', text: 'two' }]);
    assert.deepEqual(readTextChunks(twice), [{ keyword: 'atelier', text: 'two' }]);
  });

  test('tEXt and zTXt written by other tools are read too', async () => {
    const png = Buffer.from(await tinyPng());
    const iend = png.length - 12;
    const text = chunk('tEXt', Buffer.from('Comment\0made elsewhere', 'latin1'));
    const ztxt = chunk('zTXt', Buffer.concat([Buffer.from('Description\0\0', 'latin1'), deflateSync(Buffer.from('squeezed', 'latin1'))]));
    const withOthers = Buffer.concat([png.subarray(0, iend), text, ztxt, png.subarray(iend)]);
    assert.deepEqual(readTextChunks(withOthers), [
      { keyword: 'Comment', text: 'made elsewhere' },
      { keyword: 'Description', text: 'squeezed' },
    ]);
  });

  test('a damaged chunk is refused, not half read', async () => {
    const tagged = Buffer.from(withTextChunks(await tinyPng(), [{ keyword: 'atelier', text: 'x' }]));
    tagged[40] = (tagged[40] as number) ^ 0xff;
    assert.throws(() => readTextChunks(tagged), /CRC/);
    assert.throws(() => readTextChunks(Buffer.from('not a png at all')), /not a PNG/);
  });

  test('bad keywords are refused', async () => {
    const png = await tinyPng();
    assert.throws(() => withTextChunks(png, [{ keyword: '', text: 'x' }]), /keyword/);
    assert.throws(() => withTextChunks(png, [{ keyword: 'x'.repeat(80), text: 'x' }]), /keyword/);
  });
});

describe('image metadata', () => {
  const diffusion: ImageMetadata = {
    engine: 'diffusion',
    model: 'sd-turbo',
    prompt: 'a lighthouse, storm',
    negativePrompt: 'blurry',
    seed: 1234,
    width: 512,
    height: 512,
    steps: 4,
    guidance: 1.5,
    scheduler: 'euler-a',
  };

  test('the A1111 parameters text has the prompt, the negative prompt and the settings line', () => {
    assert.equal(
      a1111Parameters(diffusion),
      'a lighthouse, storm\nNegative prompt: blurry\nSteps: 4, Sampler: Euler a, CFG scale: 1.5, Seed: 1234, Size: 512x512, Model: sd-turbo, Engine: atelier-diffusion',
    );
  });

  test('settings read back from the atelier chunk equal what was written', async () => {
    const tagged = withImageMetadata(await tinyPng(), diffusion);
    const { source, ...settings } = settingsFromPng(tagged) ?? assert.fail('no settings');
    assert.equal(source, 'png-atelier');
    assert.deepEqual(settings, { ...diffusion });
  });

  test('an A1111 file from another tool gives its prompt, seed, size and sampler', () => {
    const text =
      'masterpiece, castle on a hill\nwith clouds\nNegative prompt: lowres, bad hands\nSteps: 28, Sampler: DDIM, CFG scale: 7, Seed: 99, Size: 768x512, Model hash: abc, Model: "v1-5, pruned"';
    const settings = settingsFromA1111(text) ?? assert.fail('not parsed');
    assert.equal(settings.prompt, 'masterpiece, castle on a hill\nwith clouds');
    assert.equal(settings.negativePrompt, 'lowres, bad hands');
    assert.equal(settings.seed, 99);
    assert.equal(settings.steps, 28);
    assert.equal(settings.guidance, 7);
    assert.equal(settings.scheduler, 'ddim');
    assert.equal(settings.width, 768);
    assert.equal(settings.height, 512);
    assert.equal(settings.model, 'v1-5, pruned');
    assert.equal(settings.engine, 'diffusion');
    assert.equal(settingsFromA1111('just a caption'), null);
  });
});
