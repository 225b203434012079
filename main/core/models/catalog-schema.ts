import { z } from 'zod';
import { CatalogEntrySchema, type CatalogEntry, type CatalogModel } from '../../../preload/contract.js';
import { MODALITIES_OF } from '../../platform/formats/detect-model.js';

/**
 * `models/catalog.json`: the curated models a creator can download. Each entry is one
 * model even when it is many files (a diffusion pipeline, a Piper voice's .onnx and its
 * .onnx.json). Sizes are exact bytes unless marked approximate; a sha256 is given
 * wherever the host publishes one, and never made up.
 */
export const CatalogSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    models: z.array(CatalogEntrySchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const ids = new Set<string>();
    catalog.models.forEach((entry, index) => {
      if (ids.has(entry.id)) ctx.addIssue({ code: 'custom', path: ['models', index, 'id'], message: `duplicate id ${entry.id}` });
      ids.add(entry.id);
      const paths = new Set<string>();
      for (const file of entry.files) {
        if (paths.has(file.path)) ctx.addIssue({ code: 'custom', path: ['models', index, 'files'], message: `${entry.id} lists ${file.path} twice` });
        paths.add(file.path);
        if (file.sizeApproximate && file.size === undefined) {
          ctx.addIssue({ code: 'custom', path: ['models', index, 'files'], message: `${file.path}: sizeApproximate needs a size` });
        }
      }
      const wants = (suffix: string) => entry.files.some((f) => f.path.endsWith(suffix));
      if (entry.format === 'gguf' && (entry.files.length !== 1 || !wants('.gguf'))) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'files'], message: `${entry.id}: a GGUF model is one .gguf file` });
      }
      if (entry.format === 'piper' && !(entry.files.length === 2 && wants('.onnx') && wants('.onnx.json'))) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'files'], message: `${entry.id}: a Piper voice is an .onnx and its .onnx.json` });
      }
      if (entry.format === 'upscaler-onnx' && !(entry.files.length === 1 && wants('.onnx'))) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'files'], message: `${entry.id}: an upscaler is one .onnx file` });
      }
      if (entry.format === 'diffusers-onnx' && !(wants('model_index.json') && wants('unet/model.onnx'))) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'files'],
          message: `${entry.id}: a diffusers model needs model_index.json and unet/model.onnx`,
        });
      }
      if (
        entry.format === 'kokoro' &&
        !(
          wants('tokenizer.json') &&
          entry.files.some((f) => /^onnx\/[^/]+\.onnx$/.test(f.path)) &&
          entry.files.some((f) => /^voices\/[^/]+\.bin$/.test(f.path))
        )
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'files'],
          message: `${entry.id}: a Kokoro model needs tokenizer.json, an onnx/*.onnx graph and voices/*.bin packs`,
        });
      }
      if (entry.format === 'whisper-onnx' && !(wants('-encoder.int8.onnx') && wants('-decoder.int8.onnx') && wants('-tokens.txt'))) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'files'],
          message: `${entry.id}: a Whisper model needs its NAME-encoder.int8.onnx, NAME-decoder.int8.onnx and NAME-tokens.txt`,
        });
      }
      const modalities = MODALITIES_OF[entry.format];
      if (!modalities.includes(entry.modality)) {
        ctx.addIssue({
          code: 'custom',
          path: ['models', index, 'modality'],
          message: `${entry.id}: ${entry.format} models are ${modalities.join(' or ')} models`,
        });
      }
    });
  });
export type Catalog = z.infer<typeof CatalogSchema>;

/** Total bytes, and whether any part of that is a rounded or missing figure. */
export function catalogTotals(entry: CatalogEntry): { totalSize: number; totalSizeApproximate: boolean } {
  let totalSize = 0;
  let totalSizeApproximate = false;
  for (const file of entry.files) {
    totalSize += file.size ?? 0;
    if (file.size === undefined || file.sizeApproximate) totalSizeApproximate = true;
  }
  return { totalSize, totalSizeApproximate };
}

export function toCatalogModel(entry: CatalogEntry, installed: boolean): CatalogModel {
  return { ...entry, ...catalogTotals(entry), installed };
}
