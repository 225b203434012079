import { randomFor } from '../../sound/seeded-random.js';

/** Lets other work run between bands of a pixel loop, so a 4096² picture never stalls the host. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Seeded 2-D gradient noise (Perlin's improved noise on a shuffled table): smooth,
 * about -1..1, and the same seed gives the same field on every machine.
 */
export class GradientNoise {
  private readonly perm = new Uint8Array(512);

  constructor(seed: number) {
    const random = randomFor('noise', seed);
    const table = Array.from({ length: 256 }, (_, i) => i);
    for (let i = 255; i > 0; i -= 1) {
      const j = random.int(0, i);
      [table[i], table[j]] = [table[j] as number, table[i] as number];
    }
    for (let i = 0; i < 512; i += 1) this.perm[i] = table[i & 255] as number;
  }

  at(x: number, y: number): number {
    const xi = Math.floor(x);
    const yi = Math.floor(y);
    const xf = x - xi;
    const yf = y - yi;
    const X = xi & 255;
    const Y = yi & 255;
    const p = this.perm;
    const aa = p[(p[X] as number) + Y] as number;
    const ab = p[(p[X] as number) + Y + 1] as number;
    const ba = p[(p[X + 1] as number) + Y] as number;
    const bb = p[(p[X + 1] as number) + Y + 1] as number;
    const u = fade(xf);
    const v = fade(yf);
    const x1 = lerp(grad(aa, xf, yf), grad(ba, xf - 1, yf), u);
    const x2 = lerp(grad(ab, xf, yf - 1), grad(bb, xf - 1, yf - 1), u);
    return lerp(x1, x2, v) * 1.41;
  }

  /** Fractal sum of octaves, about -1..1. */
  fbm(x: number, y: number, octaves: number): number {
    let sum = 0;
    let amplitude = 0.5;
    let frequency = 1;
    let norm = 0;
    for (let o = 0; o < octaves; o += 1) {
      sum += amplitude * this.at(x * frequency, y * frequency);
      norm += amplitude;
      amplitude *= 0.5;
      frequency *= 2.03;
    }
    return sum / norm;
  }
}

const fade = (t: number) => t * t * t * (t * (t * 6 - 15) + 10);
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

function grad(hash: number, x: number, y: number): number {
  switch (hash & 7) {
    case 0:
      return x + y;
    case 1:
      return -x + y;
    case 2:
      return x - y;
    case 3:
      return -x - y;
    case 4:
      return x;
    case 5:
      return -x;
    case 6:
      return y;
    default:
      return -y;
  }
}

/** A tile of film grain (grey with a faint alpha) that sharp repeats over the picture. */
export function grainTile(seed: number, size = 256, alpha = 14): Buffer {
  const random = randomFor('grain', seed);
  const tile = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i += 1) {
    const v = Math.round(random.next() * 255);
    tile[i * 4] = v;
    tile[i * 4 + 1] = v;
    tile[i * 4 + 2] = v;
    tile[i * 4 + 3] = alpha;
  }
  return tile;
}
