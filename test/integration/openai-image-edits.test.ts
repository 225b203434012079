import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import sharp from 'sharp';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { runCli, startWebHostProcess, tempHome, type RunningWebHost } from '../support/web-host.js';

let home: string;
let host: RunningWebHost;
let client: OpenAI;
let picture: Buffer;
let mask: Buffer;
/** The picture with its right half transparent: without a mask, that half is repainted. */
let holed: Buffer;

before(async () => {
  const fixtures = await ensureFixtures({ only: ['tiny-diffusion-inpaint'] });
  home = await tempHome('atelier-image-edits-');
  const imported = runCli(['models', 'import', fixtures['tiny-diffusion-inpaint'] as string, '--reference'], { ATELIER_HOME: home });
  assert.equal(imported.status, 0, imported.stderr);
  host = await startWebHostProcess({ home });
  client = new OpenAI({ baseURL: `${host.origin}/v1`, apiKey: host.token, maxRetries: 0, timeout: 120_000 });
  picture = await sharp({ create: { width: 128, height: 96, channels: 3, background: '#2a6f97' } })
    .composite([{ input: { create: { width: 64, height: 96, channels: 3, background: '#f4d35e' } }, left: 0, top: 0 }])
    // Composite adds an alpha channel; a picture without one needs a mask.
    .removeAlpha()
    .png()
    .toBuffer();
  // OpenAI's mask: transparent where to edit (the right half), opaque elsewhere; the holed picture likewise.
  const rightHalfClear = async (rgb: Buffer) => {
    const raw = await sharp(rgb).ensureAlpha().raw().toBuffer();
    for (let y = 0; y < 96; y += 1) for (let x = 64; x < 128; x += 1) raw[(y * 128 + x) * 4 + 3] = 0;
    return sharp(raw, { raw: { width: 128, height: 96, channels: 4 } })
      .png()
      .toBuffer();
  };
  mask = await rightHalfClear(
    await sharp({ create: { width: 128, height: 96, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  holed = await rightHalfClear(picture);
});

after(async () => {
  await host?.stop();
  if (home) await fs.rm(home, { recursive: true, force: true });
});

/** Whether the left half (kept) equals the picture's and the right half (edited) does not. */
async function onlyRightChanged(png: Buffer): Promise<void> {
  const half = (b: Buffer, left: number) => sharp(b).removeAlpha().extract({ left, top: 0, width: 60, height: 96 }).raw().toBuffer();
  assert.ok((await half(png, 0)).equals(await half(picture, 0)), 'the kept half is unchanged');
  assert.ok(!(await half(png, 68)).equals(await half(picture, 68)), 'the masked half is repainted');
}

const file = (bytes: Buffer, name: string) => toFile(bytes, name, { type: 'image/png' });

describe('/v1/images/edits through the official client', () => {
  test('b64_json, n=2: two different repaints of the masked half', async () => {
    const result = await client.images.edit({
      image: await file(picture, 'p.png'),
      mask: await file(mask, 'm.png'),
      prompt: 'a red boat',
      n: 2,
      response_format: 'b64_json',
    });
    assert.equal(result.data?.length, 2);
    const pngs = (result.data ?? []).map((d) => Buffer.from(d.b64_json ?? '', 'base64'));
    for (const png of pngs) await onlyRightChanged(png);
    assert.ok(!pngs[0]?.equals(pngs[1] as Buffer));
  });

  test('url, no mask: the transparent pixels of the image are the mask', async () => {
    const result = await client.images.edit({
      image: await file(holed, 'holed.png'),
      prompt: 'the moon',
      response_format: 'url',
      size: '256x192' as '256x256',
    });
    const url = result.data?.[0]?.url;
    assert.ok(url);
    const png = Buffer.from(await (await fetch(url)).arrayBuffer());
    const meta = await sharp(png).metadata();
    assert.deepEqual([meta.width, meta.height], [256, 192]);
  });

  test("bad input answers 400 in OpenAI's shape", async () => {
    const status = async (run: Promise<unknown>, param: RegExp) => {
      await assert.rejects(run, (error: unknown) => {
        assert.ok(error instanceof OpenAI.APIError, String(error));
        assert.equal(error.status, 400);
        assert.equal(error.type, 'invalid_request_error');
        assert.match(error.message, param);
        return true;
      });
    };
    await status(client.images.edit({ image: await file(picture, 'p.png'), prompt: 'x' }), /mask: send a mask/);
    const black = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    await status(client.images.edit({ image: await file(picture, 'p.png'), mask: await file(black, 'm.png'), prompt: 'x' }), /mask is empty/);
    await status(client.images.edit({ image: await file(picture, 'p.png'), mask: await file(mask, 'm.png'), prompt: 'x', n: 99 }), /n:/);
    await status(client.images.edit({ image: await file(Buffer.from('not a png'), 'p.png'), prompt: 'x' }), /not a picture/);
  });
});
