import fs from 'node:fs';
import type { Logger } from '../../platform/log.js';

export interface FolderWatch {
  close(): void;
}

/**
 * Watches the models folder itself (not its subfolders) and calls `onChange` once
 * things settle: another process's install renames a model folder in and replaces
 * registry.json, a few events within milliseconds. Dotfiles (temporary writes, the
 * staging folder, the lock) are noise. Where the platform cannot watch, nothing is
 * lost: the registry still notices a changed registry.json when it is next read.
 */
export function watchModelsFolder(dir: string, onChange: () => void, log: Logger, debounceMs = 150): FolderWatch {
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher | undefined;
  const close = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    watcher?.close();
    watcher = undefined;
  };
  try {
    watcher = fs.watch(dir, { persistent: false }, (_type, name) => {
      if (typeof name === 'string' && name.startsWith('.')) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, debounceMs);
    });
    watcher.on('error', (error) => {
      log.warn('models', `stopped watching the models folder: ${error.message}`);
      close();
    });
  } catch (error) {
    log.warn('models', `cannot watch the models folder: ${(error as Error).message}`);
  }
  return { close };
}
