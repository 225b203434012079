import { toErrorShape } from '../../../preload/errors.js';
import type { RemoteModel, RemoteModels } from '../../../preload/schemas/remote.js';
import { LIST_TIMEOUTS } from './remote-http.js';
import { listRemoteModels } from './remote-models.js';
import type { RemoteStore } from './remote-store.js';

type Listing = { ok: true; models: RemoteModel[] } | { ok: false; error: RemoteModels['unreachable'][number]['error'] };

/**
 * What each remote offers, remembered between calls: a picker opens instantly and a
 * remote that is down costs one timed-out request per refresh, not one per render.
 * Keyed by name and address, so replacing a remote (a new address) asks it again.
 */
export class RemoteModelCache {
  private readonly listings = new Map<string, Promise<Listing>>();

  constructor(private readonly store: RemoteStore) {}

  async list(refresh = false): Promise<RemoteModels> {
    const remotes = this.store.list();
    const wanted = new Set(remotes.map((r) => `${r.name} ${r.url}`));
    for (const key of this.listings.keys()) if (!wanted.has(key)) this.listings.delete(key);

    const listings = await Promise.all(
      remotes.map(async (remote) => {
        const key = `${remote.name} ${remote.url}`;
        let listing = refresh ? undefined : this.listings.get(key);
        if (!listing) {
          listing = this.fetch(remote.name);
          this.listings.set(key, listing);
        }
        return { remote: remote.name, listing: await listing };
      }),
    );

    const answer: RemoteModels = { models: [], unreachable: [] };
    for (const { remote, listing } of listings) {
      if (listing.ok) answer.models.push(...listing.models);
      else answer.unreachable.push({ remote, error: listing.error });
    }
    return answer;
  }

  /** Forgets one remote's listing (it was tested, replaced or removed). */
  forget(name: string): void {
    for (const key of this.listings.keys()) if (key.startsWith(`${name} `)) this.listings.delete(key);
  }

  /** Keeps a listing a test just made, so the pickers show the same models. */
  remember(name: string, models: RemoteModel[]): void {
    const remote = this.store.list().find((r) => r.name === name);
    if (remote) this.listings.set(`${remote.name} ${remote.url}`, Promise.resolve({ ok: true, models }));
  }

  private async fetch(name: string): Promise<Listing> {
    try {
      return { ok: true, models: await listRemoteModels(this.store.get(name), AbortSignal.timeout(20_000), LIST_TIMEOUTS) };
    } catch (error) {
      // A failed listing is not cached: the next open of a picker asks again.
      this.forget(name);
      return { ok: false, error: toErrorShape(error) };
    }
  }
}
