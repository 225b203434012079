import { Play, Trash2 } from 'lucide-react';
import { useId, useRef, useState, type RefObject } from 'react';
import { toErrorShape, type ErrorShape, type Pronunciation } from '../../../../../preload/contract.js';
import { useClient } from '../../../state/client-context.js';
import { resultOf } from '../../../state/job-store.js';
import { useJobSettled } from '../../../state/use-job-store.js';

interface PronunciationListProps {
  entries: readonly Pronunciation[];
  onChange(entries: Pronunciation[], save: boolean): void;
}

/** "Try it": the word spoken by the narrator with this entry applied, played here when the clip is made. */
function useTryWord(): { trying: string | null; error: ErrorShape | null; tryWord(entry: Pronunciation): void; audio: RefObject<HTMLAudioElement | null> } {
  const client = useClient();
  const whenSettled = useJobSettled();
  const [trying, setTrying] = useState<string | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);
  const tryWord = (entry: Pronunciation) => {
    setError(null);
    setTrying(entry.word);
    client.api.cast
      .try({ word: entry.word, ...(entry.say.trim() && { say: entry.say }) })
      .then(({ jobId }) =>
        whenSettled(jobId, (job) => {
          setTrying(null);
          const asset = resultOf(job, 'voice.generate');
          if (!asset) {
            if (job.error) setError(job.error);
            return;
          }
          void client.assetUrl(asset.id, 'file').then((url) => {
            const player = audio.current;
            if (!player) return;
            player.src = url;
            player.play().catch((failure: unknown) => setError(toErrorShape(failure)));
          });
        }),
      )
      .catch((failure: unknown) => {
        setTrying(null);
        setError(toErrorShape(failure));
      });
  };
  return { trying, error, tryWord, audio };
}

/** The project's dictionary: a word and how to say it (a respelling, or IPA between slashes), each with Try it. */
export function PronunciationList({ entries, onChange }: PronunciationListProps) {
  const id = useId();
  const { trying, error, tryWord, audio } = useTryWord();
  const update = (index: number, patch: Partial<Pronunciation>, save: boolean) =>
    onChange(
      entries.map((e, i) => (i === index ? { ...e, ...patch } : e)),
      save,
    );
  return (
    <div className="cast-dictionary">
      <h4 className="cast-subtitle">Pronunciation</h4>
      <p className="muted">
        A word and how to say it: a respelling (<code>nee-AHM</code>) or IPA between slashes (<code>/ˈnaɪ.vəl/</code>). Every voice uses it.
      </p>
      {entries.length > 0 ? (
        <ul className="cast-list" aria-label="Pronunciation dictionary">
          {entries.map((entry, index) => (
            <li key={index} className="cast-row" aria-label={entry.word || `word ${index + 1}`}>
              <label className="field" htmlFor={`${id}-word-${index}`}>
                <span className="field-label">Word</span>
                <input
                  id={`${id}-word-${index}`}
                  className="text-input"
                  value={entry.word}
                  maxLength={64}
                  onChange={(event) => update(index, { word: event.target.value }, false)}
                  onBlur={() => entry.word.trim() && entry.say.trim() && update(index, {}, true)}
                />
              </label>
              <label className="field" htmlFor={`${id}-say-${index}`}>
                <span className="field-label">Say it as</span>
                <input
                  id={`${id}-say-${index}`}
                  className="text-input"
                  value={entry.say}
                  maxLength={200}
                  onChange={(event) => update(index, { say: event.target.value }, false)}
                  onBlur={() => entry.word.trim() && entry.say.trim() && update(index, {}, true)}
                />
              </label>
              <button
                type="button"
                className="button button-small"
                disabled={!entry.word.trim() || trying !== null}
                aria-label={`Try ${entry.word || 'this word'}`}
                onClick={() => tryWord(entry)}
              >
                <Play aria-hidden="true" size={14} />
                {trying === entry.word ? 'Speaking…' : 'Try it'}
              </button>
              <button
                type="button"
                className="icon-button cast-remove"
                aria-label={`Remove ${entry.word || 'this word'} from the dictionary`}
                onClick={() =>
                  onChange(
                    entries.filter((_, i) => i !== index),
                    true,
                  )
                }
              >
                <Trash2 aria-hidden="true" size={15} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="button button-small" onClick={() => onChange([...entries, { word: '', say: '' }], false)}>
        Add a word
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <audio ref={audio} className="cast-try-audio" aria-label="Pronunciation try-out" />
    </div>
  );
}
