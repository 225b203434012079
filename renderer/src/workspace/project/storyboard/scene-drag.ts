import type { DragEvent } from 'react';
import type { DropSide } from './scene-order.js';

/** The drag format of a scene card being reordered; the value is the scene id. */
export const SCENE_DRAG_TYPE = 'application/x-atelier-scene';

export function carries(event: DragEvent, type: string): boolean {
  return event.dataTransfer.types.includes(type);
}

/** Upper half of the card: before it; lower half: after it. */
export function sideOf(event: DragEvent<HTMLElement>): DropSide {
  const box = event.currentTarget.getBoundingClientRect();
  return event.clientY < box.top + box.height / 2 ? 'before' : 'after';
}

/** Alt+↑/↓ moves a card, unless a text field has focus (there Alt+arrows belong to the caret). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'file', 'submit', 'reset'].includes(target.type);
}
