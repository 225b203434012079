import { randomInt } from 'node:crypto';
import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { JSON_LIMITS, jsonLimitProblem } from '../../../preload/limits.js';
import type { LlamaClient } from '../../engines/text/llama-client.js';
import type { HostHardware, HostLoadedModel } from '../../engines/text/llama-host-api.js';
import type { OnTextChunk, TextGenerationRequest, TextGenerationResult } from '../../engines/text/text-generation.js';
import type { OnToolCallFragment } from '../../engines/text/text-tools.js';

// The request and reply shapes callers above core build and read (the CLI, the OpenAI API): from here, not from the engine.
export type { ChatMessage, OnTextChunk, TextGenerationRequest, TextGenerationResult } from '../../engines/text/text-generation.js';
export type { Tool, ToolCall, ToolCallFragment, ToolChoice } from '../../engines/text/text-tools.js';
/** The sampling fields every text caller sends (hosts build their own request shapes on it; they may not import engines). */
export { TextSamplingOptionsSchema } from '../../engines/text/text-generation.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../../platform/log.js';
import { readGgufHeader } from '../../platform/formats/gguf-header.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { SettingsStore } from '../settings/settings-store.js';

interface ResolvedTextModel {
  /** The registry id, or the file name for a model given by path. */
  id: string;
  name: string;
  path: string;
}

/** Routes `remote:<name>/<model>` ids to an OpenAI-compatible server (main/core/remotes). */
export type RemoteTextRouter = (
  modelId: string,
  request: TextGenerationRequest & { sampling: { seed: number } },
  signal: AbortSignal,
  onChunk?: OnTextChunk,
) => Promise<TextGenerationResult>;

const REMOTE_PREFIX = 'remote:';

/**
 * Everything that asks a language model for words comes here (the Write tab, the CLI,
 * the storyboard, the OpenAI API): it picks the model (the active one, an id, or a GGUF
 * path), makes sure the engine host has it loaded with the current settings, and streams
 * the reply. One model is loaded at a time; switching the active text model unloads it.
 */
export class TextService {
  private loadedId: string | undefined;
  /** Path and stat of the last model file whose GGUF header passed: unchanged, it is not read again. */
  private checkedFile: string | undefined;
  private gpuSetting: 'auto' | 'off' | undefined;
  private hardwareCache: Promise<HostHardware> | undefined;
  private remoteRouter: RemoteTextRouter | undefined;
  private readonly unsubscribe: () => void;
  /** The engine holds one context sequence: requests take turns, whoever sends them (jobs, the API, the storyboard). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: { registry: ModelRegistry; settings: SettingsStore; events: EventBus; log: Logger; engine: LlamaClient }) {
    this.unsubscribe = deps.events.subscribe((name, payload) => {
      if (name !== 'models.changed') return;
      const change = payload as { modality: string; reason: string; id: string; active: string | null };
      if (change.modality !== 'text' || !this.loadedId) return;
      const gone = change.reason === 'removed' && change.id === this.loadedId;
      const replaced = change.reason === 'activated' && change.active !== this.loadedId;
      if (gone || replaced) void this.unload(gone ? 'it was removed' : 'another text model became active');
    });
  }

  setRemoteRouter(router: RemoteTextRouter): void {
    this.remoteRouter = router;
  }

  /** The id of the model the engine holds now, if any. */
  get loadedModel(): string | undefined {
    return this.loadedId;
  }

  get enginePid(): number | undefined {
    return this.deps.engine.pid;
  }

  /** What llama.cpp sees of this computer (GPU backend and devices); asked once per GPU setting. */
  hardware(): Promise<HostHardware> {
    const gpu = this.deps.settings.get().gpuOffload;
    if (gpu !== this.gpuSetting) this.hardwareCache = undefined;
    this.gpuSetting = gpu;
    this.hardwareCache ??= this.deps.engine.hardware(gpu).catch((error: unknown) => {
      this.hardwareCache = undefined;
      throw error;
    });
    return this.hardwareCache;
  }

  async resolveModel(ref?: string): Promise<ResolvedTextModel> {
    const { registry } = this.deps;
    if (ref === undefined) {
      const active = registry.active('text');
      if (!active) {
        throw new AtelierError(
          'ENGINE_UNAVAILABLE',
          'No text model is installed. Download one in the Models tab (or run `atelier models download qwen2.5-0.5b-instruct-q4km`).',
        );
      }
      return { id: active.id, name: active.name, path: active.path };
    }
    const installed = registry.find(ref);
    if (installed) {
      if (installed.modality !== 'text') throw new AtelierError('INVALID_INPUT', `${installed.name} is a ${installed.modality} model, not a text model.`);
      return { id: installed.id, name: installed.name, path: installed.path };
    }
    if (ref.includes('/') || ref.includes(path.sep) || ref.toLowerCase().endsWith('.gguf')) {
      const file = path.resolve(ref);
      return { id: path.basename(file), name: path.basename(file, '.gguf'), path: file };
    }
    throw new AtelierError('MODEL_NOT_FOUND', `No installed text model has the id "${ref}". Run 'atelier models list' to see them.`);
  }

  /** Loads (or keeps) the model with the current settings; the engine host reloads only when something changed. */
  async prepare(model: ResolvedTextModel, signal?: AbortSignal): Promise<HostLoadedModel> {
    let stat: Stats;
    try {
      stat = await fs.stat(model.path);
    } catch {
      throw new AtelierError('MODEL_NOT_FOUND', `The file of ${model.name} is missing (${model.path}). Remove the model in Models and add it again.`);
    }
    // Reading the header walks the whole vocabulary: once per file as it is on disk, not once per request (a changed file is read again).
    const signature = `${model.path}\0${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    if (signature !== this.checkedFile) {
      try {
        await readGgufHeader(model.path);
      } catch (error) {
        if (error instanceof AtelierError) throw new AtelierError(error.code, `${model.name} is not a usable GGUF model: ${error.message}`);
        throw new AtelierError('MODEL_INVALID', `${model.name} could not be read: ${(error as Error).message}`);
      }
      this.checkedFile = signature;
    }
    const settings = this.deps.settings.get();
    if (this.gpuSetting !== undefined && settings.gpuOffload !== this.gpuSetting) {
      // llama.cpp picks its GPU backend once per process: a new setting needs a fresh host.
      await this.deps.engine.stop();
      this.hardwareCache = undefined;
      this.loadedId = undefined;
    }
    const hardware = await this.hardware();
    const threads = settings.threads === 'auto' ? Math.max(1, hardware.cpuMathCores) : settings.threads;
    const loaded = await this.deps.engine.load(
      { path: model.path, name: model.name, contextSize: settings.contextSize, threads, gpu: settings.gpuOffload },
      signal,
    );
    this.loadedId = model.id;
    return loaded;
  }

  async generate(request: TextGenerationRequest, signal: AbortSignal, onChunk?: OnTextChunk, onToolCall?: OnToolCallFragment): Promise<TextGenerationResult> {
    // Every caller (contract, /v1, CLI, storyboard) passes here: the last gate before an engine.
    const schemaProblem = request.jsonSchema && jsonLimitProblem(request.jsonSchema, JSON_LIMITS.schema, 'The JSON schema');
    if (schemaProblem) throw new AtelierError('INVALID_INPUT', schemaProblem);
    const sampling = { ...request.sampling, seed: request.sampling.seed ?? randomInt(0, 0xffff_ffff) };
    if (request.model?.startsWith(REMOTE_PREFIX)) {
      if (!this.remoteRouter) throw new AtelierError('ENGINE_UNAVAILABLE', 'Remote engines are not available in this build.');
      if (request.kind === 'chat' && (request.tools?.length || request.messages.some((m) => m.role === 'tool' || m.toolCalls)))
        throw new AtelierError('INVALID_INPUT', 'Function calling runs on local text models only; remote models get plain chat.');
      return this.remoteRouter(request.model, { ...request, sampling }, signal, onChunk);
    }
    const model = await this.resolveModel(request.model);
    const run = this.turn.then(async () => {
      signal.throwIfAborted();
      await this.prepare(model, signal);
      signal.throwIfAborted();
      const result = await this.deps.engine.generate({ request: { ...request, sampling } }, signal, onChunk, onToolCall);
      return { ...result, model };
    });
    this.turn = run.catch(() => undefined);
    return run;
  }

  async unload(reason: string): Promise<void> {
    if (!this.loadedId) return;
    this.deps.log.info('text', `unloading ${this.loadedId}: ${reason}`);
    this.loadedId = undefined;
    await this.deps.engine.unload().catch((error: unknown) => this.deps.log.warn('text', `unload failed: ${(error as Error).message}`));
  }

  async dispose(): Promise<void> {
    this.unsubscribe();
    await this.deps.engine.stop();
  }
}
