import { AtelierError } from '../../../preload/errors.js';
import { REMOTE_VOICE_LIMITS, type VoiceRequest } from '../../../preload/schemas/voice.js';
import { decodeWav, toInt16, wavPlayingMs } from '../../platform/audio/wav.js';
import type { Logger } from '../../platform/log.js';
import { submitGeneration } from '../assets/save-generated-asset.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { parseRemoteModelId } from '../remotes/remote-model-id.js';
import { generateRemoteSpeech } from '../remotes/remote-speech.js';
import type { RemoteStore } from '../remotes/remote-store.js';
import { spokenClip } from './voice-models.js';

export interface RemoteVoiceDeps {
  projects: ProjectStore;
  jobs: JobManager;
  remotes: RemoteStore;
  log: Logger;
}

/** Playing time of the WAV a remote sent; one without a readable format or sound data is the remote's failure. */
export function wavDurationMs(wav: Uint8Array): number {
  const ms = wavPlayingMs(wav);
  if (ms === undefined) throw new AtelierError('REMOTE_FAILED', 'The remote sent a WAV file without a readable format or sound data.');
  return ms;
}

/** The remote's WAV (any bit depth or channel count wavefile reads) as mono 16-bit samples; unreadable is the remote's failure. */
function remoteSamples(wav: Uint8Array): { samples: Int16Array; sampleRate: number } {
  try {
    const clip = decodeWav(wav);
    return { samples: toInt16(clip.samples), sampleRate: clip.sampleRate };
  } catch (error) {
    throw new AtelierError('REMOTE_FAILED', `The remote sent a WAV file that cannot be read: ${(error as Error).message}`);
  }
}

/**
 * `voice.generate` with engine 'remote': `voice` names a `remote:<name>/<model>` and the
 * text goes to that server's `/v1/audio/speech` as a job (progress, cancel aborts the
 * request, one queue per remote model). Only OpenAI's fields travel: text, voice, speed;
 * pitch and volume are local-only.
 */
export function submitRemoteVoiceJob(deps: RemoteVoiceDeps, request: VoiceRequest, name: string): { jobId: string } {
  const { remote: remoteName, model } = parseRemoteModelId(request.voice);
  // Resolved now: an unknown remote answers the call instead of failing a job.
  const remote = deps.remotes.get(remoteName);
  const remoteVoice = request.remoteVoice ?? REMOTE_VOICE_LIMITS.defaultVoice;
  const speed = Math.min(REMOTE_VOICE_LIMITS.speed.max, Math.max(REMOTE_VOICE_LIMITS.speed.min, request.rate));
  return submitGeneration(deps, {
    kind: 'voice.generate',
    title: `Speak "${name}" on ${remoteName}`,
    queue: request.voice,
    make: async (context) => {
      context.progress({ fraction: 0, detail: `Waiting for ${remoteName}…` });
      const started = performance.now();
      const wav = await generateRemoteSpeech(remote, model, { input: request.text, voice: remoteVoice, speed, format: 'wav' }, context.signal);
      const timeMs = Math.round(performance.now() - started);
      const remoteMs = wavDurationMs(wav);
      // Finished like local speech (peak -1 dBFS, fixed pads), so a cast that mixes a remote
      // voice with local ones has no line louder, quieter or later than the others.
      const made = remoteSamples(wav);
      const clip = spokenClip(name, request.text, made, {
        engine: 'remote',
        model: request.voice,
        parameters: { remote: remoteName, remoteModel: model, voice: remoteVoice, speed, timeMs, sampleRate: made.sampleRate, remoteDurationMs: remoteMs },
      });
      return { ...clip, summary: `${(clip.file.origin.durationMs / 1000).toFixed(1)} s of speech from ${remoteName}` };
    },
  });
}
