import { createRequire } from 'node:module';

/**
 * The few parts of sherpa-onnx-node (a CommonJS native addon without type declarations)
 * that the Whisper host uses, typed here once. Loaded on first use, inside the host only:
 * its onnxruntime build is its own and must never load into main.
 */
export interface SherpaRecognizerResult {
  text: string;
  lang: string;
  tokens: string[];
  /** Token start times in seconds, where the model gives them (empty for Whisper without alignment heads). */
  timestamps: number[];
}

interface SherpaStream {
  acceptWaveform(wave: { samples: Float32Array; sampleRate: number }): void;
}

export interface SherpaRecognizer {
  createStream(): SherpaStream;
  decodeAsync(stream: SherpaStream): Promise<SherpaRecognizerResult>;
}

export interface SherpaSpeechSegment {
  /** First sample, counted from the first sample the detector was given. */
  start: number;
  samples: Float32Array;
}

export interface SherpaVad {
  acceptWaveform(samples: Float32Array): void;
  isEmpty(): boolean;
  front(): SherpaSpeechSegment;
  pop(): void;
  flush(): void;
}

interface SherpaModule {
  OfflineRecognizer: { createAsync(config: object): Promise<SherpaRecognizer> };
  Vad: new (config: object, bufferSeconds: number) => SherpaVad;
}

let loaded: SherpaModule | undefined;

export function sherpa(): SherpaModule {
  loaded ??= createRequire(import.meta.url)('sherpa-onnx-node') as SherpaModule;
  return loaded;
}
