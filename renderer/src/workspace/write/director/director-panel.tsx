import { LoaderCircle, MessageSquarePlus, Send } from 'lucide-react';
import { useId, useState, type KeyboardEvent } from 'react';
import { DIRECTOR_TOOL_INFO, DIRECTOR_TOOLS, type DirectorCallEntry, type DirectorToolName } from '../../../../../preload/contract.js';
import type { Director } from './use-director.js';
import { DirectorCard } from './director-card.js';

/** "Let the model choose", or the action the creator picks: the model must then call that tool. */
type Pick = '' | 'any' | DirectorToolName;

interface DirectorPanelProps {
  director: Director;
  /** A sentence when nothing can run yet (no project, no text model). */
  problem: string | null;
  /** The editor's selection (or the whole document): offered as what to work on. */
  passage: string;
}

/**
 * The director: a conversation with the text model in which it may call the studio's
 * tools. Each call is a card the creator approves or rejects (read-only tools run without
 * one); what an approved call makes appears on its card and in the project.
 */
export function DirectorPanel({ director, problem, passage }: DirectorPanelProps) {
  const ids = { message: useId(), pick: useId(), hint: useId() };
  const [text, setText] = useState('');
  const [pick, setPick] = useState<Pick>('');
  const { state, sending } = director;
  const thinking = state?.thinking ?? false;
  const disabled = problem !== null || sending || thinking;

  async function send() {
    const words = text.trim() || passage.trim();
    if (!words || disabled) return;
    const sent = await director.send({ text: words.slice(0, 20_000), ...(pick && { tool: pick }) });
    if (sent) setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      void send();
    }
  }

  return (
    <div className="director">
      <ol className="director-log" aria-label="Director conversation" aria-live="polite">
        {(state?.entries ?? []).map((entry) => (
          <li key={entry.id} className={`director-entry director-entry-${entry.type}`}>
            {entry.type === 'user' ? <p className="director-bubble director-bubble-user">{entry.text}</p> : null}
            {entry.type === 'assistant' ? <p className="director-bubble">{entry.text}</p> : null}
            {entry.type === 'error' ? (
              <p className="field-error" role="alert">
                {entry.error.message}
              </p>
            ) : null}
            {entry.type === 'call' ? (
              <DirectorCard call={entry as DirectorCallEntry} disabled={sending} onDecide={(approve, always) => director.decide(entry.id, approve, always)} />
            ) : null}
          </li>
        ))}
        {thinking ? (
          <li className="director-entry inline-field-note" role="status">
            <LoaderCircle aria-hidden="true" size={14} className="spin" /> The director is thinking…
          </li>
        ) : null}
      </ol>
      {state && state.entries.length === 0 && !thinking ? (
        <p className="inline-field-note">Ask the director to picture a passage, narrate it, add a sound or build the storyboard. You approve every step.</p>
      ) : null}

      <div className="field">
        <label className="field-label" htmlFor={ids.pick}>
          Action
        </label>
        <select id={ids.pick} className="select-input" value={pick} onChange={(event) => setPick(event.target.value as Pick)}>
          <option value="">Let the director choose</option>
          <option value="any">Any tool</option>
          {DIRECTOR_TOOLS.map((tool) => (
            <option key={tool} value={tool}>
              {DIRECTOR_TOOL_INFO[tool].label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={ids.message}>
          Message to the director
        </label>
        <div className="write-prompt-row">
          <textarea
            id={ids.message}
            className="text-input write-prompt"
            rows={3}
            maxLength={20_000}
            value={text}
            placeholder={passage.trim() ? 'Empty: the selected passage is sent' : 'Illustrate the opening paragraph…'}
            aria-describedby={ids.hint}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="button button-primary" disabled={disabled || (!text.trim() && !passage.trim())} onClick={() => void send()}>
            <Send aria-hidden="true" size={15} />
            Send
          </button>
        </div>
        <p id={ids.hint} className={problem ? 'field-error' : 'inline-field-note'}>
          {problem ?? 'Read-only tools (list and read assets) run without asking; every other call waits for your approval.'}
        </p>
      </div>

      {state && state.alwaysAllow.length > 0 ? (
        <div className="director-allowed" role="group" aria-label="Always allowed in this project">
          <span className="inline-field-note">Always allowed here:</span>
          {state.alwaysAllow.map((tool) => (
            <button key={tool} type="button" className="button button-small button-ghost" onClick={() => director.allow(tool, false)}>
              {DIRECTOR_TOOL_INFO[tool].label} · revoke
            </button>
          ))}
        </div>
      ) : null}
      <button type="button" className="button button-small button-ghost" disabled={thinking || !state?.entries.length} onClick={director.clear}>
        <MessageSquarePlus aria-hidden="true" size={14} />
        New conversation
      </button>
    </div>
  );
}
