/**
 * Where ↑/↓/Home/End move the focus in a vertical list of `count` items from `index`
 * (clamped at the ends); null for any other key, which the list leaves alone.
 */
export function verticalListTarget(key: string, index: number, count: number): number | null {
  const last = count - 1;
  if (key === 'ArrowDown') return Math.min(index + 1, last);
  if (key === 'ArrowUp') return Math.max(index - 1, 0);
  if (key === 'Home') return 0;
  if (key === 'End') return last;
  return null;
}
