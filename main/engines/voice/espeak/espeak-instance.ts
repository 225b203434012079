// One espeak-ng WebAssembly instance runs the command line's main() once: main() keeps its
// option parser and engine state in globals, so a second run in the same instance would
// misread its arguments. Making an instance (copying 18 MB of data, building the voice
// files) costs more than a short run, so the worker keeps one made ahead, in idle time,
// and a job's first run starts at once.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { workerData } from 'node:worker_threads';
import ESpeakNg from 'espeak-ng';

interface EspeakModule {
  FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string): void; analyzePath(path: string): { exists: boolean } };
  _main(argc: number, argv: number): number;
  _fflush(stream: number): number;
}
type Factory = (options: Record<string, unknown>) => Promise<EspeakModule>;

/** What the wasm exports beside main: its memory and allocator, to lay out argv. */
interface EspeakExports {
  memory: { buffer: ArrayBuffer };
  malloc(bytes: number): number;
}

/** The WebAssembly global (this project's lib settings carry no WebAssembly types). */
type WasmModule = object;
interface WasmInstance {
  exports: EspeakExports;
}
const Wasm = (
  globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule>; instantiate(module: WasmModule, imports: object): Promise<WasmInstance> };
  }
).WebAssembly;

const require = createRequire(import.meta.url);

let compiled: Promise<WasmModule> | undefined;
/** The compiled module: the one the pool handed over (compiled once per process), else compiled here. */
function wasmModule(): Promise<WasmModule> {
  const given = (workerData as { module?: WasmModule } | null)?.module;
  if (given) compiled ??= Promise.resolve(given);
  compiled ??= Wasm.compile(fs.readFileSync(require.resolve('espeak-ng/dist/espeak-ng.wasm')));
  return compiled;
}

/** What one run printed, and its file system (the WAV it wrote). */
interface EspeakRun {
  out: string[];
  err: string[];
  status: number;
  fs: EspeakModule['FS'];
}

interface Instance {
  module: EspeakModule;
  exports: EspeakExports;
  out: string[];
  err: string[];
}

async function makeInstance(): Promise<Instance> {
  const module = await wasmModule();
  const out: string[] = [];
  const err: string[] = [];
  let exports: EspeakExports | undefined;
  // Building the file system throws and catches an error per existing folder (hundreds);
  // their stack traces are most of an instance's start-up, and nothing reads them.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const made = await (ESpeakNg as unknown as Factory)({
      noInitialRun: true,
      print: (line: string) => out.push(line),
      printErr: (line: string) => {
        if (!line.includes('keepRuntimeAlive')) err.push(line);
      },
      instantiateWasm(imports: object, done: (instance: WasmInstance) => void) {
        void Wasm.instantiate(module, imports).then((instance) => {
          exports = instance.exports;
          done(instance);
        });
        return {};
      },
    });
    if (!exports) throw new Error('espeak-ng started without its exports');
    return { module: made, exports, out, err };
  } finally {
    Error.stackTraceLimit = limit;
  }
}

let spare: Promise<Instance> | undefined;

/** Makes the next instance now (idle time), unless one is ready or being made. */
export function prepareSpare(): Promise<void> {
  spare ??= makeInstance();
  return spare.then(() => undefined);
}

/** Exit codes arrive as a thrown ExitStatus when main calls exit(). */
const exitStatus = (error: unknown): number | undefined =>
  error !== null && typeof error === 'object' && (error as { name?: unknown }).name === 'ExitStatus'
    ? Number((error as { status?: unknown }).status)
    : undefined;

/** Runs espeak-ng's command line once with `args`, on the spare instance; `input` becomes /in.txt. */
export async function espeak(args: readonly string[], input?: string): Promise<EspeakRun> {
  const instance = await (spare ?? makeInstance());
  spare = undefined;
  const { module, exports, out, err } = instance;
  if (input !== undefined) module.FS.writeFile('/in.txt', input);
  const argv = ['espeak-ng', ...args];
  const encoder = new TextEncoder();
  const pointers = argv.map((arg) => {
    const bytes = encoder.encode(`${arg}\0`);
    const at = exports.malloc(bytes.length);
    new Uint8Array(exports.memory.buffer).set(bytes, at);
    return at;
  });
  const table = exports.malloc(4 * (pointers.length + 1));
  const words = new Uint32Array(exports.memory.buffer, table, pointers.length + 1);
  words.set([...pointers, 0]);
  let status: number;
  try {
    status = module._main(argv.length, table);
    module._fflush(0);
  } catch (error) {
    const code = exitStatus(error);
    if (code === undefined) throw error;
    status = code;
  }
  return { out, err, status, fs: module.FS };
}
