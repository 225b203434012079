/** Where a dragged scene lands relative to the card under the pointer. */
export type DropSide = 'before' | 'after';

/**
 * The index a moved scene ends up at (`storyboard.edit` move's `toIndex` counts
 * positions in the list after the move), or null when the drop changes nothing.
 */
export function moveTarget(fromIndex: number, overIndex: number, side: DropSide): number | null {
  const insertAt = side === 'before' ? overIndex : overIndex + 1;
  const toIndex = insertAt > fromIndex ? insertAt - 1 : insertAt;
  return toIndex === fromIndex ? null : toIndex;
}

/** Alt+↑ / Alt+↓ on a card: one step, clamped to the ends (null at an end). */
export function keyboardMoveTarget(fromIndex: number, count: number, direction: -1 | 1): number | null {
  const toIndex = fromIndex + direction;
  return toIndex < 0 || toIndex >= count ? null : toIndex;
}
