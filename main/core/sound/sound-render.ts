import type { SoundRequest } from '../../../preload/schemas/sound.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { synthEngine, type SynthResult } from '../../engines/sound/synth-engine.js';
import { planLabel, planName } from '../../engines/sound/synth-plan.js';

// What needs no project and no studio: the CLI renders straight to a file with these, and
// SoundService builds its jobs on them. Hosts take them from here, never from the engines.
/** The synthesizer's engine id, which is also its queue (one render at a time). */
export const SYNTH_ID = synthEngine.id;

/** A sound from the built-in synthesizer: the same request always gives the same bytes. */
export function synthesize(request: SoundRequest, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<SynthResult> {
  return synthEngine.generate(request, signal, onProgress);
}

/** "Coin (seed 42)": what a request will make, before it is made (for job titles). */
export function soundLabel(request: SoundRequest): string {
  return planLabel(request);
}

/** "Coin", "Rain, 30 s": what a request makes, without its seed (for the clip's name). */
export function soundName(request: SoundRequest): string {
  return planName(request);
}
