import { AtelierError } from '../../../preload/errors.js';
import { runFfmpeg } from './ffmpeg-progress.js';

/** EBU R128 targets for online video: −16 LUFS, true peak kept under −1 dBTP (a margin for the encoder). */
const LOUDNESS_TARGET = { integrated: -16, truePeak: -2, range: 20 } as const;

interface LoudnessMeasure {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
  target_offset: string;
}

/**
 * The soundtrack is mono until its last step, which copies it into both stereo channels at
 * full level: that adds 3.01 dB of loudness (BS.1770 sums the channels) and leaves the true
 * peak as it is. So the mono track is measured and corrected to a target 3.01 dB lower,
 * which lands the stereo file on −16 LUFS: the same result as correcting the stereo file,
 * for half of loudnorm's work (it runs at 192 kHz, the costliest step of the soundtrack).
 */
const STEREO_GAIN_DB = 10 * Math.log10(2);
const TARGETS = `I=${(LOUDNESS_TARGET.integrated - STEREO_GAIN_DB).toFixed(2)}:TP=${LOUDNESS_TARGET.truePeak}:LRA=${LOUDNESS_TARGET.range}`;
/** Mono into both channels at full level (aformat's upmix would put it 3 dB down in each). */
const TO_STEREO = 'pan=stereo|c0=c0|c1=c0';

/**
 * Pass one: runs the soundtrack's filter graph (`graph` ends in the label `[mix]`) into
 * loudnorm's analyser and reads its JSON. Audio only, so it takes seconds.
 */
export async function measureLoudness(inputs: string[], graph: string, signal: AbortSignal): Promise<LoudnessMeasure | undefined> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    ...inputs,
    '-filter_complex',
    `${graph};[mix]aformat=channel_layouts=mono,loudnorm=${TARGETS}:print_format=json[out]`,
  ];
  const stderr = await runFfmpeg([...args, '-map', '[out]', '-f', 'null', '-'], signal, {
    what: 'the loudness measurement',
    keepStderr: 8000,
    failed: (code, text) =>
      new AtelierError('ENGINE_CRASHED', `ffmpeg could not measure the loudness (exit ${code}): ${text.trim().split('\n').slice(-2).join(' ')}`),
  });
  const json = /\{[^{}]*"input_i"[^{}]*\}/.exec(stderr)?.[0];
  if (!json) return undefined;
  const measured = JSON.parse(json) as LoudnessMeasure;
  // A silent soundtrack has no loudness to correct (−inf); it stays as it is.
  return Number.isFinite(Number(measured.input_i)) && Number(measured.input_i) > -70 ? measured : undefined;
}

/**
 * Pass two's filter: loudnorm with the measured figures, linear (one gain for the whole
 * soundtrack) where the peaks allow, then back to 48 kHz (loudnorm works at 192 kHz), then
 * the mono track into both stereo channels.
 */
export function loudnessFilter(measured: LoudnessMeasure | undefined): string {
  if (!measured) return `aformat=channel_layouts=mono,${TO_STEREO}`;
  const m = `measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:measured_LRA=${measured.input_lra}:measured_thresh=${measured.input_thresh}`;
  return `aformat=channel_layouts=mono,loudnorm=${TARGETS}:${m}:offset=${measured.target_offset}:linear=true,aresample=48000,aformat=channel_layouts=mono,${TO_STEREO}`;
}
