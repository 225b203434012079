/**
 * Names people can read and type: `harbour-at-midnight.png`. How a thing was made (its seed,
 * its settings) lives in the asset's origin and the file's own metadata, not in its name.
 */

const SLUG_LENGTH = 48;

/** `The Harbour at Midnight!` → `the-harbour-at-midnight`; cut between words; `fallback` when nothing is left. */
export function readableSlug(words: string, fallback: string): string {
  const slug = words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_LENGTH) return slug || fallback;
  const cut = slug.slice(0, SLUG_LENGTH + 1);
  const lastBreak = cut.lastIndexOf('-');
  return (lastBreak > 0 ? cut.slice(0, lastBreak) : slug.slice(0, SLUG_LENGTH)).replace(/-+$/, '');
}

/**
 * `name` itself when no other asset has it; otherwise the first free `stem-2.ext`, `stem-3.ext`, …
 * (compared without case, as macOS and Windows compare file names).
 */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}${ext}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
