import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { upscalePass, upscaleWithNetwork, type TileRunner } from '../../main/engines/image/upscale/upscale-image.js';
import { tileRows, tileStarts } from '../../main/engines/image/upscale/upscale-tiles.js';
import { loadUpscaler, tileRunner, type UpscalerModel } from '../../main/engines/image/upscale/upscaler-model.js';

let x2: UpscalerModel;
let x4: UpscalerModel;

before(async () => {
  const paths = await ensureFixtures({ only: ['tiny-upscaler-x2', 'tiny-upscaler-x4'] });
  x2 = await loadUpscaler(paths['tiny-upscaler-x2'] as string);
  x4 = await loadUpscaler(paths['tiny-upscaler-x4'] as string);
});

after(async () => {
  await x2.session.release();
  await x4.session.release();
});

/** A busy picture (gradients and stripes), so a seam would show. */
async function picture(width: number, height: number): Promise<{ data: Uint8Array; width: number; height: number }> {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      data[at] = (x * 5) % 256;
      data[at + 1] = (y * 7) % 256;
      data[at + 2] = ((x + y) % 9) * 28;
    }
  return { data, width, height };
}

/** Largest difference between two RGB buffers along output rows [from, to). */
function rowDiff(a: Uint8Array, b: Uint8Array, width: number, from: number, to: number): number {
  let worst = 0;
  for (let i = from * width * 3; i < to * width * 3; i += 1) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe('tiled upscaling', () => {
  test('tiles cover the picture, overlap by the amount asked, and the last is flush with the edge', () => {
    assert.deepEqual(tileStarts(100, 40, 8), [0, 32, 60]);
    assert.deepEqual(tileStarts(30, 40, 8), [0]);
    const rows = tileRows(100, 70, 40, 8);
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows[1]?.map((t) => [t.x, t.y, t.width, t.height]),
      [
        [0, 30, 40, 40],
        [32, 30, 40, 40],
        [60, 30, 40, 40],
      ],
    );
  });

  test('the fixture graph has Real-ESRGAN’s interface and learns its scale from the answer', async () => {
    assert.deepEqual([x4.input, x4.output, x4.half], ['input', 'output', false]);
    const pixels = await picture(20, 12);
    const whole = await upscalePass(pixels, tileRunner(x4), { tile: 64, overlap: 8 });
    assert.deepEqual([whole.width, whole.height, whole.scale], [80, 48, 4]);
    assert.equal((await upscalePass(pixels, tileRunner(x2), { tile: 64, overlap: 8 })).scale, 2);
  });

  test('blended tiles match the whole-picture run across the overlap rows; unblended ones show the seam', async () => {
    const pixels = await picture(96, 80);
    const run = tileRunner(x4);
    const whole = await upscalePass(pixels, run, { tile: 128, overlap: 0 });
    const tiled = await upscalePass(pixels, run, { tile: 48, overlap: 16 });
    const seamed = await upscalePass(pixels, run, { tile: 48, overlap: 0 });
    const width = whole.width;
    // Tile rows start at 0 and 32 (input) with 16 shared: output rows 128…192 are where two tiles blend.
    assert.deepEqual(tileStarts(80, 48, 16), [0, 32]);
    const blended = rowDiff(whole.data, tiled.data, width, 32 * 4, 48 * 4);
    assert.ok(blended <= 1, `the overlap rows differ by ${blended} from the untiled run`);
    const everywhere = rowDiff(whole.data, tiled.data, width, 0, whole.height);
    assert.ok(everywhere <= 1, `the tiled picture differs by ${everywhere} somewhere`);
    // With no overlap the tile edge at input row 48 (output 192) shows: zero padding darkens it.
    const seam = rowDiff(whole.data, seamed.data, width, 48 * 4 - 2, 48 * 4 + 2);
    assert.ok(seam > 20, `without overlap the seam should show (difference ${seam})`);
  });

  test('a ×2 request with a ×4 graph is brought down exactly; ×4 with a ×2 graph takes two passes; alpha is kept', async () => {
    const source = await sharp({ create: { width: 50, height: 30, channels: 4, background: { r: 200, g: 80, b: 40, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const down = await upscaleWithNetwork(source, 2, tileRunner(x4), { tile: 32, overlap: 8 });
    assert.deepEqual([down.width, down.height], [100, 60]);
    const progress: string[] = [];
    const twice = await upscaleWithNetwork(source, 4, tileRunner(x2), { tile: 32, overlap: 8 }, undefined, (_, detail) => progress.push(detail));
    const meta = await sharp(twice.png).metadata();
    assert.deepEqual([meta.width, meta.height, meta.hasAlpha], [200, 120, true]);
    assert.ok(
      progress.some((d) => d.startsWith('Pass 2')),
      'a second pass ran',
    );
    const { data } = await sharp(twice.png).raw().toBuffer({ resolveWithObject: true });
    assert.ok(Math.abs((data[3] as number) - 128) <= 1, 'alpha scaled, not dropped');
  });

  test('a graph that does not scale, and a stop, are refused with typed errors', async () => {
    const identity: TileRunner = async (tile) => tile;
    const source = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#777777' } })
      .png()
      .toBuffer();
    await assert.rejects(upscaleWithNetwork(source, 2, identity), { code: 'MODEL_UNSUPPORTED' });
    const odd: TileRunner = async (tile) => ({ rgb: new Float32Array(3 * 3 * tile.width * 2 * tile.height), width: tile.width * 3, height: tile.height * 2 });
    await assert.rejects(upscaleWithNetwork(source, 2, odd), { code: 'MODEL_UNSUPPORTED' });
    await assert.rejects(upscaleWithNetwork(source, 4, tileRunner(x4), undefined, AbortSignal.abort()), { name: 'AbortError' });
    await assert.rejects(upscaleWithNetwork(Buffer.from('not a picture'), 2, tileRunner(x4)), { code: 'UNSUPPORTED' });
    await assert.rejects(upscaleWithNetwork(source, 400, tileRunner(x4)), { code: 'TOO_LARGE' });
  });
});
