import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { editImage } from '../../main/engines/image/edit/image-edit.js';
import { settingsFromImage } from '../../main/engines/image/export-metadata.js';
import { runCli, tempHome } from '../support/web-host.js';

/** ImageMagick 6 (the one Debian ships) is the "older reader": it skips iTXt and honours pHYs. */
function identify(file: string): string {
  return execFileSync('identify', ['-verbose', file], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
}

/** `exif:UserComment: 65, 83, …` as ImageMagick prints an UNDEFINED field, decoded past its 8-byte charset header. */
function userComment(verbose: string): string {
  const bytes = /exif:UserComment: ([\d, ]+)/.exec(verbose)?.[1]?.split(', ').map(Number) ?? assert.fail('no UserComment');
  assert.equal(Buffer.from(bytes.slice(0, 8)).toString('latin1'), 'ASCII\0\0\0');
  return Buffer.from(bytes.slice(8)).toString('latin1');
}

let dir: string;
let png: string;
const SEED = 2781095065;
const PROMPT = 'café at night, 港の夜';

before(async () => {
  dir = await tempHome('atelier-image-files-');
  png = path.join(dir, 'card.png');
  const run = runCli(['image', '--template', 'gradient', '--seed', String(SEED), '--size', '320x180', '-o', png, PROMPT], {
    ATELIER_HOME: path.join(dir, 'home'),
  });
  assert.equal(run.status, 0, run.stderr);
});

after(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('pictures other tools read right', () => {
  test('the CLI PNG has no pHYs and ImageMagick reads the parameters from its tEXt; Atelier reads the exact prompt', async () => {
    const verbose = identify(png);
    assert.doesNotMatch(verbose, /pHYs/, 'no 25.4 dpi claim');
    assert.match(verbose, /Units: Undefined/);
    assert.match(verbose, /parameters: cafe at night, \?\?\?/, 'the ASCII-folded A1111 text');
    assert.match(verbose, new RegExp(`Seed: ${SEED}, Size: 320x180, Template: gradient, Engine: atelier-procedural`));
    const settings = (await settingsFromImage(await fs.readFile(png))) ?? assert.fail('no settings');
    assert.deepEqual([settings.prompt, settings.seed, settings.width, settings.source], [PROMPT, SEED, 320, 'png-atelier']);
  });

  for (const format of ['jpeg', 'webp'] as const) {
    test(`a ${format.toUpperCase()} export keeps the parameters in EXIF and XMP at 72 dpi`, async () => {
      const edited = await editImage(await fs.readFile(png), [{ op: 'upscale', factor: 2 }], format, 85);
      const file = path.join(dir, `card.${edited.ext}`);
      await fs.writeFile(file, edited.bytes);
      const verbose = identify(file);
      assert.match(verbose, /Resolution: 72x72/);
      assert.match(verbose, /Units: PixelsPerInch/);
      assert.match(verbose, new RegExp(`exif:ImageDescription: cafe at night, \\?\\?\\?[\\s.]Seed: ${SEED}`));
      assert.match(userComment(verbose), new RegExp(`^cafe at night, \\?\\?\\?\\nSeed: ${SEED}, Size: 320x180`));
      // ImageMagick 6 lists XMP for JPEG only; the WebP XMP is read back below by sharp.
      if (format === 'jpeg') assert.match(verbose, /Profile-xmp: \d+ bytes/);
      const settings = (await settingsFromImage(edited.bytes)) ?? assert.fail('no settings');
      assert.deepEqual(
        [settings.prompt, settings.seed, settings.template, settings.source],
        [PROMPT, SEED, 'gradient', 'png-parameters'],
        'the XMP holds the exact UTF-8 text',
      );
    });
  }

  test('a PNG edit keeps the text chunks and drops pHYs; a picture with no parameters gets none', async () => {
    const edited = await editImage(await fs.readFile(png), [{ op: 'crop', left: 0, top: 0, width: 100, height: 100 }], 'png', 90);
    const file = path.join(dir, 'crop.png');
    await fs.writeFile(file, edited.bytes);
    const verbose = identify(file);
    assert.doesNotMatch(verbose, /pHYs/);
    assert.match(verbose, new RegExp(`parameters: cafe at night[^]*Seed: ${SEED}`));
    assert.equal((await settingsFromImage(edited.bytes))?.prompt, PROMPT);

    const blank = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const plain = await editImage(blank, [], 'jpeg', 80);
    const plainFile = path.join(dir, 'plain.jpg');
    await fs.writeFile(plainFile, plain.bytes);
    assert.doesNotMatch(identify(plainFile), /exif:ImageDescription/);
    assert.match(identify(plainFile), /Resolution: 72x72/);
    assert.equal(await settingsFromImage(plain.bytes), null);
  });
});
