import type { VoiceInfo, VoiceVariant } from '../../../../preload/schemas/voice.js';

/** What a worker is started with (its workerData). */
export type EspeakJob =
  | { op: 'warm' }
  | { op: 'voices' }
  | { op: 'render'; voice: string; chunks: string[]; wpm: number; pitch: number; amplitude: number }
  /** IPA for each clause, as Piper voices expect them (espeak-phonemes.ts). `voice` is an espeak voice name (`en-us`). */
  | { op: 'phonemes'; voice: string; clauses: string[] };

/** What a worker posts back, in order: voice, chunk per chunk, done; or error at any point. */
export type EspeakWorkerMessage =
  | { type: 'ready' }
  | { type: 'voices'; voices: VoiceInfo[]; variants: VoiceVariant[]; aliases: Record<string, string> }
  | { type: 'voice'; voice: VoiceInfo; variant?: VoiceVariant | undefined; espeakName: string }
  | { type: 'chunk'; index: number; samples: Int16Array; sampleRate: number }
  /** One IPA string per clause asked for (language-switch marks such as `(en)` still in). */
  | { type: 'phonemes'; clauses: string[] }
  | { type: 'done' }
  | { type: 'error'; code: 'NOT_FOUND' | 'ENGINE_CRASHED'; message: string };
