import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';
import { loadPresets, savePresets } from '../core/text/system-presets.js';
import { readTextDocument, saveTextDocument } from '../core/text/text-documents.js';

/** The Write tab's document and system-prompt presets; generation itself is `text.generate`. */
export function textDocumentHandlers(studio: Studio): Pick<Handlers, 'text.presets' | 'text.savePresets' | 'text.saveDocument' | 'text.readDocument'> {
  const { paths, projects, log } = studio;
  return {
    'text.presets': () => loadPresets(paths.home, log),
    'text.savePresets': ({ presets }) => savePresets(paths.home, presets),
    'text.saveDocument': (input) => saveTextDocument({ projects, log }, input),
    'text.readDocument': ({ assetId }) => readTextDocument(projects, assetId),
  };
}
