import { z } from 'zod';
import type { EventName, EventPayload } from '../../../preload/contract.js';
import { EventBus } from '../../../main/core/events/event-bus.js';
import { JobManager, type JobContext } from '../../../main/core/jobs/job-manager.js';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export type Seen = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** This file's own job kinds: the queueing rules under test do not depend on any real kind. */
const TEST_RESULTS = { test: z.string(), sum: z.object({ total: z.number() }), k: z.unknown() };

export function setup(options: ConstructorParameters<typeof JobManager>[1] = {}) {
  const bus = new EventBus();
  const seen: Seen[] = [];
  bus.subscribe((name, payload) => seen.push({ name, payload } as Seen));
  return { jobs: new JobManager(bus, { results: TEST_RESULTS, ...options }), seen };
}

/** A job whose run reports when it starts and finishes only when told to. */
export function gatedJob(queue: string, log: string[], label: string) {
  const started = deferred();
  const gate = deferred<string>();
  let ran = false;
  return {
    started: started.promise,
    release: (value = label) => gate.resolve(value),
    fail: (error: unknown) => gate.reject(error),
    get ran() {
      return ran;
    },
    spec: {
      kind: 'test',
      title: label,
      queue,
      run: async (_context: JobContext) => {
        ran = true;
        log.push(`start ${label}`);
        started.resolve();
        const value = await gate.promise;
        log.push(`end ${label}`);
        return value;
      },
    },
  };
}

export function eventsFor(seen: Seen[], id: string) {
  return seen.filter((e) => e.payload !== null && 'job' in e.payload && e.payload.job.id === id);
}
