/** What main asks the Piper host to load (piper-host.ts `load`). */
export interface PiperHostLoadParams {
  /** The voice's .onnx file. */
  path: string;
  /** For messages: the model id or file name. */
  label: string;
  /** CPU threads for one inference (Piper voices are small; a few threads are plenty). */
  threads: number;
}

export interface PiperHostLoaded {
  inputs: string[];
  outputs: string[];
  /** Whether the graph takes a speaker id (multi-speaker voices do). */
  hasSpeakerInput: boolean;
}

export interface PiperHostSynthesizeParams {
  path: string;
  /** Phoneme ids of one sentence (phonemesToIds). */
  ids: number[];
  /** [noise_scale, length_scale, noise_w], as Piper's `scales` input. */
  scales: [number, number, number];
  /** Only sent to graphs that have a `sid` input. */
  speaker?: number;
}

/** The sentence's audio: float samples, about -1..1, at the voice's sample rate. */
export type PiperHostAudio = Float32Array;

/** The input names every Piper (VITS) export has (piper/src/python/piper_train/export_onnx.py). */
export const PIPER_INPUTS = ['input', 'input_lengths', 'scales'] as const;
export const PIPER_SPEAKER_INPUT = 'sid';
