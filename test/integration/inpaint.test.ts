import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { AtelierError } from '../../preload/errors.js';
import { stopDiffusionHost } from '../../main/engines/image/diffusion/diffusion-engine.js';
import { inpaintPicture, type InpaintRequest } from '../../main/engines/image/inpaint/inpaint-picture.js';
import { outpaintPicture } from '../../main/engines/image/inpaint/outpaint-picture.js';
import { readTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { tempHome } from '../support/web-host.js';

let plain: string;
let inpainting: string;
let dir: string;
let picture: Buffer;
let mask: Buffer;
const W = 200;
const H = 150;
/** The mask's white box, in the picture's pixels (the mask itself is drawn at half size). */
const BOX = { left: 60, top: 40, width: 80, height: 60 };
const ARTIFACTS = path.resolve('test-artifacts', 'inpaint');

/** A busy picture: stripes and a gradient, so any repaint shows. */
async function stripes(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = Math.floor(y / 10) % 2 === 0 ? 230 : 30;
      raw[i + 2] = 255 - (y * 255) / height;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** A black mask with one white box, at `scale` times the picture's size. */
async function boxMask(scale: number): Promise<Buffer> {
  const w = Math.round(W * scale);
  const h = Math.round(H * scale);
  const raw = Buffer.alloc(w * h);
  for (let y = Math.round(BOX.top * scale); y < Math.round((BOX.top + BOX.height) * scale); y += 1) {
    raw.fill(255, y * w + Math.round(BOX.left * scale), y * w + Math.round((BOX.left + BOX.width) * scale));
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 1 } })
    .png()
    .toBuffer();
}

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-diffusion', 'tiny-diffusion-inpaint'] });
  plain = fixtures['tiny-diffusion'] as string;
  inpainting = fixtures['tiny-diffusion-inpaint'] as string;
  dir = await tempHome('atelier-inpaint-');
  picture = await stripes(W, H);
  mask = await boxMask(0.5);
  await fs.mkdir(ARTIFACTS, { recursive: true });
});

after(async () => {
  await stopDiffusionHost();
  await fs.rm(dir, { recursive: true, force: true });
});

const request = (over: Partial<InpaintRequest> = {}): InpaintRequest => ({
  model: { id: 'tiny-diffusion-inpaint', dir: inpainting },
  image: picture,
  mask,
  prompt: 'a green forest',
  negativePrompt: '',
  steps: 4,
  guidance: 0,
  scheduler: 'euler-a',
  seed: 7,
  count: 1,
  ...over,
});

const rgb = async (png: Uint8Array) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const inBox = (x: number, y: number, b = BOX) => x >= b.left && x < b.left + b.width && y >= b.top && y < b.top + b.height;

/** The box grown by a pixel: a half-size mask scaled up blurs its edge by that much. */
const NEAR = { left: BOX.left - 1, top: BOX.top - 1, width: BOX.width + 2, height: BOX.height + 2 };

/** The largest channel difference outside the (grown) box and the mean difference inside it. */
async function compare(made: Uint8Array): Promise<{ outsideMax: number; insideMean: number }> {
  const a = await rgb(picture);
  const b = await rgb(made);
  assert.deepEqual([b.info.width, b.info.height], [W, H]);
  let outsideMax = 0;
  let inside = 0;
  let count = 0;
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      for (let c = 0; c < 3; c += 1) {
        const i = (y * W + x) * 3 + c;
        const d = Math.abs((a.data[i] as number) - (b.data[i] as number));
        if (inBox(x, y)) {
          inside += d;
          count += 1;
        } else if (!inBox(x, y, NEAR)) outsideMax = Math.max(outsideMax, d);
      }
    }
  }
  return { outsideMax, insideMean: inside / count };
}

async function rejects(run: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(run, (error: unknown) => {
    assert.ok(error instanceof AtelierError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('inpainting', () => {
  test('a 9-channel inpainting UNet repaints only the mask; the rest is the original, byte for byte', async () => {
    const steps: number[] = [];
    const [made] = await inpaintPicture(request(), new AbortController().signal, (u) => {
      if (typeof u.fraction === 'number') steps.push(u.fraction);
    });
    assert.ok(made);
    await fs.writeFile(path.join(ARTIFACTS, 'inpaint-9ch.png'), made.png);
    const { outsideMax, insideMean } = await compare(made.png);
    assert.equal(outsideMax, 0);
    assert.ok(insideMean > 20, `the masked box changed by ${insideMean.toFixed(1)} on average`);
    assert.equal(steps.at(-1), 1);
    assert.ok(readTextChunks(made.png).some((c) => c.keyword === 'parameters' && /Seed: 7, Size: 200x150/.test(c.text)));
  });

  test('an ordinary 4-channel model takes the masked img2img path: the same guarantee', async () => {
    const [made] = await inpaintPicture(request({ model: { id: 'tiny-diffusion', dir: plain } }), new AbortController().signal, () => undefined);
    assert.ok(made);
    await fs.writeFile(path.join(ARTIFACTS, 'inpaint-4ch.png'), made.png);
    const { outsideMax, insideMean } = await compare(made.png);
    assert.equal(outsideMax, 0);
    assert.ok(insideMean > 20, `the masked box changed by ${insideMean.toFixed(1)} on average`);
  });

  test('two seeds give different fills; the same seed the same bytes', async () => {
    const signal = new AbortController().signal;
    const [a] = await inpaintPicture(request({ seed: 1 }), signal, () => undefined);
    const [b] = await inpaintPicture(request({ seed: 2 }), signal, () => undefined);
    const [again] = await inpaintPicture(request({ seed: 1 }), signal, () => undefined);
    assert.ok(a && b && again);
    assert.ok(!Buffer.from(a.png).equals(Buffer.from(b.png)));
    assert.ok(Buffer.from(a.png).equals(Buffer.from(again.png)));
  });

  test('a mask with transparency repaints its transparent pixels (OpenAI’s rule)', async () => {
    const rgba = Buffer.alloc(W * H * 4, 255);
    for (let y = 0; y < H; y += 1) for (let x = 0; x < W; x += 1) if (inBox(x, y)) rgba[(y * W + x) * 4 + 3] = 0;
    const alphaMask = await sharp(rgba, { raw: { width: W, height: H, channels: 4 } })
      .png()
      .toBuffer();
    const [made] = await inpaintPicture(request({ mask: alphaMask, seed: 3 }), new AbortController().signal, () => undefined);
    assert.ok(made);
    const { outsideMax, insideMean } = await compare(made.png);
    assert.equal(outsideMax, 0);
    assert.ok(insideMean > 20);
  });

  test('bad masks and a model without vae_encoder are typed errors', async () => {
    const signal = new AbortController().signal;
    await rejects(
      inpaintPicture(request({ mask: Buffer.from('not a picture') }), signal, () => undefined),
      'INVALID_INPUT',
      /mask is not a picture/,
    );
    const black = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await rejects(
      inpaintPicture(request({ mask: black }), signal, () => undefined),
      'INVALID_INPUT',
      /mask is empty/,
    );
    const noEncoder = path.join(dir, 'no-encoder');
    await fs.cp(plain, noEncoder, { recursive: true });
    await fs.rm(path.join(noEncoder, 'vae_encoder'), { recursive: true });
    await rejects(
      inpaintPicture(request({ model: { id: 'no-encoder', dir: noEncoder } }), signal, () => undefined),
      'MODEL_UNSUPPORTED',
      /no vae_encoder, so it cannot inpaint/,
    );
  });

  test('cancel between steps: CANCELLED, and the next inpaint runs', async () => {
    const controller = new AbortController();
    let seen = 0;
    await rejects(
      inpaintPicture(request({ steps: 150 }), controller.signal, (u) => {
        if (u.detail?.startsWith('Step') && (seen += 1) === 2) controller.abort();
      }),
      'CANCELLED',
      /Cancelled/,
    );
    const [made] = await inpaintPicture(request(), new AbortController().signal, () => undefined);
    assert.ok(made);
  });
});

describe('outpainting', () => {
  test('16:9 → 9:16: the canvas is 9:16, the original sits by its anchor with its pixels in place', async () => {
    const wide = await stripes(320, 180);
    const { images, placed } = await outpaintPicture(
      { ...request({ image: wide }), target: { aspect: { width: 9, height: 16 } }, anchor: 'center', seam: 6 },
      new AbortController().signal,
      () => undefined,
    );
    const [made] = images;
    assert.ok(made);
    await fs.writeFile(path.join(ARTIFACTS, 'outpaint-9x16.png'), made.png);
    const out = await rgb(made.png);
    assert.deepEqual([out.info.width, out.info.height], [320, 569]);
    assert.deepEqual(placed, { left: 0, top: 194, width: 320, height: 180 });
    const source = await rgb(wide);
    // Away from the seam (6 px into the picture at its top and bottom edges) every pixel is the original's.
    let differ = 0;
    for (let y = 6; y < 180 - 6; y += 1) {
      for (let x = 0; x < 320; x += 1) {
        for (let c = 0; c < 3; c += 1) if (out.data[((y + 194) * 320 + x) * 3 + c] !== source.data[(y * 320 + x) * 3 + c]) differ += 1;
      }
    }
    assert.equal(differ, 0);
    // The new area is painted, not left as the stretched edge rows.
    const topBand = await sharp(made.png).extract({ left: 0, top: 0, width: 320, height: 150 }).stats();
    assert.ok(
      topBand.channels.some((c) => c.stdev > 5),
      'the new area has content',
    );
  });

  test('added pixels on each side, anchored top-left, with the 4-channel model', async () => {
    const { images, placed } = await outpaintPicture(
      {
        ...request({ image: picture, model: { id: 'tiny-diffusion', dir: plain } }),
        target: { extend: { top: 0, right: 40, bottom: 24, left: 0 } },
        anchor: 'top-left',
      },
      new AbortController().signal,
      () => undefined,
    );
    const [made] = images;
    assert.ok(made);
    await fs.writeFile(path.join(ARTIFACTS, 'outpaint-extend.png'), made.png);
    const meta = await sharp(made.png).metadata();
    assert.deepEqual([meta.width, meta.height], [240, 174]);
    assert.deepEqual(placed, { left: 0, top: 0, width: 200, height: 150 });
    const corner = await sharp(made.png).extract({ left: 0, top: 0, width: 100, height: 100 }).raw().toBuffer();
    const original = await sharp(picture).extract({ left: 0, top: 0, width: 100, height: 100 }).raw().toBuffer();
    assert.ok(corner.equals(original));
  });

  test('a canvas the picture already fills is a typed error', async () => {
    await rejects(
      outpaintPicture({ ...request(), target: { width: W, height: H }, anchor: 'center' }, new AbortController().signal, () => undefined),
      'INVALID_INPUT',
      /nothing to extend/,
    );
  });
});
