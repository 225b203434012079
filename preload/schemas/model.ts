import { z } from 'zod';

/** The modalities a downloadable or importable model serves (sound is built in only; speech-to-text is Whisper, which listens). */
export const ModelModalitySchema = z.enum(['text', 'image', 'voice', 'upscaler', 'embedding', 'speech-to-text']);
export type ModelModality = z.infer<typeof ModelModalitySchema>;

/** On-disk layouts Atelier can check and load. */
export const ModelFormatSchema = z.enum(['gguf', 'diffusers-onnx', 'piper', 'kokoro', 'upscaler-onnx', 'whisper-onnx']);
export type ModelFormat = z.infer<typeof ModelFormatSchema>;

/** Ids double as folder names in the models folder, so they stay short and path-safe. */
export const ModelIdSchema = z
  .string()
  .min(1)
  .max(96)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only')
  .refine((id) => !id.includes('..'), 'no ".." in ids');

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits');

/** A path inside a model's folder: relative, forward slashes, no climbing out. */
export const ModelFilePathSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'a relative path of plain names')
  .refine((p) => !p.split('/').some((part) => part === '.' || part === '..'), 'no "." or ".." segments');

/**
 * Downloads go over https. Plain http is accepted for loopback addresses only, so a
 * test catalog can point at a local server; no shipped entry may use it.
 */
export const DownloadUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((raw) => {
    // Zod runs refinements even after z.url() refused the text, so `new URL` must not throw here.
    if (!URL.canParse(raw)) return false;
    const url = new URL(raw);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'must be an https address');

export const CatalogFileSchema = z.strictObject({
  path: ModelFilePathSchema,
  url: DownloadUrlSchema,
  /** Bytes. Exact unless `sizeApproximate`; absent when the host does not say. */
  size: z.int().positive().optional(),
  /** The size is the host's rounded figure, used for progress and the disk check only. */
  sizeApproximate: z.literal(true).optional(),
  /** Present only where the host publishes one (Hugging Face LFS files do). */
  sha256: Sha256Schema.optional(),
});
export type CatalogFile = z.infer<typeof CatalogFileSchema>;

export const CatalogEntrySchema = z.strictObject({
  id: ModelIdSchema,
  name: z.string().min(1).max(120),
  modality: ModelModalitySchema,
  format: ModelFormatSchema,
  /** "0.5B", "7B"… for text models. */
  parameters: z.string().max(16).optional(),
  quantization: z.string().max(16).optional(),
  /** BCP 47 tags for voices ("en-US"). */
  languages: z.array(z.string().min(2).max(16)).optional(),
  files: z.array(CatalogFileSchema).min(1).max(64),
  /** SPDX id where there is one, else the licence's name. */
  licence: z.string().min(1).max(120),
  licenceUrl: z.url({ protocol: /^https$/ }),
  /** Memory the model needs to run comfortably, in MiB (an estimate). */
  ramMb: z.int().positive(),
  /** One line a creator understands. */
  description: z.string().min(1).max(240),
  /** Where the model comes from (its home page). */
  source: z.url({ protocol: /^https$/ }),
  /** Anything a creator must know before downloading (a non-commercial licence…). */
  notes: z.string().max(400).optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** A catalog entry as the renderer sees it: totals worked out, and whether it is installed. */
export const CatalogModelSchema = CatalogEntrySchema.extend({
  totalSize: z.int().nonnegative(),
  /** True when some file's size is rounded or unknown. */
  totalSizeApproximate: z.boolean(),
  installed: z.boolean(),
});
export type CatalogModel = z.infer<typeof CatalogModelSchema>;

export const InstalledFileSchema = z.strictObject({
  path: z.string().min(1).max(255),
  size: z.int().nonnegative(),
  sha256: Sha256Schema,
});

export const InstalledModelSchema = z.strictObject({
  id: ModelIdSchema,
  name: z.string().min(1).max(200),
  modality: ModelModalitySchema,
  format: ModelFormatSchema,
  /** What an engine loads: the .gguf, the voice's .onnx, or the diffusers folder. */
  path: z.string().min(1),
  /** Bytes of all its files. */
  size: z.int().nonnegative(),
  /** Of the main file (the one `path` names, or unet/model.onnx for a diffusers folder). */
  sha256: Sha256Schema,
  files: z.array(InstalledFileSchema).min(1),
  /** 'catalog' (with catalogId), 'url' (a download by address) or 'import'. */
  source: z.enum(['catalog', 'url', 'import']),
  catalogId: ModelIdSchema.optional(),
  sourceUrl: z.string().max(2048).optional(),
  licence: z.string().max(120).optional(),
  ramMb: z.int().positive().optional(),
  /** Files inside the models folder that remove deletes; false for a model referenced in place. */
  owned: z.boolean(),
  active: z.boolean(),
  installedAt: z.iso.datetime(),
});
export type InstalledModel = z.infer<typeof InstalledModelSchema>;

export const ModelImportModeSchema = z.enum(['copy', 'reference']);
export type ModelImportMode = z.infer<typeof ModelImportModeSchema>;

/** Sent whenever the installed set or an active model changes, so engines can unload the old one. */
export const ModelsChangedSchema = z.object({
  reason: z.enum(['installed', 'activated', 'removed']),
  id: ModelIdSchema,
  modality: ModelModalitySchema,
  /** The active model of that modality now, if any. */
  active: ModelIdSchema.nullable(),
  /** The one active before, when it changed (the model an engine should unload). */
  previous: ModelIdSchema.nullable(),
});
export type ModelsChanged = z.infer<typeof ModelsChangedSchema>;
