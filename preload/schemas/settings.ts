import { z } from 'zod';
import { KOKORO_DEFAULT_VOICE, KokoroVoiceIdSchema } from './voice.js';

/**
 * An absolute folder path (POSIX `/…`, Windows `C:\…` or `\\server\share`), with no `..`
 * segment and no NUL: a relative one would land wherever the process happens to run.
 * The renderer imports this too, so no node:path here.
 */
export const AbsoluteFolderSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => /^(\/|[A-Za-z]:[\\/]|\\\\[^\\/])/.test(value), 'must be an absolute folder path')
  .refine((value) => !value.includes('\0') && !value.split(/[\\/]/).includes('..'), 'must not contain ".." or NUL');

/**
 * A web origin as browsers send it in `Origin`: scheme, host and port only (`https://app.example`,
 * `http://localhost:5173`), no path, no trailing slash, lower case. `null` and wildcards are refused:
 * listing an origin lets that site's pages call the API with a key they hold.
 */
export const WebOriginSchema = z
  .string()
  .min(1)
  .max(300)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  }, 'must be an origin like https://app.example or http://localhost:5173 (scheme, host and port; no path)');

export const ThemeSchema = z.enum(['system', 'light', 'dark']);

export const SettingsSchema = z.strictObject({
  theme: ThemeSchema,
  /** Threads for CPU inference; 'auto' lets the engine pick (it should pick physical cores). */
  threads: z.union([z.literal('auto'), z.int().min(1).max(256)]),
  contextSize: z.int().min(256).max(262_144),
  gpuOffload: z.enum(['auto', 'off']),
  /** Where diffusion runs: the CPU (works everywhere), or a GPU provider of ONNX Runtime, falling back to the CPU. */
  imageDevice: z.enum(['cpu', 'gpu']),
  /** Where exports land by default; null means the project's own `exports/` folder. */
  outputFolder: AbsoluteFolderSchema.nullable(),
  /** The desktop app's OpenAI-compatible API on loopback (atelier serve always has it). */
  apiServer: z.strictObject({ enabled: z.boolean(), port: z.int().min(1024).max(65_535) }),
  /** The Kokoro voice narration speaks with while the active voice model is a Kokoro one (picking it in the Voice tab sets it). */
  kokoroVoice: KokoroVoiceIdSchema,
  /** Web pages at these origins may call the OpenAI-compatible API (CORS); none by default, so no page can. */
  apiCorsOrigins: z.array(WebOriginSchema).max(32),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  theme: 'system',
  threads: 'auto',
  contextSize: 4096,
  gpuOffload: 'auto',
  imageDevice: 'cpu',
  outputFolder: null,
  apiServer: { enabled: false, port: 4174 },
  kokoroVoice: KOKORO_DEFAULT_VOICE,
  apiCorsOrigins: [],
};
