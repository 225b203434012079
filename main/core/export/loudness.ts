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

const TARGETS = `I=${LOUDNESS_TARGET.integrated}:TP=${LOUDNESS_TARGET.truePeak}:LRA=${LOUDNESS_TARGET.range}`;

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
    `${graph};[mix]aformat=channel_layouts=stereo,loudnorm=${TARGETS}:print_format=json[out]`,
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
 * soundtrack) where the peaks allow, then back to 48 kHz (loudnorm works at 192 kHz).
 */
export function loudnessFilter(measured: LoudnessMeasure | undefined): string {
  // Stereo before measuring and correcting: the output is stereo, and two channels weigh more than one.
  if (!measured) return 'aformat=channel_layouts=stereo';
  const m = `measured_I=${measured.input_i}:measured_TP=${measured.input_tp}:measured_LRA=${measured.input_lra}:measured_thresh=${measured.input_thresh}`;
  return `aformat=channel_layouts=stereo,loudnorm=${TARGETS}:${m}:offset=${measured.target_offset}:linear=true,aresample=48000`;
}
