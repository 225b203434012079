/**
 * The text engine's host process: node-llama-cpp lives here and nowhere else, because
 * llama.cpp answers some damaged model files with an abort that takes its whole
 * process down (DESIGN.md, Engine hosts). Main talks to it through llama-client.ts.
 */
import os from 'node:os';
import {
  GgufInsights,
  LlamaChatSession,
  LlamaCompletion,
  LlamaJsonSchemaGrammar,
  type ChatHistoryItem,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import { AtelierError } from '../../../preload/errors.js';
import { serveEngine } from '../../platform/engine-host/serve-engine.js';
import { sortGpuDevices } from '../gpu-devices.js';
import { contextOverflow, loadFailure, readModelFile, unsupportedArchitecture } from './llama-load-errors.js';
import { getRuntime, recentLog } from './llama-runtime.js';
import { tokenLogprobs } from './llama-logprobs.js';
import { generateWithTools, usesTools } from './llama-tools.js';
import type { ToolCall, ToolCallFragment } from './text-tools.js';
import { LLAMA_PROTOCOL, type HostHardware, type HostLoadParams, type HostLoadedModel } from './llama-host-api.js';
import type { ChatMessage, GeneratedText, SeededTextGenerationRequest, StopReason } from './text-generation.js';

interface Loaded {
  key: string;
  /** Resolving the chat wrapper renders the model's Jinja template several times: done once per load. */
  chatWrapper: ChatWrapper;
  info: HostLoadedModel;
  model: LlamaModel;
  context: LlamaContext;
  sequence: LlamaContextSequence;
}

let loaded: Loaded | undefined;

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;
}

async function unload(): Promise<void> {
  const current = loaded;
  loaded = undefined;
  if (!current) return;
  await current.context.dispose();
  await current.model.dispose();
}

async function load(params: HostLoadParams): Promise<HostLoadedModel> {
  const key = JSON.stringify(params);
  if (loaded?.key === key) return loaded.info;
  const { info, architecture } = await readModelFile(params.path, params.name, true);
  const runtime = (await getRuntime(params.gpu)).llama;
  const unsupported = () => unsupportedArchitecture(params.name, architecture);
  await unload();
  const trainContext = Number(info.architectureMetadata.context_length ?? 0) || params.contextSize;
  const contextSize = Math.max(256, Math.min(params.contextSize, trainContext));
  const useGpu = runtime.gpu !== false;
  if (!useGpu) {
    // On the CPU everything lands in RAM: check before llama.cpp tries, instead of letting the system swap or kill us.
    const insights = await GgufInsights.from(info, runtime).catch(() => {
      throw unsupported();
    });
    const model = await insights.estimateModelResourceRequirementsV2({ gpuLayers: 0 });
    const context = await insights.estimateContextResourceRequirementsV2({ contextSize, modelGpuLayers: 0 });
    const needed = model.cpuRam + context.cpuRam;
    const free = params.memoryLimitBytes ?? os.freemem();
    if (needed > free) {
      throw new AtelierError(
        'MODEL_TOO_LARGE',
        `${params.name} needs about ${mib(needed)} of memory with a ${contextSize.toLocaleString('en')}-token context, and ${mib(free)} is free. Pick a smaller model or a smaller context in Settings.`,
      );
    }
  }
  let model: LlamaModel;
  recentLog.length = 0;
  try {
    model = await runtime.loadModel({ modelPath: params.path, gpuLayers: useGpu ? 'auto' : 0 });
  } catch (error) {
    throw loadFailure(params.name, architecture, error, recentLog);
  }
  let context: LlamaContext;
  try {
    context = await model.createContext({ contextSize, threads: params.threads, ignoreMemorySafetyChecks: false });
  } catch (error) {
    await model.dispose();
    throw new AtelierError(
      'MODEL_TOO_LARGE',
      `A ${contextSize.toLocaleString('en')}-token context for ${params.name} does not fit: ${(error as Error).message}`,
    );
  }
  const result: HostLoadedModel = {
    architecture,
    contextSize: context.contextSize,
    trainContextSize: trainContext,
    gpu: runtime.gpu === false ? null : runtime.gpu,
    gpuLayers: model.gpuLayers,
    threads: context.currentThreads,
    sizeBytes: model.size,
  };
  const sequence = context.getSequence();
  const probe = new LlamaChatSession({ contextSequence: sequence, autoDisposeSequence: false });
  const chatWrapper = probe.chatWrapper;
  probe.dispose({ disposeSequence: false });
  loaded = { key, info: result, model, context, sequence, chatWrapper };
  return result;
}

/** Compiling a schema into a grammar costs more than a short reply; callers reuse a few schemas. */
const grammars = new Map<string, LlamaJsonSchemaGrammar<never>>();

async function grammarFor(runtime: Llama, schema: Record<string, unknown>): Promise<LlamaJsonSchemaGrammar<never>> {
  const key = JSON.stringify(schema);
  const cached = grammars.get(key);
  if (cached) return cached;
  let grammar: LlamaJsonSchemaGrammar<never>;
  try {
    grammar = await runtime.createGrammarForJsonSchema(schema as never);
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `The JSON schema cannot be used to guide the model: ${(error as Error).message}`);
  }
  grammars.set(key, grammar);
  if (grammars.size > 16) grammars.delete(grammars.keys().next().value as string);
  return grammar;
}

function toHistory(messages: readonly ChatMessage[]): { history: ChatHistoryItem[]; prompt: string } {
  const items = [...messages];
  const last = items.at(-1);
  // The last user turn is what gets answered; anything after it is already a (partial) reply.
  const prompt = last?.role === 'user' ? last.content : '';
  if (last?.role === 'user') items.pop();
  const history: ChatHistoryItem[] = items.map((m) =>
    m.role === 'system'
      ? { type: 'system', text: m.content }
      : m.role === 'user'
        ? { type: 'user', text: m.content }
        : { type: 'model', response: [m.content] },
  );
  return { history, prompt };
}

function stopReasonOf(reason: string, aborted: boolean): StopReason {
  if (aborted || reason === 'abort') return 'cancelled';
  if (reason === 'maxTokens') return 'maxTokens';
  if (reason === 'customStopTrigger' || reason === 'stopGenerationTrigger') return 'stop';
  return 'eos';
}

type HostEvent = { chunk: string } | { call: ToolCallFragment };

async function generate(request: SeededTextGenerationRequest, signal: AbortSignal, emit: (event: HostEvent) => void): Promise<GeneratedText> {
  const current = loaded;
  if (!current) throw new AtelierError('ENGINE_UNAVAILABLE', 'No text model is loaded.');
  const runtime = current.model.llama;
  // json_object mode: llama.cpp's JSON grammar, whose root is an object with any keys (a schema with no properties allows only `{}`).
  const grammar = request.jsonSchema ? await grammarFor(runtime, request.jsonSchema) : request.jsonObject ? await runtime.getGrammarFor('json') : undefined;
  const started = performance.now();
  let firstToken = 0;
  let tokens = 0;
  const generated: Token[] = [];
  const sampling = {
    maxTokens: request.sampling.maxTokens,
    temperature: request.sampling.temperature,
    topP: request.sampling.topP,
    seed: request.sampling.seed,
    signal,
    stopOnAbortSignal: true,
    customStopTriggers: request.sampling.stop && request.sampling.stop.length > 0 ? request.sampling.stop : undefined,
    grammar,
    onToken: (made: readonly Token[]) => {
      if (tokens === 0) firstToken = performance.now();
      tokens += made.length;
      if (request.logprobs !== undefined) generated.push(...made);
    },
    onTextChunk: (chunk: string) => emit({ chunk }),
  };
  let text: string;
  let reason: string;
  let toolCalls: ToolCall[] | undefined;
  if (request.kind === 'chat' && usesTools(request)) {
    const reply = await generateWithTools(current, request, sampling, (call) => emit({ call }));
    ({ text, reason } = reply);
    if (reply.toolCalls.length > 0) toolCalls = reply.toolCalls;
  } else if (request.kind === 'chat') {
    const session = new LlamaChatSession({ contextSequence: current.sequence, chatWrapper: current.chatWrapper, autoDisposeSequence: false });
    try {
      const { history, prompt } = toHistory(request.messages);
      session.setChatHistory(history);
      const reply = await session.promptWithMeta(prompt, sampling);
      text = reply.responseText;
      reason = reply.stopReason;
    } finally {
      session.dispose({ disposeSequence: false });
    }
  } else {
    const completion = new LlamaCompletion({ contextSequence: current.sequence });
    try {
      const reply = await completion.generateCompletionWithMeta(request.prompt, sampling);
      text = reply.response;
      reason = reply.metadata.stopReason;
    } finally {
      completion.dispose({ disposeSequence: false });
    }
  }
  const ended = performance.now();
  let json: unknown;
  if (grammar) {
    try {
      json = grammar instanceof LlamaJsonSchemaGrammar ? grammar.parse(text) : (JSON.parse(text) as unknown);
    } catch {
      json = undefined;
    }
  }
  const generatingMs = firstToken > 0 ? ended - firstToken : 0;
  // Counted before the log probabilities are worked out: that evaluates the reply's tokens again.
  const promptTokens = Math.max(0, current.sequence.nextTokenIndex - tokens);
  const logprobs = request.logprobs === undefined ? undefined : await tokenLogprobs(current.sequence, current.model, generated, request.logprobs);
  return {
    text,
    ...(json !== undefined && { json }),
    ...(toolCalls && { toolCalls }),
    ...(logprobs && { logprobs }),
    seed: request.sampling.seed,
    tokens,
    promptTokens,
    stopReason: stopReasonOf(reason, signal.aborted),
    tokensPerSecond: tokens > 1 && generatingMs > 0 ? ((tokens - 1) * 1000) / generatingMs : 0,
    timeToFirstTokenMs: firstToken > 0 ? firstToken - started : 0,
    durationMs: ended - started,
  };
}

async function hardware(gpu: 'auto' | 'off'): Promise<HostHardware> {
  const { llama: runtime, found } = await getRuntime(gpu);
  const vram = runtime.gpu === false ? null : await runtime.getVramState();
  const names = runtime.gpu === false ? [] : sortGpuDevices(await runtime.getGpuDeviceNames()).hardware;
  return {
    gpu: runtime.gpu === false ? null : runtime.gpu,
    deviceNames: names,
    vramBytes: vram ? vram.total : null,
    cpuMathCores: runtime.cpuMathCores,
    ...found,
  };
}

serveEngine(LLAMA_PROTOCOL, {
  hardware: (params) => hardware(params.gpu),
  load,
  generate: ({ request }, { signal, emit }) =>
    generate(request, signal, emit).catch((error: unknown) => {
      throw contextOverflow(error) ?? error;
    }),
  unload: async () => {
    await unload();
    return null;
  },
});
