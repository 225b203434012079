import { Search } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { prepareVoices, searchVoices, type SearchableVoice } from './voice-search.js';

interface VoicePickerProps<V extends SearchableVoice> {
  voices: readonly V[];
  selectedId: string;
  onSelect(voice: V): void;
  /** Extra words after the languages: "medium quality · 4 speakers". */
  extra?(voice: V): string | null;
}

/**
 * A searchable list of voices: type a language in English or in itself, or a code,
 * then pick with the mouse or the arrow keys (the search box's ↓ moves into the list).
 * The selection follows the arrow keys, as in a native list box.
 */
export function VoicePicker<V extends SearchableVoice>({ voices, selectedId, onSelect, extra }: VoicePickerProps<V>) {
  const ids = { search: useId(), list: useId(), count: useId(), option: useId() };
  const [query, setQuery] = useState('');
  const entries = useMemo(() => prepareVoices(voices), [voices]);
  const shown = useMemo(() => searchVoices(entries, query), [entries, query]);
  const list = useRef<HTMLUListElement>(null);
  const optionId = (voiceId: string) => `${ids.option}-${voiceId.replace(/[^\w-]/g, '_')}`;
  const selectedShown = shown.some((entry) => entry.voice.id === selectedId);

  // Keep the picked voice in view when it changes or the list around it does.
  useEffect(() => {
    const box = list.current;
    const item = box?.querySelector<HTMLElement>('[aria-selected="true"]');
    if (!box || !item) return;
    const top = item.offsetTop - box.offsetTop;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + item.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = top + item.offsetHeight - box.clientHeight;
  }, [selectedId, shown]);

  function move(by: number | 'first' | 'last') {
    if (shown.length === 0) return;
    const at = shown.findIndex((entry) => entry.voice.id === selectedId);
    const next = by === 'first' ? 0 : by === 'last' ? shown.length - 1 : at === -1 ? 0 : Math.min(shown.length - 1, Math.max(0, at + by));
    const entry = shown[next];
    if (entry) onSelect(entry.voice);
  }

  function onListKey(event: KeyboardEvent<HTMLUListElement>) {
    const steps: Record<string, number | 'first' | 'last'> = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8, Home: 'first', End: 'last' };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    move(step);
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!selectedShown) move('first');
      list.current?.focus();
    } else if (event.key === 'Enter') {
      // Enter takes the best match, so "german ⏎" is all it takes.
      event.preventDefault();
      const first = shown[0];
      if (first) onSelect(first.voice);
    }
  }

  return (
    <div className="voice-picker">
      <div className="voice-search">
        <Search aria-hidden="true" size={14} />
        <input
          id={ids.search}
          className="text-input text-input-compact"
          type="search"
          aria-label="Search voices"
          aria-controls={ids.list}
          aria-describedby={ids.count}
          placeholder="Search by language or name"
          autoComplete="off"
          spellCheck={false}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onSearchKey}
        />
      </div>
      <ul
        ref={list}
        id={ids.list}
        className="voice-list"
        role="listbox"
        aria-label="Voice"
        tabIndex={0}
        aria-activedescendant={selectedShown ? optionId(selectedId) : undefined}
        onKeyDown={onListKey}
      >
        {shown.map(({ voice, languageNames }) => {
          const more = extra?.(voice);
          const languages = [voice.languages[0], ...languageNames.filter((name) => name !== voice.name)].filter(Boolean).join(' · ');
          return (
            <li
              key={voice.id}
              id={optionId(voice.id)}
              role="option"
              className="voice-option"
              aria-selected={voice.id === selectedId}
              onClick={() => onSelect(voice)}
            >
              <span className="voice-option-name">{voice.name}</span>
              <span className="voice-option-meta">{[languages, more].filter(Boolean).join(' · ')}</span>
            </li>
          );
        })}
        {shown.length === 0 ? (
          <li className="voice-list-empty" role="presentation">
            No voice matches “{query}”. Try a language’s name or code, such as German or de.
          </li>
        ) : null}
      </ul>
      <p id={ids.count} className="inline-field-note" aria-live="polite">
        {query.trim() ? `${shown.length} of ${voices.length} voices` : `${voices.length} voices`}
      </p>
    </div>
  );
}
