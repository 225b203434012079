import { useEffect, useState, type RefObject } from 'react';
import type { CallInput, TextAction } from '../../../../preload/contract.js';
import type { TextGeneration } from './use-text-generation.js';
import { samplingOf, type AssistantSettings } from './assistant-settings.js';
import { ACCEPT_NOTES, originOf, placementFor, type Target } from './assistant-target.js';
import { placeSuggestion } from './markdown-format.js';
import { requestedModel, type TextModelChoice } from './text-model-choice.js';
import type { EditorSelection } from './use-editor-selection.js';
import type { WriteDraftState } from './use-write-draft.js';

interface AssistantRunOptions {
  drafts: WriteDraftState;
  editor: EditorSelection;
  settings: AssistantSettings;
  choice: TextModelChoice;
  generation: TextGeneration;
  /** The Write tab's root: Esc stops only while it is the visible tab. */
  container: RefObject<HTMLDivElement | null>;
  /** Called before the caret moves to an accepted suggestion (the preview must give way to the editor). */
  onAccepting(): void;
}

interface AssistantRun {
  /** Why the sampling settings cannot run, or null. */
  problem: string | null;
  /** The action Ctrl+Enter repeats. */
  lastAction: TextAction | null;
  acceptNote: string;
  runAction(action: TextAction): Promise<void>;
  accept(text: string): void;
  discard(): void;
}

/** Runs an assistant action on the draft and places its accepted reply where the selection was when it ran. */
export function useAssistantRun({ drafts, editor, settings, choice, generation, container, onAccepting }: AssistantRunOptions): AssistantRun {
  const { draft, change } = drafts;
  const [target, setTarget] = useState<Target | null>(null);
  const [lastAction, setLastAction] = useState<TextAction | null>(null);
  const sampling = samplingOf(settings);
  const problem = 'problem' in sampling ? sampling.problem : null;

  async function runAction(action: TextAction) {
    if (generation.run?.state === 'running' || 'problem' in sampling) return;
    const { start, end } = editor.current();
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
    onAccepting();
    editor.select(edit.end, edit.end);
  }

  function discard() {
    generation.clear();
    setTarget(null);
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
  }, [running, stop, container]);

  return { problem, lastAction, acceptNote: ACCEPT_NOTES[target?.placement ?? 'insert'], runAction, accept, discard };
}
