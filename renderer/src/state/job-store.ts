import {
  isJobKind,
  JOB_RESULTS,
  type ErrorShape,
  type EventPayload,
  type Job,
  type JobKind,
  type JobOf,
  type JobPartial,
  type JobResult,
  type Unsubscribe,
} from '../../../preload/contract.js';

/** A job as the renderer mirrors it, with the newest streamed output (tokens so far, a preview). */
export interface JobEntry {
  readonly job: Job;
  /** Each field is the latest one sent: an event that carries no text keeps the text from before. */
  readonly partial: JobPartial;
}

/** An immutable view, replaced on every change (what useSyncExternalStore compares). */
export interface JobSnapshot {
  readonly byId: ReadonlyMap<string, JobEntry>;
  readonly jobs: readonly Job[];
}

/** What the store needs from a client: the job events, the list, cancel, and word of a reconnect. */
export interface JobSource {
  onJobEvent(listener: (name: 'job.progress' | 'job.done' | 'job.failed', payload: JobEventPayload) => void): Unsubscribe;
  list(): Promise<Job[]>;
  cancel(id: string): Promise<Job>;
  onReconnect(listener: () => void): Unsubscribe;
}

export type JobEventPayload = EventPayload<'job.progress'> | EventPayload<'job.failed'> | EventPayload<'job.done'>;

export function isActive(job: Job): boolean {
  return job.state === 'queued' || job.state === 'running';
}

/** A finished job's result, typed by its kind; undefined unless the job is of that kind and done. */
export function resultOf<K extends JobKind>(job: Job | undefined, kind: K): JobResult<K> | undefined {
  if (!job || job.kind !== kind || job.state !== 'done') return undefined;
  return (job as JobOf<K>).result;
}

/** Finished jobs kept once nobody can still be waiting for them; the tray shows only the newest few. */
const KEEP_FINISHED = 200;

/**
 * The one mirror of main's jobs in the renderer. Every job event is kept by id whether or
 * not anyone is watching yet, so a job whose events outran the call that started it is
 * already here when the call answers; a reconnect lists the jobs again (events sent while
 * the stream was down are lost); a finished result is checked against its kind's schema.
 */
export class JobStore {
  private readonly byId = new Map<string, JobEntry>();
  /** When each entry last changed, so a list that was asked for earlier does not drop newer jobs. */
  private readonly touched = new Map<string, number>();
  private seq = 0;
  private snapshot: JobSnapshot | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly waiters = new Map<string, Set<(job: Job) => void>>();
  private readonly finishListeners = new Set<(job: Job) => void>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  private stops: Unsubscribe[] = [];
  /** A list that failed before anyone listened (the first one, at start): told to the first listener. */
  private unreported: { error: unknown } | null = null;

  constructor(private readonly source: JobSource) {}

  /** Follows the events and lists the jobs now and after every reconnect. */
  start(): Unsubscribe {
    if (this.stops.length === 0) {
      this.stops = [
        this.source.onJobEvent((name, payload) => {
          const error = name === 'job.failed' ? (payload as EventPayload<'job.failed'>).error : undefined;
          const partial = name === 'job.progress' ? (payload as EventPayload<'job.progress'>).partial : undefined;
          this.ingest(payload.job, { partial, error, fromEvent: true });
          this.changed();
        }),
        this.source.onReconnect(() => void this.refresh()),
      ];
      void this.refresh();
    }
    return () => {
      this.stops.forEach((stop) => stop());
      this.stops = [];
    };
  }

  /** Lists the jobs again; a failure goes to `onError` listeners rather than rejecting. */
  async refresh(): Promise<void> {
    const askedAt = this.seq;
    let list: Job[];
    try {
      list = await this.source.list();
    } catch (error) {
      if (this.errorListeners.size === 0) this.unreported = { error };
      this.errorListeners.forEach((listener) => listener(error));
      return;
    }
    const listed = new Set(list.map((job) => job.id));
    for (const job of list) this.ingest(job, { fromEvent: false });
    // Gone from main (pruned, or main restarted) and not heard of since the list was asked for.
    for (const [id, at] of this.touched) {
      if (!listed.has(id) && at <= askedAt) this.forget(id);
    }
    this.changed();
  }

  readonly subscribe = (listener: () => void): Unsubscribe => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): JobSnapshot => {
    this.snapshot ??= { byId: new Map(this.byId), jobs: [...this.byId.values()].map((entry) => entry.job) };
    return this.snapshot;
  };

  get(id: string): JobEntry | undefined {
    return this.byId.get(id);
  }

  /** Calls back once the job is done, failed or cancelled: at once when it already is. */
  onSettled(id: string, listener: (job: Job) => void): Unsubscribe {
    const known = this.byId.get(id);
    if (known && !isActive(known.job)) {
      listener(known.job);
      return () => undefined;
    }
    let set = this.waiters.get(id);
    if (!set) this.waiters.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
    };
  }

  /** Every job seen to finish (from running or queued, or first heard of as finished from an event). */
  onFinished(listener: (job: Job) => void): Unsubscribe {
    this.finishListeners.add(listener);
    return () => this.finishListeners.delete(listener);
  }

  onError(listener: (error: unknown) => void): Unsubscribe {
    this.errorListeners.add(listener);
    if (this.unreported) {
      listener(this.unreported.error);
      this.unreported = null;
    }
    return () => this.errorListeners.delete(listener);
  }

  async cancel(id: string): Promise<Job> {
    const job = await this.source.cancel(id);
    this.ingest(job, { fromEvent: false });
    this.changed();
    return job;
  }

  private ingest(raw: Job, how: { partial?: JobPartial | undefined; error?: ErrorShape | undefined; fromEvent: boolean }): void {
    const job = checked(how.error && !raw.error ? { ...raw, error: how.error } : raw);
    const previous = this.byId.get(job.id);
    // Events can arrive out of order, and a list can be older than an event: a finished job never goes back to running.
    if (previous && !isActive(previous.job) && isActive(job)) return;
    const partial = how.partial ? { ...previous?.partial, ...definedFields(how.partial) } : (previous?.partial ?? {});
    this.byId.set(job.id, { job, partial });
    this.touched.set(job.id, ++this.seq);
    this.snapshot = null;
    if (isActive(job)) return;
    const waiting = this.waiters.get(job.id);
    this.waiters.delete(job.id);
    waiting?.forEach((listener) => listener(job));
    const finishedNow = previous ? isActive(previous.job) : how.fromEvent;
    if (finishedNow) this.finishListeners.forEach((listener) => listener(job));
    this.prune();
  }

  private forget(id: string): void {
    this.byId.delete(id);
    this.touched.delete(id);
    this.snapshot = null;
  }

  private prune(): void {
    const finished = [...this.byId.values()].filter((entry) => !isActive(entry.job));
    if (finished.length <= KEEP_FINISHED) return;
    const oldest = finished.sort((a, b) => (this.touched.get(a.job.id) ?? 0) - (this.touched.get(b.job.id) ?? 0));
    for (const entry of oldest.slice(0, finished.length - KEEP_FINISHED)) this.forget(entry.job.id);
  }

  private changed(): void {
    this.listeners.forEach((listener) => listener());
  }
}

/**
 * Main checks a result before it announces it; this check keeps that promise at the
 * renderer's edge too (an older main, a bug): a done job whose result misses its kind's
 * schema shows as failed instead of handing a feature something it cannot read.
 */
function checked(job: Job): Job {
  if (job.state !== 'done' || !isJobKind(job.kind)) return job;
  const parsed = JOB_RESULTS[job.kind].safeParse(job.result);
  if (parsed.success) return { ...job, result: parsed.data } as Job;
  return {
    ...job,
    state: 'failed',
    result: undefined,
    error: { code: 'INTERNAL', message: `${job.title} finished with a result Atelier cannot read (${parsed.error.issues[0]?.message ?? 'wrong shape'}).` },
  } as Job;
}

function definedFields(partial: JobPartial): JobPartial {
  return Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) as JobPartial;
}
