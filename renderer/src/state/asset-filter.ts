import type { Asset } from '../../../preload/contract.js';
import { fold } from '../format/fold.js';

/** What a search looks through: the name, the kind, and how the asset was made. */
function haystack(asset: Asset): string {
  const { origin } = asset;
  return fold([asset.name, asset.kind, origin.engine, origin.model, origin.prompt, origin.sourceName].filter(Boolean).join('\n'));
}

const cache = new WeakMap<Asset, string>();

/** Assets holding every word of the query; each asset's text is folded once and kept while the asset object lives. */
export function filterAssets(assets: readonly Asset[], query: string): readonly Asset[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return assets;
  return assets.filter((asset) => {
    let text = cache.get(asset);
    if (text === undefined) {
      text = haystack(asset);
      cache.set(asset, text);
    }
    return words.every((word) => text.includes(word));
  });
}
