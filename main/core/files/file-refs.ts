import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { FileRef } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';

interface Entry {
  ref: string;
  path: string;
  name: string;
  size: number;
  /** Uploaded copies are ours to delete; picked files belong to the user. */
  owned: boolean;
  expiresAt: number;
}

const LIFETIME_MS = 60 * 60 * 1000;

/**
 * Files the host vouched for: picked in a native dialog or uploaded through the web
 * host. The renderer is untrusted, so it only ever holds these opaque refs, never a path.
 */
export class FileRefs {
  private readonly entries = new Map<string, Entry>();

  register(file: { path: string; name: string; size: number; owned: boolean }): FileRef {
    this.expire();
    const ref = randomBytes(16).toString('hex');
    this.entries.set(ref, { ...file, ref, expiresAt: Date.now() + LIFETIME_MS });
    return { ref, name: file.name, size: file.size };
  }

  /** Looks a ref up without using it up, so a failed import can be retried. */
  resolve(ref: string): Entry {
    this.expire();
    const entry = this.entries.get(ref);
    if (!entry) throw new AtelierError('NOT_FOUND', 'That file is no longer available; pick or upload it again.');
    return entry;
  }

  /** Forgets a ref once its file has been imported, deleting our own temporary copy. */
  async release(ref: string): Promise<void> {
    const entry = this.entries.get(ref);
    this.entries.delete(ref);
    if (entry?.owned) await fs.rm(entry.path, { force: true });
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((ref) => this.release(ref)));
  }

  private expire(): void {
    const now = Date.now();
    for (const [ref, entry] of this.entries) {
      if (entry.expiresAt < now) void this.release(ref);
    }
  }
}
