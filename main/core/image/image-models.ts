import type { InstalledModel } from '../../../preload/schemas/model.js';

/**
 * The one answer to "which image model": the installed one with this id, or the active one
 * when none is named. Undefined when there is none; each caller words that for its audience
 * (the Image tab, the CLI, the OpenAI API).
 */
export function pickImageModel(installed: readonly InstalledModel[], ref?: string): InstalledModel | undefined {
  const images = installed.filter((m) => m.modality === 'image');
  return ref ? images.find((m) => m.id === ref) : images.find((m) => m.active);
}
