import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings, type SettingsPatch } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { parseJsonText } from '../files/read-json.js';
import type { Logger } from '../../platform/log.js';

// On disk, unknown keys (from a newer version) and bad values are tolerated field by field,
// so one damaged setting never resets the others.
const LooseSettings = z.record(z.string(), z.unknown());

export class SettingsStore {
  private current: Settings = { ...DEFAULT_SETTINGS };
  private writes: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly file: string,
    private readonly log: Logger,
  ) {}

  async load(): Promise<Settings> {
    let raw: Record<string, unknown> = {};
    try {
      const parsed = LooseSettings.safeParse(parseJsonText(await fs.readFile(this.file, 'utf8'), 'settings.json'));
      if (parsed.success) raw = parsed.data;
      else await this.quarantine('settings.json is not an object');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') await this.quarantine(`settings.json is unreadable: ${(error as Error).message}`);
    }
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
      const field = SettingsSchema.shape[key as keyof Settings];
      const value = raw[key];
      merged[key] = value !== undefined && field.safeParse(value).success ? value : fallback;
    }
    this.current = SettingsSchema.parse(merged);
    return this.get();
  }

  get(): Settings {
    return { ...this.current };
  }

  /** Changes are applied one after another, so quick successive edits never undo each other. */
  set(patch: SettingsPatch): Promise<Settings> {
    const apply = async () => {
      if (typeof patch.outputFolder === 'string') await requireFolder(patch.outputFolder);
      // A key sent as undefined (IPC keeps those) means "unchanged", not "erase".
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next = SettingsSchema.parse({ ...this.current, ...defined });
      await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
      this.current = next;
      for (const listener of this.listeners) listener(this.get());
      return this.get();
    };
    const run = this.writes.then(apply, apply);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Hosts that act on a setting (the desktop API server) follow it from here. */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async quarantine(reason: string): Promise<void> {
    this.log.warn('settings', `${reason}; keeping a copy and using defaults`);
    await fs.rename(this.file, `${this.file}.corrupt-${Date.now()}`).catch(() => undefined);
  }
}

/**
 * Absolute on this platform (the schema also takes the other platform's form), and a folder:
 * it may not exist yet (the first export makes it), but when it does, it must not be a file.
 */
async function requireFolder(folder: string): Promise<void> {
  if (!path.isAbsolute(folder)) throw new AtelierError('INVALID_INPUT', `outputFolder: ${folder} is not an absolute folder path on this system.`);
  const stat = await fs.stat(folder).catch(() => null);
  if (stat && !stat.isDirectory()) throw new AtelierError('INVALID_INPUT', `outputFolder: ${folder} is a file, not a folder.`);
}
