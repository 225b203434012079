import fs from 'node:fs/promises';
import path from 'node:path';
import type { InstalledModel } from '../../../preload/schemas/model.js';
import { AtelierError } from '../../../preload/errors.js';
import { TRANSCRIPT_ENGINE } from '../../../preload/caption-source.js';
import type { TranscribeAssetRequest, Transcript } from '../../../preload/schemas/transcribe.js';
import type { WhisperClient } from '../../engines/listen/whisper-client.js';
import type { Logger } from '../../platform/log.js';
import type { ProgressUpdate } from '../../platform/progress.js';
import { resolveAssetFile } from '../assets/asset-files.js';
import { readableSlug } from '../assets/readable-name.js';
import { submitGeneration } from '../assets/save-generated-asset.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ModelManager } from '../models/model-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { transcribeBytes, transcribeFile, type TranscribeOptions, type WhisperModelRef } from './transcribe-render.js';
import { renderTranscript } from './transcript-files.js';

export type { WhisperModelRef };

/** Whisper's queue: one transcription at a time (the host holds one model). */
const WHISPER_QUEUE = 'whisper';

const NO_MODEL =
  "No transcription model is installed. Download a Whisper model in the Models tab (Transcribe) or with 'atelier models download whisper-tiny-en', or import a sherpa-onnx Whisper folder.";

/**
 * Everything that listens comes here: which Whisper model (installed id, the active one,
 * or a folder for the CLI), the job on Whisper's queue, and the transcript saved into the
 * open project as a WebVTT text asset with each segment's times.
 */
export class TranscribeService {
  readonly queue = WHISPER_QUEUE;
  /** Audio asset id → the `transcribe.asset` job hearing it now, so an export waits for it instead of starting another. */
  private readonly running = new Map<string, string>();

  constructor(private readonly deps: { projects: ProjectStore; jobs: JobManager; models: ModelManager; log: Logger; client: WhisperClient }) {}

  /** The installed transcription models. */
  installed(): InstalledModel[] {
    return this.deps.models.list().filter((m) => m.modality === 'speech-to-text');
  }

  /** An installed model by id, the active one when `id` is absent; MODEL_NOT_FOUND naming the installed ones otherwise. */
  requireModel(id?: string): WhisperModelRef {
    const installed = this.installed();
    const model = id === undefined ? (installed.find((m) => m.active) ?? installed[0]) : installed.find((m) => m.id === id);
    if (!model) {
      if (id === undefined || installed.length === 0)
        throw new AtelierError('MODEL_NOT_FOUND', id === undefined ? NO_MODEL : `No transcription model "${id}". ${NO_MODEL}`);
      throw new AtelierError('MODEL_NOT_FOUND', `No transcription model "${id}". Installed: ${installed.map((m) => m.id).join(', ')}.`);
    }
    return { label: model.id, dir: model.path };
  }

  /** For the CLI: an installed model's id, or a folder holding a sherpa-onnx Whisper export. */
  async modelFrom(idOrPath: string | undefined): Promise<WhisperModelRef> {
    if (idOrPath !== undefined && (idOrPath.includes('/') || idOrPath.includes(path.sep) || idOrPath.startsWith('.'))) {
      const dir = path.resolve(idOrPath);
      const stat = await fs.stat(dir).catch(() => null);
      if (!stat?.isDirectory()) throw new AtelierError('MODEL_NOT_FOUND', `${idOrPath} is not a folder holding a Whisper model.`);
      return { label: path.basename(dir), dir };
    }
    return this.requireModel(idOrPath);
  }

  /** Transcribes a file with no project (the CLI, /v1): the caller runs it as a job or not. */
  transcribe(input: string, options: TranscribeOptions, signal: AbortSignal, onProgress: (update: ProgressUpdate) => void): Promise<Transcript> {
    return transcribeFile(this.deps.client, input, options, signal, onProgress);
  }

  /** Transcribes uploaded bytes (/v1): `name` is the client's file name, for messages only. */
  transcribeUpload(
    bytes: Uint8Array,
    name: string,
    options: TranscribeOptions,
    signal: AbortSignal,
    onProgress: (update: ProgressUpdate) => void,
  ): Promise<Transcript> {
    return transcribeBytes(this.deps.client, bytes, name, options, signal, onProgress);
  }

  /** `transcribe.asset`: an audio or video asset of the open project becomes a WebVTT transcript beside it, through one job. */
  async transcribeAsset(request: TranscribeAssetRequest): Promise<{ jobId: string }> {
    const source = await resolveAssetFile(this.deps.projects, request.assetId, 'file');
    if (source.kind !== 'audio' && source.kind !== 'video') {
      throw new AtelierError('INVALID_INPUT', `Only audio and video can be transcribed; that asset is ${source.kind}.`);
    }
    const asset = this.deps.projects.requireOpen().data.assets[request.assetId];
    const model = this.requireModel(request.model);
    const stem = (asset?.name ?? 'recording').replace(/\.[a-z0-9]{1,8}$/i, '');
    const submitted = submitGeneration(this.deps, {
      kind: 'transcribe.asset',
      title: `Transcribe ${asset?.name ?? request.assetId}`,
      queue: WHISPER_QUEUE,
      make: async (context) => {
        const transcript = await this.transcribe(
          source.path,
          { model, ...(request.language && { language: request.language }) },
          context.signal,
          context.progress,
        );
        return {
          file: {
            kind: 'text',
            mime: 'text/vtt',
            ext: 'vtt',
            bytes: new TextEncoder().encode(renderTranscript(transcript, 'vtt')),
            name: `${readableSlug(stem, 'recording')}-transcript.vtt`,
            unique: true,
            origin: {
              engine: TRANSCRIPT_ENGINE,
              model: model.label,
              parameters: {
                source: request.assetId,
                language: transcript.language,
                asked: request.language ?? 'auto',
                segments: transcript.segments.length,
              },
              durationMs: Math.round(transcript.duration * 1000),
            },
          },
          summary: `${transcript.segments.length} segment${transcript.segments.length === 1 ? '' : 's'} from ${transcript.duration.toFixed(1)} s of audio`,
        };
      },
    });
    this.running.set(request.assetId, submitted.jobId);
    void this.deps.jobs.settled(submitted.jobId).finally(() => {
      if (this.running.get(request.assetId) === submitted.jobId) this.running.delete(request.assetId);
    });
    return submitted;
  }

  /** The `transcribe.asset` job hearing this audio asset now, if one is queued or running. */
  runningFor(assetId: string): string | undefined {
    return this.running.get(assetId);
  }

  /** The Whisper host's process id while it runs (tests measure its memory). */
  get hostPid(): number | undefined {
    return this.deps.client.pid;
  }

  /** Stops the Whisper host (the studio is closing). */
  dispose(): Promise<void> {
    return this.deps.client.stop();
  }
}
