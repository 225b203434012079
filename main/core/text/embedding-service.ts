import fs from 'node:fs/promises';
import os from 'node:os';
import { AtelierError } from '../../../preload/errors.js';
import type { EmbedClient } from '../../engines/text/embed-client.js';
import type { EmbedInput } from '../../engines/text/embed-host-api.js';
import type { Logger } from '../../platform/log.js';
import type { EventBus } from '../events/event-bus.js';
import type { ModelRegistry } from '../models/model-registry.js';
import type { SettingsStore } from '../settings/settings-store.js';

// Callers above core (the OpenAI API) read these from here, not from the engine.
export { MAX_EMBED_INPUTS, type EmbedInput } from '../../engines/text/embed-host-api.js';

interface EmbeddingModel {
  id: string;
  name: string;
}

interface Embeddings {
  model: EmbeddingModel;
  /** One unit-length vector per input, in order. */
  vectors: number[][];
  dimensions: number;
  promptTokens: number;
}

/**
 * Turns text into vectors with an installed embedding model (modality `embedding`: a BERT,
 * nomic-bert… GGUF). The model runs in its own engine host (embed-host.ts), so it stays
 * loaded beside the text model; requests take turns, as the host holds one context.
 */
export class EmbeddingService {
  private loadedId: string | undefined;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: { registry: ModelRegistry; settings: SettingsStore; events: EventBus; log: Logger; engine: EmbedClient }) {
    this.unsubscribe = deps.events.subscribe((name, payload) => {
      if (name !== 'models.changed') return;
      const change = payload as { modality: string; reason: string; id: string };
      if (change.modality === 'embedding' && change.reason === 'removed' && change.id === this.loadedId) void this.unload('it was removed');
    });
  }

  /** The installed embedding model with this id, or the active one; MODEL_NOT_FOUND for anything else. */
  resolveModel(ref?: string): EmbeddingModel & { path: string } {
    const { registry } = this.deps;
    const model = ref === undefined ? registry.active('embedding') : registry.find(ref);
    if (!model) {
      throw new AtelierError(
        'MODEL_NOT_FOUND',
        ref === undefined ? 'No embedding model is installed. Download one in the Models tab.' : `No installed embedding model has the id "${ref}".`,
      );
    }
    if (model.modality !== 'embedding') throw new AtelierError('MODEL_NOT_FOUND', `${model.name} is a ${model.modality} model, not an embedding model.`);
    return { id: model.id, name: model.name, path: model.path };
  }

  async embed(request: { model?: string; inputs: EmbedInput[] }, signal: AbortSignal): Promise<Embeddings> {
    if (request.inputs.length === 0) throw new AtelierError('INVALID_INPUT', 'There is nothing to embed.');
    const model = this.resolveModel(request.model);
    const run = this.turn.then(async () => {
      signal.throwIfAborted();
      await fs.access(model.path).catch(() => {
        throw new AtelierError('MODEL_NOT_FOUND', `The file of ${model.name} is missing (${model.path}). Remove the model in Models and add it again.`);
      });
      const settings = this.deps.settings.get();
      // Small models gain little past four threads, and the text engine may be busy beside them.
      const threads = settings.threads === 'auto' ? Math.max(1, Math.min(4, os.availableParallelism())) : settings.threads;
      const loaded = await this.deps.engine.load({ path: model.path, name: model.name, threads, gpu: settings.gpuOffload }, signal);
      this.loadedId = model.id;
      const result = await this.deps.engine.embed(request.inputs, signal);
      return { model: { id: model.id, name: model.name }, vectors: result.vectors, dimensions: loaded.dimensions, promptTokens: result.promptTokens };
    });
    this.turn = run.catch(() => undefined);
    return run;
  }

  async unload(reason: string): Promise<void> {
    if (!this.loadedId) return;
    this.deps.log.info('embeddings', `unloading ${this.loadedId}: ${reason}`);
    this.loadedId = undefined;
    await this.deps.engine.unload().catch((error: unknown) => this.deps.log.warn('embeddings', `unload failed: ${(error as Error).message}`));
  }

  async dispose(): Promise<void> {
    this.unsubscribe();
    await this.deps.engine.stop();
  }
}
