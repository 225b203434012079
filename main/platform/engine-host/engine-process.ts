import { fork, type ChildProcess } from 'node:child_process';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import type { Logger } from '../log.js';
import { isFromHost, type ToHost } from './engine-protocol.js';
import { firstIssue, type EventOf, type HostProtocol, type MethodName, type ParamsIn, type ResultOf } from './host-protocol.js';
import { execArgvFor, type WorkerEntry } from '../worker-entry.js';

interface EngineProcessOptions<P extends HostProtocol> {
  /** What people call it in errors: "the text engine". */
  label: string;
  /** The host's methods, shared with its serveEngine call. */
  protocol: P;
  entry: () => WorkerEntry;
  log: Logger;
  /** Loading native libraries can be slow on a cold disk; a host that never says ready is killed. */
  startTimeoutMs?: number;
  /** How long a cancelled request may take to answer before the host is killed. */
  cancelGraceMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onEvent?: (event: unknown) => void;
}

/** Variables that would change how the host's Node runs, or inject code into it. */
const STRIPPED_ENV = ['NODE_OPTIONS', 'NODE_REPL_EXTERNAL_MODULE', 'LD_PRELOAD', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH'];

function hostEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of STRIPPED_ENV) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith('ELECTRON_')) delete env[name];
  // Under Electron, process.execPath is the app; this makes it run the host as plain Node.
  if (process.versions.electron) env.ELECTRON_RUN_AS_NODE = '1';
  // onnxruntime-node (1.30) starts Microsoft's 1DS telemetry when it creates its environment:
  // it writes a device id under ~/.cache/Microsoft and, seconds later, resolves its collector
  // (DNS to the system resolver) from a background thread. Atelier runs offline; this is ORT's
  // own switch, read before the environment exists, so it has to be in the host's environment.
  env.ORT_DISABLE_TELEMETRY = '1';
  return env;
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (code === 134 || signal === 'SIGABRT') return 'it aborted (llama.cpp refuses some damaged or unsupported model files this way)';
  if (signal === 'SIGKILL') return 'it was killed (often the system running out of memory)';
  if (signal) return `it was stopped by ${signal}`;
  return `it exited with code ${code}`;
}

/**
 * One engine host process (DESIGN.md, Engine hosts): started on the first request,
 * answered over Node's IPC channel, restarted on the next request after it dies. A
 * crash (llama.cpp's GGML_ASSERT aborts the whole process) fails only the requests in
 * flight, with ENGINE_CRASHED and how it died; main and other engines live on.
 */
export class EngineProcess<P extends HostProtocol> {
  private child: ChildProcess | undefined;
  private starting: Promise<ChildProcess> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly options: EngineProcessOptions<P>) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Sends one request. Events that do not match the method's event schema are dropped;
   * a result that does not match its result schema fails the request (INTERNAL): the
   * host runs this codebase, so either means a bug, never the user's input.
   */
  request<K extends MethodName<P>>(
    method: K,
    params: ParamsIn<P[K]>,
    options: { signal?: AbortSignal; onEvent?: (event: EventOf<P[K]>) => void } = {},
  ): Promise<ResultOf<P[K]>> {
    const spec = this.options.protocol[method] as P[K];
    const { onEvent } = options;
    return this.ensureStarted().then(
      (child) =>
        new Promise<ResultOf<P[K]>>((resolve, reject) => {
          const id = this.nextId++;
          const { signal } = options;
          let graceTimer: NodeJS.Timeout | undefined;
          const onAbort = () => {
            this.post(child, { type: 'cancel', id });
            // A host stuck inside a native call cannot hear the cancel: it goes, the next request restarts it.
            graceTimer = setTimeout(() => {
              this.options.log.warn('engine', `${this.options.label} did not stop after a cancel; restarting it`);
              this.pending.get(id)?.reject(new AtelierError('CANCELLED', 'Cancelled.'));
              child.kill('SIGKILL');
            }, this.options.cancelGraceMs ?? 5000);
          };
          const settle = () => {
            signal?.removeEventListener('abort', onAbort);
            if (graceTimer) clearTimeout(graceTimer);
            this.pending.delete(id);
          };
          this.pending.set(id, {
            resolve: (value) => {
              settle();
              const result = spec.result.safeParse(value);
              if (result.success) resolve(result.data as ResultOf<P[K]>);
              else reject(new AtelierError('INTERNAL', `${this.options.label} answered "${method}" with ${firstIssue(result.error, 'result')}.`));
            },
            reject: (error) => {
              settle();
              reject(error);
            },
            onEvent: (event) => {
              const parsed = spec.event?.safeParse(event);
              if (parsed?.success) onEvent?.(parsed.data as EventOf<P[K]>);
            },
          });
          if (signal?.aborted) onAbort();
          else signal?.addEventListener('abort', onAbort, { once: true });
          this.post(child, { type: 'request', id, method, params });
        }),
    );
  }

  /** Asks the host to exit, and kills it if it does not within a moment. */
  async stop(): Promise<void> {
    this.starting = undefined;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.post(child, { type: 'shutdown' });
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  }

  private post(child: ChildProcess, message: ToHost): void {
    if (child.connected) child.send(message);
  }

  private ensureStarted(): Promise<ChildProcess> {
    if (this.child) return Promise.resolve(this.child);
    this.starting ??= this.start().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private start(): Promise<ChildProcess> {
    const { label, log } = this.options;
    const entry = this.options.entry();
    return new Promise<ChildProcess>((resolve, reject) => {
      let ready = false;
      let stderrTail = '';
      const child = fork(entry.file, [], {
        execArgv: execArgvFor(entry),
        env: hostEnv(),
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (chunk: string) => {
        stderrTail = (stderrTail + chunk).slice(-2000);
        for (const line of chunk.split('\n')) if (line.trim()) log.warn('engine', `${label}: ${line.trim()}`);
      });
      const startTimer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new AtelierError('ENGINE_UNAVAILABLE', `${label} did not start within ${Math.round((this.options.startTimeoutMs ?? 30_000) / 1000)} s.`));
      }, this.options.startTimeoutMs ?? 30_000);
      child.on('message', (message: unknown) => {
        if (!isFromHost(message)) return;
        if (message.type === 'ready') {
          ready = true;
          clearTimeout(startTimer);
          this.child = child;
          log.info('engine', `${label} started`, { pid: message.pid });
          resolve(child);
          return;
        }
        const pending = this.pending.get(message.id);
        if (!pending) return;
        if (message.type === 'event') pending.onEvent?.(message.event);
        else if (message.ok) pending.resolve(message.value);
        else pending.reject(new AtelierError(message.error.code, message.error.message));
      });
      child.on('error', (error) => {
        clearTimeout(startTimer);
        if (!ready) reject(new AtelierError('ENGINE_UNAVAILABLE', `${label} could not start: ${toErrorShape(error).message}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(startTimer);
        if (this.child === child) this.child = undefined;
        const how = describeExit(code, signal);
        if (!ready) {
          const detail = stderrTail.trim().split('\n').slice(-2).join(' ');
          reject(new AtelierError('ENGINE_UNAVAILABLE', `${label} could not start: ${how}${detail ? ` (${detail})` : ''}.`));
          return;
        }
        if (code !== 0 || signal) log.error('engine', `${label} stopped: ${how}`, { code, signal });
        const failure = new AtelierError('ENGINE_CRASHED', `${label} stopped unexpectedly: ${how}.`);
        for (const pending of [...this.pending.values()]) pending.reject(failure);
      });
    });
  }
}
