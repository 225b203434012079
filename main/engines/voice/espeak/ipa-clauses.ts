/**
 * espeak-ng's command line (`-q --ipa`) prints one line per clause it finds, and it finds
 * clauses of its own (after "Dr.", around quotes), so its lines cannot be matched to
 * the caller's clauses by counting. Each clause is sent as its own paragraph, with a
 * marker paragraph before, between and after them; the marker's IPA (the first line
 * printed) then separates the clauses' lines, however many each one produced.
 */

/** Numbers espeak reads in every language; a clause that reads exactly like one makes the next one be tried. */
export const IPA_MARKERS = ['70707', '80808', '90909'] as const;

/** The text espeak is given: marker, clause, marker, clause… marker, as paragraphs. */
export function markedClauses(clauses: readonly string[], marker: string): string {
  return [marker, ...clauses.flatMap((clause) => [clause.replace(/\s+/g, ' ').trim(), marker])].join('\n\n');
}

/**
 * Splits the printed lines back into one IPA string per clause (a clause espeak cut in
 * several joins them with a space). Undefined when the markers do not line up.
 */
export function unmarkClauses(lines: readonly string[], count: number): string[] | undefined {
  const marker = lines[0]?.trim();
  if (!marker) return undefined;
  const groups: string[][] = [];
  let current: string[] = [];
  for (const line of lines.slice(1)) {
    const trimmed = line.trim();
    if (trimmed === marker) {
      groups.push(current);
      current = [];
    } else if (trimmed !== '') current.push(trimmed);
  }
  // The last marker closes the last clause; lines after it mean the markers slipped.
  if (current.length > 0 || groups.length !== count) return undefined;
  return groups.map((group) => group.join(' '));
}
