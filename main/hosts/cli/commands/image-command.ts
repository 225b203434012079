import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { ImageRequestSchema, type ImageRequest } from '../../../../preload/schemas/image.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import { SHARED_FILE_MODE } from '../../../platform/private-files.js';
import { invalidInput } from '../../../core/rpc/dispatch.js';
import { drawImageSeed, renderImages, stopImageEngine, type ImageInputs } from '../../../core/image/image-render.js';
import { parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { imageUpscaleCommand } from './image-upscale-command.js';
import { imageInpaintCommand, imageOutpaintCommand } from './image-inpaint-command.js';
import { installedModel, isFolder } from './image-model-ref.js';
import { IMAGE_HELP } from '../help/image-help.js';

export async function imageCommand(args: string[]): Promise<void> {
  if (args[0] === 'upscale') return imageUpscaleCommand(args.slice(1));
  if (args[0] === 'inpaint') return imageInpaintCommand(args.slice(1));
  if (args[0] === 'outpaint') return imageOutpaintCommand(args.slice(1));
  const { values, positionals } = parseCommand(
    {
      name: 'image',
      usage: IMAGE_HELP,
      options: {
        template: { type: 'string', short: 't' },
        engine: { type: 'string' },
        model: { type: 'string' },
        width: { type: 'string' },
        height: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        steps: { type: 'string' },
        guidance: { type: 'string' },
        scheduler: { type: 'string' },
        text: { type: 'string' },
        negative: { type: 'string' },
        prompt: { type: 'string', short: 'p' },
        count: { type: 'string', short: 'n' },
        init: { type: 'string' },
        strength: { type: 'string' },
        device: { type: 'string' },
        out: { type: 'string', short: 'o' },
      },
    },
    args,
  );
  if (values.prompt !== undefined && positionals.length > 0) throw new UsageError('give the prompt once: as --prompt or as the last argument.');
  const prompt = values.prompt ?? positionals.join(' ');
  if (values.size !== undefined && (values.width !== undefined || values.height !== undefined))
    throw new UsageError('give --size or --width/--height, not both.');
  const size = values.size === undefined ? undefined : /^(\d+)x(\d+)$/i.exec(values.size.trim());
  if (values.size !== undefined && !size) throw new AtelierError('INVALID_INPUT', `--size must look like 1280x720, not "${values.size}".`);
  const numberOf = (raw: string | undefined) => (raw === undefined ? undefined : raw.trim() === '' ? Number.NaN : Number(raw));
  const engine = values.engine ?? 'procedural';
  const modelIsFolder = engine === 'diffusion' && values.model !== undefined && (await isFolder(values.model));

  const raw = {
    engine,
    ...(values.template !== undefined && { template: values.template }),
    ...(values.model !== undefined && !modelIsFolder && { model: values.model }),
    prompt,
    ...(values.negative !== undefined && { negativePrompt: values.negative }),
    ...(values.text !== undefined && { text: values.text.replace(/\\n/g, '\n') }),
    ...(size ? { width: Number(size[1]), height: Number(size[2]) } : {}),
    ...(values.width !== undefined && { width: numberOf(values.width) }),
    ...(values.height !== undefined && { height: numberOf(values.height) }),
    ...(values.seed !== undefined && { seed: numberOf(values.seed) }),
    ...(values.steps !== undefined && { steps: numberOf(values.steps) }),
    ...(values.guidance !== undefined && { guidance: numberOf(values.guidance) }),
    ...(values.scheduler !== undefined && { scheduler: values.scheduler }),
    ...(values.count !== undefined && { count: numberOf(values.count) }),
    ...(values.strength !== undefined && { strength: numberOf(values.strength) }),
    // The schema checks that a starting image goes with diffusion; the file itself is read below.
    ...(values.init !== undefined && { initAssetId: 'file' }),
  };
  if (values.strength !== undefined && values.init === undefined) throw new UsageError('--strength needs a starting picture: --init IMAGE.');
  const parsed = ImageRequestSchema.safeParse(raw);
  if (!parsed.success) throw invalidInput('image', parsed.error);
  const request: ImageRequest & { seed: number } = { ...parsed.data, seed: parsed.data.seed ?? drawImageSeed() };

  const inputs: ImageInputs = {};
  if (request.engine === 'diffusion') {
    if (modelIsFolder) inputs.model = { id: path.basename(path.resolve(values.model as string)), dir: path.resolve(values.model as string) };
    else {
      // An installed model runs where Settings → Diffusion device says, unless --device overrides it.
      const { device, ...model } = await installedModel(request.model);
      inputs.model = model;
      inputs.device = device;
    }
    if (values.init !== undefined) {
      inputs.initImage = await fs.readFile(values.init).catch(() => {
        throw new AtelierError('NOT_FOUND', `cannot read the starting picture ${values.init}.`);
      });
    }
  }

  if (values.device !== undefined) {
    if (values.device !== 'cpu' && values.device !== 'gpu') throw new UsageError(`--device is cpu or gpu, not "${values.device}".`);
    inputs.device = values.device;
  }
  let made;
  try {
    made = await renderImages(request, inputs, new AbortController().signal, () => undefined);
  } finally {
    // The diffusion engine runs in a host process; a one-shot command ends it so it can exit.
    if (request.engine === 'diffusion') await stopImageEngine();
  }
  const targets = await outputPaths(
    values.out,
    made.map((m) => `${m.metadata.template ?? 'diffusion'}-${m.metadata.seed}.png`),
  );
  for (const [i, image] of made.entries()) {
    const target = targets[i] as string;
    await writeFileAtomic(target, image.png, { mode: SHARED_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
      throw new AtelierError('IO_ERROR', `cannot write ${target}: ${reason}.`);
    });
    const m = image.metadata;
    process.stdout.write(`Wrote ${path.relative(process.cwd(), target) || target}: ${m.width}×${m.height}, seed ${m.seed}, ${image.timeMs} ms\n`);
  }
}

/** One file for one picture; a folder (made if missing) when the path is one or there are several. */
async function outputPaths(out: string | undefined, names: string[]): Promise<string[]> {
  const target = path.resolve(out ?? '.');
  const single = out !== undefined && /\.png$/i.test(out) && !(await isFolder(target));
  if (single && names.length === 1) return [target];
  if (single) {
    const stem = target.replace(/\.png$/i, '');
    return names.map((_, i) => `${stem}-${i + 1}.png`);
  }
  await fs.mkdir(target, { recursive: true }).catch((error: Error) => {
    throw new AtelierError('IO_ERROR', `cannot make the folder ${out}: ${error.message}.`);
  });
  return names.map((name) => path.join(target, name));
}
