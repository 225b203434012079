import type { TextGenerationRequest, TextSamplingOptions } from './text-generation.js';

/** What main asks the text engine host to load (llama-host.ts `load`). */
export interface HostLoadParams {
  path: string;
  /** For messages: "Qwen2.5 0.5B Instruct". */
  name: string;
  contextSize: number;
  threads: number;
  gpu: 'auto' | 'off';
  /** Memory the model may use; free memory when absent. */
  memoryLimitBytes?: number;
}

export interface HostLoadedModel {
  architecture: string;
  contextSize: number;
  trainContextSize: number;
  /** 'cuda', 'vulkan', 'metal', or null on the CPU. */
  gpu: string | null;
  gpuLayers: number;
  threads: number;
  sizeBytes: number;
}

export interface HostGenerateParams {
  request: TextGenerationRequest & { sampling: TextSamplingOptions & { seed: number } };
}

export interface HostHardware {
  /** The GPU backend in use ('cuda', 'vulkan', 'metal'), or null on the CPU. */
  gpu: string | null;
  /** The real GPUs of that backend; software renderers are never listed here. */
  deviceNames: string[];
  vramBytes: number | null;
  cpuMathCores: number;
  /** The GPU backend llama.cpp could load, even when it is not used (no real GPU behind it). */
  gpuBackendFound: string | null;
  /** Software renderers seen on the way (lavapipe, SwiftShader): why a found backend was not used. */
  softwareDevices: string[];
}

/** Streamed by `generate`: one piece of text as it is decoded. */
export interface HostTextChunk {
  chunk: string;
}
