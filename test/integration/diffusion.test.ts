import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { AtelierError } from '../../preload/errors.js';
import type { ProgressUpdate } from '../../main/core/jobs/job-manager.js';
import { diffusionEngine, diffusionHostPid, stopDiffusionHost, type DiffusionRequest } from '../../main/engines/image/diffusion/diffusion-engine.js';
import { DiffusionHostRequestSchema } from '../../main/engines/image/diffusion/diffusion-host-api.js';
import { loadDiffusionModel, releaseDiffusionModel } from '../../main/engines/image/diffusion/diffusion-model.js';
import { runDiffusion } from '../../main/engines/image/diffusion/diffusion-pipeline.js';
import { generateImages } from '../../main/engines/image/image-generation.js';
import { readTextChunks } from '../../main/engines/image/png-text-chunks.js';
import { ensureFixtures } from '../../models/fixtures/ensure-fixtures.js';
import { encodeOnnxModel } from '../../models/fixtures/onnx-writer.js';
import { tinyDiffusionUnetVariant } from '../../models/fixtures/tiny-diffusion.js';
import { tempHome } from '../support/web-host.js';

let model: string;
let dir: string;

before(async () => {
  model = (await ensureFixtures({ only: ['tiny-diffusion'] }))['tiny-diffusion'] as string;
  dir = await tempHome('atelier-diffusion-');
});

after(async () => {
  await stopDiffusionHost();
  await fs.rm(dir, { recursive: true, force: true });
});

const base = (over: Partial<DiffusionRequest> = {}): DiffusionRequest => ({
  modelDir: model,
  prompt: 'a photo of a red lighthouse at night',
  negativePrompt: '',
  width: 128,
  height: 96,
  steps: 4,
  guidance: 0,
  scheduler: 'euler-a',
  seed: 42,
  count: 1,
  ...over,
});

async function make(over: Partial<DiffusionRequest> = {}, onProgress: (u: ProgressUpdate) => void = () => undefined) {
  return diffusionEngine.generate(base(over), new AbortController().signal, onProgress);
}

const bytes = (png: Uint8Array) => Buffer.from(png);

async function meanColour(png: Uint8Array): Promise<number[]> {
  const stats = await sharp(png).stats();
  return stats.channels.slice(0, 3).map((c) => c.mean);
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AtelierError, `an AtelierError, not ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

/** A copy of the fixture to damage. */
async function copyModel(name: string): Promise<string> {
  const target = path.join(dir, name);
  await fs.cp(model, target, { recursive: true });
  return target;
}

describe('diffusion engine on the tiny fixture', () => {
  test('txt2img with every scheduler: a PNG of the asked size; the same seed the same bytes', async () => {
    for (const [scheduler, guidance] of [
      ['euler-a', 0],
      ['lcm', 1],
      ['euler', 7.5],
      ['ddim', 7.5],
    ] as const) {
      const first = await make({ scheduler, guidance });
      const again = await make({ scheduler, guidance });
      assert.equal(first.images.length, 1);
      const [image] = first.images;
      assert.ok(image);
      const meta = await sharp(image.png).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height, meta.channels], ['png', 128, 96, 3], scheduler);
      assert.equal(image.seed, 42);
      assert.ok(bytes(image.png).equals(bytes(again.images[0]?.png ?? new Uint8Array())), `${scheduler}: same seed, same bytes`);
      const other = await make({ scheduler, guidance, seed: 43 });
      assert.ok(!bytes(image.png).equals(bytes(other.images[0]?.png ?? new Uint8Array())), `${scheduler}: another seed, another picture`);
      assert.equal(first.stepMs?.length, 4);
      assert.equal(first.provider, 'cpu');
    }
  });

  test('the prompt, the negative prompt (with guidance) and the guidance itself change the picture', async () => {
    const red = (await make({ prompt: 'a red cat' })).images[0]?.png;
    const blue = (await make({ prompt: 'a blue ocean' })).images[0]?.png;
    assert.ok(red && blue && !bytes(red).equals(bytes(blue)));
    const guided = (await make({ scheduler: 'euler', guidance: 7.5 })).images[0]?.png;
    const negative = (await make({ scheduler: 'euler', guidance: 7.5, negativePrompt: 'green forest' })).images[0]?.png;
    const stronger = (await make({ scheduler: 'euler', guidance: 12 })).images[0]?.png;
    assert.ok(guided && negative && stronger);
    assert.ok(!bytes(guided).equals(bytes(negative)), 'the negative prompt is the unconditional half of guidance');
    assert.ok(!bytes(guided).equals(bytes(stronger)));
  });

  test('a batch makes one picture per seed; each equals a single run with that seed', async () => {
    const batch = await make({ count: 3, seed: 100 });
    assert.deepEqual(
      batch.images.map((i) => i.seed),
      [100, 101, 102],
    );
    const distinct = new Set(batch.images.map((i) => bytes(i.png).toString('base64')));
    assert.equal(distinct.size, 3);
    const single = await make({ seed: 101 });
    assert.ok(bytes(single.images[0]?.png ?? new Uint8Array()).equals(bytes(batch.images[1]?.png ?? new Uint8Array())));
  });

  test('progress: the load, then every step in order, and preview JPEGs (at most four a second) beside them', async () => {
    await stopDiffusionHost();
    const updates: ProgressUpdate[] = [];
    await make({ steps: 5 }, (u) => updates.push(u));
    assert.match(updates[0]?.detail ?? '', /^Model ready on the CPU in \d+\.\d s$/);
    const steps = updates.slice(1).filter((u) => u.detail !== undefined);
    assert.deepEqual(
      steps.map((u) => u.detail),
      [1, 2, 3, 4, 5].map((n) => `Step ${n} of 5`),
    );
    assert.deepEqual(
      steps.map((u) => u.fraction),
      [0.2, 0.4, 0.6, 0.8, 1],
    );
    // A preview is encoded beside the next steps: it arrives as its own update, with no fraction of its own.
    const previewUpdates = updates.slice(1).filter((u) => u.partial?.previewDataUrl !== undefined);
    for (const u of previewUpdates) assert.deepEqual([u.fraction, u.detail], [undefined, undefined]);
    assert.equal(steps.length + previewUpdates.length, updates.length - 1, 'every update is a step or a preview');
    assert.ok(previewUpdates.length >= 1 && previewUpdates.length < 5, `${previewUpdates.length} previews: the first step always has one, the last none`);
    assert.ok(updates.indexOf(previewUpdates[0] as ProgressUpdate) > updates.indexOf(steps[0] as ProgressUpdate), 'a preview follows the step it shows');
    const previews = previewUpdates.map((u) => u.partial?.previewDataUrl);
    for (const preview of previews.filter((p): p is string => p !== undefined)) {
      assert.match(preview, /^data:image\/jpeg;base64,/);
      const meta = await sharp(Buffer.from(preview.split(',')[1] ?? '', 'base64')).metadata();
      assert.deepEqual([meta.width, meta.height], [16 * 8, 12 * 8], 'the 16×12 latent, enlarged (at most ×8)');
    }
    // A slower run (a bigger picture, guidance) still previews regularly, not every step.
    const long: ProgressUpdate[] = [];
    await make({ steps: 40, width: 512, height: 512, scheduler: 'euler', guidance: 5 }, (u) => long.push(u));
    const shown = long.filter((u) => u.partial?.previewDataUrl).length;
    assert.ok(shown >= 1 && shown < 40, `${shown} previews for 40 steps`);
  });

  test('previews never change the picture, and each comes after the step it shows and before the answer', async () => {
    const loaded = await loadDiffusionModel(model, 'cpu');
    try {
      for (const [scheduler, guidance] of [
        ['euler-a', 0],
        ['lcm', 1],
        ['ddim', 7.5],
      ] as const) {
        const request = (previews: boolean) =>
          DiffusionHostRequestSchema.parse({ ...base({ scheduler, guidance, steps: 8, width: 256, height: 256 }), previews });
        const events: { kind: string; step: number }[] = [];
        const shown = await runDiffusion(loaded, request(true), new AbortController().signal, (e) => events.push({ kind: e.kind, step: e.step }));
        const eventsAtAnswer = events.length;
        const plain = await runDiffusion(loaded, request(false), new AbortController().signal, (e) => assert.equal(e.kind, 'step', 'no previews asked'));
        assert.ok(bytes(shown.images[0]?.png ?? new Uint8Array()).equals(bytes(plain.images[0]?.png ?? new Uint8Array())), `${scheduler}: same picture`);
        assert.deepEqual(
          events.filter((e) => e.kind === 'step').map((e) => e.step),
          [1, 2, 3, 4, 5, 6, 7, 8],
        );
        const previews = events.filter((e) => e.kind === 'preview');
        assert.ok(previews.length >= 1, `${scheduler}: the first step's preview`);
        for (const preview of previews) {
          const at = events.indexOf(preview);
          const newestStep = events.slice(0, at).findLast((e) => e.kind === 'step')?.step ?? 0;
          assert.ok(preview.step <= newestStep && preview.step < 8, `${scheduler}: preview of step ${preview.step} after step ${newestStep}`);
        }
        await new Promise((resolve) => setImmediate(resolve));
        assert.equal(events.length, eventsAtAnswer, `${scheduler}: nothing arrives after the answer`);
      }
    } finally {
      await releaseDiffusionModel(loaded);
    }
  });

  test('cancel between steps: CANCELLED, no picture, and the engine runs the next request', async () => {
    const controller = new AbortController();
    let seen = 0;
    const run = diffusionEngine.generate(base({ steps: 50, width: 256, height: 256 }), controller.signal, (u) => {
      if (u.detail?.startsWith('Step')) {
        seen += 1;
        if (seen === 2) controller.abort();
      }
    });
    await rejectsWith(run, 'CANCELLED', /Cancelled/);
    assert.ok(seen >= 2 && seen < 50, `stopped after ${seen} steps`);
    assert.equal((await make()).images.length, 1);
  });

  test('img2img: strength 0 keeps the starting picture; more strength moves further from it', async () => {
    const start = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 220, g: 120, b: 40 } } })
      .png()
      .toBuffer();
    const startColour = [220, 120, 40];
    const distance = async (png: Uint8Array | undefined) => {
      assert.ok(png);
      const colour = await meanColour(png);
      return Math.hypot(...colour.map((c, i) => c - (startColour[i] as number)));
    };
    const keep = await make({ initImage: start, strength: 0, steps: 8, scheduler: 'euler' });
    const light = await make({ initImage: start, strength: 0.25, steps: 8, scheduler: 'euler' });
    const heavy = await make({ initImage: start, strength: 1, steps: 8, scheduler: 'euler' });
    const [dKeep, dLight, dHeavy] = await Promise.all([keep, light, heavy].map((r) => distance(r.images[0]?.png)));
    assert.ok((dKeep as number) < 20, `strength 0 keeps the colour (off by ${dKeep})`);
    assert.ok((dLight as number) < (dHeavy as number), `strength 0.25 (${dLight}) stays closer than 1 (${dHeavy})`);
    const again = await make({ initImage: start, strength: 0.25, steps: 8, scheduler: 'euler' });
    assert.ok(bytes(again.images[0]?.png ?? new Uint8Array()).equals(bytes(light.images[0]?.png ?? new Uint8Array())), 'img2img is deterministic too');
    for (const scheduler of ['ddim', 'lcm', 'euler-a'] as const) {
      const made = await make({ initImage: start, strength: 0.5, steps: 4, scheduler });
      assert.equal(made.stepMs?.length, 2, `${scheduler}: strength 0.5 of 4 steps runs 2`);
    }
  });

  test('device gpu: a GPU provider where ONNX Runtime has one that starts, else the CPU with a note saying so', async () => {
    await stopDiffusionHost();
    const details: string[] = [];
    const made = await make({ device: 'gpu' }, (u) => details.push(u.detail ?? ''));
    assert.equal(made.images.length, 1);
    if (made.provider === 'cpu')
      assert.match(details[0] ?? '', /^Model ready on the CPU in \d+\.\d s \((no GPU provider|[a-z, ]+ could not start here); running on the CPU\)$/);
    else assert.match(details[0] ?? '', new RegExp(`^Model ready on ${made.provider?.toUpperCase()}`));
    // Back to the CPU: the host reloads the model rather than reusing the GPU sessions.
    assert.equal((await make({ device: 'cpu' })).provider, 'cpu');
  });

  test('device gpu on a computer with no real GPU: WebGPU (which would take a software renderer) stays off, and the note says why', async () => {
    await stopDiffusionHost();
    const details: string[] = [];
    const made = await make({ device: 'gpu', hardwareGpu: false }, (u) => details.push(u.detail ?? ''));
    if (made.provider === 'cpu')
      assert.match(details[0] ?? '', /no hardware GPU was found \(a software renderer such as lavapipe is not one\), so webgpu stayed off/);
    else assert.equal(made.provider, 'cuda', 'only CUDA, which needs real hardware to start, may run');
    await stopDiffusionHost();
  });

  test('an LCM-distilled UNet gets the guidance as its timestep_cond embedding, in one batch', async () => {
    const lcm = await copyModel('lcm-unet');
    await fs.writeFile(path.join(lcm, 'unet', 'model.onnx'), encodeOnnxModel(tinyDiffusionUnetVariant('lcm')));
    const low = await make({ modelDir: lcm, scheduler: 'lcm', guidance: 1.5 });
    const high = await make({ modelDir: lcm, scheduler: 'lcm', guidance: 8 });
    const again = await make({ modelDir: lcm, scheduler: 'lcm', guidance: 8 });
    assert.ok(!bytes(low.images[0]?.png ?? new Uint8Array()).equals(bytes(high.images[0]?.png ?? new Uint8Array())), 'the guidance reaches the UNet');
    assert.ok(bytes(high.images[0]?.png ?? new Uint8Array()).equals(bytes(again.images[0]?.png ?? new Uint8Array())));
  });

  test('generateImages writes the settings into the PNG’s text chunks', async () => {
    const [made] = await generateImages(
      {
        engine: 'diffusion',
        template: 'title-card',
        prompt: 'a harbour at sunset',
        negativePrompt: 'blurry',
        width: 64,
        height: 64,
        seed: 9,
        steps: 3,
        guidance: 5,
        scheduler: 'ddim',
        count: 1,
      },
      { model: { id: 'tiny-diffusion', dir: model } },
      new AbortController().signal,
      () => undefined,
    );
    assert.ok(made);
    const chunks = new Map(readTextChunks(made.png).map((c) => [c.keyword, c.text]));
    const atelier = JSON.parse(chunks.get('atelier') ?? '{}') as Record<string, unknown>;
    assert.deepEqual(
      [
        atelier.engine,
        atelier.model,
        atelier.prompt,
        atelier.negativePrompt,
        atelier.seed,
        atelier.steps,
        atelier.guidance,
        atelier.scheduler,
        atelier.width,
        atelier.height,
      ],
      ['diffusion', 'tiny-diffusion', 'a harbour at sunset', 'blurry', 9, 3, 5, 'ddim', 64, 64],
    );
    assert.match(chunks.get('parameters') ?? '', /^a harbour at sunset\nNegative prompt: blurry\nSteps: 3, Sampler: [^,]+, CFG scale: 5, Seed: 9, Size: 64x64/);
  });
});

describe('bad models and bad settings', () => {
  test('a folder missing a part names the part', async () => {
    const noUnet = await copyModel('no-unet');
    await fs.rm(path.join(noUnet, 'unet'), { recursive: true });
    await rejectsWith(make({ modelDir: noUnet }), 'MODEL_INVALID', /unet\/model\.onnx is missing/);
    const noTokenizer = await copyModel('no-merges');
    await fs.rm(path.join(noTokenizer, 'tokenizer', 'merges.txt'));
    await rejectsWith(make({ modelDir: noTokenizer }), 'MODEL_INVALID', /tokenizer\/merges\.txt is missing/);
    await rejectsWith(make({ modelDir: path.join(dir, 'nowhere') }), 'MODEL_NOT_FOUND', /no diffusion model folder/);
  });

  test('a corrupt ONNX file, and one ONNX Runtime refuses, are MODEL_INVALID naming the file', async () => {
    const truncated = await copyModel('truncated');
    const file = path.join(truncated, 'vae_decoder', 'model.onnx');
    const full = await fs.readFile(file);
    await fs.writeFile(file, full.subarray(0, Math.floor(full.length / 2)));
    await rejectsWith(make({ modelDir: truncated }), 'MODEL_INVALID', /vae_decoder\/model\.onnx is not a valid ONNX model/);

    const unknownOp = await copyModel('unknown-op');
    await fs.writeFile(
      path.join(unknownOp, 'unet', 'model.onnx'),
      encodeOnnxModel({
        name: 'broken',
        inputs: [{ name: 'sample', type: 'float', shape: [1, 4, 8, 8] }],
        outputs: [{ name: 'out_sample', type: 'float', shape: [1, 4, 8, 8] }],
        initializers: [],
        nodes: [{ op: 'NoSuchOperator', inputs: ['sample'], outputs: ['out_sample'] }],
      }),
    );
    await rejectsWith(make({ modelDir: unknownOp }), 'MODEL_INVALID', /unet\/model\.onnx could not be loaded by ONNX Runtime/);

    const wrongInputs = await copyModel('wrong-inputs');
    await fs.copyFile(path.join(model, 'vae_decoder', 'model.onnx'), path.join(wrongInputs, 'unet', 'model.onnx'));
    await rejectsWith(make({ modelDir: wrongInputs }), 'MODEL_INVALID', /unet has no "sample"/);
    const sdxl = await copyModel('sdxl-like');
    await fs.writeFile(path.join(sdxl, 'unet', 'model.onnx'), encodeOnnxModel(tinyDiffusionUnetVariant('sdxl')));
    await rejectsWith(make({ modelDir: sdxl }), 'MODEL_UNSUPPORTED', /unet needs inputs Atelier does not provide \(text_embeds\)/);
    // The good model still runs in the same host afterwards.
    assert.equal((await make()).images.length, 1);
  });

  test('sizes that are not multiples of 8 and out-of-range settings are INVALID_INPUT', async () => {
    await rejectsWith(make({ width: 100 }), 'INVALID_INPUT', /width must be a multiple of 8/);
    await rejectsWith(make({ steps: 0 }), 'INVALID_INPUT', /steps/);
    await rejectsWith(make({ guidance: 31 }), 'INVALID_INPUT', /guidance/);
    await rejectsWith(make({ strength: 1.5, initImage: new Uint8Array([1]) }), 'INVALID_INPUT', /strength/);
    await rejectsWith(make({ initImage: new Uint8Array([1, 2, 3]), strength: 0.5 }), 'INVALID_INPUT', /starting picture cannot be read/);
  });

  test('a crashed host fails the running request with ENGINE_CRASHED; the next request starts a new one', async () => {
    await make();
    const first = diffusionHostPid();
    assert.ok(first);
    const run = diffusionEngine.generate(base({ steps: 150, width: 512, height: 512 }), new AbortController().signal, (u) => {
      if (u.detail === 'Step 1 of 150') process.kill(first, 'SIGKILL');
    });
    await rejectsWith(run, 'ENGINE_CRASHED', /diffusion engine stopped unexpectedly: it was killed/);
    assert.equal((await make()).images.length, 1);
    assert.notEqual(diffusionHostPid(), first);
  });
});
