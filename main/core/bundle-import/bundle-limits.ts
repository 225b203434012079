/** What a bundle may hold; anything beyond is refused before or while it is unpacked. */
export interface BundleLimits {
  maxEntries: number;
  /** Uncompressed bytes of one entry, counted while inflating. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together, counted while inflating. */
  maxTotalBytes: number;
  /** Inflated bytes per compressed byte above which an entry is taken for a zip bomb… */
  maxRatio: number;
  /** …once it has inflated past this many bytes (silent WAVs compress well, too). */
  ratioAfterBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxEntries: 20_000,
  maxEntryBytes: 4 * 1024 ** 3,
  maxTotalBytes: 16 * 1024 ** 3,
  maxRatio: 100,
  ratioAfterBytes: 32 * 1024 ** 2,
};
