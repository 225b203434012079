// sherpa-onnx-node ships no type declarations: its module.exports, as far as Atelier uses it.
declare module 'sherpa-onnx-node' {
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

  interface SherpaSpeechSegment {
    /** First sample, counted from the first sample the detector was given. */
    start: number;
    samples: Float32Array;
  }

  interface SherpaVad {
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

  const sherpa: SherpaModule;
  export default sherpa;
}
