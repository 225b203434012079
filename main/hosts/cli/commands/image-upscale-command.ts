import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../../preload/errors.js';
import { createStudio } from '../../../app/studio.js';
import { writeFileAtomic } from '../../../core/files/atomic-write.js';
import { stopImageEngine, upscalePicture } from '../../../core/image/image-render.js';
import { SHARED_FILE_MODE } from '../../../platform/private-files.js';
import { parseCommand } from '../cli-args.js';
import { UsageError } from '../cli-errors.js';
import { numberFlag } from '../cli-numbers.js';
import { IMAGE_UPSCALE_HELP } from '../help/image-help.js';

export async function imageUpscaleCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    {
      name: 'image upscale',
      usage: IMAGE_UPSCALE_HELP,
      options: {
        scale: { type: 'string', short: 's' },
        model: { type: 'string', short: 'm' },
        tile: { type: 'string' },
        overlap: { type: 'string' },
        out: { type: 'string', short: 'o' },
      },
    },
    args,
  );
  if (positionals.length !== 1) throw new UsageError('give one picture to upscale: atelier image upscale IMAGE -o OUT.png');
  const input = positionals[0] as string;
  const scale = numberFlag(values.scale, '--scale', 2, 4, true) ?? 4;
  const tile = numberFlag(values.tile, '--tile', 32, 1024, true);
  const overlap = numberFlag(values.overlap, '--overlap', 0, 128, true);
  const out = path.resolve(values.out ?? input.replace(/(\.[^./\\]+)?$/, `-x${scale}.png`));
  if (!/\.png$/i.test(out)) throw new UsageError(`the output is a PNG: give -o a name ending in .png, not "${values.out}".`);
  const bytes = await fs.readFile(input).catch(() => {
    throw new AtelierError('NOT_FOUND', `cannot read the picture ${input}.`);
  });
  const modelFile = await upscalerFile(values.model);
  let made;
  try {
    made = await upscalePicture(
      {
        input: bytes,
        scale: scale as 2 | 3 | 4,
        ...(modelFile && { modelFile }),
        ...(tile !== undefined && { tile }),
        ...(overlap !== undefined && { overlap }),
      },
      new AbortController().signal,
      () => undefined,
    );
  } finally {
    // The model runs in the diffusion host process; a one-shot command ends it so it can exit.
    if (modelFile) await stopImageEngine();
  }
  await writeFileAtomic(out, made.png, { mode: SHARED_FILE_MODE }).catch((error: NodeJS.ErrnoException) => {
    const reason = error.code === 'ENOENT' ? 'its folder does not exist' : error.code === 'EACCES' ? 'permission denied' : error.message;
    throw new AtelierError('IO_ERROR', `cannot write ${out}: ${reason}.`);
  });
  const how = made.method === 'model' ? path.basename(modelFile as string) : 'Lanczos';
  process.stdout.write(`Wrote ${path.relative(process.cwd(), out) || out}: ${made.width}×${made.height} (×${scale}, ${how}), ${made.timeMs} ms\n`);
}

/** --model as a file, an installed upscaler, "lanczos", or (absent) the active upscaler if any. */
async function upscalerFile(ref: string | undefined): Promise<string | undefined> {
  if (ref === 'lanczos') return undefined;
  if (ref !== undefined && (await fs.stat(ref).catch(() => null))?.isFile()) return path.resolve(ref);
  const studio = await createStudio({ host: 'cli' });
  try {
    const upscalers = studio.models.list().filter((m) => m.modality === 'upscaler');
    const model = ref === undefined ? upscalers.find((m) => m.active) : upscalers.find((m) => m.id === ref);
    if (ref !== undefined && !model) {
      throw new AtelierError(
        'MODEL_NOT_FOUND',
        `no upscaler "${ref}": give an installed upscaler's id (${upscalers.map((m) => m.id).join(', ') || 'none installed'}), an .onnx file or "lanczos".`,
      );
    }
    return model?.path;
  } finally {
    await studio.dispose();
  }
}
