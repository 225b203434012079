import type { VoiceList } from '../../../../../preload/contract.js';

/** How the engines are named in the Cast section; an engine added later shows its id until it is named here. */
export const ENGINE_LABELS: Readonly<Record<string, string>> = { espeak: 'Built-in', piper: 'Natural', kokoro: 'Kokoro', remote: 'Remote' };

/**
 * The human name of an espeak voice as espeak itself resolves it: an id (`en-us`), a name,
 * or a language with no voice of its own (`en`, the default narrator's) through espeak's
 * preferred voice for it; a `+variant` is named too. Undefined when the list does not know it.
 */
function espeakVoiceName(list: VoiceList, wanted: string): string | undefined {
  const [base = '', variantId] = wanted.trim().split('+');
  const key = base.toLowerCase();
  const voice =
    list.voices.find((v) => v.id.toLowerCase() === key) ??
    list.voices.find((v) => v.name.toLowerCase() === key) ??
    list.voices.find((v) => v.id === list.aliases?.[key]);
  if (!voice) return undefined;
  if (variantId === undefined) return voice.name;
  const variant = list.variants.find((v) => v.id.toLowerCase() === variantId.toLowerCase());
  return variant ? `${voice.name}, ${variant.name}` : undefined;
}

/** The Kokoro model a character speaks with (it names none): the active one, else the first installed, as the service picks. */
function kokoroModel(list: VoiceList) {
  return list.kokoro.find((m) => m.active) ?? list.kokoro[0];
}

/** The voices the list offers for an engine; null: type the voice id (engines the list does not describe). */
export function voiceChoices(list: VoiceList | null, engine: string): { id: string; name: string }[] | null {
  if (!list) return null;
  if (engine === 'espeak') return list.voices.map((v) => ({ id: v.id, name: `${v.name} (${v.id})` }));
  if (engine === 'piper') return list.neural.map((v) => ({ id: v.id, name: v.name }));
  if (engine === 'kokoro') {
    const model = kokoroModel(list);
    return model
      ? model.voices.map((v) => ({ id: v.id, name: [v.name, v.languageName, v.gender === 'unknown' ? undefined : v.gender].filter(Boolean).join(' · ') }))
      : null;
  }
  return null;
}

/** What the voice select shows for a voice its list does not hold: its human name where one is known. */
export function unlistedVoiceLabel(list: VoiceList | null, engine: string, voice: string): string {
  if (engine === 'espeak' && list) {
    const name = espeakVoiceName(list, voice);
    return name ? `${name} (${voice})` : voice;
  }
  return engine === 'piper' || engine === 'kokoro' ? `${voice} (not installed)` : voice;
}
