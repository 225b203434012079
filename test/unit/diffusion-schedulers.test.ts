import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ddimScheduler } from '../../main/engines/image/diffusion/schedulers/ddim.js';
import { eulerAncestralScheduler } from '../../main/engines/image/diffusion/schedulers/euler-ancestral.js';
import { eulerScheduler, eulerSigmas } from '../../main/engines/image/diffusion/schedulers/euler.js';
import { lcmScheduler, lcmTimesteps } from '../../main/engines/image/diffusion/schedulers/lcm.js';
import { alphasCumprod, SchedulerConfigSchema, spacedTimesteps } from '../../main/engines/image/diffusion/schedulers/noise-schedule.js';
import { SeededNoise } from '../../main/engines/image/diffusion/seeded-noise.js';

/** Stable Diffusion 1.5's scheduler_config.json (PNDM/DDIM/Euler share these values). */
const SD15 = SchedulerConfigSchema.parse({
  beta_start: 0.00085,
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  num_train_timesteps: 1000,
  steps_offset: 1,
  timestep_spacing: 'leading',
});
/** SD-Turbo's: the same betas, trailing spacing. */
const TURBO = SchedulerConfigSchema.parse({ ...SD15, timestep_spacing: 'trailing', steps_offset: 1 });

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

describe('noise schedule', () => {
  test('ᾱ from the scaled-linear betas: the first and last values SD is trained with', () => {
    const alphas = alphasCumprod(SD15);
    close(alphas[0] as number, 1 - 0.00085, 1e-12, 'ᾱ₀ = 1 − β₀');
    // σ_max = √((1 − ᾱ₉₉₉)/ᾱ₉₉₉) is the well-known 14.6146 of SD 1.x; σ_min 0.0292.
    close(Math.sqrt((1 - (alphas[999] as number)) / (alphas[999] as number)), 14.6146, 1e-3, 'σ_max');
    close(Math.sqrt((1 - (alphas[0] as number)) / (alphas[0] as number)), 0.029168, 1e-5, 'σ_min');
    // A linear schedule differs: β is linear, not its square root.
    const linear = alphasCumprod({ ...SD15, beta_schedule: 'linear' });
    close(linear[1] as number, (1 - 0.00085) * (1 - (0.00085 + (0.012 - 0.00085) / 999)), 1e-12, 'linear ᾱ₁');
  });

  test('timestep spacing follows diffusers’ leading, trailing and linspace tables', () => {
    assert.deepEqual(
      spacedTimesteps(SD15, 20),
      Array.from({ length: 20 }, (_, i) => 951 - 50 * i),
    );
    assert.deepEqual(spacedTimesteps(SD15, 50).slice(0, 3), [981, 961, 941]);
    assert.deepEqual(spacedTimesteps(TURBO, 4), [999, 749, 499, 249]);
    assert.deepEqual(spacedTimesteps(TURBO, 1), [999]);
    // np.round(np.arange(1000, 0, -333.33)) − 1
    assert.deepEqual(spacedTimesteps(TURBO, 3), [999, 666, 332]);
    const linspace = spacedTimesteps({ ...SD15, timestep_spacing: 'linspace' }, 4);
    assert.deepEqual(linspace, [999, 666, 333, 0]);
  });
});

describe('samplers', () => {
  test('Euler sigmas: σ at each timestep, then 0; trailing starts at σ_max, leading at √(σ²+1)', () => {
    const turbo = eulerSigmas(TURBO, 4);
    const alphas = alphasCumprod(TURBO);
    const sigma = (t: number) => Math.sqrt((1 - (alphas[t] as number)) / (alphas[t] as number));
    assert.deepEqual(turbo.timesteps, [999, 749, 499, 249]);
    turbo.timesteps.forEach((t, i) => close(turbo.sigmas[i] as number, sigma(t), 1e-12, `σ(${t})`));
    assert.equal(turbo.sigmas[4], 0);
    close(turbo.initNoiseSigma, 14.6146, 1e-3, 'trailing init noise');
    const sd = eulerSigmas(SD15, 20);
    close(sd.initNoiseSigma, Math.sqrt(sigma(951) ** 2 + 1), 1e-12, 'leading init noise');
    // Fractional timesteps interpolate σ linearly between training steps, as numpy.interp does.
    const linspace = eulerSigmas({ ...SD15, timestep_spacing: 'linspace' }, 3);
    close(linspace.sigmas[1] as number, (sigma(499) + sigma(500)) / 2, 1e-12, 'σ(499.5)');
  });

  test('an Euler step follows the ODE: x + (x − x₀)/σ · (σ_next − σ)', () => {
    const s = eulerScheduler(TURBO, 2);
    const { sigmas } = eulerSigmas(TURBO, 2);
    const x = Float32Array.from([1, -2, 0.5]);
    const eps = Float32Array.from([0.1, 0.2, -0.3]);
    const { prev, denoised } = s.step(eps, 0, x, () => assert.fail('Euler draws no noise'));
    const sigma = sigmas[0] as number;
    x.forEach((xi, i) => {
      const x0 = xi - sigma * (eps[i] as number);
      close(denoised[i] as number, x0, 1e-4, 'x₀');
      close(prev[i] as number, xi + ((xi - x0) / sigma) * ((sigmas[1] as number) - sigma), 1e-4, 'x_next');
    });
    close(s.scaleModelInput(Float32Array.from([2]), 0)[0] as number, 2 / Math.sqrt(sigma ** 2 + 1), 1e-6, 'input scaling');
  });

  test('Euler ancestral: the last step lands on x₀; earlier steps add σ_up of fresh noise', () => {
    const one = eulerAncestralScheduler(TURBO, 1);
    const x = Float32Array.from([3, -1]);
    const eps = Float32Array.from([0.2, 0.1]);
    const last = one.step(eps, 0, x, () => assert.fail('no noise at σ = 0'));
    assert.deepEqual([...last.prev], [...last.denoised]);
    const two = eulerAncestralScheduler(TURBO, 2);
    const { sigmas } = eulerSigmas(TURBO, 2);
    const [from, to] = sigmas as [number, number];
    const up = Math.sqrt((to ** 2 * (from ** 2 - to ** 2)) / from ** 2);
    const down = Math.sqrt(to ** 2 - up ** 2);
    const fresh = Float32Array.from([0.5, -0.5]);
    const step = two.step(eps, 0, x, () => fresh);
    x.forEach((xi, i) => {
      const x0 = xi - from * (eps[i] as number);
      close(step.prev[i] as number, xi + ((xi - x0) / from) * (down - from) + (fresh[i] as number) * up, 1e-4, 'ancestral step');
    });
  });

  test('DDIM (η = 0): x_prev = √ᾱ_prev · x₀ + √(1 − ᾱ_prev) · ε, with ᾱ₀ after the last step', () => {
    const s = ddimScheduler(SD15, 20);
    const alphas = alphasCumprod(SD15);
    assert.deepEqual(s.timesteps.slice(0, 2), [951, 901]);
    assert.equal(s.initNoiseSigma, 1);
    const x = Float32Array.from([0.7]);
    const eps = Float32Array.from([0.3]);
    const a = alphas[951] as number;
    const aPrev = alphas[901] as number;
    const x0 = (0.7 - Math.sqrt(1 - a) * 0.3) / Math.sqrt(a);
    close(s.step(eps, 0, x, () => new Float32Array(1)).prev[0] as number, Math.sqrt(aPrev) * x0 + Math.sqrt(1 - aPrev) * 0.3, 1e-5, 'DDIM step');
    // The last step (t = 1) goes to "t = −49", whose ᾱ is ᾱ₀ because set_alpha_to_one is false.
    const a1 = alphas[1] as number;
    const x0Last = (0.7 - Math.sqrt(1 - a1) * 0.3) / Math.sqrt(a1);
    const a0 = alphas[0] as number;
    close(s.step(eps, 19, x, () => new Float32Array(1)).prev[0] as number, Math.sqrt(a0) * x0Last + Math.sqrt(1 - a0) * 0.3, 1e-5, 'DDIM last step');
  });

  test('LCM: the 4-step timesteps are 999, 759, 499, 259; the last step returns the boundary-conditioned x₀', () => {
    assert.deepEqual(lcmTimesteps(SD15, 4), [999, 759, 499, 259]);
    assert.deepEqual(lcmTimesteps(SD15, 1), [999]);
    const s = lcmScheduler(SD15, 4);
    const alphas = alphasCumprod(SD15);
    const x = Float32Array.from([0.4]);
    const eps = Float32Array.from([-0.2]);
    const t = 259;
    const a = alphas[t] as number;
    const scaled = t * 10;
    const cSkip = 0.25 / (scaled ** 2 + 0.25);
    const cOut = scaled / Math.sqrt(scaled ** 2 + 0.25);
    const expected = cOut * ((0.4 - Math.sqrt(1 - a) * -0.2) / Math.sqrt(a)) + cSkip * 0.4;
    const last = s.step(eps, 3, x, () => assert.fail('the last LCM step adds no noise'));
    close(last.prev[0] as number, expected, 1e-5, 'LCM denoised');
    // Earlier steps re-noise to the next timestep.
    const fresh = Float32Array.from([1]);
    const first = s.step(eps, 0, x, () => fresh);
    const aNext = alphas[759] as number;
    close(first.prev[0] as number, Math.sqrt(aNext) * (first.denoised[0] as number) + Math.sqrt(1 - aNext), 1e-5, 'LCM re-noise');
  });

  test('img2img noising: σ samplers add σ·noise, ᾱ samplers mix √ᾱ and √(1 − ᾱ)', () => {
    const clean = Float32Array.from([1]);
    const noise = Float32Array.from([2]);
    const euler = eulerScheduler(TURBO, 4);
    close(euler.addNoise(clean, noise, 2)[0] as number, 1 + 2 * (eulerSigmas(TURBO, 4).sigmas[2] as number), 1e-5, 'Euler noising');
    const ddim = ddimScheduler(SD15, 10);
    const a = alphasCumprod(SD15)[ddim.timesteps[3] as number] as number;
    close(ddim.addNoise(clean, noise, 3)[0] as number, Math.sqrt(a) + 2 * Math.sqrt(1 - a), 1e-5, 'DDIM noising');
  });
});

describe('seeded noise', () => {
  test('the same seed gives the same numbers; another seed others; roughly standard normal', () => {
    const a = new SeededNoise(42).fill(20_000);
    const b = new SeededNoise(42).fill(20_000);
    const c = new SeededNoise(43).fill(20_000);
    assert.deepEqual(Buffer.from(a.buffer), Buffer.from(b.buffer));
    assert.notDeepEqual(Buffer.from(a.buffer), Buffer.from(c.buffer));
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const variance = a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length;
    close(mean, 0, 0.03, 'mean');
    close(variance, 1, 0.05, 'variance');
  });
});
