/**
 * The embedding engine's host process: node-llama-cpp with an embedding GGUF (bge,
 * all-MiniLM, nomic-embed-text…), in its own process beside the text engine's so a chat
 * model and an embedding model stay loaded together, and a damaged file's abort takes
 * only this process down (DESIGN.md, Engine hosts). Main talks to it through embed-client.ts.
 */
import { type LlamaEmbeddingContext, type LlamaModel, type Token } from 'node-llama-cpp';
import { AtelierError } from '../../../preload/errors.js';
import { serveEngine } from '../../platform/engine-host/serve-engine.js';
import { EMBED_PROTOCOL, type EmbedInput, type EmbedLoadedModel, type EmbedLoadParams, type EmbedResult } from './embed-host-api.js';
import { loadFailure, readModelFile } from './llama-load-errors.js';
import { getRuntime, recentLog } from './llama-runtime.js';

/** Longer contexts cost memory for nothing: inputs past this many tokens are refused. */
const MAX_CONTEXT = 8192;

interface Loaded {
  key: string;
  name: string;
  info: EmbedLoadedModel;
  model: LlamaModel;
  context: LlamaEmbeddingContext;
  vocabularySize: number;
}
let loaded: Loaded | undefined;

async function unload(): Promise<void> {
  const current = loaded;
  loaded = undefined;
  if (!current) return;
  await current.context.dispose();
  await current.model.dispose();
}

async function load(params: EmbedLoadParams): Promise<EmbedLoadedModel> {
  const key = JSON.stringify(params);
  if (loaded?.key === key) return loaded.info;
  const { info, architecture } = await readModelFile(params.path, params.name);
  const runtime = (await getRuntime(params.gpu)).llama;
  await unload();
  let model: LlamaModel;
  recentLog.length = 0;
  try {
    model = await runtime.loadModel({ modelPath: params.path, gpuLayers: runtime.gpu === false ? 0 : 'auto' });
  } catch (error) {
    throw loadFailure(params.name, architecture, error, recentLog);
  }
  let context: LlamaEmbeddingContext;
  try {
    const contextSize = Math.min(model.trainContextSize || 512, MAX_CONTEXT);
    context = await model.createEmbeddingContext({ contextSize, batchSize: contextSize, threads: params.threads });
  } catch (error) {
    await model.dispose();
    throw new AtelierError('MODEL_INVALID', `${params.name} cannot make embeddings: ${(error as Error).message}`);
  }
  const tokens = (info.metadata as { tokenizer?: { ggml?: { tokens?: readonly string[] } } }).tokenizer?.ggml?.tokens;
  const result: EmbedLoadedModel = { architecture, dimensions: model.embeddingVectorSize, contextSize: Math.min(model.trainContextSize || 512, MAX_CONTEXT) };
  loaded = { key, name: params.name, info: result, model, context, vocabularySize: tokens?.length ?? Number.MAX_SAFE_INTEGER };
  return result;
}

/** Unit length, as OpenAI's vectors are: a dot product is then the cosine similarity. */
function normalised(vector: readonly number[]): number[] {
  const length = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  return length > 0 ? vector.map((v) => v / length) : [...vector];
}

async function embed(inputs: readonly EmbedInput[], signal: AbortSignal): Promise<EmbedResult> {
  const current = loaded;
  if (!current) throw new AtelierError('ENGINE_UNAVAILABLE', 'No embedding model is loaded.');
  // Every input is checked before any is evaluated, so a bad one costs no work.
  const lengths = inputs.map((input, index) => {
    if (typeof input !== 'string') {
      const bad = input.find((token) => token >= current.vocabularySize);
      if (bad !== undefined)
        throw new AtelierError('INVALID_INPUT', `Input ${index} has the token id ${bad}, but ${current.name} knows ${current.vocabularySize} tokens.`);
    }
    const length = current.context.calculateInputLength(typeof input === 'string' ? input : (input as Token[]));
    if (length >= current.info.contextSize)
      throw new AtelierError('INVALID_INPUT', `Input ${index} is ${length} tokens long; ${current.name} takes at most ${current.info.contextSize - 1}.`);
    return length;
  });
  const vectors: number[][] = [];
  for (const input of inputs) {
    signal.throwIfAborted();
    const embedding = await current.context.getEmbeddingFor(typeof input === 'string' ? input : [...(input as Token[])]);
    if (embedding.vector.length !== current.info.dimensions)
      throw new AtelierError('ENGINE_UNAVAILABLE', `${current.name} made a ${embedding.vector.length}-value vector instead of ${current.info.dimensions}.`);
    vectors.push(normalised(embedding.vector));
  }
  return { vectors, promptTokens: lengths.reduce((a, b) => a + b, 0) };
}

serveEngine(EMBED_PROTOCOL, {
  load,
  embed: ({ inputs }, { signal }) => embed(inputs, signal),
  unload: async () => {
    await unload();
    return null;
  },
});
