import { z } from 'zod';
import { AssetSchema } from './asset.js';
import { ExportResultSchema } from './export.js';
import { ImageJobResultSchema } from './image.js';
import { InstalledModelSchema } from './model.js';
import { TextResultSchema } from './text.js';
import { DictationResultSchema } from './transcribe.js';

/** What a scene action (write, illustrate, narrate) leaves behind: main has already put it on the scene. */
export const SceneActionResultSchema = z.object({
  sceneId: z.string(),
  /** The picture or narration attached (illustrate, narrate). */
  assetId: z.string().optional(),
  /** The text written (write). */
  text: z.string().optional(),
  /**
   * Set when the result would have replaced something the creator made (a scene's own
   * text, a chosen picture, a recorded narration): it is offered, not applied, and the
   * card asks Accept or Discard; Accept is an ordinary edit, so one undo step.
   */
  proposed: z.boolean().optional(),
});
export type SceneActionResult = z.infer<typeof SceneActionResultSchema>;

/** An OpenAI-compatible text request run as a job keeps only this: the reply went to the HTTP client. */
const ApiTextSummarySchema = z.object({
  model: z.string(),
  tokens: z.number().int().nonnegative(),
  stopReason: z.string(),
  tokensPerSecond: z.number().nonnegative(),
});

/**
 * Every job kind and the result a finished job of that kind carries. Main checks a
 * result against its kind's schema before it announces the job done, so a client can
 * trust `job.result` once it has narrowed `job.kind`.
 */
export const JOB_RESULTS = {
  'image.generate': ImageJobResultSchema,
  'image.edit': ImageJobResultSchema,
  'image.inpaint': ImageJobResultSchema,
  'image.outpaint': ImageJobResultSchema,
  'voice.generate': AssetSchema,
  'sound.generate': AssetSchema,
  'asset.import': AssetSchema,
  'transcribe.asset': AssetSchema,
  'transcribe.dictation': DictationResultSchema,
  'text.generate': TextResultSchema,
  'projects.export': ExportResultSchema,
  'model.download': InstalledModelSchema,
  'model.import': InstalledModelSchema,
  'storyboard.fromPrompt': z.object({ projectId: z.string(), scenes: z.number().int().nonnegative() }),
  'storyboard.write': SceneActionResultSchema,
  'storyboard.illustrate': SceneActionResultSchema,
  'storyboard.narrate': SceneActionResultSchema,
  // The OpenAI-compatible API: the bytes went to the HTTP client; the tray keeps a summary.
  'api.image': z.object({ images: z.number().int().nonnegative(), width: z.number().int(), height: z.number().int(), seed: z.number().int() }),
  'api.speech': z.object({ bytes: z.number().int().nonnegative(), format: z.string() }),
  'api.transcription': z.object({ seconds: z.number().nonnegative(), segments: z.number().int().nonnegative(), format: z.string() }),
  'api.chat': ApiTextSummarySchema,
  'api.completion': ApiTextSummarySchema,
} as const satisfies Record<string, z.ZodType>;

export type JobKind = keyof typeof JOB_RESULTS;
export type JobResult<K extends JobKind> = z.output<(typeof JOB_RESULTS)[K]>;
export const JOB_KINDS = Object.keys(JOB_RESULTS) as JobKind[];

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_RESULTS, kind);
}
