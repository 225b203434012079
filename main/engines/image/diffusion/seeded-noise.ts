/**
 * Gaussian noise from a seed, the same numbers on every machine: xoshiro128** seeded
 * through splitmix32, Box–Muller for the normal draws. Each picture of a batch has its
 * own stream (its own seed), so picture i of a batch equals a single run with that seed.
 */
export class SeededNoise {
  private readonly s = new Uint32Array(4);
  private spare: number | undefined;

  constructor(seed: number) {
    let x = seed >>> 0;
    for (let i = 0; i < 4; i += 1) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** Uniform in [0, 1) with 32 bits. */
  uniform(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1] as number, 5), 7), 9) >>> 0;
    const t = ((s[1] as number) << 9) >>> 0;
    s[2] = (s[2] as number) ^ (s[0] as number);
    s[3] = (s[3] as number) ^ (s[1] as number);
    s[1] = (s[1] as number) ^ (s[2] as number);
    s[0] = (s[0] as number) ^ (s[3] as number);
    s[2] = (s[2] as number) ^ t;
    s[3] = rotl(s[3] as number, 11);
    return result / 4294967296;
  }

  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    // 1 − u keeps the logarithm finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  fill(count: number): Float32Array {
    const out = new Float32Array(count);
    this.fillInto(out, 0, count);
    return out;
  }

  /**
   * `count` normal draws into `target` from `offset`: the very numbers `normal()` gives one by
   * one, with uniform()'s state held in locals. The step loop draws a latent's worth of noise
   * per step (euler-a, LCM), and per-draw calls through the typed-array state cost as much as
   * a small UNet step.
   */
  fillInto(target: Float32Array, offset: number, count: number): void {
    let i = offset;
    const end = offset + count;
    if (i < end && this.spare !== undefined) {
      target[i] = this.spare;
      this.spare = undefined;
      i += 1;
    }
    const s = this.s;
    // Held as signed 32-bit integers (the same bits as the Uint32Array's), which V8 keeps unboxed.
    let s0 = (s[0] as number) | 0;
    let s1 = (s[1] as number) | 0;
    let s2 = (s[2] as number) | 0;
    let s3 = (s[3] as number) | 0;
    while (i < end) {
      // Two uniform() draws, spelled out.
      let result = Math.imul(rotl32(Math.imul(s1, 5), 7), 9) >>> 0;
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl32(s3, 11);
      const first = result / 4294967296;
      result = Math.imul(rotl32(Math.imul(s1, 5), 7), 9) >>> 0;
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = rotl32(s3, 11);
      const second = result / 4294967296;
      const radius = Math.sqrt(-2 * Math.log(1 - first));
      const angle = 2 * Math.PI * second;
      target[i] = radius * Math.cos(angle);
      i += 1;
      const other = radius * Math.sin(angle);
      if (i < end) {
        target[i] = other;
        i += 1;
      } else this.spare = other;
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** rotl on signed 32-bit integers: the same bits as rotl's unsigned answer. */
function rotl32(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
