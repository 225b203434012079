import fs from 'node:fs/promises';
import { readWaveFile, type WaveFile } from '../../platform/audio/lazy-wavefile.js';
import type { Asset } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { RECORDING_LIMITS, type RecordingSave } from '../../../preload/schemas/recording.js';
import { encodeWav } from '../../platform/audio/wav.js';
import type { Logger } from '../../platform/log.js';
import { saveGeneratedAsset } from '../assets/save-generated-asset.js';
import { trimRecording } from '../audio/recording-trim.js';
import type { FileRefs } from '../files/file-refs.js';
import type { ProjectStore } from '../projects/project-store.js';

interface RecordingDeps {
  projects: ProjectStore;
  fileRefs: FileRefs;
  log: Logger;
}

/** Header room beside the samples: a WAV's chunks before its data are small. */
const HEADER_BYTES = 64 * 1024;
const MAX_BYTES = RECORDING_LIMITS.maxSeconds * RECORDING_LIMITS.sampleRate.max * 2 + HEADER_BYTES;

/**
 * The 16-bit mono samples of a take. The Voice tab sends exactly that; anything else is
 * refused by name rather than converted, since only our own recorder calls this.
 */
function readTake(bytes: Uint8Array): { samples: Int16Array; sampleRate: number } {
  let wav: WaveFile;
  try {
    wav = readWaveFile(bytes);
  } catch (error) {
    throw new AtelierError('INVALID_INPUT', `The take is not a WAV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number };
  if (fmt.audioFormat !== 1 || wav.bitDepth !== '16' || fmt.numChannels !== 1) {
    throw new AtelierError('INVALID_INPUT', 'A take must be a mono 16-bit PCM WAV.');
  }
  const { min, max } = RECORDING_LIMITS.sampleRate;
  if (fmt.sampleRate < min || fmt.sampleRate > max)
    throw new AtelierError('INVALID_INPUT', `A take's sample rate must be ${min}–${max} Hz, not ${fmt.sampleRate}.`);
  const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array;
  if (samples.length > RECORDING_LIMITS.maxSeconds * fmt.sampleRate) {
    throw new AtelierError('TOO_LARGE', `A take may last at most ${RECORDING_LIMITS.maxSeconds / 60} minutes.`);
  }
  return { samples, sampleRate: fmt.sampleRate };
}

const msOf = (samples: number, rate: number) => Math.round((samples / rate) * 1000);

/**
 * Keeps a take as an audio asset of the open project: read, trimmed of its leading and
 * trailing silence, written as a 16-bit WAV. A take with no sound is refused and its file
 * ref kept, so the same take can still be saved untrimmed (`trim: false`).
 */
export async function saveRecording(deps: RecordingDeps, request: RecordingSave): Promise<Asset> {
  const project = deps.projects.requireOpen().data;
  const source = deps.fileRefs.resolve(request.fileRef);
  if (source.size > MAX_BYTES) throw new AtelierError('TOO_LARGE', `A take may last at most ${RECORDING_LIMITS.maxSeconds / 60} minutes.`);
  const take = readTake(await fs.readFile(source.path));
  if (take.samples.length === 0) throw new AtelierError('INVALID_INPUT', 'The take is empty: nothing was recorded.');
  const kept = request.trim ? trimRecording(take.samples, take.sampleRate) : { samples: take.samples, start: 0, end: take.samples.length };
  if (kept.samples.length === 0) {
    throw new AtelierError(
      'INVALID_INPUT',
      'The take is silent: nothing was louder than the room. Check that the right microphone is chosen and not muted, or keep the take untrimmed.',
    );
  }
  const durationMs = msOf(kept.samples.length, take.sampleRate);
  const asset = await saveGeneratedAsset(deps, project.id, {
    kind: 'audio',
    mime: 'audio/wav',
    ext: 'wav',
    bytes: encodeWav(kept.samples, take.sampleRate),
    name: 'recording.wav',
    unique: true,
    origin: {
      engine: 'microphone',
      durationMs,
      parameters: {
        sampleRate: take.sampleRate,
        recordedMs: msOf(take.samples.length, take.sampleRate),
        trimmedStartMs: msOf(kept.start, take.sampleRate),
        trimmedEndMs: msOf(take.samples.length - kept.end, take.sampleRate),
      },
    },
  });
  await deps.fileRefs.release(request.fileRef);
  deps.log.info('voice', `kept a ${(durationMs / 1000).toFixed(1)} s take as ${asset.name}`);
  return asset;
}
