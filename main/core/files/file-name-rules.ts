/**
 * Rules every file or folder name made from a creator's text follows (project folders,
 * export files), so what Atelier reports as a path is what the filesystem then lists.
 */

/** Half of a surrogate pair without its other half: JSON can carry one (`"\ud800"`), no file name can. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Lone surrogates as U+FFFD, which is what writing the name to disk would make of them. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** The first `max` characters, counted by code points, so an emoji is never cut in half. */
export function firstCodePoints(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/** Names Windows keeps for devices, with any extension: `CON.mp4` cannot be created there. */
export function isReservedName(stem: string): boolean {
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem);
}
