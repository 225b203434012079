import { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';
import { MEDIA_TIMEOUTS, openRemote, readJson, type RemoteTimeouts } from './remote-http.js';
import type { ResolvedRemote } from './remote-store.js';

export interface RemoteImageRequest {
  prompt: string;
  width: number;
  height: number;
  count: number;
  seed?: number;
}

const ImagesAnswerSchema = z
  .object({
    data: z
      .array(z.object({ b64_json: z.string().min(1) }).loose())
      .min(1)
      .max(16),
  })
  .loose();
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Pictures from a remote's `/v1/images/generations`, as PNG bytes (asked for as base64, so no second fetch). */
export async function generateRemoteImages(
  remote: ResolvedRemote,
  modelName: string,
  request: RemoteImageRequest,
  signal: AbortSignal,
  timeouts: RemoteTimeouts = MEDIA_TIMEOUTS,
): Promise<Uint8Array[]> {
  const response = await openRemote(
    remote,
    {
      method: 'POST',
      path: '/v1/images/generations',
      body: {
        model: modelName,
        prompt: request.prompt,
        n: request.count,
        size: `${request.width}x${request.height}`,
        response_format: 'b64_json',
        ...(request.seed !== undefined && { seed: request.seed }),
      },
    },
    signal,
    timeouts,
  );
  const parsed = ImagesAnswerSchema.safeParse(await readJson(response, remote, signal, timeouts.idleMs, 256 * 1024 * 1024));
  if (!parsed.success) throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" answered without base64 images.`);
  return parsed.data.data.map((item) => {
    const bytes = Buffer.from(item.b64_json, 'base64');
    if (!bytes.subarray(0, 8).equals(PNG_MAGIC)) throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" sent an image that is not a PNG.`);
    return new Uint8Array(bytes);
  });
}
