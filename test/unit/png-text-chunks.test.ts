import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import {
  a1111Parameters,
  asciiSafe,
  settingsFromA1111,
  settingsFromPng,
  withImageMetadata,
  type ImageMetadata,
} from '../../main/engines/image/image-metadata.js';
import { pngSize, readTextChunks, withoutPhys, withTextChunks } from '../../main/engines/image/png-text-chunks.js';

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

describe('files other tools read right', () => {
  const chunkTypes = (png: Uint8Array) => {
    const types: string[] = [];
    const view = Buffer.from(png);
    for (let at = 8; at < view.length; at += 12 + view.readUInt32BE(at)) types.push(view.toString('latin1', at + 4, at + 8));
    return types;
  };
  const meta = (prompt: string): ImageMetadata => ({
    engine: 'procedural',
    template: 'gradient',
    prompt,
    negativePrompt: '',
    seed: 2781095065,
    width: 9,
    height: 5,
  });

  test('sharp writes pHYs (25.4 dpi); the metadata writer drops it and puts the parameters in a plain tEXt', async () => {
    const png = await tinyPng();
    assert.ok(chunkTypes(png).includes('pHYs'), 'libvips still writes pHYs, so the drop is needed');
    const tagged = withImageMetadata(png, meta('dunes at noon'));
    const types = chunkTypes(tagged);
    assert.ok(!types.includes('pHYs'));
    assert.deepEqual(types.slice(0, 3), ['IHDR', 'tEXt', 'iTXt'], 'parameters as tEXt, Atelier JSON as iTXt, both before the pixels');
    assert.deepEqual(withoutPhys(tagged), tagged, 'dropping again changes nothing');
  });

  test('a non-ASCII prompt: the tEXt is folded to ASCII, the exact text follows as iTXt and wins on reading', async () => {
    const prompt = 'café at night, 港の夜';
    const tagged = withImageMetadata(await tinyPng(), meta(prompt));
    const params = readTextChunks(tagged).filter((e) => e.keyword === 'parameters');
    assert.equal(params.length, 2);
    assert.match(params[0]?.text ?? '', /^cafe at night, \?\?\?\nSeed: 2781095065/);
    assert.match(params[1]?.text ?? '', /^café at night, 港の夜\n/);
    assert.equal(asciiSafe('naïve — “quoted”\ttab'), 'naive ? ?quoted? tab');
    const withoutJson = withTextChunks(tagged, [{ keyword: 'atelier', text: 'not json' }]);
    assert.equal(settingsFromPng(withoutJson)?.prompt, prompt, 'the exact iTXt is read, not its folded twin');
  });

  test('a tEXt entry outside Latin-1 is refused rather than written wrong', async () => {
    assert.throws(() => withTextChunks(tinyPngSync, [{ keyword: 'parameters', text: '港', chunk: 'tEXt' }]), /Latin-1/);
  });
});

const tinyPngSync = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
