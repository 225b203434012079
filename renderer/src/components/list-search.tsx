import { Search, X } from 'lucide-react';
import { useId } from 'react';

interface ListSearchProps {
  label: string;
  placeholder: string;
  query: string;
  shown: number;
  total: number;
  onChange(query: string): void;
}

/** A search box above a long list, with how many of its items are shown (announced politely). */
export function ListSearch({ label, placeholder, query, shown, total, onChange }: ListSearchProps) {
  const id = useId();
  return (
    <div className="list-search" role="search" aria-label={label}>
      <Search aria-hidden="true" size={14} className="list-search-icon" />
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        className="list-search-input"
        value={query}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query) {
            event.preventDefault();
            onChange('');
          }
        }}
      />
      {query ? (
        <button type="button" className="icon-button icon-button-small" aria-label={`Clear ${label.toLowerCase()}`} onClick={() => onChange('')}>
          <X aria-hidden="true" size={13} />
        </button>
      ) : null}
      <span className="list-search-count" aria-live="polite">
        {query ? `${shown} of ${total}` : ''}
      </span>
    </div>
  );
}
