import { z } from 'zod';

/**
 * The training noise schedule every diffusers scheduler starts from, read from
 * scheduler/scheduler_config.json (unknown keys ignored, missing ones at SD 1.x's values).
 * Formulas follow diffusers' scheduling_*.py so the timesteps and sigmas match its tables.
 */
export const SchedulerConfigSchema = z.object({
  num_train_timesteps: z.number().int().min(2).max(100_000).default(1000),
  beta_start: z.number().positive().default(0.00085),
  beta_end: z.number().positive().default(0.012),
  beta_schedule: z.enum(['scaled_linear', 'linear']).default('scaled_linear'),
  prediction_type: z.enum(['epsilon', 'v_prediction', 'sample']).default('epsilon'),
  timestep_spacing: z.enum(['leading', 'trailing', 'linspace']).default('leading'),
  steps_offset: z.number().int().min(0).default(1),
  set_alpha_to_one: z.boolean().default(false),
  /** LCM: the step count its distillation used. */
  original_inference_steps: z.number().int().min(1).default(50),
});
export type SchedulerConfig = z.output<typeof SchedulerConfigSchema>;

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = SchedulerConfigSchema.parse({});

/** numpy.linspace(start, stop, count) (endpoint included). */
function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => start + ((stop - start) * i) / (count - 1));
}

/** ᾱ_t = ∏(1 − β) for every training timestep. */
export function alphasCumprod(config: SchedulerConfig): Float64Array {
  const n = config.num_train_timesteps;
  const betas =
    config.beta_schedule === 'linear'
      ? linspace(config.beta_start, config.beta_end, n)
      : linspace(Math.sqrt(config.beta_start), Math.sqrt(config.beta_end), n).map((b) => b * b);
  const out = new Float64Array(n);
  let product = 1;
  for (let i = 0; i < n; i += 1) {
    product *= 1 - (betas[i] as number);
    out[i] = product;
  }
  return out;
}

/**
 * The timesteps for `steps` inference steps, highest first, as diffusers' `set_timesteps`
 * picks them for each `timestep_spacing` (see the "Common Diffusion Noise Schedules and
 * Sample Steps are Flawed" paper, table 2). Linspace keeps fractions (Euler interpolates).
 */
export function spacedTimesteps(config: SchedulerConfig, steps: number): number[] {
  const n = config.num_train_timesteps;
  if (config.timestep_spacing === 'linspace') return linspace(0, n - 1, steps).reverse();
  if (config.timestep_spacing === 'leading') {
    const ratio = Math.floor(n / steps);
    return Array.from({ length: steps }, (_, i) => Math.round(i * ratio) + config.steps_offset).reverse();
  }
  const ratio = n / steps;
  const out: number[] = [];
  // np.round(np.arange(n, 0, -ratio)) - 1
  for (let t = n; t > 0 && out.length < steps; t -= ratio) out.push(roundHalfEven(t) - 1);
  return out;
}

/** numpy rounds halves to even; the trailing tables depend on it. */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (Math.abs(diff - 0.5) > 1e-9) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** σ(t) = √((1 − ᾱ)/ᾱ), linearly interpolated between training timesteps like numpy.interp. */
export function sigmaAt(alphas: Float64Array, t: number): number {
  const sigma = (i: number) => Math.sqrt((1 - (alphas[i] as number)) / (alphas[i] as number));
  const clamped = Math.min(Math.max(t, 0), alphas.length - 1);
  const low = Math.floor(clamped);
  const high = Math.min(low + 1, alphas.length - 1);
  const frac = clamped - low;
  return sigma(low) * (1 - frac) + sigma(high) * frac;
}
