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

/** A figure from ebur128's summary (`label: -20.7 LUFS`), after `after` when the label repeats. */
function summaryFigure(summary: string, label: string, after = ''): string | undefined {
  const from = after ? summary.indexOf(after) : 0;
  if (from < 0) return undefined;
  return new RegExp(`^\\s*${label}:\\s+(-?[\\d.]+|-?inf)`, 'm').exec(summary.slice(from))?.[1];
}

/**
 * Pass one: runs the soundtrack's filter graph (`graph` ends in the label `[mix]`) into
 * ebur128 and reads its summary: integrated loudness, its gate, the loudness range and the
 * true peak, which are what loudnorm's second pass takes. ebur128 measures the same
 * figures as loudnorm's own first pass (to its 0.1 LU) for a fifth of the CPU: loudnorm
 * runs its whole correction at 192 kHz just to report them. Its correction offset is left
 * at 0 (a few tenths of a LU at most, well inside the ±1 LU the target allows).
 */
export async function measureLoudness(inputs: string[], graph: string, signal: AbortSignal): Promise<LoudnessMeasure | undefined> {
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    ...inputs,
    '-filter_complex',
    `${graph};[mix]aformat=channel_layouts=mono,ebur128=peak=true:framelog=verbose[out]`,
  ];
  const stderr = await runFfmpeg([...args, '-map', '[out]', '-f', 'null', '-'], signal, {
    what: 'the loudness measurement',
    keepStderr: 8000,
    failed: (code, text) =>
      new AtelierError('ENGINE_CRASHED', `ffmpeg could not measure the loudness (exit ${code}): ${text.trim().split('\n').slice(-2).join(' ')}`),
  });
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const measured = {
    input_i: summaryFigure(summary, 'I'),
    input_thresh: summaryFigure(summary, 'Threshold'),
    input_lra: summaryFigure(summary, 'LRA'),
    input_tp: summaryFigure(summary, 'Peak', 'True peak'),
    target_offset: '0.00',
  };
  // A silent soundtrack has no loudness to correct (−70 or −inf); it stays as it is.
  const figures = [measured.input_i, measured.input_thresh, measured.input_lra, measured.input_tp].map(Number);
  if (!figures.every(Number.isFinite) || Number(measured.input_i) <= -70) return undefined;
  return measured as LoudnessMeasure;
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
