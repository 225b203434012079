import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SCHEDULERS } from '../../main/engines/image/diffusion/schedulers/scheduler-for.js';
import { alphasCumprod, SchedulerConfigSchema, type SchedulerConfig } from '../../main/engines/image/diffusion/schedulers/noise-schedule.js';
import { eulerSigmas } from '../../main/engines/image/diffusion/schedulers/euler.js';
import { lcmTimesteps } from '../../main/engines/image/diffusion/schedulers/lcm.js';
import { epsilonFromAlpha, originalFromAlpha, originalFromSigma } from '../../main/engines/image/diffusion/schedulers/scheduler.js';
import { SeededNoise } from '../../main/engines/image/diffusion/seeded-noise.js';

/**
 * The step loop's math is written as single loops for speed; a picture made with a seed must
 * stay the very same picture. These tests hold every scheduler step, and the noise, to the
 * per-element formulas (one Float32Array.map per quantity, as the samplers were first written)
 * bit for bit, on random latents and every prediction type.
 */
const identical = (actual: Float32Array, expected: Float32Array, what: string) => {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i += 1) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the formula gives ${expected[i]}`);
  }
};

/** The per-element formulas: x₀ and the next latent, each a map over the latent. */
function reference(name: string, config: SchedulerConfig, steps: number, output: Float32Array, index: number, sample: Float32Array, noise: () => Float32Array) {
  const p = config.prediction_type;
  if (name === 'euler' || name === 'euler-a') {
    const { sigmas } = eulerSigmas(config, steps);
    const from = sigmas[index] as number;
    const to = sigmas[index + 1] as number;
    const denoised = sample.map((x, i) => originalFromSigma(p, output[i] as number, x, from));
    if (name === 'euler') return { denoised, prev: sample.map((x, i) => x + ((x - (denoised[i] as number)) / from) * (to - from)) };
    const up = Math.sqrt((to * to * (from * from - to * to)) / (from * from));
    const down = Math.sqrt(to * to - up * up);
    const prev = sample.map((x, i) => x + ((x - (denoised[i] as number)) / from) * (down - from));
    if (up > 0) {
      const fresh = noise();
      for (let i = 0; i < prev.length; i += 1) prev[i] = (prev[i] as number) + (fresh[i] as number) * up;
    }
    return { denoised, prev };
  }
  const alphas = alphasCumprod(config);
  if (name === 'ddim') {
    const stride = Math.floor(config.num_train_timesteps / steps);
    const t = SCHEDULERS.ddim(config, steps).timesteps[index] as number;
    const alphaAt = (u: number) => (u >= 0 ? (alphas[u] as number) : config.set_alpha_to_one ? 1 : (alphas[0] as number));
    const a = alphaAt(t);
    const aPrev = alphaAt(t - stride);
    const denoised = sample.map((x, i) => originalFromAlpha(p, output[i] as number, x, a));
    const prev = sample.map((x, i) => {
      const x0 = denoised[i] as number;
      const eps = p === 'epsilon' ? (output[i] as number) : epsilonFromAlpha(x0, x, a);
      return Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * eps;
    });
    return { denoised, prev };
  }
  const timesteps = lcmTimesteps(config, steps);
  const t = timesteps[index] as number;
  const a = alphas[t] as number;
  const scaled = t * 10;
  const cSkip = 0.25 / (scaled ** 2 + 0.25);
  const cOut = scaled / Math.sqrt(scaled ** 2 + 0.25);
  const denoised = sample.map((x, i) => cOut * originalFromAlpha(p, output[i] as number, x, a) + cSkip * x);
  if (index >= timesteps.length - 1) return { denoised, prev: denoised };
  const aPrev = alphas[timesteps[index + 1] as number] as number;
  const fresh = noise();
  return { denoised, prev: denoised.map((x0, i) => Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * (fresh[i] as number)) };
}

describe('diffusion step math', () => {
  test('fillInto draws the very numbers normal() gives one by one, in any chunks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 6 }), (seed, chunks) => {
        const one = new SeededNoise(seed);
        const chunked = new SeededNoise(seed);
        const total = chunks.reduce((sum, n) => sum + n, 0);
        const expected = new Float32Array(total);
        for (let i = 0; i < total; i += 1) expected[i] = one.normal();
        const actual = new Float32Array(total);
        let at = 0;
        for (const [k, n] of chunks.entries()) {
          if (k % 2 === 0) chunked.fillInto(actual, at, n);
          else actual.set(chunked.fill(n), at);
          at += n;
        }
        identical(actual, expected, `seed ${seed}, chunks ${chunks.join(' ')}`);
        // Both streams are at the same place afterwards, an odd chunk's spare draw included.
        assert.ok(Object.is(one.normal(), chunked.normal()));
      }),
      { numRuns: 200 },
    );
  });

  test('every scheduler step equals its per-element formulas bit for bit, for every prediction type', () => {
    const finite = fc.float({ min: -20, max: 20, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.constantFrom('euler', 'euler-a', 'ddim', 'lcm'),
        fc.constantFrom('epsilon', 'v_prediction', 'sample'),
        fc.constantFrom('leading', 'trailing', 'linspace'),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        fc.array(fc.tuple(finite, finite), { minLength: 1, maxLength: 64 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (name, prediction, spacing, steps, at, values, seed) => {
          const config = SchedulerConfigSchema.parse({ prediction_type: prediction, timestep_spacing: spacing });
          const scheduler = SCHEDULERS[name](config, steps);
          const index = at % scheduler.timesteps.length;
          const sample = Float32Array.from(values, ([x]) => x);
          const output = Float32Array.from(values, ([, o]) => o);
          const ours = new SeededNoise(seed);
          const theirs = new SeededNoise(seed);
          const got = scheduler.step(output, index, sample, () => ours.fill(sample.length));
          const want = reference(name, config, scheduler.timesteps.length, output, index, sample, () => theirs.fill(sample.length));
          identical(got.denoised, want.denoised, `${name} ${prediction} x₀ at step ${index} of ${steps}`);
          identical(got.prev, want.prev, `${name} ${prediction} next latent at step ${index} of ${steps}`);
          const scale = name === 'euler' || name === 'euler-a' ? 1 / Math.sqrt((eulerSigmas(config, steps).sigmas[index] as number) ** 2 + 1) : 1;
          identical(
            scheduler.scaleModelInput(sample, index),
            sample.map((v) => v * scale),
            `${name} input scaling`,
          );
        },
      ),
      { numRuns: 400 },
    );
  });
});
