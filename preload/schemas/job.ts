import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';
import { JOB_KINDS, JOB_RESULTS, type JobKind, type JobResult } from './job-results.js';

export const JobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const ErrorShapeSchema = z.object({ code: z.enum(ERROR_CODES), message: z.string() });

/** What every job carries, whatever its kind. */
export const JobBaseSchema = z.object({
  id: z.string(),
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
});
export type JobBase = z.infer<typeof JobBaseSchema>;

/** A job of one kind: its `result` (present once it is done) has that kind's shape. */
export type JobOf<K extends JobKind> = JobBase & { kind: K; result?: JobResult<K> };
/** Any job, discriminated by `kind`: narrowing the kind types the result. */
export type Job = { [K in JobKind]: JobOf<K> }[JobKind];

function jobSchemaOf<K extends JobKind>(kind: K) {
  return JobBaseSchema.extend({ kind: z.literal(kind), result: JOB_RESULTS[kind].optional() });
}

type KindSchema = ReturnType<typeof jobSchemaOf<JobKind>>;
export const JobSchema = z.discriminatedUnion('kind', JOB_KINDS.map(jobSchemaOf) as [KindSchema, ...KindSchema[]]) as unknown as z.ZodType<Job>;

/** Partial output streamed while a job runs (tokens so far, a preview image). */
export const JobPartialSchema = z.object({
  text: z.string().optional(),
  previewDataUrl: z.string().optional(),
});
export type JobPartial = z.infer<typeof JobPartialSchema>;
