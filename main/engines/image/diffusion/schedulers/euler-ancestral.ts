import type { SchedulerConfig } from './noise-schedule.js';
import type { Scheduler } from './scheduler.js';
import { sigmaSampler } from './euler.js';

/**
 * Euler ancestral (diffusers' EulerAncestralDiscreteScheduler): each step goes down to
 * σ_down and adds fresh noise σ_up back, what SD-Turbo is sampled with in 1–4 steps.
 */
export function eulerAncestralScheduler(config: SchedulerConfig, steps: number): Scheduler {
  const base = sigmaSampler(config, steps);
  return {
    timesteps: base.timesteps,
    initNoiseSigma: base.initNoiseSigma,
    scaleModelInput: base.scaleModelInput,
    addNoise: base.addNoise,
    step(output, index, sample, noise) {
      const from = base.sigmas[index] as number;
      const to = base.sigmas[index + 1] as number;
      const up = Math.sqrt((to * to * (from * from - to * to)) / (from * from));
      const down = Math.sqrt(to * to - up * up);
      const { prev, denoised } = base.move(output, index, sample, down - from);
      if (up > 0) {
        const fresh = noise();
        for (let i = 0; i < prev.length; i += 1) prev[i] = (prev[i] as number) + (fresh[i] as number) * up;
      }
      return { prev, denoised };
    },
  };
}
