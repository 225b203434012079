import { z } from 'zod';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import type { RemoteModel, RemoteTestResult } from '../../../preload/schemas/remote.js';
import { LIST_TIMEOUTS, openRemote, readJson, type RemoteTimeouts } from './remote-http.js';
import { remoteModelId } from './remote-model-id.js';
import type { ResolvedRemote } from './remote-store.js';

const MODALITIES = ['text', 'image', 'voice', 'sound'] as const;
type Modality = (typeof MODALITIES)[number];

const ModelsAnswerSchema = z
  .object({
    data: z
      .array(
        z
          .object({
            id: z.string().min(1).max(400),
            // Another Atelier says what each model makes; a value it does not know is ignored, not fatal.
            atelier: z.object({ modality: z.string().optional() }).loose().optional().catch(undefined),
          })
          .loose(),
      )
      .max(10_000),
  })
  .loose();

/** Names the big servers give their non-text models (OpenAI, LocalAI, vLLM-served diffusion and TTS). */
const IMAGE_ID = /(^|[/_.-])(dall-?e|gpt-image|stable-diffusion|sd-?(turbo|xl|1\.5|2)|sdxl|flux|imagen)([/_.-]|$)/i;
const VOICE_ID = /(^|[/_.-])(tts|piper|kokoro|bark|espeak|xtts|speecht5)([/_.-]|\d|$)/i;

/** What a listed model makes: an Atelier remote says so, other servers are read by their ids. */
export function remoteModality(id: string, declared: string | undefined): Modality {
  const known = MODALITIES.find((m) => m === declared);
  if (known) return known;
  if (IMAGE_ID.test(id)) return 'image';
  if (VOICE_ID.test(id)) return 'voice';
  return 'text';
}

/** The remote's `GET /v1/models`, as ids Atelier's pickers and calls accept. */
export async function listRemoteModels(remote: ResolvedRemote, signal: AbortSignal, timeouts: RemoteTimeouts = LIST_TIMEOUTS): Promise<RemoteModel[]> {
  const response = await openRemote(remote, { method: 'GET', path: '/v1/models' }, signal, timeouts);
  const parsed = ModelsAnswerSchema.safeParse(await readJson(response, remote, signal, timeouts.idleMs, 16 * 1024 * 1024));
  if (!parsed.success) throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" answered /v1/models without a model list.`);
  return parsed.data.data.map((m) => ({
    id: remoteModelId(remote.name, m.id),
    remoteId: m.id,
    remote: remote.name,
    modality: remoteModality(m.id, m.atelier?.modality),
  }));
}

/** Reaches the remote and lists its models; a failure is part of the answer, not a throw. */
export async function testRemote(remote: ResolvedRemote, signal: AbortSignal, timeouts: RemoteTimeouts = LIST_TIMEOUTS): Promise<RemoteTestResult> {
  const started = performance.now();
  try {
    const models = await listRemoteModels(remote, signal, timeouts);
    return { name: remote.name, ok: true, latencyMs: Math.round(performance.now() - started), models };
  } catch (error) {
    return { name: remote.name, ok: false, latencyMs: Math.round(performance.now() - started), models: [], error: toErrorShape(error) };
  }
}
