import path from 'node:path';
import { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';
import { keyTravelsInClear, RemoteKeySchema, RemoteNameSchema, type Remote, type RemoteAdd } from '../../../preload/schemas/remote.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { ensurePrivateDir } from '../../platform/private-files.js';
import { readJsonFile } from '../files/read-json.js';
import type { Logger } from '../../platform/log.js';

/** A remote with what a request needs: its key, if it has one. */
export interface ResolvedRemote {
  name: string;
  url: string;
  key?: string;
}

const RemotesFileSchema = z.object({
  remotes: z.array(z.object({ name: RemoteNameSchema, url: z.string().min(1), addedAt: z.iso.datetime() })),
});
const KeysFileSchema = z.record(RemoteNameSchema, RemoteKeySchema);

const REMOTES_FILE = 'remotes.json';
/** Kept apart from remotes.json and settings.json (which a UI may show or a user may share): owner-only. */
const REMOTE_KEYS_FILE = 'remote-keys.json';

/** `http://gpu:8080/v1/` and `http://gpu:8080` name the same server. */
export function normalizeRemoteUrl(raw: string): string {
  const url = new URL(raw);
  let pathname = url.pathname.replace(/\/+$/, '');
  if (pathname.endsWith('/v1')) pathname = pathname.slice(0, -'/v1'.length);
  return `${url.protocol}//${url.host}${pathname}`;
}

/**
 * The OpenAI-compatible servers this install may send work to, kept in the data folder
 * (never in a project: a project folder gets copied and shared). Keys live in their own
 * owner-only file.
 */
export class RemoteStore {
  private remotes: { name: string; url: string; addedAt: string }[] = [];
  private keys: Record<string, string> = {};
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly home: string,
    private readonly log: Logger,
  ) {}

  private get remotesFile(): string {
    return path.join(this.home, REMOTES_FILE);
  }

  private get keysFile(): string {
    return path.join(this.home, REMOTE_KEYS_FILE);
  }

  async load(): Promise<void> {
    const remotes = await readJsonFile(this.remotesFile, RemotesFileSchema);
    if (remotes.ok) this.remotes = remotes.value.remotes;
    else if (remotes.reason === 'invalid') this.log.warn('remotes', `ignoring ${REMOTES_FILE}: ${remotes.message}`);
    const keys = await readJsonFile(this.keysFile, KeysFileSchema);
    if (keys.ok) this.keys = keys.value;
    else if (keys.reason === 'invalid') this.log.warn('remotes', `ignoring ${REMOTE_KEYS_FILE}: ${keys.message}`);
  }

  list(): Remote[] {
    return this.remotes.map((r) => ({ ...r, hasKey: Object.hasOwn(this.keys, r.name) }));
  }

  get(name: string): ResolvedRemote {
    const remote = this.remotes.find((r) => r.name === name);
    if (!remote) {
      const known = this.remotes.map((r) => r.name).join(', ') || 'none';
      throw new AtelierError('MODEL_NOT_FOUND', `There is no remote engine named "${name}" (remotes: ${known}). Add it with 'atelier remotes add'.`);
    }
    const key = Object.hasOwn(this.keys, name) ? this.keys[name] : undefined;
    return { name: remote.name, url: remote.url, ...(key !== undefined && { key }) };
  }

  /** Adding a name that exists replaces it (a new address or key for the same server). */
  add(request: RemoteAdd): Promise<Remote> {
    if (keyTravelsInClear(request) && request.allowInsecureKey !== true) {
      return Promise.reject(
        new AtelierError(
          'INVALID_INPUT',
          `${request.url} is plain http on another machine: the key would cross the network unencrypted, readable by anyone on the way. ` +
            'Use an https address, or confirm with allowInsecureKey: true (CLI: --allow-insecure-key).',
        ),
      );
    }
    return this.serialize(async () => {
      const entry = { name: request.name, url: normalizeRemoteUrl(request.url), addedAt: new Date().toISOString() };
      const remotes = [...this.remotes.filter((r) => r.name !== request.name), entry];
      const keys = { ...this.keys };
      if (request.key !== undefined) keys[request.name] = request.key;
      else delete keys[request.name];
      await this.save(remotes, keys);
      return { ...entry, hasKey: request.key !== undefined };
    });
  }

  remove(name: string): Promise<void> {
    return this.serialize(async () => {
      this.get(name);
      const keys = { ...this.keys };
      delete keys[name];
      await this.save(
        this.remotes.filter((r) => r.name !== name),
        keys,
      );
    });
  }

  private async save(remotes: typeof this.remotes, keys: Record<string, string>): Promise<void> {
    await ensurePrivateDir(this.home);
    await writeFileAtomic(this.keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    await writeFileAtomic(this.remotesFile, `${JSON.stringify({ remotes }, null, 2)}\n`);
    this.remotes = remotes;
    this.keys = keys;
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.writes = run.catch(() => undefined);
    return run;
  }
}
