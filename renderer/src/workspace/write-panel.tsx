import { Bold, Code, Eye, FilePlus2, FolderOpen, Heading2, Italic, Link2, List, ListOrdered, LoaderCircle, PencilLine, Quote, Save } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { AtelierError, TextDocumentSaveSchema, type Asset, type CallInput, type ProjectSummary, type TextAction, type TextResult } from '../../../preload/contract.js';
import { useClient } from '../state/client-context.js';
import { useNotify } from '../state/notifications.js';
import { MOD } from '../state/shortcuts.js';
import { useRemoteModels } from '../state/use-remote-models.js';
import { useTextGeneration } from '../state/use-text-generation.js';
import { useTextModels } from '../state/use-text-models.js';
import { useTextPresets } from '../state/use-text-presets.js';
import '../styles/write.css';
import { AssistantPanel, DEFAULT_ASSISTANT, samplingOf, type AssistantSettings } from './write/assistant-panel.js';
import { applyFormatting, placeSuggestion, type Formatting, type Placement } from './write/markdown-format.js';
import { wordCount } from './write/markdown-blocks.js';
import { MarkdownPreview } from './write/markdown-preview.js';
import { chooseTextModel, requestedModel } from './write/text-model-choice.js';
import { loadDraft, storeDraft, type WriteDraft } from './write/write-draft.js';

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

const TOOLBAR: readonly { kind: Formatting; label: string; icon: typeof Bold }[] = [
  { kind: 'bold', label: 'Bold', icon: Bold },
  { kind: 'italic', label: 'Italic', icon: Italic },
  { kind: 'heading', label: 'Heading', icon: Heading2 },
  { kind: 'bullets', label: 'Bulleted list', icon: List },
  { kind: 'numbers', label: 'Numbered list', icon: ListOrdered },
  { kind: 'quote', label: 'Quote', icon: Quote },
  { kind: 'code', label: 'Code', icon: Code },
  { kind: 'link', label: 'Link', icon: Link2 },
];

/** Where the selection was when an action ran, and what accepting its reply does. */
interface Target {
  action: TextAction;
  start: number;
  end: number;
  placement: Placement;
}

/** What the save call's schema accepts: checked here so the writer hears it before anything is sent. */
const TEXT_DOCUMENT_MAX_CHARS = TextDocumentSaveSchema.shape.markdown.maxLength ?? 2_000_000;
const TOO_LARGE_HINT = 'Split it into smaller documents, then save each one.';

const SELECTION_ACTIONS: ReadonlySet<TextAction> = new Set(['rewrite', 'shorten', 'expand', 'translate']);

function placementFor(action: TextAction, hasSelection: boolean): Placement {
  if (action === 'continue') return 'append';
  if (hasSelection) return 'replace-selection';
  return SELECTION_ACTIONS.has(action) ? 'replace-all' : 'insert';
}

const ACCEPT_NOTES: Readonly<Record<Placement, string>> = {
  append: 'Accept adds it to the end of the document.',
  'replace-selection': 'Accept replaces the selected text.',
  'replace-all': 'Accept replaces the whole document.',
  insert: 'Accept inserts it at the cursor.',
};

/** How the accepted suggestion was made, as a saved document records it. */
function originOf(result: TextResult, target: Target, settings: AssistantSettings): NonNullable<CallInput<'text.saveDocument'>['origin']> {
  return {
    model: result.model.id,
    prompt: result.prompt,
    seed: result.seed,
    parameters: {
      action: target.action,
      modelName: result.model.name,
      system: result.system,
      ...result.sampling,
      ...(target.action === 'rewrite' && { tone: settings.tone }),
      ...(target.action === 'translate' && { language: settings.language }),
    },
  };
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
  const { api } = useClient();
  const notify = useNotify();
  const ids = { name: useId(), open: useId(), editor: useId() };
  const projectId = project?.id ?? null;
  const [draft, setDraft] = useState<WriteDraft>(() => loadDraft(projectId));
  const [preview, setPreview] = useState(false);
  const [selection, setSelection] = useState({ start: 0, end: 0 });
  const [openId, setOpenId] = useState('');
  const [saving, setSaving] = useState(false);
  const [storageFailed, setStorageFailed] = useState(false);
  const [settings, setSettings] = useState<AssistantSettings>(DEFAULT_ASSISTANT);
  const [target, setTarget] = useState<Target | null>(null);
  const [lastAction, setLastAction] = useState<TextAction | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const models = useTextModels();
  const remoteModels = useRemoteModels();
  const choice = chooseTextModel(models, remoteModels.listing, settings.model);
  const presets = useTextPresets();
  const generation = useTextGeneration();

  // Written a moment after typing pauses, and at once when the page goes away or the project changes.
  const latestDraft = useRef(draft);
  latestDraft.current = draft;
  const pending = useRef(false);
  useEffect(() => {
    pending.current = true;
    const timer = window.setTimeout(() => {
      pending.current = false;
      setStorageFailed(!storeDraft(projectId, draft));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [draft, projectId]);
  useEffect(() => {
    // Only a write still waiting: a stored draft may since have moved to a new project.
    const flush = () => {
      if (pending.current) storeDraft(projectId, latestDraft.current);
      pending.current = false;
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [projectId]);

  const texts = assets?.filter((asset) => asset.kind === 'text') ?? [];
  const dirty = draft.markdown !== (draft.savedMarkdown ?? '') || draft.name !== (draft.savedName ?? draft.name);
  const hasSelection = selection.end > selection.start;
  const sampling = samplingOf(settings);

  const change = useCallback((patch: Partial<WriteDraft>) => setDraft((current) => ({ ...current, ...patch })), []);

  function select(start: number, end: number) {
    setSelection({ start, end });
    // After React has written the new value, put the caret where the edit says.
    requestAnimationFrame(() => {
      const area = editor.current;
      if (!area) return;
      area.focus();
      area.setSelectionRange(start, end);
    });
  }

  function format(kind: Formatting) {
    const area = editor.current;
    const start = area?.selectionStart ?? selection.start;
    const end = area?.selectionEnd ?? selection.end;
    const edit = applyFormatting(draft.markdown, start, end, kind);
    change({ markdown: edit.text });
    select(edit.start, edit.end);
  }

  async function save() {
    if (saving) return;
    if (!project) {
      notify.info('Open a project first', 'Documents are saved into the open project; your draft is kept meanwhile.');
      return;
    }
    if (draft.markdown.length > TEXT_DOCUMENT_MAX_CHARS) {
      notify.error(
        Object.assign(new AtelierError('TOO_LARGE', `“${draft.name}” is ${draft.markdown.length.toLocaleString()} characters; a text asset holds at most ${TEXT_DOCUMENT_MAX_CHARS.toLocaleString()}.`), { hint: TOO_LARGE_HINT }),
        `save ${draft.name || 'the document'}`,
      );
      return;
    }
    setSaving(true);
    try {
      const stillThere = draft.assetId && texts.some((asset) => asset.id === draft.assetId);
      const saved = await api.text.saveDocument({
        ...(stillThere && { assetId: draft.assetId }),
        name: draft.name.trim() || 'Untitled',
        markdown: draft.markdown,
        ...(draft.origin && { origin: draft.origin }),
      });
      change({ assetId: saved.id, savedMarkdown: draft.markdown, savedName: draft.name, origin: undefined });
      notify.success(`Saved ${saved.name}`, stillThere ? 'The text asset was updated.' : 'A new text asset is in the project.');
      onAssetsChanged();
    } catch (error) {
      // The host's own sentence says what is too large; the generic hint ("pick a smaller file") does not fit a document.
      const hinted = error instanceof AtelierError && error.code === 'TOO_LARGE' ? Object.assign(error, { hint: TOO_LARGE_HINT }) : error;
      notify.error(hinted, `save ${draft.name || 'the document'}`);
    } finally {
      setSaving(false);
    }
  }

  async function open(assetId: string) {
    if (!assetId) return;
    // Already open and unchanged: nothing to load, nothing to ask.
    if (assetId === draft.assetId && !dirty) return;
    if (dirty && draft.markdown.trim() !== '' && !window.confirm(`Open another document? Unsaved changes to “${draft.name}” will be lost.`)) return;
    try {
      const read = await api.text.readDocument({ assetId });
      setDraft({ name: read.name, markdown: read.markdown, assetId: read.assetId, savedMarkdown: read.markdown, savedName: read.name });
      setOpenId('');
      generation.clear();
      select(0, 0);
    } catch (error) {
      notify.error(error, 'open the document');
    }
  }

  // The latest `open` sees the current draft; the effect below only fires for a new request.
  const openLatest = useRef(open);
  openLatest.current = open;
  useEffect(() => {
    if (!openRequest) return;
    onOpenRequestDone?.();
    void openLatest.current(openRequest.assetId);
  }, [openRequest, onOpenRequestDone]);

  function newDocument() {
    if (dirty && draft.markdown.trim() !== '' && !window.confirm(`Start a new document? Unsaved changes to “${draft.name}” will be lost.`)) return;
    setDraft({ name: 'Untitled', markdown: '' });
    generation.clear();
    select(0, 0);
  }

  const problem = 'problem' in sampling ? sampling.problem : null;

  async function runAction(action: TextAction) {
    if (generation.run?.state === 'running' || 'problem' in sampling) return;
    const area = editor.current;
    const start = area?.selectionStart ?? selection.start;
    const end = area?.selectionEnd ?? selection.end;
    const selected = end > start ? draft.markdown.slice(start, end) : undefined;
    setLastAction(action);
    const request: CallInput<'text.generate'> = {
      action,
      document: draft.markdown,
      ...(selected !== undefined && action !== 'continue' && { selection: selected }),
      ...(action === 'prompt' && { prompt: settings.prompt }),
      ...(action === 'rewrite' && { tone: settings.tone }),
      ...(action === 'translate' && { language: settings.language }),
      ...(settings.system.trim() && { system: settings.system }),
      ...requestedModel(choice),
      sampling,
    };
    if (await generation.start(request)) setTarget({ action, start, end, placement: placementFor(action, selected !== undefined && action !== 'continue') });
  }

  function accept(text: string) {
    if (!target) return;
    const edit = placeSuggestion(draft.markdown, target.start, target.end, text, target.placement);
    const result = generation.run?.result;
    change({ markdown: edit.text, ...(result && { origin: originOf(result, target, settings) }) });
    generation.clear();
    setTarget(null);
    if (preview) setPreview(false);
    select(edit.end, edit.end);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key === 'Enter') {
      event.preventDefault();
      void runAction(lastAction ?? 'continue');
    } else if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void save();
    }
  }

  // Esc stops from anywhere on the visible tab: the button that started the run is disabled meanwhile, so focus may be on the page itself.
  const running = generation.run?.state === 'running';
  const stop = generation.stop;
  useEffect(() => {
    if (!running) return;
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const tab = container.current;
      if (!tab || tab.closest('[hidden]')) return;
      event.preventDefault();
      void stop();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, stop]);

  const status = saving
    ? 'Saving…'
    : storageFailed
      ? 'This browser refused to keep a draft: save into the project to be safe.'
      : draft.assetId && !dirty
        ? 'Saved in the project'
        : dirty || draft.markdown
          ? 'Unsaved changes · draft kept on this computer'
          : 'Empty document';

  return (
    <div className="write-tab" ref={container} onKeyDown={onKeyDown}>
      <section className="sound-card write-document" aria-label="Document">
        <div className="write-document-top">
          <label className="visually-hidden" htmlFor={ids.name}>
            Document name
          </label>
          <input id={ids.name} className="text-input write-name" maxLength={200} value={draft.name} onChange={(event) => change({ name: event.target.value })} />
          <div className="write-open">
            <label className="visually-hidden" htmlFor={ids.open}>
              Open a text asset
            </label>
            <select id={ids.open} className="select-input" value={openId} disabled={!project || texts.length === 0} onChange={(event) => setOpenId(event.target.value)}>
              <option value="">{texts.length === 0 ? 'No text assets yet' : 'Open a text asset…'}</option>
              {texts.map((asset) => (
                <option key={asset.id} value={asset.id}>
                  {asset.name}
                </option>
              ))}
            </select>
            <button type="button" className="icon-button" aria-label="Open" title="Open the chosen text asset" disabled={!openId} onClick={() => void open(openId)}>
              <FolderOpen aria-hidden="true" size={16} />
            </button>
            <button type="button" className="icon-button" aria-label="New document" title="New document" onClick={newDocument}>
              <FilePlus2 aria-hidden="true" size={16} />
            </button>
          </div>
          <button type="button" className="button button-primary" disabled={saving} aria-keyshortcuts="Control+S Meta+S" title={`Save into the project (${MOD}+S)`} onClick={() => void save()}>
            {saving ? <LoaderCircle aria-hidden="true" size={15} className="spin" /> : <Save aria-hidden="true" size={15} />}
            Save
          </button>
        </div>

        <div className="write-toolbar">
          <div className="write-format" role="toolbar" aria-label="Formatting">
            {TOOLBAR.map(({ kind, label, icon: Icon }) => (
              <button key={kind} type="button" className="icon-button icon-button-small" aria-label={label} title={label} disabled={preview} onMouseDown={(event) => event.preventDefault()} onClick={() => format(kind)}>
                <Icon aria-hidden="true" size={15} />
              </button>
            ))}
          </div>
          <div className="segmented" role="radiogroup" aria-label="View">
            <label className="segment">
              <input type="radio" name="write-view" checked={!preview} onChange={() => setPreview(false)} />
              <PencilLine aria-hidden="true" size={13} />
              Write
            </label>
            <label className="segment">
              <input type="radio" name="write-view" checked={preview} onChange={() => setPreview(true)} />
              <Eye aria-hidden="true" size={13} />
              Preview
            </label>
          </div>
        </div>

        {project ? null : (
          <div className="notice notice-action">
            <p>Documents are saved into a project. Your draft is kept on this computer until you open or create one.</p>
            <button type="button" className="button button-small" onClick={onNewProject}>
              Create a project
            </button>
          </div>
        )}

        {preview ? (
          <MarkdownPreview markdown={draft.markdown} label="Preview" />
        ) : (
          <textarea
            id={ids.editor}
            ref={editor}
            className="text-input write-editor"
            aria-label="Document text"
            spellCheck
            placeholder="Start writing in Markdown, or ask the assistant to begin…"
            value={draft.markdown}
            onChange={(event) => change({ markdown: event.target.value })}
            onSelect={(event) => setSelection({ start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd })}
          />
        )}
        <footer className="write-footer">
          <span role="status">{status}</span>
          <span>
            {wordCount(draft.markdown).toLocaleString()} words · {MOD}+S saves
          </span>
        </footer>
      </section>

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
        problem={problem}
        hasSelection={hasSelection}
        acceptNote={ACCEPT_NOTES[target?.placement ?? 'insert']}
        onRun={(action) => void runAction(action)}
        onStop={() => void generation.stop()}
        onAccept={accept}
        onDiscard={() => {
          generation.clear();
          setTarget(null);
        }}
        onOpenModels={onOpenModels}
      />
    </div>
  );
}
