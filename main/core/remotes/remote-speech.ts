import { AtelierError } from '../../../preload/errors.js';
import { MEDIA_TIMEOUTS, openRemote, readBody, type RemoteTimeouts } from './remote-http.js';
import type { ResolvedRemote } from './remote-store.js';

export interface RemoteSpeechRequest {
  input: string;
  voice: string;
  speed: number;
  format: 'wav' | 'mp3';
}

/** Speech from a remote's `/v1/audio/speech`: the audio file's bytes. */
export async function generateRemoteSpeech(
  remote: ResolvedRemote,
  modelName: string,
  request: RemoteSpeechRequest,
  signal: AbortSignal,
  timeouts: RemoteTimeouts = MEDIA_TIMEOUTS,
): Promise<Uint8Array> {
  const response = await openRemote(
    remote,
    {
      method: 'POST',
      path: '/v1/audio/speech',
      accept: request.format === 'wav' ? 'audio/wav' : 'audio/mpeg',
      body: { model: modelName, input: request.input, voice: request.voice, speed: request.speed, response_format: request.format },
    },
    signal,
    timeouts,
  );
  const bytes = await readBody(response, remote, signal, timeouts.idleMs, 512 * 1024 * 1024);
  if (bytes.length === 0) throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" sent no audio.`);
  if (request.format === 'wav' && bytes.subarray(0, 4).toString('latin1') !== 'RIFF') {
    throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" sent audio that is not a WAV file.`);
  }
  return new Uint8Array(bytes);
}
