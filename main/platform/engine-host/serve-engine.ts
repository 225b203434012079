import { toErrorShape } from '../../../preload/errors.js';
import { isToHost, type FromHost } from './engine-protocol.js';

export interface HostMethodContext {
  signal: AbortSignal;
  /** Streams one event for this request to main (a token, a progress step). */
  emit(event: unknown): void;
}

export type HostMethods = Record<string, (params: unknown, context: HostMethodContext) => Promise<unknown>>;

function send(message: FromHost): void {
  process.send?.(message);
}

/**
 * The host side of engine-protocol.ts: runs inside the forked process, answers each
 * request with its method's result or a typed error, and exits when main goes away
 * (an orphaned engine would hold gigabytes of model memory).
 */
export function serveEngine(methods: HostMethods): void {
  if (!process.send) throw new Error('An engine host must be started by Atelier (it talks over the IPC channel).');
  const running = new Map<number, AbortController>();
  process.on('message', (message: unknown) => {
    if (!isToHost(message)) return;
    if (message.type === 'shutdown') process.exit(0);
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const method = Object.hasOwn(methods, message.method) ? methods[message.method] : undefined;
    if (!method) {
      send({ type: 'reply', id: message.id, ok: false, error: { code: 'INTERNAL', message: `The engine has no method "${message.method}".` } });
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    const context: HostMethodContext = {
      signal: controller.signal,
      emit: (event) => send({ type: 'event', id: message.id, event }),
    };
    method(message.params, context)
      .then(
        (value) => send({ type: 'reply', id: message.id, ok: true, value }),
        (error: unknown) => send({ type: 'reply', id: message.id, ok: false, error: toErrorShape(error) }),
      )
      .finally(() => running.delete(message.id));
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', pid: process.pid });
}
