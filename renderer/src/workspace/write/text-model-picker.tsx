import { CircleAlert, Globe, RefreshCw } from 'lucide-react';
import { useId } from 'react';
import '../../styles/remotes.css';
import type { TextModelChoice } from './text-model-choice.js';

interface TextModelPickerProps {
  choice: TextModelChoice;
  disabled: boolean;
  refreshing: boolean;
  onChoose(id: string): void;
  onRefresh(): void;
  onOpenModels(): void;
}

/** Local text models and the remote engines' ones, the latter tagged so a writer knows their words leave the computer. */
export function TextModelPicker({ choice, disabled, refreshing, onChoose, onRefresh, onOpenModels }: TextModelPickerProps) {
  const id = useId();
  const note = useId();
  const { chosen } = choice;
  // Nothing to refresh without remotes; one that is down still gets the button, to try again.
  const hasRemotes = choice.remote.length > 0 || choice.unreachable.length > 0;
  return (
    <div className="write-model">
      <div className="write-model-row">
        <label className="field-label" htmlFor={id}>
          Model
        </label>
        <select
          id={id}
          className="select-input write-model-select"
          value={chosen?.id ?? ''}
          disabled={disabled}
          aria-describedby={note}
          onChange={(event) => onChoose(event.target.value)}
        >
          {choice.local.length > 0 ? (
            <optgroup label="On this computer">
              {choice.local.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                  {option.active ? ' (active)' : ''}
                </option>
              ))}
            </optgroup>
          ) : null}
          {choice.remote.length > 0 ? (
            <optgroup label="Remote engines">
              {choice.remote.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label} · remote {option.remote}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
        {hasRemotes ? (
          <button
            type="button"
            className="icon-button icon-button-small"
            aria-label="Refresh remote models"
            title="Ask the remote engines for their models again"
            disabled={refreshing}
            onClick={onRefresh}
          >
            <RefreshCw aria-hidden="true" size={14} className={refreshing ? 'spin' : undefined} />
          </button>
        ) : null}
      </div>
      <p id={note} className="inline-field-note write-model-note">
        {chosen?.remote ? (
          <>
            <span className="remote-tag">
              <Globe aria-hidden="true" size={11} />
              remote
            </span>{' '}
            Runs on “{chosen.remote}”: your text is sent to that server.
          </>
        ) : (
          'Runs on this computer.'
        )}{' '}
        <button type="button" className="link-button" onClick={onOpenModels}>
          Manage models
        </button>
      </p>
      {choice.unreachable.map(({ remote, error }) => (
        <p key={remote} className="inline-field-note write-model-unreachable" title={error.message}>
          <CircleAlert aria-hidden="true" size={13} />
          <span>“{remote}” is not answering; its models are left out until a refresh finds it.</span>
        </p>
      ))}
    </div>
  );
}
