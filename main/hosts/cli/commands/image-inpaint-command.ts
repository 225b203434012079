import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { DIFFUSION_SCHEDULERS, IMAGE_LIMITS, type DiffusionScheduler } from '../../../../preload/schemas/image.js';
import { OUTPAINT_ANCHORS, type OutpaintAnchor, type OutpaintTarget } from '../../../../preload/schemas/image-inpaint.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import { drawImageSeed, inpaintPicture, outpaintPicture, stopImageEngine } from '../../../core/image/image-render.js';
import { SHARED_FILE_MODE } from '../../../platform/private-files.js';
import { parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { numberFlag } from '../cli-numbers.js';
import { diffusionModelRef } from './image-model-ref.js';
import { IMAGE_INPAINT_HELP, IMAGE_OUTPAINT_HELP } from '../help/image-help.js';

const OPTIONS = {
  model: { type: 'string', short: 'm' },
  steps: { type: 'string' },
  guidance: { type: 'string' },
  scheduler: { type: 'string' },
  negative: { type: 'string' },
  strength: { type: 'string' },
  seed: { type: 'string' },
  device: { type: 'string' },
  out: { type: 'string', short: 'o' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string>>;

async function readPicture(file: string, what: string): Promise<Uint8Array> {
  return fs.readFile(file).catch(() => {
    throw new AtelierError('NOT_FOUND', `cannot read the ${what} ${file}.`);
  });
}

/** The settings both commands share, checked here so a bad flag names itself. */
async function settings(values: Values, prompt: string) {
  const scheduler = values.scheduler ?? 'euler-a';
  if (!(DIFFUSION_SCHEDULERS as readonly string[]).includes(scheduler)) throw new UsageError(`--scheduler is one of ${DIFFUSION_SCHEDULERS.join(', ')}.`);
  if (values.device !== undefined && values.device !== 'cpu' && values.device !== 'gpu')
    throw new UsageError(`--device is cpu or gpu, not "${values.device}".`);
  const strength = numberFlag(values.strength, '--strength', 0, 1);
  const { device, ...model } = await diffusionModelRef(values.model);
  const chosen = (values.device as 'cpu' | 'gpu' | undefined) ?? device;
  return {
    model,
    prompt,
    negativePrompt: values.negative ?? '',
    steps: numberFlag(values.steps, '--steps', IMAGE_LIMITS.steps.min, IMAGE_LIMITS.steps.max, true) ?? IMAGE_LIMITS.steps.default,
    guidance: numberFlag(values.guidance, '--guidance', IMAGE_LIMITS.guidance.min, IMAGE_LIMITS.guidance.max) ?? IMAGE_LIMITS.guidance.default,
    scheduler: scheduler as DiffusionScheduler,
    seed: numberFlag(values.seed, '--seed', IMAGE_LIMITS.seed.min, IMAGE_LIMITS.seed.max, true) ?? drawImageSeed(),
    count: 1,
    ...(strength !== undefined && { strength }),
    ...(chosen && { device: chosen }),
  };
}

async function writeResult(out: string, png: Uint8Array, what: string): Promise<void> {
  if (!/\.png$/i.test(out)) throw new UsageError(`the output is a PNG: give -o a name ending in .png, not "${out}".`);
  await writeFileAtomic(out, png, { mode: SHARED_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
    throw new AtelierError('IO_ERROR', `cannot write ${out}: ${reason}.`);
  });
  process.stdout.write(`Wrote ${path.relative(process.cwd(), out) || out}: ${what}\n`);
}

export async function imageInpaintCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    { name: 'image inpaint', usage: IMAGE_INPAINT_HELP, options: { ...OPTIONS, mask: { type: 'string' }, feather: { type: 'string' } } },
    args,
  );
  const [input, ...words] = positionals;
  if (input === undefined) throw new UsageError('give the picture to repaint: atelier image inpaint IMAGE --mask MASK.png PROMPT');
  if (values.mask === undefined) throw new UsageError('give the mask: --mask MASK.png (white repaints, black keeps).');
  const feather = numberFlag(values.feather, '--feather', 0, 256, true);
  const out = path.resolve(values.out ?? input.replace(/(\.[^./\\]+)?$/, '-inpaint.png'));
  const [image, mask] = [await readPicture(input, 'picture'), await readPicture(values.mask, 'mask')];
  const request = { ...(await settings(values, words.join(' '))), image, mask, ...(feather !== undefined && { feather }) };
  let made;
  try {
    made = await inpaintPicture(request, new AbortController().signal, () => undefined);
  } finally {
    // The model runs in the diffusion host process; a one-shot command ends it so it can exit.
    await stopImageEngine();
  }
  const [picture] = made;
  if (!picture) throw new AtelierError('INTERNAL', 'the engine made no picture.');
  const m = picture.metadata;
  await writeResult(out, picture.png, `${m.width}×${m.height}, seed ${m.seed}, ${picture.timeMs} ms`);
}

/** --aspect, --size or --extend as a canvas target; exactly one of them. */
function outpaintTarget(values: { aspect?: string; size?: string; extend?: string }): OutpaintTarget {
  const given = (['aspect', 'size', 'extend'] as const).filter((flag) => values[flag] !== undefined);
  if (given.length !== 1) throw new UsageError('give one of --aspect W:H, --size WxH or --extend N.');
  if (values.aspect !== undefined) {
    const match = /^(\d{1,3}):(\d{1,3})$/.exec(values.aspect.trim());
    const [w, h] = [Number(match?.[1]), Number(match?.[2])];
    if (!match || w < 1 || h < 1 || w > 100 || h > 100) throw new UsageError(`--aspect must look like 9:16, not "${values.aspect}".`);
    return { aspect: { width: w, height: h } };
  }
  if (values.size !== undefined) {
    const match = /^(\d+)x(\d+)$/i.exec(values.size.trim());
    if (!match) throw new UsageError(`--size must look like 720x1280, not "${values.size}".`);
    const width = numberFlag(match[1], '--size width', IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true) as number;
    const height = numberFlag(match[2], '--size height', IMAGE_LIMITS.size.min, IMAGE_LIMITS.size.max, true) as number;
    return { width, height };
  }
  const sides = (values.extend as string).split(',').map((v, i) => numberFlag(v, `--extend (${i + 1})`, 0, IMAGE_LIMITS.size.max, true) as number);
  if (sides.length !== 1 && sides.length !== 4) throw new UsageError('--extend is N, or T,R,B,L for each side.');
  const [top, right = top, bottom = top, left = top] = sides as [number, ...number[]];
  return { extend: { top, right, bottom, left } };
}

export async function imageOutpaintCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'image outpaint',
      usage: IMAGE_OUTPAINT_HELP,
      options: {
        ...OPTIONS,
        aspect: { type: 'string' },
        size: { type: 'string' },
        extend: { type: 'string' },
        anchor: { type: 'string' },
        seam: { type: 'string' },
      },
    },
    args,
  );
  const [input, ...words] = positionals;
  if (input === undefined) throw new UsageError('give the picture to extend: atelier image outpaint IMAGE --aspect 9:16 PROMPT');
  const target = outpaintTarget(values);
  const anchor = values.anchor ?? 'center';
  if (!(OUTPAINT_ANCHORS as readonly string[]).includes(anchor)) throw new UsageError(`--anchor is one of ${OUTPAINT_ANCHORS.join(', ')}.`);
  const seam = numberFlag(values.seam, '--seam', 0, 256, true);
  const out = path.resolve(values.out ?? input.replace(/(\.[^./\\]+)?$/, '-outpaint.png'));
  const image = await readPicture(input, 'picture');
  const request = { ...(await settings(values, words.join(' '))), image, target, anchor: anchor as OutpaintAnchor, ...(seam !== undefined && { seam }) };
  let made;
  try {
    made = await outpaintPicture(request, new AbortController().signal, () => undefined);
  } finally {
    await stopImageEngine();
  }
  const [picture] = made.images;
  if (!picture) throw new AtelierError('INTERNAL', 'the engine made no picture.');
  const { placed } = made;
  const m = picture.metadata;
  await writeResult(out, picture.png, `${m.width}×${m.height} (the picture at ${placed.left},${placed.top}), seed ${m.seed}, ${picture.timeMs} ms`);
}
