import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import { isToHost, type FromHost } from './engine-protocol.js';
import { firstIssue, type EventOf, type HostProtocol, type MethodName, type ParamsOut, type ResultOf } from './host-protocol.js';

interface HostMethodContext<Event = unknown> {
  signal: AbortSignal;
  /** Streams one event for this request to main (a token, a progress step). */
  emit(event: Event): void;
}

/** One function per method of the protocol, each typed from its schemas. */
type HostHandlers<P extends HostProtocol> = {
  [K in MethodName<P>]: (params: ParamsOut<P[K]>, context: HostMethodContext<EventOf<P[K]>>) => Promise<ResultOf<P[K]>>;
};

interface ServeOptions {
  /** Starts the INVALID_INPUT message of a request whose params do not parse: "Diffusion settings are out of range". */
  invalidParams?: string;
}

function send(message: FromHost): void {
  process.send?.(message);
}

/**
 * The host side of engine-protocol.ts: runs inside the forked process, parses each
 * request's params with its method's schema (a malformed request is answered with
 * INVALID_INPUT and the host carries on), answers with the method's result or a typed
 * error, and exits when main goes away (an orphaned engine would hold gigabytes of
 * model memory).
 */
export function serveEngine<P extends HostProtocol>(protocol: P, handlers: HostHandlers<P>, options: ServeOptions = {}): void {
  if (!process.send) throw new Error('An engine host must be started by Atelier (it talks over the IPC channel).');
  const running = new Map<number, AbortController>();
  process.on('message', (message: unknown) => {
    if (!isToHost(message)) return;
    if (message.type === 'shutdown') process.exit(0);
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const { id, method: name } = message;
    const reply = (outcome: Promise<unknown>) =>
      outcome
        .then(
          (value) => send({ type: 'reply', id, ok: true, value }),
          (error: unknown) => send({ type: 'reply', id, ok: false, error: toErrorShape(error) }),
        )
        .finally(() => running.delete(id));
    if (!Object.hasOwn(protocol, name)) {
      send({ type: 'reply', id, ok: false, error: { code: 'INTERNAL', message: `The engine has no method "${name}".` } });
      return;
    }
    // The schema and the handler are looked up by the same name, so they belong together;
    // TypeScript cannot follow that through a string key, hence the widened handler.
    const handler = handlers[name as MethodName<P>] as (params: unknown, context: HostMethodContext) => Promise<unknown>;
    const parsed = (protocol[name] as P[string]).params.safeParse(message.params);
    if (!parsed.success) {
      const lead = options.invalidParams ?? `The engine's "${name}" request is malformed`;
      void reply(Promise.reject(new AtelierError('INVALID_INPUT', `${lead}: ${firstIssue(parsed.error, 'request')}.`)));
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    const context: HostMethodContext = { signal: controller.signal, emit: (event) => send({ type: 'event', id, event }) };
    // A handler that throws before its first await still gets a reply.
    void reply(new Promise((resolve) => resolve(handler(parsed.data, context))));
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', pid: process.pid });
}
