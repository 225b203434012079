import { alphasCumprod, sigmaAt, spacedTimesteps, type SchedulerConfig } from './noise-schedule.js';
import { originalFromSigma, type Scheduler, type StepResult } from './scheduler.js';

/** diffusers' EulerDiscreteScheduler sigmas: σ at each spaced timestep, then a final 0. */
export function eulerSigmas(config: SchedulerConfig, steps: number): { timesteps: number[]; sigmas: number[]; initNoiseSigma: number } {
  const alphas = alphasCumprod(config);
  const timesteps = spacedTimesteps(config, steps);
  const sigmas = [...timesteps.map((t) => sigmaAt(alphas, t)), 0];
  const max = Math.max(...sigmas);
  // Trailing and linspace spacing start at the very last training step, so no extra +1.
  const initNoiseSigma = config.timestep_spacing === 'leading' ? Math.sqrt(max * max + 1) : max;
  return { timesteps, sigmas, initNoiseSigma };
}

/** The shared parts of the σ samplers: input scaling and img2img noising. */
export function sigmaSampler(config: SchedulerConfig, steps: number) {
  const { timesteps, sigmas, initNoiseSigma } = eulerSigmas(config, steps);
  const sigma = (index: number) => sigmas[index] as number;
  return {
    timesteps,
    sigmas,
    initNoiseSigma,
    scaleModelInput(sample: Float32Array, index: number): Float32Array {
      const scale = 1 / Math.sqrt(sigma(index) ** 2 + 1);
      const out = new Float32Array(sample.length);
      for (let i = 0; i < sample.length; i += 1) out[i] = (sample[i] as number) * scale;
      return out;
    },
    addNoise(clean: Float32Array, noise: Float32Array, index: number): Float32Array {
      return clean.map((v, i) => v + (noise[i] as number) * sigma(index));
    },
    denoise(output: Float32Array, index: number, sample: Float32Array): Float32Array {
      return sample.map((x, i) => originalFromSigma(config.prediction_type, output[i] as number, x, sigma(index)));
    },
    /**
     * One Euler move from σ(index) by dt, with the clean-latent guess it takes: one loop, not a
     * closure per element (the step loop's own cost is what a small UNet's step is compared to).
     * Each denoised value is rounded to float32 before it is used, as when it was read back from its array.
     */
    move(output: Float32Array, index: number, sample: Float32Array, dt: number): StepResult {
      const from = sigma(index);
      const prediction = config.prediction_type;
      const denoised = new Float32Array(sample.length);
      const prev = new Float32Array(sample.length);
      for (let i = 0; i < sample.length; i += 1) {
        const x = sample[i] as number;
        const x0 = Math.fround(originalFromSigma(prediction, output[i] as number, x, from));
        denoised[i] = x0;
        prev[i] = x + ((x - x0) / from) * dt;
      }
      return { prev, denoised };
    },
  };
}

/** Euler (Karras et al. 2022, algorithm 2 without churn): deterministic, good with guidance at 20–30 steps. */
export function eulerScheduler(config: SchedulerConfig, steps: number): Scheduler {
  const base = sigmaSampler(config, steps);
  return {
    timesteps: base.timesteps,
    initNoiseSigma: base.initNoiseSigma,
    scaleModelInput: base.scaleModelInput,
    addNoise: base.addNoise,
    step(output, index, sample) {
      const sigma = base.sigmas[index] as number;
      return base.move(output, index, sample, (base.sigmas[index + 1] as number) - sigma);
    },
  };
}
