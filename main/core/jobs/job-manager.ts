import { randomUUID } from 'node:crypto';
import type { ErrorShape, Job, JobBase, JobPartial } from '../../../preload/contract.js';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import type { JobKind } from '../../../preload/schemas/job-results.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../../platform/log.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { checkJobResult, CONTRACT_RESULTS, type ResultSchemas } from './job-result-check.js';

export type { ProgressUpdate };

export interface JobContext {
  readonly signal: AbortSignal;
  progress(update: ProgressUpdate): void;
}

/** `K` is the contract's job kinds, so a kind with no result schema is a compile error (a test's manager brings its own). */
interface JobSpec<R, K extends string = JobKind> {
  kind: K;
  title: string;
  /** One queue per engine: jobs on a queue run one at a time, in order. */
  queue: string;
  run(context: JobContext): Promise<R>;
}

/** A job as main holds it: the kind is any string here, and the result is checked against its schema on finishing. */
type HeldJob = JobBase & { kind: string; result?: unknown };

/** What clients get: `result` has passed its kind's schema (see execute), which is what makes `Job`'s typing true. */
function snapshot(job: HeldJob): Job {
  return { ...job } as Job;
}

interface JobRecord {
  job: HeldJob;
  controller: AbortController;
  run: (context: JobContext) => Promise<unknown>;
  settled: Promise<Job>;
  settle: (job: Job) => void;
  lastEmit: number;
  pendingEmit: NodeJS.Timeout | null;
  /** Order of finishing; timestamps tie within a millisecond. */
  finishedSeq: number;
  /** Whether a measured fraction has gone out yet: the first one is never held back. */
  sentFraction: boolean;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * Every long piece of work runs here: queued per engine, cancellable through an
 * AbortSignal, reporting progress as events, ending as a result or a typed error.
 * Jobs live in main, so a renderer reload finds them again through `list()`.
 */
export class JobManager<K extends string = JobKind> {
  private readonly records = new Map<string, JobRecord>();
  private readonly queues = new Map<string, { running: number; waiting: JobRecord[] }>();
  private finishedCount = 0;

  constructor(
    private readonly events: EventBus,
    private readonly options: {
      keepFinished?: number;
      concurrency?: Readonly<Record<string, number>>;
      /** Result schemas by kind; the contract's JOB_RESULTS unless a test brings its own. */
      results?: ResultSchemas<K>;
      log?: Pick<Logger, 'error'>;
    } = {},
  ) {}

  submit<R>(spec: JobSpec<R, K>): Job {
    let settle!: (job: Job) => void;
    const settled = new Promise<Job>((resolve) => (settle = resolve));
    const record: JobRecord = {
      job: {
        id: randomUUID(),
        kind: spec.kind,
        title: spec.title,
        queue: spec.queue,
        state: 'queued',
        progress: null,
        createdAt: new Date().toISOString(),
      },
      controller: new AbortController(),
      run: spec.run,
      settled,
      settle,
      lastEmit: 0,
      pendingEmit: null,
      finishedSeq: 0,
      sentFraction: false,
    };
    this.records.set(record.job.id, record);
    this.queueOf(spec.queue).waiting.push(record);
    this.events.emit('job.progress', { job: snapshot(record.job) });
    this.pump(spec.queue);
    return snapshot(record.job);
  }

  list(): Job[] {
    const order = { running: 0, queued: 1, done: 2, failed: 2, cancelled: 2 } as const;
    return [...this.records.values()].map((r) => snapshot(r.job)).sort((a, b) => order[a.state] - order[b.state] || b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): Job {
    return snapshot(this.require(id).job);
  }

  /** Resolves with the final snapshot once the job is done, failed or cancelled. */
  settled(id: string): Promise<Job> {
    return this.require(id).settled;
  }

  /** Makes a submitted job a step of `parentId`: it shows under it and goes when it is cancelled. */
  adopt(childId: string, parentId: string): Job {
    const record = this.require(childId);
    this.require(parentId);
    record.job = { ...record.job, parentId };
    this.events.emit('job.progress', { job: snapshot(record.job) });
    return snapshot(record.job);
  }

  cancel(id: string): Job {
    const record = this.require(id);
    for (const child of this.records.values()) {
      if (child.job.parentId === id && (child.job.state === 'queued' || child.job.state === 'running')) this.cancel(child.job.id);
    }
    if (record.job.state === 'queued') {
      const queue = this.queueOf(record.job.queue);
      queue.waiting = queue.waiting.filter((r) => r !== record);
      this.finish(record, 'cancelled', { code: 'CANCELLED', message: 'Cancelled before it started.' });
    } else if (record.job.state === 'running') {
      record.controller.abort(new AtelierError('CANCELLED', 'Cancelled.'));
    }
    return snapshot(record.job);
  }

  /** Cancels everything, for quitting. */
  async shutdown(): Promise<void> {
    const open = [...this.records.values()].filter((r) => r.job.state === 'queued' || r.job.state === 'running');
    for (const record of open) this.cancel(record.job.id);
    await Promise.all(open.map((r) => r.settled));
  }

  private require(id: string): JobRecord {
    const record = this.records.get(id);
    if (!record) throw new AtelierError('NOT_FOUND', `No job with id ${id}.`);
    return record;
  }

  private queueOf(name: string) {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { running: 0, waiting: [] };
      this.queues.set(name, queue);
    }
    return queue;
  }

  private pump(name: string): void {
    const queue = this.queueOf(name);
    const limit = this.options.concurrency?.[name] ?? 1;
    while (queue.running < limit && queue.waiting.length > 0) {
      const record = queue.waiting.shift() as JobRecord;
      queue.running += 1;
      void this.execute(record).finally(() => {
        queue.running -= 1;
        this.pump(name);
      });
    }
  }

  private async execute(record: JobRecord): Promise<void> {
    record.job = { ...record.job, state: 'running', startedAt: new Date().toISOString() };
    this.emitProgress(record, undefined, true);
    const { signal } = record.controller;
    const context: JobContext = {
      signal,
      progress: (update) => {
        if (signal.aborted || record.job.state !== 'running') return;
        record.job = {
          ...record.job,
          ...(update.fraction !== undefined && { progress: update.fraction === null ? null : clamp01(update.fraction) }),
          ...(update.detail !== undefined && { detail: update.detail }),
          ...(update.etaSeconds !== undefined && { etaSeconds: Math.max(0, update.etaSeconds) }),
        };
        // The first measured fraction goes out at once, so even a short job shows what it measures.
        const first = typeof update.fraction === 'number' && !record.sentFraction;
        if (first) record.sentFraction = true;
        this.emitProgress(record, update.partial, update.partial !== undefined || first);
      },
    };
    try {
      // Work that finished is done even when a cancel arrived too late to stop it:
      // reporting it cancelled would hide an asset that was in fact written.
      const result = await record.run(context);
      this.checkResult(record.job, result);
      record.job = { ...record.job, result, progress: 1 };
      this.finish(record, 'done');
    } catch (error) {
      const shape = signal.aborted ? { code: 'CANCELLED' as const, message: 'Cancelled.' } : toErrorShape(error);
      this.finish(record, shape.code === 'CANCELLED' ? 'cancelled' : 'failed', shape);
    }
  }

  private checkResult(job: HeldJob, result: unknown): void {
    try {
      checkJobResult(this.options.results ?? CONTRACT_RESULTS, job.kind, result);
    } catch (error) {
      this.options.log?.error('jobs', (error as Error).message, { jobId: job.id, kind: job.kind });
      throw error;
    }
  }

  private emitProgress(record: JobRecord, partial: JobPartial | undefined, immediate: boolean): void {
    // A held-back update is already due and snapshots the job when it fires: a burst (a token each) needs no new timer per step.
    if (record.pendingEmit && !immediate) return;
    const now = Date.now();
    if (record.pendingEmit) {
      clearTimeout(record.pendingEmit);
      record.pendingEmit = null;
    }
    const send = () => {
      record.lastEmit = Date.now();
      record.pendingEmit = null;
      this.events.emit('job.progress', { job: snapshot(record.job), ...(partial && { partial }) });
    };
    // Coalesce bursts of fraction-only updates; partial output (tokens, previews) goes out at once.
    if (immediate || now - record.lastEmit >= PROGRESS_INTERVAL_MS) send();
    else record.pendingEmit = setTimeout(send, PROGRESS_INTERVAL_MS - (now - record.lastEmit));
  }

  private finish(record: JobRecord, state: 'done' | 'failed' | 'cancelled', error?: ErrorShape): void {
    if (record.pendingEmit) {
      // A step held back to coalesce a burst is still news (the CLI prints each step): it goes out before the end.
      clearTimeout(record.pendingEmit);
      if (state === 'done') this.events.emit('job.progress', { job: snapshot(record.job) });
    }
    record.pendingEmit = null;
    this.finishedCount += 1;
    record.finishedSeq = this.finishedCount;
    record.job = { ...record.job, state, finishedAt: new Date().toISOString(), ...(error && { error }) };
    const job = snapshot(record.job);
    if (state === 'done') this.events.emit('job.done', { job });
    else this.events.emit('job.failed', { job, error: error ?? { code: 'INTERNAL', message: 'Job failed.' } });
    record.settle(job);
    this.prune();
  }

  private prune(): void {
    const keep = this.options.keepFinished ?? 100;
    const finished = [...this.records.values()].filter((r) => r.finishedSeq > 0).sort((a, b) => b.finishedSeq - a.finishedSeq);
    for (const record of finished.slice(keep)) this.records.delete(record.job.id);
  }
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
