import type { SchedulerConfig } from './noise-schedule.js';

/** One step's result: the next latent, and the model's current guess of the clean latent (for previews). */
export interface StepResult {
  prev: Float32Array;
  denoised: Float32Array;
}

/**
 * What the step loop needs from a sampler. Indices count steps of the full schedule, so
 * img2img can start part way down it (strength) without a second schedule.
 */
export interface Scheduler {
  /** The UNet's timestep at each step, highest noise first. */
  readonly timesteps: readonly number[];
  /** Pure noise is drawn at this standard deviation. */
  readonly initNoiseSigma: number;
  scaleModelInput(sample: Float32Array, index: number): Float32Array;
  /** `noise` draws fresh gaussian noise (ancestral and LCM steps add some back). */
  step(modelOutput: Float32Array, index: number, sample: Float32Array, noise: () => Float32Array): StepResult;
  /** img2img: a clean latent noised to the level the schedule has at step `index`. */
  addNoise(clean: Float32Array, noise: Float32Array, index: number): Float32Array;
}

export type SchedulerFactory = (config: SchedulerConfig, steps: number) => Scheduler;

/** x₀ from a prediction on the σ (variance-exploding) parameterisation, as Euler schedulers do. */
export function originalFromSigma(prediction: SchedulerConfig['prediction_type'], output: number, sample: number, sigma: number): number {
  if (prediction === 'epsilon') return sample - sigma * output;
  if (prediction === 'v_prediction') return output * (-sigma / Math.sqrt(sigma * sigma + 1)) + sample / (sigma * sigma + 1);
  return output;
}

/** x₀ from a prediction on the ᾱ (variance-preserving) parameterisation, as DDIM and LCM do. */
export function originalFromAlpha(prediction: SchedulerConfig['prediction_type'], output: number, sample: number, alphaProd: number): number {
  if (prediction === 'epsilon') return (sample - Math.sqrt(1 - alphaProd) * output) / Math.sqrt(alphaProd);
  if (prediction === 'v_prediction') return Math.sqrt(alphaProd) * sample - Math.sqrt(1 - alphaProd) * output;
  return output;
}

/** ε from x₀ on the ᾱ parameterisation (DDIM's direction term). */
export function epsilonFromAlpha(original: number, sample: number, alphaProd: number): number {
  return (sample - Math.sqrt(alphaProd) * original) / Math.sqrt(1 - alphaProd);
}
