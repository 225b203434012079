/**
 * The only source of chance in the synth. mulberry32: 32 bits of state, fast and
 * well spread, and the same seed gives the same stream on every machine, so a
 * clip is reproduced from its seed alone (never Math.random, never the clock).
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Uniform in [-1, 1): white noise. */
  bipolar(): number {
    return this.next() * 2 - 1;
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform on a log scale: the even spread for frequencies and times. */
  logRange(min: number, max: number): number {
    return min * (max / min) ** this.next();
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Seconds until the next event of a process that happens `ratePerSecond` times a second on average. */
  exponential(ratePerSecond: number): number {
    return -Math.log(1 - this.next()) / ratePerSecond;
  }

  /** An independent stream for one part of a sound, so adding a part never shifts the others. */
  fork(label: string): SeededRandom {
    return new SeededRandom(mixSeed(label, this.state));
  }
}

/** FNV-1a over the label, then the seed mixed in: "coin" and "jump" with seed 7 get unrelated streams. */
export function mixSeed(label: string, seed: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= seed >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function randomFor(label: string, seed: number): SeededRandom {
  return new SeededRandom(mixSeed(label, seed));
}
