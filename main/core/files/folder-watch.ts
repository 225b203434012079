import fs from 'node:fs';
import type { Logger } from '../../platform/log.js';

export interface FolderWatch {
  close(): void;
}

interface WatchOptions {
  /** The log's area, and what the warnings call the folder. */
  area: string;
  what: string;
  /** Which names count; the others (temporary writes, locks) are noise. */
  relevant(name: string): boolean;
  debounceMs?: number;
}

/**
 * Watches a folder itself (not its subfolders) and calls `onChange` once things settle:
 * another process's change is a few events within milliseconds (a temporary file renamed
 * over the real one). Where the platform cannot watch, nothing is lost: the owners of these
 * folders still notice a changed file when they next read or write it.
 */
export function watchFolder(dir: string, onChange: () => void, log: Logger, options: WatchOptions): FolderWatch {
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
      if (typeof name === 'string' && !options.relevant(name)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        onChange();
      }, options.debounceMs ?? 150);
    });
    watcher.on('error', (error) => {
      log.warn(options.area, `stopped watching ${options.what}: ${error.message}`);
      close();
    });
  } catch (error) {
    log.warn(options.area, `cannot watch ${options.what}: ${(error as Error).message}`);
  }
  return { close };
}
