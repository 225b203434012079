// The espeak-ng WebAssembly build, run in a worker thread so synthesis never blocks the
// main thread. One worker per job: it compiles the module once, then starts a fresh
// instance per command (the module runs espeak-ng's command line once and keeps no
// state between runs). Messages: see EspeakWorkerMessage in espeak-protocol.ts.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import ESpeakNg from 'espeak-ng';
import { readPcm16 } from '../../../platform/audio/wav.js';
import type { EspeakJob, EspeakWorkerMessage } from './espeak-protocol.js';
import { parseVariantTable, parseVoiceAliases, parseVoiceTable, resolveVoice } from './espeak-voices.js';
import { IPA_MARKERS, markedClauses, unmarkClauses } from './ipa-clauses.js';

interface EspeakInstance {
  FS: { readFile(path: string): Uint8Array; writeFile(path: string, data: string): void; analyzePath(path: string): { exists: boolean } };
}
type Factory = (options: Record<string, unknown>) => Promise<EspeakInstance>;

const require = createRequire(import.meta.url);
const post = (message: EspeakWorkerMessage, transfer: ArrayBuffer[] = []) => parentPort?.postMessage(message, transfer);

/** The WebAssembly global (this project's lib settings carry no WebAssembly types). */
type WasmModule = object;
type WasmInstance = object;
const Wasm = (
  globalThis as unknown as {
    WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule>; instantiate(module: WasmModule, imports: object): Promise<WasmInstance> };
  }
).WebAssembly;

let compiled: Promise<WasmModule> | undefined;
function wasmModule(): Promise<WasmModule> {
  const given = (workerData as { module?: WasmModule }).module;
  if (given) compiled ??= Promise.resolve(given);
  compiled ??= Wasm.compile(fs.readFileSync(require.resolve('espeak-ng/dist/espeak-ng.wasm')));
  return compiled;
}

/** Runs espeak-ng once with `args`; `input` becomes /in.txt. Returns what it printed and its FS. */
async function espeak(args: string[], input?: string): Promise<{ out: string[]; err: string[]; fs: EspeakInstance['FS'] }> {
  const module = await wasmModule();
  const out: string[] = [];
  const err: string[] = [];
  const instance = await (ESpeakNg as unknown as Factory)({
    arguments: args,
    print: (line: string) => out.push(line),
    printErr: (line: string) => {
      if (!line.includes('keepRuntimeAlive')) err.push(line);
    },
    preRun: [(m: EspeakInstance) => input !== undefined && m.FS.writeFile('/in.txt', input)],
    // Reuses the compiled module: a new instance costs its start-up, not a recompile.
    instantiateWasm(imports: object, done: (instance: WasmInstance) => void) {
      void Wasm.instantiate(module, imports).then(done);
      return {};
    },
  });
  return { out, err, fs: instance.FS };
}

/** IPA per clause in one espeak run (one instance costs ~250 ms; a run per clause would dominate). */
async function phonemes(voice: string, clauses: string[]): Promise<void> {
  for (const marker of IPA_MARKERS) {
    const run = await espeak(['-q', '--ipa', '-v', voice, '-f', '/in.txt'], markedClauses(clauses, marker));
    if (run.out.length === 0 && run.err.some((line) => /voice does not exist/i.test(line))) {
      post({ type: 'error', code: 'NOT_FOUND', message: `espeak-ng has no voice '${voice}' to read this voice's phonemes with.` });
      return;
    }
    const ipa = unmarkClauses(run.out, clauses.length);
    if (ipa) {
      post({ type: 'phonemes', clauses: ipa });
      return;
    }
  }
  post({ type: 'error', code: 'ENGINE_CRASHED', message: 'espeak-ng phonemes could not be matched to the text.' });
}

async function run(job: EspeakJob): Promise<void> {
  if (job.op === 'warm') {
    await wasmModule();
    post({ type: 'ready' });
    return;
  }
  if (job.op === 'phonemes') return phonemes(job.voice, job.clauses);
  const table = (await espeak(['--voices'])).out;
  const voices = parseVoiceTable(table);
  const needVariants = job.op === 'voices' || job.voice.includes('+');
  const variants = needVariants ? parseVariantTable((await espeak(['--voices=variant'])).out) : [];
  if (job.op === 'voices') {
    post({ type: 'voices', voices, variants, aliases: parseVoiceAliases(table) });
    return;
  }
  const resolved = resolveVoice(job.voice, voices, variants, parseVoiceAliases(table));
  if (!resolved) {
    post({ type: 'error', code: 'NOT_FOUND', message: `unknown espeak voice '${job.voice}'. Run 'atelier voices' for the list.` });
    return;
  }
  post({ type: 'voice', voice: resolved.voice, variant: resolved.variant, espeakName: resolved.espeakName });
  for (let i = 0; i < job.chunks.length; i++) {
    const args = ['-v', resolved.espeakName, '-s', String(job.wpm), '-p', String(job.pitch), '-a', String(job.amplitude), '-w', '/out.wav', '-f', '/in.txt'];
    const run = await espeak(args, job.chunks[i]);
    if (!run.fs.analyzePath('/out.wav').exists) {
      post({ type: 'error', code: 'ENGINE_CRASHED', message: `espeak-ng wrote no audio: ${run.err.join(' ') || 'no reason given'}` });
      return;
    }
    const { samples, sampleRate } = readPcm16(run.fs.readFile('/out.wav'));
    post({ type: 'chunk', index: i, samples, sampleRate }, [samples.buffer as ArrayBuffer]);
  }
  post({ type: 'done' });
}

run((workerData as { job: EspeakJob }).job).catch((error: unknown) => {
  post({ type: 'error', code: 'ENGINE_CRASHED', message: `espeak-ng failed: ${error instanceof Error ? error.message : String(error)}` });
});
