import { randomBytes } from 'node:crypto';
import type { Asset } from '../../../preload/contract.js';

/**
 * The asset list, newest first, kept per version of a project's `assets` record. Every
 * change to the assets makes a new record (changes are made by spreading), and nothing
 * else does: a storyboard edit, which the studio answers with a fresh list request, finds
 * the list already made, and the next add, import, rename or removal makes a new one.
 */
const lists = new WeakMap<object, Asset[]>();
const revisions = new WeakMap<object, string>();
// Per process: a restarted host never hands out a revision an earlier one gave to other contents.
const session = randomBytes(4).toString('hex');
let counter = 0;

export function listAssets(assets: Record<string, Asset>): Asset[] {
  let list = lists.get(assets);
  if (!list) {
    // ISO timestamps of one form order as plain strings: no collation (localeCompare) per comparison.
    list = Object.values(assets).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    Object.freeze(list);
    lists.set(assets, list);
  }
  return list;
}

/** A token that changes exactly when the assets do: the studio reloads its list only then. */
export function assetsRevision(assets: Record<string, Asset>): string {
  let revision = revisions.get(assets);
  if (!revision) {
    counter += 1;
    revision = `${session}-${counter}`;
    revisions.set(assets, revision);
  }
  return revision;
}
