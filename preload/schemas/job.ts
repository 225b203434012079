import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';

export const JobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const ErrorShapeSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

export const JobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  /** Jobs on one queue run one at a time: one queue per engine. */
  queue: z.string(),
  /** A step of a larger job (a storyboard's scene image); cancelling the parent cancels it. */
  parentId: z.string().optional(),
  state: JobStateSchema,
  /** 0..1, or null while the amount of work is unknown. */
  progress: z.number().min(0).max(1).nullable(),
  /** A short human line: "3/4 steps", "12 MB of 40 MB". */
  detail: z.string().optional(),
  /** Seconds left, when the job can estimate it. */
  etaSeconds: z.number().nonnegative().optional(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().optional(),
  finishedAt: z.iso.datetime().optional(),
  error: ErrorShapeSchema.optional(),
  result: z.unknown().optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** Partial output streamed while a job runs (tokens so far, a preview image). */
export const JobPartialSchema = z.object({
  text: z.string().optional(),
  previewDataUrl: z.string().optional(),
});
export type JobPartial = z.infer<typeof JobPartialSchema>;
