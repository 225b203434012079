import type { EngineInfo } from '../../preload/contract.js';
import type { ProgressUpdate } from '../platform/progress.js';

/** One tunable of an engine, described so the inspector can draw it with its range and default. */
export type EngineParameter =
  | { name: string; label: string; type: 'number' | 'integer'; min: number; max: number; step?: number; default: number }
  | { name: string; label: string; type: 'enum'; options: readonly string[]; default: string }
  | { name: string; label: string; type: 'boolean'; default: boolean }
  | { name: string; label: string; type: 'string'; maxLength: number; default: string };

/** A model as the registry hands it to an engine: the engine never owns model metadata. */
export interface ModelHandle {
  id: string;
  path: string;
}

/**
 * The one shape every generator has (DESIGN.md, Engines): describe itself, load a
 * model, generate with a signal and progress, unload. Built-in engines need no model
 * and leave load/unload out.
 */
export interface Engine<Request, Result> {
  readonly id: string;
  readonly modality: EngineInfo['modality'];
  readonly name: string;
  readonly parameters: readonly EngineParameter[];
  availability(): Promise<{ available: boolean; reason?: string }>;
  load?(model: ModelHandle, signal: AbortSignal): Promise<void>;
  generate(request: Request, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<Result>;
  unload?(): Promise<void>;
}
