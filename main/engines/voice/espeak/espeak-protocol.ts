import type { VoiceInfo, VoiceVariant } from '../../../../preload/schemas/voice.js';

/** What a worker is started with (its workerData). */
export type EspeakJob =
  | { op: 'warm' }
  | { op: 'voices' }
  | { op: 'render'; voice: string; chunks: string[]; wpm: number; pitch: number; amplitude: number };

/** What a worker posts back, in order: voice, chunk per chunk, done; or error at any point. */
export type EspeakWorkerMessage =
  | { type: 'ready' }
  | { type: 'voices'; voices: VoiceInfo[]; variants: VoiceVariant[] }
  | { type: 'voice'; voice: VoiceInfo; variant?: VoiceVariant | undefined; espeakName: string }
  | { type: 'chunk'; index: number; samples: Int16Array; sampleRate: number }
  | { type: 'done' }
  | { type: 'error'; code: 'NOT_FOUND' | 'ENGINE_CRASHED'; message: string };
