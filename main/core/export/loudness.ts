import { AtelierError } from '../../../preload/errors.js';
import { runFfmpeg } from './ffmpeg-progress.js';

/** EBU R128 targets for online video: −16 LUFS, true peak kept under −1 dBTP (a margin for the encoder). */
const LOUDNESS_TARGET = { integrated: -16, truePeak: -2 } as const;

interface LoudnessMeasure {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
}

/**
 * The soundtrack is mono until its last step, which copies it into both stereo channels at
 * full level: that adds 3.01 dB of loudness (BS.1770 sums the channels) and leaves the true
 * peak as it is. So the mono track is measured and corrected to a target 3.01 dB lower,
 * which lands the stereo file on −16 LUFS: the same result as correcting the stereo file,
 * for half the work (its limiter runs at 192 kHz).
 */
const STEREO_GAIN_DB = 10 * Math.log10(2);
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
 * true peak. ebur128 measures the same figures as loudnorm's own first pass (to its 0.1 LU)
 * for a fifth of the CPU: loudnorm runs its whole correction at 192 kHz just to report them.
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
  };
  // A silent soundtrack has no loudness to correct (−70 or −inf); it stays as it is.
  const figures = [measured.input_i, measured.input_thresh, measured.input_lra, measured.input_tp].map(Number);
  if (!figures.every(Number.isFinite) || Number(measured.input_i) <= -70) return undefined;
  return measured as LoudnessMeasure;
}

/** The limiter's ceiling, linear: the true-peak target, read at 192 kHz as loudnorm reads it. */
const CEILING = 10 ** (LOUDNESS_TARGET.truePeak / 20);

/**
 * Pass two's filter, from the measured figures (mono in, the stereo track out): a fixed
 * gain onto the target, and where that would lift the true peak over the ceiling, a
 * limiter at 192 kHz (true peak, as loudnorm reads it) before going back to 48 kHz.
 *
 * This was loudnorm given the figures: linear where the peaks allowed (a gain, but run at
 * 192 kHz), otherwise its dynamic mode, the costliest step of the soundtrack (0.6 CPU-s
 * for 40 s, the gain and limiter 0.12). On narration both land the same (within 0.3 LU,
 * under −2 dBTP); where the loudness is in the peaks themselves (clicks, drums), holding
 * them down takes loudness with them and neither reaches −16 LUFS, the limiter no further
 * from it than loudnorm (`test/unit/loudness-measure.test.ts`).
 */
export function loudnessFilter(measured: LoudnessMeasure | undefined): string {
  if (!measured) return `aformat=channel_layouts=mono,${TO_STEREO}`;
  const gain = LOUDNESS_TARGET.integrated - STEREO_GAIN_DB - Number(measured.input_i);
  const volume = `aformat=channel_layouts=mono,volume=${gain.toFixed(2)}dB`;
  if (Number(measured.input_tp) + gain <= LOUDNESS_TARGET.truePeak) return `${volume},${TO_STEREO}`;
  const limiter = `alimiter=limit=${CEILING.toFixed(4)}:level=disabled`;
  return `${volume},aresample=192000,${limiter},aresample=48000,aformat=channel_layouts=mono,${TO_STEREO}`;
}
