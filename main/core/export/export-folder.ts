import path from 'node:path';

/** Exports go to the settings' output folder when one is set, else into the project's own exports/ folder. */
export function exportFolderFor(outputFolder: string | null, projectDir: string): string {
  return outputFolder ? path.resolve(outputFolder) : path.join(projectDir, 'exports');
}
