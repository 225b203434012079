import { z } from 'zod';
import { ErrorShapeSchema } from './job.js';

/** A remote's name is part of model ids (`remote:<name>/<model>`), so it stays short and plain. */
export const RemoteNameSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, dash and underscore only');

/** The server's base address; `/v1` at the end is optional (both spellings are common). */
export const RemoteUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((raw) => {
    // Zod runs refinements even after z.url() refused the text, so `new URL` must not throw here.
    if (!URL.canParse(raw)) return false;
    const url = new URL(raw);
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  }, 'a plain http(s) address without credentials, query or fragment');

export const RemoteKeySchema = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, 'printable characters without spaces');

export const RemoteSchema = z.object({
  name: RemoteNameSchema,
  /** Normalised: no trailing slash, no trailing `/v1`. */
  url: z.string(),
  /** Whether a key is stored (the key itself never leaves main). */
  hasKey: z.boolean(),
  addedAt: z.iso.datetime(),
});
export type Remote = z.infer<typeof RemoteSchema>;

export const RemoteAddSchema = z.strictObject({
  name: RemoteNameSchema,
  url: RemoteUrlSchema,
  key: RemoteKeySchema.optional(),
  /**
   * The creator confirmed sending the key over plain http to another machine, where
   * anyone on the path can read it. Required in exactly that case (keyTravelsInClear).
   */
  allowInsecureKey: z.boolean().optional(),
});
export type RemoteAdd = z.infer<typeof RemoteAddSchema>;

/** The loopback spellings a URL host can take: traffic to them never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // WHATWG URL writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host) || /^::ffff:127\./.test(host);
}

/** Whether adding this remote would send a key in clear text to another machine. */
export function keyTravelsInClear(request: { url: string; key?: string | undefined }): boolean {
  if (request.key === undefined) return false;
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && !isLoopbackHost(url.hostname);
}

export const RemoteModelSchema = z.object({
  /** `remote:<name>/<model>`: what a picker offers and what text/image/speech calls accept. */
  id: z.string(),
  /** The id the remote server itself uses. */
  remoteId: z.string(),
  remote: RemoteNameSchema,
  /**
   * What the model makes. OpenAI's model list does not say, so it is read from an
   * Atelier remote's own `atelier.modality` field, else guessed from the id
   * (`tts-1` speaks, `dall-e-3` draws); anything else is taken for a text model.
   */
  modality: z.enum(['text', 'image', 'voice', 'sound']),
});
export type RemoteModel = z.infer<typeof RemoteModelSchema>;

/** The models of every remote, for the pickers: cached in main, refreshed on demand. */
export const RemoteModelsRequestSchema = z.strictObject({
  /** Ask every remote again instead of answering from the cache. */
  refresh: z.boolean().optional(),
});

export const RemoteModelsSchema = z.object({
  models: z.array(RemoteModelSchema),
  /** Remotes that could not be listed: their models are left out, the pickers stay usable. */
  unreachable: z.array(z.object({ remote: RemoteNameSchema, error: ErrorShapeSchema })),
});
export type RemoteModels = z.infer<typeof RemoteModelsSchema>;

export const RemoteTestResultSchema = z.object({
  name: RemoteNameSchema,
  ok: z.boolean(),
  /** Time for the remote's `GET /v1/models`. */
  latencyMs: z.number().nonnegative(),
  models: z.array(RemoteModelSchema),
  error: ErrorShapeSchema.optional(),
});
export type RemoteTestResult = z.infer<typeof RemoteTestResultSchema>;
