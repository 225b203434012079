import { SAMPLE_RATE, TARGET_PEAK } from './audio-format.js';
import { edgeFade } from './envelope.js';
import type { SoundSourceFactory } from './sound-source.js';

const BLOCK = 4096;
/** Blocks between yields to the event loop: about 1.5 s of audio, a few milliseconds of work. */
const BLOCKS_PER_YIELD = 16;

interface RenderOptions {
  signal?: AbortSignal;
  /** 0..1 over the whole render. */
  onProgress?: (fraction: number) => void;
  fadeInSeconds: number;
  fadeOutSeconds: number;
}

interface RenderedPcm {
  samples: Int16Array;
  /** Peak of the raw mix before it was brought to the target, for diagnostics. */
  rawPeak: number;
}

/**
 * Renders a source to 16-bit PCM at about −1 dBFS peak. Two passes over the same
 * deterministic source (the first only measures the peak) keep memory at the
 * 16-bit output plus one block, where one pass would have to hold every sample
 * in floating point until the peak is known. Cancel is honoured between blocks.
 */
export async function renderPcm16(create: SoundSourceFactory, options: RenderOptions): Promise<RenderedPcm> {
  const measuring = create();
  const total = measuring.length;
  const fadeIn = Math.min(Math.round(options.fadeInSeconds * SAMPLE_RATE), Math.floor(total / 4));
  const fadeOut = Math.min(Math.round(options.fadeOutSeconds * SAMPLE_RATE), Math.floor(total / 4));
  const block = new Float32Array(BLOCK);
  const report = (pass: number, done: number) => options.onProgress?.((pass + done / Math.max(1, total)) / 2);

  let peak = 0;
  await eachBlock(measuring.length, block, options.signal, (out, offset) => {
    measuring.fill(out);
    for (let i = 0; i < out.length; i += 1) {
      const value = Math.abs((out[i] as number) * edgeFade(offset + i, total, fadeIn, fadeOut));
      if (value > peak) peak = value;
    }
    report(0, offset + out.length);
  });
  if (!(peak > 0) || !Number.isFinite(peak)) throw new Error('The synth rendered silence or an invalid signal.');

  const gain = (TARGET_PEAK * 32767) / peak;
  const samples = new Int16Array(total);
  const writing = create();
  await eachBlock(total, block, options.signal, (out, offset) => {
    writing.fill(out);
    for (let i = 0; i < out.length; i += 1) {
      const value = Math.round((out[i] as number) * edgeFade(offset + i, total, fadeIn, fadeOut) * gain);
      samples[offset + i] = value > 32767 ? 32767 : value < -32768 ? -32768 : value;
    }
    report(1, offset + out.length);
  });
  return { samples, rawPeak: peak };
}

async function eachBlock(
  total: number,
  block: Float32Array,
  signal: AbortSignal | undefined,
  visit: (out: Float32Array, offset: number) => void,
): Promise<void> {
  let blocks = 0;
  for (let offset = 0; offset < total; offset += BLOCK) {
    const out = offset + BLOCK <= total ? block : block.subarray(0, total - offset);
    visit(out, offset);
    blocks += 1;
    if (blocks % BLOCKS_PER_YIELD === 0) {
      // Lets a cancel request (and every other caller of this process) through.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    signal?.throwIfAborted();
  }
}
