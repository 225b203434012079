import { Boxes, LoaderCircle, Mic, Square, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  REMOTE_VOICE_LIMITS,
  VOICE_LIMITS,
  type Asset,
  type CallInput,
  type KokoroModelVoices,
  type NeuralVoice,
  type ProjectSummary,
  type RemoteModel,
} from '../../../../preload/contract.js';
import { hintFor } from '../../format/error-hints.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';
import { useRemoteModels } from '../../state/use-remote-models.js';
import { MOD } from '../../state/shortcuts.js';
import type { VoiceGeneration } from './use-voice-generation.js';
import { useVoiceList } from './use-voice-list.js';
import { useVoiceScript } from './use-voice-script.js';
import { useVoiceSettings, type VoiceSettings } from './use-voice-settings.js';
import { drafts } from '../write/browser-drafts.js';
import { markdownToSpeech } from './markdown-speech.js';
import { NarrationScript } from './narration-script.js';
import { activeEngine, chosenKokoro, chosenRemoteModel } from './voice-engine-choice.js';
import { EnginePicker, speakerOf, VoiceOptions } from './voice-options.js';

interface NarrationPanelProps {
  project: ProjectSummary | null;
  assets: Asset[] | null;
  generation: VoiceGeneration;
  onOpenModels(): void;
}

/** Why Generate would be refused, in words; null when it may run. */
function refusalFor(text: string, project: ProjectSummary | null): string | null {
  if (!project) return 'Open or create a project first: narration clips are kept in it.';
  if (text.trim() === '') return 'There is no text to speak. Type or paste some, or use the Write document.';
  if (text.length > VOICE_LIMITS.textChars) {
    return `The text has ${text.length.toLocaleString()} characters; the limit is ${VOICE_LIMITS.textChars.toLocaleString()}. Split it into several clips.`;
  }
  return null;
}

/**
 * The request the settings describe; null while a Piper voice is chosen but the list
 * of installed ones has not arrived. An installed voice that went away falls back to
 * the first one left, and with none left to the built-in voice.
 */
function requestFor(
  text: string,
  settings: VoiceSettings,
  neural: readonly NeuralVoice[] | null,
  remoteVoices: readonly RemoteModel[] | null,
  kokoro: readonly KokoroModelVoices[] | null = null,
): CallInput<'voice.generate'> | null {
  if ((settings.engine === 'piper' && neural === null) || (settings.engine === 'kokoro' && kokoro === null)) return null;
  const picked = settings.engine === 'kokoro' && kokoro ? chosenKokoro(kokoro, settings) : null;
  if (picked) return { text, engine: 'kokoro', model: picked.model.id, voice: picked.voice.id, rate: settings.rate };
  if (settings.engine === 'remote') {
    if (remoteVoices === null) return null;
    const remote = chosenRemoteModel(remoteVoices, settings.remoteModel);
    if (remote)
      return { text, engine: 'remote', voice: remote.id, remoteVoice: settings.remoteVoice.trim() || REMOTE_VOICE_LIMITS.defaultVoice, rate: settings.rate };
  }
  const piper = settings.engine === 'piper' ? (neural?.find((voice) => voice.id === settings.piperVoice) ?? neural?.[0]) : undefined;
  if (piper) {
    return { text, engine: 'piper', voice: piper.id, rate: settings.rate, ...(piper.speakers.length > 1 && { speaker: speakerOf(piper, settings.speaker) }) };
  }
  const voice = settings.variant ? `${settings.espeakVoice}+${settings.variant}` : settings.espeakVoice;
  return { text, engine: 'espeak', voice, rate: settings.rate, pitch: settings.pitch };
}

/** The Voice tab's narration: the script, the voice, Generate with progress and Stop. */
export function NarrationPanel({ project, assets, generation, onOpenModels }: NarrationPanelProps) {
  const { api } = useClient();
  const notify = useNotify();
  const ids = { heading: useId(), problem: useId() };
  const [text, setText] = useVoiceScript();
  const [settings, changeSettings] = useVoiceSettings();
  const voices = useVoiceList();
  const remoteModels = useRemoteModels();
  const remoteVoices = remoteModels.listing?.models.filter((m) => m.modality === 'voice') ?? null;
  const engine = activeEngine(settings.engine, voices.list?.neural.length ?? 0, remoteVoices?.length ?? 0, voices.list?.kokoro.length ?? 0);
  // `text`: the refusal is about the words in the box, so the box is marked invalid too.
  const [refusal, setRefusal] = useState<{ message: string; text: boolean } | null>(null);
  const [reading, setReading] = useState(false);
  const script = useRef<HTMLTextAreaElement>(null);
  const section = useRef<HTMLElement>(null);
  const { run, error, stopped } = generation;
  const running = run !== null;

  // A refusal that only waited for the voices goes once they are here.
  useEffect(() => {
    if (voices.list) setRefusal((current) => (current && !current.text ? null : current));
  }, [voices.list]);

  /** A Kokoro voice picked here is the one scenes are narrated with: its model becomes the active voice, the voice the narration voice. */
  function narrateWith(model: string, voice: string) {
    void Promise.all([api.settings.set({ kokoroVoice: voice }), api.models.use({ id: model })]).catch((failure: unknown) =>
      notify.error(failure, 'make this the narration voice'),
    );
  }

  function changeText(next: string) {
    setText(next);
    setRefusal(null);
  }

  function generate() {
    if (running) return;
    const problem = refusalFor(text, project);
    if (problem) {
      setRefusal({ message: problem, text: project !== null });
      if (project) script.current?.focus();
      return;
    }
    const request = requestFor(text, settings, voices.list?.neural ?? null, remoteVoices, voices.list?.kokoro ?? null);
    if (!request) {
      const what = settings.engine === 'remote' ? 'remote engines’ voices are' : 'natural voices are';
      setRefusal({ message: `The ${what} still loading; try again in a moment.`, text: false });
      return;
    }
    setRefusal(null);
    void generation.generate(request);
  }

  async function takeWriteDocument() {
    if (reading) return;
    setReading(true);
    try {
      let markdown = drafts.load(project?.id ?? null).markdown;
      // Nothing in the editor (another browser, a cleared draft): the newest saved text asset is the document.
      if (markdown.trim() === '') {
        const newest = (assets ?? []).filter((asset) => asset.kind === 'text').sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
        if (newest) markdown = (await api.text.readDocument({ assetId: newest.id })).markdown;
      }
      const speech = markdownToSpeech(markdown);
      if (speech === '') {
        notify.info('The Write document is empty', 'Write or open a document in the Write tab, then bring it here.');
        return;
      }
      if (text.trim() !== '' && text !== speech && !window.confirm('Replace the text in the box with the Write document?')) return;
      changeText(speech);
      script.current?.focus();
    } catch (failure) {
      notify.error(failure, 'read the Write document');
    } finally {
      setReading(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      generate();
    }
  }

  // Esc stops from anywhere on the visible tab: focus may be on the disabled Generate button or the page.
  const stop = generation.stop;
  useEffect(() => {
    if (!running) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const here = section.current;
      if (!here || here.closest('[hidden]')) return;
      event.preventDefault();
      void stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, stop]);

  const percent = run?.progress === null || run?.progress === undefined ? null : Math.round(run.progress * 100);
  const note = refusal?.message ?? (stopped ? 'Stopped. Nothing was added to the project.' : `${MOD}+Enter generates; Esc stops.`);

  return (
    <section ref={section} className="sound-card voice-narration" aria-labelledby={ids.heading} onKeyDown={onKeyDown}>
      <header className="sound-card-header">
        <div className="sound-card-heading">
          <h3 id={ids.heading} className="sound-card-title">
            Narration
          </h3>
          <p className="sound-card-subtitle">
            {engine === 'remote'
              ? 'A remote engine’s voice: the text is sent to that server.'
              : engine === 'piper' || engine === 'kokoro'
                ? 'A natural voice, spoken on this computer.'
                : 'The built-in voice speaks about a hundred languages, on this computer.'}
          </p>
        </div>
        <EnginePicker list={voices.list} engine={engine} remoteCount={remoteVoices?.length ?? 0} onChange={changeSettings} onOpenModels={onOpenModels} />
      </header>

      <div className="voice-narration-body">
        <NarrationScript
          ref={script}
          text={text}
          onChange={changeText}
          onUseWriteDocument={() => void takeWriteDocument()}
          problemId={refusal?.text ? ids.problem : undefined}
          invalid={refusal?.text === true}
        />
        {voices.list ? (
          <VoiceOptions list={voices.list} remoteVoices={remoteVoices ?? []} settings={settings} onChange={changeSettings} onNarrateWith={narrateWith} />
        ) : voices.error ? (
          <div className="notice notice-error voice-options" role="alert">
            <p>
              The voices could not be listed: {voices.error.message}{' '}
              <button type="button" className="link-button" onClick={voices.reload}>
                Try again
              </button>
            </p>
          </div>
        ) : (
          <p className="inline-field-note voice-options" role="status">
            Loading the voices…
          </p>
        )}
      </div>

      {run ? (
        <div className="voice-progress" role="status" aria-live="polite">
          <div className="progress" data-indeterminate={percent === null || undefined} aria-hidden="true">
            <div className="progress-fill" style={{ width: `${percent ?? 0}%` }} />
          </div>
          <span className="voice-progress-text">
            {run.detail ?? 'Starting the voice…'}
            {percent !== null ? ` · ${percent}%` : ''}
          </span>
        </div>
      ) : null}

      <footer className="voice-actions">
        <p id={ids.problem} className={refusal ? 'field-error' : 'inline-field-note'}>
          {note}
        </p>
        {running ? (
          <button type="button" className="button" onClick={() => void stop()} aria-keyshortcuts="Escape" disabled={run.jobId === 'starting'}>
            <Square aria-hidden="true" size={14} />
            Stop
          </button>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          disabled={running}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          title={`Speak the text into a new clip (${MOD}+Enter)`}
          onClick={generate}
        >
          {running ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Mic aria-hidden="true" size={15} />}
          Generate
        </button>
      </footer>

      {error ? (
        <div className="notice notice-error" role="alert">
          <p>
            {error.message} {hintFor(error.code, error.message) ?? ''}
            {error.code.startsWith('MODEL_') || error.code === 'ENGINE_UNAVAILABLE' ? (
              <>
                {' '}
                <button type="button" className="link-button" onClick={onOpenModels}>
                  <Boxes aria-hidden="true" size={12} /> Open Models
                </button>
              </>
            ) : null}
          </p>
          <button type="button" className="icon-button icon-button-small" aria-label="Dismiss the error" title="Dismiss" onClick={generation.dismissError}>
            <X aria-hidden="true" size={14} />
          </button>
        </div>
      ) : null}
    </section>
  );
}
