import type { SaveSuggestion } from '../../core/studio-services.js';

/** The part of Electron's dialog module this needs, so a unit test can pass a fake. */
export interface SaveDialogApi<W> {
  showSaveDialog(window: W, options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
  showSaveDialog(options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue>;
}

/** The last part of an ending is what file dialogs filter on: `md.zip` → `zip`. */
function filterExtension(extension: string): string {
  return extension.split('.').pop() ?? extension;
}

/**
 * The desktop's export chooser: the system's save dialog, attached to the focused window when
 * there is one, starting at the suggested path. It asks before replacing a file (Linux needs
 * that asked for), and a name typed without its ending gets it, so `story` saves as `story.mp4`.
 */
export function exportFileChooser<W>(dialog: SaveDialogApi<W>, focusedWindow: () => W | null): (suggestion: SaveSuggestion) => Promise<string | null> {
  return async ({ defaultPath, extension, label }) => {
    const options: Electron.SaveDialogOptions = {
      title: 'Export',
      buttonLabel: 'Export',
      defaultPath,
      filters: [{ name: label, extensions: [filterExtension(extension)] }],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    const window = focusedWindow();
    const answer = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) return null;
    return answer.filePath.toLowerCase().endsWith(`.${extension.toLowerCase()}`) ? answer.filePath : `${answer.filePath}.${extension}`;
  };
}
