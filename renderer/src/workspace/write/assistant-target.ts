import type { CallInput, TextAction, TextResult } from '../../../../preload/contract.js';
import type { AssistantSettings } from './assistant-settings.js';
import type { Placement } from './markdown-format.js';

/** Where the selection was when an action ran, and what accepting its reply does. */
export interface Target {
  action: TextAction;
  start: number;
  end: number;
  placement: Placement;
}

const SELECTION_ACTIONS: ReadonlySet<TextAction> = new Set(['rewrite', 'shorten', 'expand', 'translate']);

export function placementFor(action: TextAction, hasSelection: boolean): Placement {
  if (action === 'continue') return 'append';
  if (hasSelection) return 'replace-selection';
  return SELECTION_ACTIONS.has(action) ? 'replace-all' : 'insert';
}

export const ACCEPT_NOTES: Readonly<Record<Placement, string>> = {
  append: 'Accept adds it to the end of the document.',
  'replace-selection': 'Accept replaces the selected text.',
  'replace-all': 'Accept replaces the whole document.',
  insert: 'Accept inserts it at the cursor.',
};

/** How the accepted suggestion was made, as a saved document records it. */
export function originOf(result: TextResult, target: Target, settings: AssistantSettings): NonNullable<CallInput<'text.saveDocument'>['origin']> {
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
