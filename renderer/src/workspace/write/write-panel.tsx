import { useRef, useState, type KeyboardEvent } from 'react';
import type { Asset, ProjectSummary } from '../../../../preload/contract.js';
import { useRemoteModels } from '../../state/use-remote-models.js';
import { useTextGeneration } from './use-text-generation.js';
import { useTextModels } from '../../state/use-text-models.js';
import { useTextPresets } from './use-text-presets.js';
import '../../styles/write.css';
import { AssistantPanel } from './assistant-panel.js';
import { DEFAULT_ASSISTANT, type AssistantSettings } from './assistant-settings.js';
import { applyFormatting, type Formatting } from './markdown-format.js';
import { chooseTextModel } from './text-model-choice.js';
import { useAssistantRun } from './use-assistant-run.js';
import { useEditorSelection } from './use-editor-selection.js';
import { useWriteDocument } from './use-write-document.js';
import { useWriteDraft } from './use-write-draft.js';
import { WriteDocumentBar } from './write-document-bar.js';
import { WriteEditor, WriteFooter } from './write-editor.js';
import { WriteToolbar } from './write-toolbar.js';
import { DirectorPanel } from './director/director-panel.js';
import { DictateButton, DictateStatus } from './dictate-control.js';
import { useDictation } from './use-dictation.js';
import { useDirector } from './director/use-director.js';

interface WritePanelProps {
  project: ProjectSummary | null;
  assets: Asset[] | null;
  onOpenModels(): void;
  onNewProject(): void;
  /** Asks the sidebar to reload the asset list (a save made or changed one). */
  onAssetsChanged(): void;
  /** A text asset to load, asked for elsewhere (the inspector's "Open in Write"). */
  openRequest?: { assetId: string } | null;
  onOpenRequestDone?(): void;
}

/**
 * The Write tab: a Markdown document with a preview, saved into the project, and an
 * assistant that streams suggestions. Each project has its own draft, so the editor
 * waits until the open project is known: typing into the wrong draft would be lost.
 */
export function WritePanel(props: WritePanelProps & { loading: boolean }) {
  if (props.loading) {
    return (
      <p className="inline-field-note" role="status">
        Loading your draft…
      </p>
    );
  }
  return <WriteWorkspace key={props.project?.id ?? 'no-project'} {...props} />;
}

function WriteWorkspace({ project, assets, onOpenModels, onNewProject, onAssetsChanged, openRequest, onOpenRequestDone }: WritePanelProps) {
  const drafts = useWriteDraft(project?.id ?? null);
  const { draft, change } = drafts;
  const editor = useEditorSelection();
  const [preview, setPreview] = useState(false);
  const [settings, setSettings] = useState<AssistantSettings>(DEFAULT_ASSISTANT);
  const [mode, setMode] = useState<'assist' | 'director'>('assist');
  const director = useDirector(project?.id ?? null, onAssetsChanged);
  const container = useRef<HTMLDivElement>(null);
  const models = useTextModels();
  const remoteModels = useRemoteModels();
  const choice = chooseTextModel(models, remoteModels.listing, settings.model);
  const presets = useTextPresets();
  const generation = useTextGeneration();
  const dictation = useDictation((text) => insertWords(text));
  const texts = assets?.filter((asset) => asset.kind === 'text') ?? [];

  const doc = useWriteDocument({
    project,
    drafts,
    onAssetsChanged,
    onReplaced: () => {
      generation.clear();
      editor.select(0, 0);
    },
    openRequest,
    onOpenRequestDone,
  });
  const assistant = useAssistantRun({
    drafts,
    editor,
    settings,
    choice,
    generation,
    container,
    onAccepting: () => {
      if (preview) setPreview(false);
    },
  });

  function format(kind: Formatting) {
    const { start, end } = editor.current();
    const edit = applyFormatting(draft.markdown, start, end, kind);
    change({ markdown: edit.text });
    editor.select(edit.start, edit.end);
  }

  /** Dictated words at the cursor (replacing a selection), as one edit the editor's own Undo takes back. */
  function insertWords(text: string) {
    if (preview) setPreview(false);
    const { start, end } = editor.current();
    const before = draft.markdown.slice(0, start);
    const after = draft.markdown.slice(end);
    const words = `${before && !/\s$/.test(before) ? ' ' : ''}${text}${after && !/^[\s.,;:!?)]/.test(after) ? ' ' : ''}`;
    const area = editor.editor.current;
    if (area) {
      area.focus();
      area.setSelectionRange(start, end);
      // insertText keeps the textarea's undo history (setting its value would wipe it) and fires the input React hears.
      if (document.execCommand('insertText', false, words)) return;
    }
    change({ markdown: before + words + after });
    editor.select(start + words.length, start + words.length);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === 'Enter') {
      event.preventDefault();
      void assistant.runAction(assistant.lastAction ?? 'continue');
    } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void doc.save();
    }
  }

  return (
    <div className="write-tab" ref={container} onKeyDown={onKeyDown}>
      <section className="sound-card write-document" aria-label="Document">
        <WriteDocumentBar name={draft.name} onRename={(name) => change({ name })} hasProject={project !== null} texts={texts} doc={doc} />
        <WriteToolbar preview={preview} dictate={<DictateButton dictation={dictation} disabled={false} />} onPreview={setPreview} onFormat={format} />
        <DictateStatus dictation={dictation} scope={container} onOpenModels={onOpenModels} />

        {project ? null : (
          <div className="notice notice-action">
            <p>Documents are saved into a project. Your draft is kept on this computer until you open or create one.</p>
            <button type="button" className="button button-small" onClick={onNewProject}>
              Create a project
            </button>
          </div>
        )}

        <WriteEditor preview={preview} markdown={draft.markdown} onChange={(markdown) => change({ markdown })} editor={editor} />
        <WriteFooter drafts={drafts} saving={doc.saving} />
      </section>

      <div className="write-side">
        <div className="segmented" role="radiogroup" aria-label="Assistant mode">
          <label className="segment">
            <input type="radio" name="write-mode" checked={mode === 'assist'} onChange={() => setMode('assist')} />
            Assist
          </label>
          <label className="segment">
            <input type="radio" name="write-mode" checked={mode === 'director'} onChange={() => setMode('director')} />
            Director
          </label>
        </div>
        {mode === 'director' ? (
          <section className="sound-card write-assistant" aria-label="Director">
            <h3 className="sound-card-title">Director</h3>
            <DirectorPanel
              director={director}
              problem={project ? (choice.chosen ? null : 'The director needs a text model: add one in Models.') : 'Open or create a project first.'}
              passage={editor.selection.end > editor.selection.start ? draft.markdown.slice(editor.selection.start, editor.selection.end) : ''}
            />
          </section>
        ) : (
          <AssistantPanel
            models={models}
            choice={choice}
            refreshingRemotes={remoteModels.refreshing}
            onRefreshRemotes={remoteModels.refresh}
            settings={settings}
            onChange={(patch) => setSettings((current) => ({ ...current, ...patch }))}
            presets={presets}
            run={generation.run}
            error={generation.error}
            problem={assistant.problem}
            hasSelection={editor.selection.end > editor.selection.start}
            acceptNote={assistant.acceptNote}
            onRun={(action) => void assistant.runAction(action)}
            onStop={() => void generation.stop()}
            onAccept={assistant.accept}
            onDiscard={assistant.discard}
            onOpenModels={onOpenModels}
          />
        )}
      </div>
    </div>
  );
}
