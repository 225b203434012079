import type sherpaOnnx from 'sherpa-onnx-node';

/**
 * The few parts of sherpa-onnx-node (a CommonJS native addon without type declarations)
 * that the Whisper host uses, typed here once (sherpa-onnx-node.d.ts declares the module
 * with them). Loaded on first use, inside the host only:
 * its onnxruntime build is its own and must never load into main.
 */
export type { SherpaRecognizer } from 'sherpa-onnx-node';

let loaded: typeof sherpaOnnx | undefined;

export async function loadSherpa(): Promise<typeof sherpaOnnx> {
  loaded ??= (await import('sherpa-onnx-node')).default;
  return loaded;
}
