import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { AtelierError } from '../../../../preload/errors.js';
import { isFinal, type EspeakJob, type EspeakJobReply, type EspeakWorkerMessage } from './espeak-protocol.js';
import { startEspeakWorker } from './espeak-worker-client.js';

interface EspeakPoolOptions {
  /** Workers at most; further jobs wait their turn. */
  maxWorkers?: number;
  /** A worker idle this long ends, so its memory (an instance made ahead, the thread) is released. */
  idleMs?: number;
  /** Sees each worker as it starts (the bench and tests watch the pool through it). */
  onWorker?: (worker: Worker) => void;
}

type OnMessage = (message: EspeakWorkerMessage) => void;

interface Pending {
  id: number;
  job: EspeakJob;
  onMessage: OnMessage;
  /** Settles the caller's promise once; later calls do nothing. */
  finish: (error?: AtelierError) => void;
  settled: boolean;
}

interface Slot {
  worker: Promise<Worker>;
  current?: Pending | undefined;
  idleTimer?: NodeJS.Timeout | undefined;
  /** Set once the slot left the pool (ended, crashed, idle, or its job was cancelled). */
  gone?: boolean;
  /** Why the worker failed, when it reported it before exiting. */
  failure?: string;
}

const DEFAULT_IDLE_MS = 60_000;

const cancelled = () => new AtelierError('CANCELLED', 'Cancelled.');
const asTyped = (error: unknown) => (error instanceof AtelierError ? error : new AtelierError('INTERNAL', String(error)));

/**
 * espeak-ng workers kept warm and shared by everything that needs espeak (narration,
 * the voice list, Piper's and Kokoro's phonemes): no job starts a worker it does not
 * find idle, or compiles or instantiates espeak-ng on its critical path.
 *
 * A job runs on one worker. Cancelling one ends its worker at once (espeak-ng's run is
 * one synchronous call that cannot be interrupted) and the next job gets a fresh
 * worker; a worker that crashes fails its job with ENGINE_CRASHED the same way. Idle
 * workers are unreferenced, so they never keep the process alive, and end after
 * `idleMs`.
 */
export class EspeakPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private readonly maxWorkers: number;
  private readonly idleMs: number;

  constructor(private readonly options: EspeakPoolOptions = {}) {
    this.maxWorkers = Math.max(1, options.maxWorkers ?? Math.min(2, os.availableParallelism()));
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** Workers alive now (starting, busy or idle). */
  get size(): number {
    return this.slots.length;
  }

  /** Runs one job and feeds its messages to `onMessage`; resolves at its final message, rejects with the worker's typed error. */
  run(job: EspeakJob, signal: AbortSignal, onMessage: OnMessage = () => undefined): Promise<void> {
    if (signal.aborted) return Promise.reject(cancelled());
    return new Promise<void>((resolve, reject) => {
      const pending: Pending = {
        id: this.nextId++,
        job,
        onMessage,
        settled: false,
        finish: (error) => {
          if (pending.settled) return;
          pending.settled = true;
          signal.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        },
      };
      const onAbort = () => this.abort(pending);
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  /** Starts a worker and makes its first instance, so the next job starts at once. */
  warm(signal: AbortSignal = new AbortController().signal): Promise<void> {
    return this.run({ op: 'warm' }, signal);
  }

  /** Ends every worker; jobs still running fail with ENGINE_CRASHED. */
  async close(): Promise<void> {
    for (const pending of this.queue.splice(0)) pending.finish(cancelled());
    await Promise.all([...this.slots].map((slot) => this.end(slot)));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((slot) => !slot.current);
      if (!idle && this.slots.length >= this.maxWorkers) return;
      this.assign(idle ?? this.spawn(), this.queue.shift() as Pending);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startEspeakWorker() };
    this.slots.push(slot);
    slot.worker.then(
      (worker) => {
        this.options.onWorker?.(worker);
        worker.on('message', (reply: EspeakJobReply) => this.onReply(slot, reply));
        worker.on('error', (error) => {
          slot.failure ??= error.message;
        });
        worker.on('exit', () => this.onExit(slot));
        if (slot.gone) void worker.terminate();
      },
      (error: unknown) => {
        slot.failure = error instanceof Error ? error.message : String(error);
        this.onExit(slot);
      },
    );
    return slot;
  }

  private assign(slot: Slot, pending: Pending): void {
    clearTimeout(slot.idleTimer);
    slot.idleTimer = undefined;
    slot.current = pending;
    void slot.worker.then(
      (worker) => {
        if (slot.gone || slot.current !== pending) return;
        worker.ref();
        worker.postMessage({ id: pending.id, job: pending.job });
      },
      () => undefined,
    );
  }

  private onReply(slot: Slot, { id, message }: EspeakJobReply): void {
    const pending = slot.current;
    if (!pending || pending.id !== id) return;
    if (message.type === 'error') {
      pending.finish(new AtelierError(message.code, message.message));
      this.release(slot);
      return;
    }
    try {
      pending.onMessage(message);
    } catch (error) {
      pending.finish(asTyped(error));
      // The worker may still be rendering chunks nobody wants: end it rather than wait.
      if (!isFinal(message)) {
        void this.end(slot);
        return;
      }
    }
    if (!isFinal(message)) return;
    pending.finish();
    this.release(slot);
  }

  private release(slot: Slot): void {
    slot.current = undefined;
    if (this.queue.length > 0) {
      this.dispatch();
      return;
    }
    void slot.worker.then(
      (worker) => worker.unref(),
      () => undefined,
    );
    slot.idleTimer = setTimeout(() => void this.end(slot), this.idleMs);
    slot.idleTimer.unref();
  }

  private abort(pending: Pending): void {
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) this.queue.splice(queued, 1);
    pending.finish(cancelled());
    const slot = this.slots.find((s) => s.current === pending);
    if (slot) void this.end(slot);
  }

  /** Takes a slot out of the pool and ends its worker. */
  private async end(slot: Slot): Promise<void> {
    this.remove(slot);
    const worker = await slot.worker.catch(() => undefined);
    await worker?.terminate();
  }

  private remove(slot: Slot): void {
    slot.gone = true;
    clearTimeout(slot.idleTimer);
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
  }

  private onExit(slot: Slot): void {
    this.remove(slot);
    const pending = slot.current;
    slot.current = undefined;
    pending?.finish(
      new AtelierError('ENGINE_CRASHED', slot.failure ? `espeak-ng worker failed: ${slot.failure}` : 'espeak-ng worker stopped before finishing.'),
    );
    // Jobs waiting for a worker get a fresh one.
    this.dispatch();
  }
}

/** The process's pool: every espeak-ng job goes through it. */
const espeakPool = new EspeakPool();

/** Runs one espeak-ng job on the shared pool. */
export function runEspeakJob(job: EspeakJob, signal: AbortSignal, onMessage?: OnMessage): Promise<void> {
  return espeakPool.run(job, signal, onMessage);
}
