import wavefile from 'wavefile';
import { AtelierError } from '../../../preload/errors.js';

/** Mono audio as the tools work on it: samples in -1..1. */
export interface Clip {
  samples: Float32Array;
  sampleRate: number;
}

/** 16-bit PCM samples as the bytes of a mono WAV file. */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, sampleRate, '16', samples);
  return wav.toBuffer();
}

/** Parts as one run of samples, with `gap` samples of silence between them (sentences of speech, clips of a mix). */
function joinParts<T extends Int16Array | Float32Array>(parts: readonly T[], gap: number, allocate: (length: number) => T): T {
  const total = parts.reduce((n, p) => n + p.length, 0) + gap * Math.max(0, parts.length - 1);
  const samples = allocate(total);
  let at = 0;
  parts.forEach((part, i) => {
    if (i > 0) at += gap;
    samples.set(part, at);
    at += part.length;
  });
  return samples;
}

/** 16-bit sentences or chunks of speech as one run of samples, with `gap` samples of silence between them. */
export function joinWithGaps(parts: readonly Int16Array[], gap: number): Int16Array {
  return joinParts(parts, gap, (length) => new Int16Array(length));
}

/** The same for float clips (core/audio's concatenate). */
export function joinFloatWithGaps(parts: readonly Float32Array[], gap: number): Float32Array {
  return joinParts(parts, gap, (length) => new Float32Array(length));
}

/** A clip as a mono 16-bit WAV (clipped to full scale, rounded to the nearest step). */
export function encodeClip(clip: Clip): Uint8Array {
  return encodeWav(toInt16(clip.samples), clip.sampleRate);
}

/**
 * Playing time of a PCM WAV from its header, or undefined when it has no readable format or data chunk.
 * Read by hand rather than through wavefile: a server that streams may leave the data size unset,
 * so the bytes received cap it.
 */
export function wavPlayingMs(wav: Uint8Array): number | undefined {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.length;) {
    const id = String.fromCharCode(...wav.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    if (id === 'fmt ' && at + 20 <= wav.length) byteRate = view.getUint32(at + 16, true);
    if (id === 'data') return byteRate === 0 ? undefined : Math.round((Math.min(size, wav.length - at - 8) / byteRate) * 1000);
    at += 8 + size + (size % 2);
  }
  return undefined;
}

/** The 16-bit samples of a 16-bit WAV as they are (espeak-ng writes mono 16-bit), and its rate. */
export function readPcm16(bytes: Uint8Array): { samples: Int16Array; sampleRate: number } {
  const wav = new wavefile.WaveFile(bytes);
  return { samples: wav.getSamples(false, Int16Array) as unknown as Int16Array, sampleRate: (wav.fmt as { sampleRate: number }).sampleRate };
}

/** Reads a PCM WAV (any bit depth wavefile knows, any channel count, mixed down to mono). */
export function decodeWav(bytes: Uint8Array): Clip {
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `not a WAV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Read before converting: toBitDepth rebuilds the fmt chunk.
  const { sampleRate, numChannels } = wav.fmt as { sampleRate: number; numChannels: number };
  wav.toBitDepth('32f');
  const raw = wav.getSamples(true, Float64Array) as unknown as Float64Array;
  const channels = Math.max(1, numChannels);
  const samples = new Float32Array(Math.floor(raw.length / channels));
  for (let i = 0; i < samples.length; i++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += raw[i * channels + c] ?? 0;
    samples[i] = sum / channels;
  }
  return { samples, sampleRate };
}

export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i] ?? 0));
    out[i] = Math.round(v < 0 ? v * 32768 : v * 32767);
  }
  return out;
}
