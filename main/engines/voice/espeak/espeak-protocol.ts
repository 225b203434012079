import type { VoiceInfo, VoiceVariant } from '../../../../preload/schemas/voice.js';

/** A job for a pooled worker. */
export type EspeakJob =
  /** Makes the worker's next instance, so the first real job starts at once. */
  | { op: 'warm' }
  | { op: 'voices' }
  /** `voice` is the name espeak-ng knows (`en-gb+f3`), resolved by the caller from the voice list. */
  | { op: 'render'; voice: string; chunks: string[]; wpm: number; pitch: number; amplitude: number }
  /** IPA for each clause, as Piper voices expect them (espeak-phonemes.ts). `voice` is an espeak voice name (`en-us`). */
  | { op: 'phonemes'; voice: string; clauses: string[] };

/** What the pool posts to a worker: one job at a time, numbered. */
export interface EspeakJobRequest {
  id: number;
  job: EspeakJob;
}

/** What a worker posts back for a job, in order: chunk per chunk then done, or the job's one answer; or error at any point. */
export type EspeakWorkerMessage =
  | { type: 'ready' }
  | { type: 'voices'; voices: VoiceInfo[]; variants: VoiceVariant[]; aliases: Record<string, string> }
  | { type: 'chunk'; index: number; samples: Int16Array; sampleRate: number }
  /** One IPA string per clause asked for (language-switch marks such as `(en)` still in). */
  | { type: 'phonemes'; clauses: string[] }
  | { type: 'done' }
  | { type: 'error'; code: 'NOT_FOUND' | 'ENGINE_CRASHED'; message: string };

/** A worker's message, with the job it answers. */
export interface EspeakJobReply {
  id: number;
  message: EspeakWorkerMessage;
}

/** The messages that end a job. */
export const isFinal = (message: EspeakWorkerMessage): boolean => message.type !== 'chunk';
