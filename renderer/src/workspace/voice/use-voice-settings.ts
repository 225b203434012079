import { useCallback, useState } from 'react';
import { z } from 'zod';
import { KOKORO_DEFAULT_VOICE, REMOTE_VOICE_LIMITS, VOICE_ENGINES, VOICE_LIMITS } from '../../../../preload/contract.js';

/** How the creator last narrated: kept in localStorage so a reload keeps their voice. */
export const VoiceSettingsSchema = z.object({
  engine: z.enum(VOICE_ENGINES),
  /** An espeak voice id ("de", "en-gb"). */
  espeakVoice: z.string().min(1).max(120),
  /** An espeak variant id, or '' for the voice as it is. */
  variant: z.string().max(60),
  /** An installed Piper voice's model id, or '' until one is picked. */
  piperVoice: z.string().max(120),
  speaker: z.int().nonnegative().max(10_000),
  /** An installed Kokoro model's id, or '' for the active (or first) one. */
  kokoroModel: z.string().max(120),
  /** A Kokoro voice pack id (af_heart). */
  kokoroVoice: z.string().min(1).max(64),
  /** A remote speech model's `remote:<name>/<model>` id, or '' until one is picked. */
  remoteModel: z.string().max(400),
  /** The remote server's own voice name (OpenAI's `voice`). */
  remoteVoice: z.string().trim().min(1).max(REMOTE_VOICE_LIMITS.voiceChars),
  rate: z.number().min(VOICE_LIMITS.rate.min).max(VOICE_LIMITS.rate.max),
  pitch: z.int().min(VOICE_LIMITS.pitch.min).max(VOICE_LIMITS.pitch.max),
});
export type VoiceSettings = z.infer<typeof VoiceSettingsSchema>;

const KEY = 'atelier.voice.settings';

const DEFAULT_VOICE_SETTINGS: VoiceSettings = {
  engine: 'espeak',
  espeakVoice: 'en-gb',
  variant: '',
  piperVoice: '',
  speaker: 0,
  kokoroModel: '',
  kokoroVoice: KOKORO_DEFAULT_VOICE,
  remoteModel: '',
  remoteVoice: REMOTE_VOICE_LIMITS.defaultVoice,
  rate: VOICE_LIMITS.rate.default,
  pitch: VOICE_LIMITS.pitch.default,
};

function read(): VoiceSettings {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return DEFAULT_VOICE_SETTINGS;
    // Field by field: one bad value (a limit that changed) must not throw away the rest.
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null) return DEFAULT_VOICE_SETTINGS;
    const merged: Record<string, unknown> = { ...DEFAULT_VOICE_SETTINGS };
    for (const [name, schema] of Object.entries(VoiceSettingsSchema.shape)) {
      const value = schema.safeParse((stored as Record<string, unknown>)[name]);
      if (value.success) merged[name] = value.data;
    }
    return VoiceSettingsSchema.parse(merged);
  } catch {
    return DEFAULT_VOICE_SETTINGS;
  }
}

/** The Voice tab's engine, voice and sliders, remembered across reloads. */
export function useVoiceSettings(): [VoiceSettings, (patch: Partial<VoiceSettings>) => void] {
  const [settings, setSettings] = useState<VoiceSettings>(read);
  const change = useCallback((patch: Partial<VoiceSettings>) => {
    setSettings((current) => {
      const next = { ...current, ...patch };
      try {
        window.localStorage.setItem(KEY, JSON.stringify(next));
      } catch {
        // Without storage the settings last until the page closes, which is fine.
      }
      return next;
    });
  }, []);
  return [settings, change];
}
