import type { InstalledModel } from '../../../preload/schemas/model.js';
import type { VoiceSample } from '../../../preload/schemas/voice.js';
import type { KokoroEngine } from '../../engines/voice/kokoro/kokoro-engine.js';
import { finishSpeech } from '../../platform/audio/speech-finish.js';
import { kokoroLanguageOf, describeKokoroVoice } from '../../engines/voice/kokoro/kokoro-voices.js';

/** A line in each Kokoro language for a voice to introduce itself: short, so a sample comes back in a moment. */
const GREETINGS: Readonly<Record<string, (name: string) => string>> = {
  a: (name) => `Hello! I'm ${name}, one of the Kokoro voices.`,
  b: (name) => `Hello! I'm ${name}, one of the Kokoro voices.`,
  e: (name) => `¡Hola! Soy ${name}, una de las voces de Kokoro.`,
  f: (name) => `Bonjour ! Je suis ${name}, une des voix de Kokoro.`,
  h: (name) => `नमस्ते! मैं ${name} हूँ।`,
  i: (name) => `Ciao! Sono ${name}, una delle voci di Kokoro.`,
  j: (name) => `こんにちは、${name}です。`,
  p: (name) => `Olá! Eu sou ${name}, uma das vozes do Kokoro.`,
  z: (name) => `你好，我是${name}。`,
};

/** What a voice says as its sample, in its own language. */
function kokoroSampleText(voice: string): string {
  const info = describeKokoroVoice(voice);
  const greet = GREETINGS[kokoroLanguageOf(voice).code] ?? GREETINGS.a;
  return (greet as (name: string) => string)(info.name);
}

/** A sample clip: the greeting spoken at normal speed, finished, as base64 WAV for one reply. */
export async function makeKokoroSample(kokoro: KokoroEngine, model: InstalledModel, voice: string, signal: AbortSignal): Promise<VoiceSample> {
  const text = kokoroSampleText(voice);
  const made = await kokoro.generate({ text, modelPath: model.path, label: model.name, voice, rate: 1 }, signal, () => undefined);
  const finished = finishSpeech(made.samples, made.sampleRate);
  return { wavBase64: Buffer.from(finished.wav).toString('base64'), sampleRate: finished.sampleRate, durationMs: finished.durationMs, text };
}
