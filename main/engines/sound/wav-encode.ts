import wavefile from 'wavefile';
import { BIT_DEPTH, CHANNELS, SAMPLE_RATE } from './audio-format.js';

/** 16-bit PCM samples as the bytes of a WAV file (RIFF, one `fmt ` and one `data` chunk). */
export function encodeWav(samples: Int16Array, sampleRate = SAMPLE_RATE): Uint8Array {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(CHANNELS, sampleRate, String(BIT_DEPTH), samples);
  return wav.toBuffer();
}
