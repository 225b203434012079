import wavefile from 'wavefile';

export interface WavFacts {
  sampleRate: number;
  bitsPerSample: number;
  channels: number;
  /** Samples per channel. */
  length: number;
  samples: Float64Array;
  /** Largest magnitude, as a fraction of full scale. */
  peak: number;
  rms: number;
  /** Samples at the very edge of the 16-bit range: a sign of clipping. */
  atFullScale: number;
}

interface Fmt {
  sampleRate: number;
  bitsPerSample: number;
  numChannels: number;
  audioFormat: number;
}

/** Reads a WAV back with wavefile (the same library that wrote it) and measures it. */
export function wavFacts(bytes: Uint8Array): WavFacts {
  const wav = new wavefile.WaveFile(bytes);
  const fmt = wav.fmt as Fmt;
  if (fmt.audioFormat !== 1) throw new Error(`not PCM: format ${fmt.audioFormat}`);
  const samples = wav.getSamples(false, Float64Array) as Float64Array;
  let peak = 0;
  let sum = 0;
  let atFullScale = 0;
  for (const value of samples) {
    const magnitude = Math.abs(value);
    if (magnitude > peak) peak = magnitude;
    if (value >= 32767 || value <= -32768) atFullScale += 1;
    sum += value * value;
  }
  return {
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    channels: fmt.numChannels,
    length: samples.length / fmt.numChannels,
    samples,
    peak: peak / 32768,
    rms: Math.sqrt(sum / Math.max(1, samples.length)) / 32768,
    atFullScale,
  };
}

export function dbfs(value: number): number {
  return 20 * Math.log10(value);
}
