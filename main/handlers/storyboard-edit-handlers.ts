import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

type StoryboardEditCalls = 'storyboard.get' | 'storyboard.edit' | 'storyboard.undo' | 'storyboard.redo' | 'storyboard.sceneAction';

export function storyboardEditHandlers(studio: Studio): Pick<Handlers, StoryboardEditCalls> {
  const { storyboardEditor: editor, sceneActions } = studio;
  return {
    'storyboard.get': async () => editor.get(),
    'storyboard.edit': async (edit) => editor.edit(edit),
    'storyboard.undo': async () => editor.undo(),
    'storyboard.redo': async () => editor.redo(),
    'storyboard.sceneAction': async (request) => sceneActions.start(request),
  };
}
