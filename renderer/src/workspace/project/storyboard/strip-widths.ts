/**
 * Widths for the overview strip's blocks, as a flex row with `flex-basis: 0`, `flex-grow:
 * seconds` and a `min-width` would lay them out: the room is shared in proportion to how
 * long each scene plays, a block too narrow for its share is held at `min`, and the room it
 * took from the others is shared again among them. Worked out here because the strip is
 * virtualized: only the blocks in view are on the page, so the browser cannot lay out the row.
 */
export function stripWidths(lengths: readonly number[], room: number, min: number, gap: number): number[] {
  const count = lengths.length;
  if (count === 0) return [];
  // Zero-length scenes still take a block; their share is nil, so they sit at `min`.
  const weights = lengths.map((length) => (Number.isFinite(length) && length > 0 ? length : 0));
  const free = Math.max(0, room - gap * (count - 1));
  // Smallest weights first: the blocks held at `min` are always a prefix of this order.
  const order = weights.map((_, index) => index).sort((a, b) => (weights[a] as number) - (weights[b] as number));
  let weightLeft = weights.reduce((sum, weight) => sum + weight, 0);
  let roomLeft = free;
  let held = 0;
  while (held < count) {
    const index = order[held] as number;
    const share = weightLeft > 0 ? (roomLeft * (weights[index] as number)) / weightLeft : 0;
    if (share >= min) break;
    roomLeft -= min;
    weightLeft -= weights[index] as number;
    held += 1;
  }
  const widths = new Array<number>(count).fill(min);
  for (let k = held; k < count; k += 1) {
    const index = order[k] as number;
    widths[index] = Math.max(min, (roomLeft * (weights[index] as number)) / weightLeft);
  }
  return widths;
}
