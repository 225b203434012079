import type { ModelModality } from '../../../preload/contract.js';

/**
 * Encoder-only architectures llama.cpp runs: they make embeddings, never text (bge,
 * all-MiniLM and e5 are `bert`; nomic-embed-text is `nomic-bert`; jina's are `jina-bert-*`).
 */
const ENCODER_ARCHITECTURES = new Set([
  'bert',
  'nomic-bert',
  'nomic-bert-moe',
  'jina-bert-v2',
  'jina-bert-v3',
  'modern-bert',
  'neo-bert',
  'eurobert',
  't5encoder',
]);

/**
 * What a GGUF makes, judged by its header: an encoder architecture, or any architecture
 * whose file sets a mean, CLS or last-token pooling type (Qwen3-Embedding and gte-Qwen are
 * decoder architectures converted with `pooling_type`), is an embedding model. Pooling
 * type 4 (rank) marks a reranker, which makes scores, not vectors.
 */
export function ggufModality(header: {
  architecture: string;
  metadata: Record<string, string | number | boolean>;
}): Extract<ModelModality, 'text' | 'embedding'> {
  if (ENCODER_ARCHITECTURES.has(header.architecture)) return 'embedding';
  const pooling = header.metadata[`${header.architecture}.pooling_type`];
  return typeof pooling === 'number' && pooling >= 1 && pooling <= 3 ? 'embedding' : 'text';
}
