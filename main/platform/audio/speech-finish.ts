import { gainToDb, peak } from './levels.js';
import { normalizePeak } from './normalize.js';
import { padEdges, SPEECH_EDGE_PAD_SECONDS } from './speech-edges.js';
import { encodeWav, toInt16 } from './wav.js';

/** Where every spoken clip's loudest sample sits: 1 dB under full scale, so 16-bit rounding never clips. */
export const SPEECH_PEAK_DBFS = -1;

/** What finishing did to a clip, for its asset's origin. */
interface SpeechFinish {
  /** The engine's own peak, dBFS, to a hundredth; null for silence (JSON has no -Infinity). */
  peakBeforeDbfs: number | null;
  /** Samples the engine gave, and the clip now. */
  samplesBefore: number;
  samplesAfter: number;
  padSeconds: number;
}

interface FinishedSpeech {
  samples: Int16Array;
  wav: Uint8Array;
  sampleRate: number;
  durationMs: number;
  finish: SpeechFinish;
}

/** 16-bit samples as -1..1 floats (-32768 → -1, 32767 → just under 1). */
function toFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] as number) / 32768;
  return out;
}

/**
 * The one finish every engine's speech gets before anyone hears it: peak set to -1 dBFS
 * (Piper scales each sentence to full scale and some samples round onto the rails;
 * espeak and Kokoro are quieter or louder by voice), then the ends cut or filled to a
 * fixed pad of silence. The sample rate is left alone: exports bring clips to one rate.
 */
export function finishSpeech(samples: Int16Array, sampleRate: number): FinishedSpeech {
  const floats = toFloat(samples);
  const before = peak(floats);
  const shaped = padEdges(normalizePeak(floats, SPEECH_PEAK_DBFS), sampleRate);
  const pcm = toInt16(shaped);
  return {
    samples: pcm,
    wav: encodeWav(pcm, sampleRate),
    sampleRate,
    durationMs: Math.round((pcm.length / sampleRate) * 1000),
    finish: {
      peakBeforeDbfs: before > 0 ? Math.round(gainToDb(before) * 100) / 100 : null,
      samplesBefore: samples.length,
      samplesAfter: pcm.length,
      padSeconds: SPEECH_EDGE_PAD_SECONDS,
    },
  };
}
