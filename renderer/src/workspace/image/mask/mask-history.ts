import type { Mask } from './mask-model.js';

/**
 * Undo and redo for the mask painter: a snapshot of the mask's bytes before each stroke
 * or whole-mask action. Snapshots are capped so a long session at 2048² (4 MB each) stays
 * bounded; the oldest step is the one forgotten.
 */
export class MaskHistory {
  private readonly undoStack: Uint8Array[] = [];
  private readonly redoStack: Uint8Array[] = [];

  constructor(private readonly limit = 40) {}

  /** Call before changing the mask. A new change forgets what could be redone, as every editor does. */
  record(mask: Mask): void {
    this.undoStack.push(mask.data.slice());
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  undo(mask: Mask): boolean {
    return this.swap(mask, this.undoStack, this.redoStack);
  }

  redo(mask: Mask): boolean {
    return this.swap(mask, this.redoStack, this.undoStack);
  }

  private swap(mask: Mask, from: Uint8Array[], to: Uint8Array[]): boolean {
    const snapshot = from.pop();
    if (!snapshot) return false;
    to.push(mask.data.slice());
    mask.data.set(snapshot);
    return true;
  }
}
