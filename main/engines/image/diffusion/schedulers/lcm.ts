import { alphasCumprod, type SchedulerConfig } from './noise-schedule.js';
import { originalFromAlpha, type Scheduler } from './scheduler.js';

const SIGMA_DATA = 0.5;
const TIMESTEP_SCALING = 10;

/** LCM's timesteps: `steps` of the distillation's skipping-step grid, spread evenly (diffusers ≥ 0.25). */
export function lcmTimesteps(config: SchedulerConfig, steps: number): number[] {
  const original = config.original_inference_steps;
  const c = Math.floor(config.num_train_timesteps / original);
  const origin = Array.from({ length: original }, (_, i) => (i + 1) * c - 1).reverse();
  const count = Math.min(steps, original);
  return Array.from({ length: count }, (_, i) => origin[Math.floor((i * origin.length) / count)] as number);
}

/**
 * Latent Consistency Model sampling (Luo et al. 2023, diffusers' LCMScheduler): each step
 * predicts the clean latent through the consistency boundary conditions, then re-noises it
 * to the next timestep; the last step returns the prediction itself.
 */
export function lcmScheduler(config: SchedulerConfig, steps: number): Scheduler {
  const alphas = alphasCumprod(config);
  const timesteps = lcmTimesteps(config, steps);
  return {
    timesteps,
    initNoiseSigma: 1,
    scaleModelInput: (sample) => sample,
    addNoise(clean, noise, index) {
      const a = alphas[timesteps[index] as number] as number;
      return clean.map((v, i) => Math.sqrt(a) * v + Math.sqrt(1 - a) * (noise[i] as number));
    },
    step(output, index, sample, noise) {
      const t = timesteps[index] as number;
      const a = alphas[t] as number;
      const scaled = t * TIMESTEP_SCALING;
      const cSkip = SIGMA_DATA ** 2 / (scaled ** 2 + SIGMA_DATA ** 2);
      const cOut = scaled / Math.sqrt(scaled ** 2 + SIGMA_DATA ** 2);
      const prediction = config.prediction_type;
      const denoised = new Float32Array(sample.length);
      for (let i = 0; i < sample.length; i += 1) {
        const x = sample[i] as number;
        denoised[i] = cOut * originalFromAlpha(prediction, output[i] as number, x, a) + cSkip * x;
      }
      if (index >= timesteps.length - 1) return { prev: denoised, denoised };
      const aPrev = alphas[timesteps[index + 1] as number] as number;
      const fresh = noise();
      const keep = Math.sqrt(aPrev);
      const add = Math.sqrt(1 - aPrev);
      const prev = new Float32Array(denoised.length);
      for (let i = 0; i < denoised.length; i += 1) prev[i] = keep * (denoised[i] as number) + add * (fresh[i] as number);
      return { prev, denoised };
    },
  };
}
