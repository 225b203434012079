import type { InstalledModel } from '../../../preload/schemas/model.js';
import { findPiperModel, installedPiperModels } from '../../engines/voice/piper/piper-voices.js';
import { finishSpeech } from '../../platform/audio/speech-finish.js';

/** The one answer to "which voice": the installed neural (Piper) voice with this id; undefined when there is none. */
export function findVoiceModel(installed: readonly InstalledModel[], id: string): InstalledModel | undefined {
  return installedPiperModels(installed).find((m) => m.id === id);
}

/** The same voice, or MODEL_NOT_FOUND naming the installed ones (the Voice tab, the CLI). */
export function requireVoiceModel(installed: readonly InstalledModel[], id: string): InstalledModel {
  return findPiperModel(installed, id);
}

/** A short, file-friendly label from the start of the text. */
export function clipName(text: string): string {
  const clean = text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\\/:*?"<>|]/g, '');
  if (clean.length <= 40) return clean.replace(/[.!?,;:]+$/, '') || 'Narration';
  // Cut at a word boundary so a name never ends mid-word or on a dangling space.
  const cut = clean.slice(0, 41);
  const atWord = cut.lastIndexOf(' ') > 20 ? cut.slice(0, cut.lastIndexOf(' ')) : cut.slice(0, 40);
  return `${atWord.replace(/[\s.!?,;:]+$/, '')}…`;
}

/**
 * The asset a narration becomes, whichever local engine spoke it: finished first (peak at
 * -1 dBFS, ends at a fixed pad of silence), with what finishing did kept in its origin.
 */
export function spokenClip(
  name: string,
  text: string,
  made: { samples: Int16Array; sampleRate: number },
  origin: { engine: string; model?: string; parameters: Record<string, unknown> },
) {
  const finished = finishSpeech(made.samples, made.sampleRate);
  return {
    file: {
      kind: 'audio' as const,
      mime: 'audio/wav',
      ext: 'wav',
      bytes: finished.wav,
      name: `${name}.wav`,
      origin: {
        ...origin,
        parameters: { ...origin.parameters, finish: finished.finish },
        prompt: text.slice(0, 2000),
        durationMs: finished.durationMs,
      },
    },
    summary: `${(finished.durationMs / 1000).toFixed(1)} s of speech`,
  };
}
