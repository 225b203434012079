import { alphasCumprod, spacedTimesteps, type SchedulerConfig } from './noise-schedule.js';
import { epsilonFromAlpha, originalFromAlpha, type Scheduler } from './scheduler.js';

/**
 * DDIM (Song et al. 2020) with η = 0, as diffusers' DDIMScheduler: deterministic, the
 * classic SD 1.5 sampler with classifier-free guidance. Its timesteps are integers, the
 * previous one a fixed stride below (ᾱ of the "final" step below 0 per set_alpha_to_one).
 */
export function ddimScheduler(config: SchedulerConfig, steps: number): Scheduler {
  const alphas = alphasCumprod(config);
  const timesteps = spacedTimesteps(config, steps).map(Math.round);
  const stride = Math.floor(config.num_train_timesteps / steps);
  const finalAlpha = config.set_alpha_to_one ? 1 : (alphas[0] as number);
  const alphaAt = (t: number) => (t >= 0 ? (alphas[t] as number) : finalAlpha);
  return {
    timesteps,
    initNoiseSigma: 1,
    scaleModelInput: (sample) => sample,
    addNoise(clean, noise, index) {
      const a = alphaAt(timesteps[index] as number);
      return clean.map((v, i) => Math.sqrt(a) * v + Math.sqrt(1 - a) * (noise[i] as number));
    },
    step(output, index, sample) {
      const t = timesteps[index] as number;
      const a = alphaAt(t);
      const aPrev = alphaAt(t - stride);
      const prediction = config.prediction_type;
      const keep = Math.sqrt(aPrev);
      const add = Math.sqrt(1 - aPrev);
      const denoised = new Float32Array(sample.length);
      const prev = new Float32Array(sample.length);
      // One loop; x₀ is rounded to float32 before use, as when it was read back from its array.
      for (let i = 0; i < sample.length; i += 1) {
        const x = sample[i] as number;
        const x0 = Math.fround(originalFromAlpha(prediction, output[i] as number, x, a));
        denoised[i] = x0;
        const eps = prediction === 'epsilon' ? (output[i] as number) : epsilonFromAlpha(x0, x, a);
        prev[i] = keep * x0 + add * eps;
      }
      return { prev, denoised };
    },
  };
}
