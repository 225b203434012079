import { Boxes, Check, LoaderCircle, PenLine, RotateCcw, Save, Send, Square, Trash2, X } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { TEXT_TONES, type ErrorShape, type InstalledModel, type SystemPreset, type TextAction, type TextTone } from '../../../../preload/contract.js';
import { EmptyState } from '../../components/empty-state.js';
import { hintFor } from '../../format/error-hints.js';
import { MOD } from '../../state/shortcuts.js';
import type { TextRun } from './use-text-generation.js';
import type { TextPresets } from './use-text-presets.js';
import type { TextModelChoice } from './text-model-choice.js';
import { TextModelPicker } from './text-model-picker.js';
import { AssistantParameters, statusLine } from './assistant-fields.js';
import { ACTION_BUTTONS, LANGUAGES, TONE_LABELS, type AssistantSettings } from './assistant-settings.js';

interface AssistantPanelProps {
  models: InstalledModel[] | null;
  /** Local and remote text models, and which one runs next. */
  choice: TextModelChoice;
  refreshingRemotes: boolean;
  onRefreshRemotes(): void;
  settings: AssistantSettings;
  onChange(patch: Partial<AssistantSettings>): void;
  presets: TextPresets;
  run: TextRun | null;
  error: ErrorShape | null;
  /** A sentence when nothing can run yet (no project, bad numbers). */
  problem: string | null;
  hasSelection: boolean;
  /** What Accept will do with the suggestion, in words. */
  acceptNote: string;
  onRun(action: TextAction): void;
  onStop(): void;
  onAccept(text: string): void;
  onDiscard(): void;
  onOpenModels(): void;
}

export function AssistantPanel(props: AssistantPanelProps) {
  const {
    models,
    choice,
    refreshingRemotes,
    onRefreshRemotes,
    settings,
    onChange,
    presets,
    run,
    error,
    problem,
    hasSelection,
    acceptNote,
    onRun,
    onStop,
    onAccept,
    onDiscard,
    onOpenModels,
  } = props;
  const ids = {
    tone: useId(),
    language: useId(),
    prompt: useId(),
    preset: useId(),
    system: useId(),
    temperature: useId(),
    topP: useId(),
    maxTokens: useId(),
    seed: useId(),
    presetName: useId(),
    hint: useId(),
    suggestion: useId(),
  };
  const [edited, setEdited] = useState('');
  const [newName, setNewName] = useState('');
  const running = run?.state === 'running';
  const stopRef = useRef<HTMLButtonElement>(null);
  const acceptRef = useRef<HTMLButtonElement>(null);
  const discardRef = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(false);

  const focusPending = useRef(false);

  // The action button that started a run is disabled while it runs, and Stop goes when it ends:
  // without this the focus would fall to the page both times. It moves to Stop, then to Accept
  // (Discard until Accept is there: the job's end and its text can arrive in separate renders),
  // unless the writer has put it somewhere else meanwhile. Stop and Discard have keys: as one
  // reused <button>, Stop's focus would pass silently to Discard.
  useEffect(() => {
    if (running !== wasRunning.current) {
      wasRunning.current = running;
      const active = document.activeElement;
      const dropped = !active || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
      focusPending.current = !running && dropped;
      if (running && dropped) stopRef.current?.focus();
    }
    if (!focusPending.current) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== discardRef.current) {
      focusPending.current = false;
      return;
    }
    const accept = acceptRef.current;
    if (accept && !accept.disabled) {
      accept.focus();
      focusPending.current = false;
    } else discardRef.current?.focus();
  });

  // The suggestion box follows the stream; once it ends the writer may edit it before accepting.
  useEffect(() => {
    setEdited(run?.text ?? '');
  }, [run?.text, run?.jobId]);

  if (models === null || (!choice.chosen && choice.pending)) return <section className="sound-card write-assistant" aria-label="Assistant" aria-busy="true" />;
  if (!choice.chosen) {
    return (
      <section className="sound-card write-assistant" aria-label="Assistant">
        <EmptyState
          icon={PenLine}
          title="Writing needs a text model"
          actions={
            <button type="button" className="button button-primary" onClick={onOpenModels}>
              <Boxes aria-hidden="true" size={15} />
              Open Models
            </button>
          }
        >
          <p>
            The assistant writes with a language model. Download or import a GGUF model in Models and nothing you write leaves this computer, or add a remote
            engine in Settings to use a bigger machine. The editor works meanwhile.
          </p>
        </EmptyState>
      </section>
    );
  }

  const list = presets.presets ?? [];
  const preset = list.find((p) => p.id === settings.presetId) ?? null;
  const systemChanged = preset !== null && settings.system !== preset.system;
  const disabled = running || problem !== null;

  async function savePreset(next: SystemPreset[], selectId: string) {
    const kept = await presets.save(next);
    if (!kept) return;
    const chosen = kept.find((p) => p.id === selectId);
    onChange({ presetId: chosen?.id ?? '', system: chosen?.system ?? '' });
  }

  function saveEdits() {
    if (!preset) return;
    void savePreset(
      list.map((p) => (p.id === preset.id ? { ...p, system: settings.system } : p)),
      preset.id,
    );
  }

  function saveAsNew() {
    const name = newName.trim();
    if (!name) return;
    const id = `custom-${Date.now().toString(36)}`;
    setNewName('');
    void savePreset([...list, { id, name, system: settings.system, builtIn: false }], id);
  }

  function removePreset() {
    if (!preset) return;
    // A built-in one comes back with its default text: deleting it is its reset.
    void savePreset(
      list.filter((p) => p.id !== preset.id),
      preset.builtIn ? preset.id : '',
    );
  }

  const nothing = run !== null && !running && run.text === '';
  const tokensPerSecond = run?.result ? `${run.result.tokens} tokens · ${run.result.tokensPerSecond.toFixed(1)} tok/s` : run?.detail;

  return (
    <section className="sound-card write-assistant" aria-label="Assistant">
      <header className="write-assistant-header">
        <h3 className="sound-card-title">Assistant</h3>
        <TextModelPicker
          choice={choice}
          disabled={running}
          refreshing={refreshingRemotes}
          onChoose={(model) => onChange({ model })}
          onRefresh={onRefreshRemotes}
          onOpenModels={onOpenModels}
        />
      </header>

      <div className="write-actions" role="group" aria-label="Actions">
        {ACTION_BUTTONS.map(({ action, label }) => (
          <button key={action} type="button" className="button button-small" disabled={disabled} aria-describedby={ids.hint} onClick={() => onRun(action)}>
            {label}
          </button>
        ))}
      </div>
      <div className="write-options">
        <div className="field">
          <label className="field-label" htmlFor={ids.tone}>
            Tone
          </label>
          <select id={ids.tone} className="select-input" value={settings.tone} onChange={(event) => onChange({ tone: event.target.value as TextTone })}>
            {TEXT_TONES.map((tone) => (
              <option key={tone} value={tone}>
                {TONE_LABELS[tone]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.language}>
            Language
          </label>
          <select id={ids.language} className="select-input" value={settings.language} onChange={(event) => onChange({ language: event.target.value })}>
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {language}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="field">
        <label className="field-label" htmlFor={ids.prompt}>
          Ask anything
        </label>
        <div className="write-prompt-row">
          <textarea
            id={ids.prompt}
            className="text-input write-prompt"
            rows={2}
            maxLength={50_000}
            placeholder="Describe the harbour at night in three sentences"
            value={settings.prompt}
            onChange={(event) => onChange({ prompt: event.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label="Send the prompt"
            title="Send the prompt"
            disabled={disabled || settings.prompt.trim() === ''}
            onClick={() => onRun('prompt')}
          >
            <Send aria-hidden="true" size={16} />
          </button>
        </div>
      </div>

      <p id={ids.hint} className={problem ? 'field-error' : 'inline-field-note'}>
        {problem ?? (hasSelection ? 'Works on the selected text. ' : 'Works on the whole document. ') + `${MOD}+Enter repeats the last action; Esc stops.`}
      </p>

      <section className="write-suggestion" aria-label="Suggestion">
        <div className="write-suggestion-status" role="status" aria-live="polite">
          {running ? <LoaderCircle aria-hidden="true" size={14} className="spin" /> : null}
          <span>{statusLine(run, tokensPerSecond)}</span>
        </div>
        {run ? (
          <>
            {nothing ? (
              run.state === 'failed' ? null : (
                <p className="inline-field-note">
                  {run.state === 'cancelled'
                    ? 'Stopped before any text arrived.'
                    : 'The model gave no text back. Try again with another seed or a higher temperature.'}
                </p>
              )
            ) : (
              <>
                <label className="visually-hidden" htmlFor={ids.suggestion}>
                  Suggested text
                </label>
                <textarea
                  id={ids.suggestion}
                  className="text-input write-suggestion-text"
                  rows={6}
                  readOnly={running}
                  value={running ? run.text : edited}
                  onChange={(event) => setEdited(event.target.value)}
                />
                {running ? null : <p className="inline-field-note">{acceptNote}</p>}
              </>
            )}
            <div className="write-suggestion-actions">
              {running ? (
                <button key="stop" ref={stopRef} type="button" className="button" onClick={onStop} aria-keyshortcuts="Escape">
                  <Square aria-hidden="true" size={14} />
                  Stop
                </button>
              ) : (
                <>
                  <button key="discard" ref={discardRef} type="button" className="button" onClick={onDiscard}>
                    <X aria-hidden="true" size={14} />
                    Discard
                  </button>
                  {nothing ? null : (
                    <button ref={acceptRef} type="button" className="button button-primary" disabled={edited === ''} onClick={() => onAccept(edited)}>
                      <Check aria-hidden="true" size={14} />
                      Accept
                    </button>
                  )}
                </>
              )}
            </div>
          </>
        ) : null}
        {error ? (
          <div className="notice notice-error" role="alert">
            <p>
              {error.message} {hintFor(error.code, error.message) ?? ''}
              {error.code.startsWith('MODEL_') || error.code === 'ENGINE_UNAVAILABLE' ? (
                <>
                  {' '}
                  <button type="button" className="link-button" onClick={onOpenModels}>
                    Open Models
                  </button>
                </>
              ) : null}
            </p>
            <button type="button" className="icon-button icon-button-small" aria-label="Dismiss the error" title="Dismiss" onClick={onDiscard}>
              <X aria-hidden="true" size={14} />
            </button>
          </div>
        ) : null}
      </section>

      <details className="write-details">
        <summary>System prompt</summary>
        <div className="field">
          <label className="field-label" htmlFor={ids.preset}>
            Preset
          </label>
          <select
            id={ids.preset}
            className="select-input"
            value={settings.presetId}
            onChange={(event) => {
              const chosen = list.find((p) => p.id === event.target.value);
              onChange({ presetId: chosen?.id ?? '', system: chosen?.system ?? '' });
            }}
          >
            <option value="">Default for each action</option>
            {list.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.system}>
            System prompt
          </label>
          <textarea
            id={ids.system}
            className="text-input write-system"
            rows={4}
            maxLength={20_000}
            placeholder="Empty: each action uses its own instructions."
            value={settings.system}
            onChange={(event) => onChange({ system: event.target.value })}
          />
        </div>
        <div className="write-preset-actions">
          {preset ? (
            <>
              <button type="button" className="button button-small" disabled={!systemChanged} onClick={saveEdits}>
                <Save aria-hidden="true" size={13} />
                Save preset
              </button>
              <button type="button" className="button button-small button-ghost" onClick={removePreset}>
                {preset.builtIn ? <RotateCcw aria-hidden="true" size={13} /> : <Trash2 aria-hidden="true" size={13} />}
                {preset.builtIn ? 'Reset to default' : 'Delete preset'}
              </button>
            </>
          ) : null}
        </div>
        <div className="write-prompt-row">
          <label className="visually-hidden" htmlFor={ids.presetName}>
            New preset name
          </label>
          <input
            id={ids.presetName}
            className="text-input text-input-compact"
            maxLength={80}
            placeholder="New preset name"
            value={newName}
            onChange={(event) => setNewName(event.target.value)}
          />
          <button type="button" className="button button-small" disabled={newName.trim() === '' || settings.system.trim() === ''} onClick={saveAsNew}>
            Add preset
          </button>
        </div>
      </details>

      <AssistantParameters ids={ids} settings={settings} onChange={onChange} />
    </section>
  );
}
