import type { EventName, EventPayload } from '../../../preload/contract.js';

type Listener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Main's side of the contract's events: core emits, each host forwards to its clients. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch {
        // One broken client must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
