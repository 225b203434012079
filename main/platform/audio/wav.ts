import { readWaveFile, type WaveFile } from './lazy-wavefile.js';
import { AtelierError } from '../../../preload/errors.js';

/** Mono audio as the tools work on it: samples in -1..1. */
export interface Clip {
  samples: Float32Array;
  sampleRate: number;
}

const WAV_HEADER_BYTES = 44;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * 16-bit PCM samples as the bytes of a mono WAV file: the canonical 44-byte header
 * (what wavefile writes for these) and the samples copied as they are. Written by hand:
 * wavefile packs sample by sample, seconds for a chapter of speech.
 */
export function encodeWav(samples: Int16Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(WAV_HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) bytes[at + i] = text.charCodeAt(i);
  };
  tag(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes a second
  view.setUint16(32, 2, true); // bytes a frame
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, dataBytes, true);
  if (LITTLE_ENDIAN) bytes.set(new Uint8Array(samples.buffer, samples.byteOffset, dataBytes), WAV_HEADER_BYTES);
  else samples.forEach((sample, i) => view.setInt16(WAV_HEADER_BYTES + i * 2, sample, true));
  return bytes;
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

/**
 * The 16-bit samples of a 16-bit PCM WAV as they are (espeak-ng writes mono 16-bit), and its
 * rate: the chunks walked by hand and the data copied in one go (wavefile reads sample by sample).
 */
export function readPcm16(bytes: Uint8Array): { samples: Int16Array; sampleRate: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new AtelierError('INVALID_INPUT', 'not a WAV file.');
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const size = view.getUint32(at + 4, true);
    const id = tag(at);
    if (id === 'fmt ' && at + 24 <= bytes.length) {
      if (view.getUint16(at + 8, true) !== 1 || view.getUint16(at + 22, true) !== 16) throw new AtelierError('INVALID_INPUT', 'not a 16-bit PCM WAV file.');
      sampleRate = view.getUint32(at + 12, true);
    } else if (id === 'data') {
      // A writer that streams may leave the size unset: the bytes there cap it.
      const count = Math.floor(Math.min(size, bytes.length - at - 8) / 2);
      const samples = new Int16Array(count);
      if (LITTLE_ENDIAN) new Uint8Array(samples.buffer).set(bytes.subarray(at + 8, at + 8 + count * 2));
      else for (let i = 0; i < count; i++) samples[i] = view.getInt16(at + 8 + i * 2, true);
      return { samples, sampleRate };
    }
    at += 8 + size + (size % 2);
  }
  throw new AtelierError('INVALID_INPUT', 'the WAV file has no audio data.');
}

/** Reads a PCM WAV (any bit depth wavefile knows, any channel count, mixed down to mono). */
export function decodeWav(bytes: Uint8Array): Clip {
  let wav: WaveFile;
  try {
    wav = readWaveFile(bytes);
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
