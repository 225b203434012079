import { alphasCumprod, sigmaAt, spacedTimesteps, type SchedulerConfig } from './noise-schedule.js';
import { originalFromSigma, type Scheduler } from './scheduler.js';

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
      return sample.map((v) => v * scale);
    },
    addNoise(clean: Float32Array, noise: Float32Array, index: number): Float32Array {
      return clean.map((v, i) => v + (noise[i] as number) * sigma(index));
    },
    denoise(output: Float32Array, index: number, sample: Float32Array): Float32Array {
      return sample.map((x, i) => originalFromSigma(config.prediction_type, output[i] as number, x, sigma(index)));
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
      const dt = (base.sigmas[index + 1] as number) - sigma;
      const denoised = base.denoise(output, index, sample);
      const prev = sample.map((x, i) => x + ((x - (denoised[i] as number)) / sigma) * dt);
      return { prev, denoised };
    },
  };
}
