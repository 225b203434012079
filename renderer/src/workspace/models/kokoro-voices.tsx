import { LoaderCircle, Play } from 'lucide-react';
import { useEffect, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useVoiceList } from '../voice/use-voice-list.js';

/** A sample's WAV as a blob: URL the page may play (the CSP allows blob: media, not data:). */
function wavUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
}

type SampleState =
  { voice: string; state: 'making' } | { voice: string; state: 'ready'; url: string; text: string } | { voice: string; state: 'failed'; error: ErrorShape };

/**
 * An installed Kokoro model's voices with their language and gender, each with a Sample
 * button: the clip is made on demand (nothing is saved) and plays here.
 */
export function KokoroVoices({ modelId }: { modelId: string }) {
  const { api } = useClient();
  const { list } = useVoiceList();
  const model = list?.kokoro.find((m) => m.id === modelId);
  const [sample, setSample] = useState<SampleState | null>(null);
  const url = sample?.state === 'ready' ? sample.url : null;

  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  if (!model) return null;

  function play(voice: string) {
    setSample({ voice, state: 'making' });
    api.voice
      .sample({ model: modelId, voice })
      .then((made) => setSample({ voice, state: 'ready', url: wavUrl(made.wavBase64), text: made.text }))
      .catch((failure: unknown) => setSample({ voice, state: 'failed', error: toErrorShape(failure) }));
  }

  return (
    <details className="kokoro-voices">
      <summary>{model.voices.length} voices</summary>
      <ul className="kokoro-voice-list" aria-label={`Voices of ${model.name}`}>
        {model.voices.map((voice) => (
          <li key={voice.id} className="kokoro-voice" aria-label={voice.name}>
            <span className="kokoro-voice-text">
              <span className="kokoro-voice-name">{voice.name}</span>{' '}
              <span className="installed-facts">
                {[voice.languageName ?? voice.languages[0] ?? 'Unknown language', voice.gender === 'unknown' ? null : voice.gender, voice.id]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </span>
            <button
              type="button"
              className="button button-small button-ghost"
              aria-label={`Sample ${voice.name}`}
              disabled={sample?.state === 'making'}
              onClick={() => play(voice.id)}
            >
              {sample?.voice === voice.id && sample.state === 'making' ? (
                <LoaderCircle aria-hidden="true" size={14} className="spin" />
              ) : (
                <Play aria-hidden="true" size={14} />
              )}
              Sample
            </button>
            {sample?.voice === voice.id && sample.state === 'ready' ? (
              // Plays as soon as it arrives: the creator pressed Sample to hear it.
              <audio className="kokoro-voice-audio" src={sample.url} controls autoPlay aria-label={`Sample of ${voice.name}: ${sample.text}`} />
            ) : null}
            {sample?.voice === voice.id && sample.state === 'failed' ? (
              <span className="field-error" role="alert">
                {sample.error.message}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
