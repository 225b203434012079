import { isEventName, type EventName, type Unsubscribe } from '../../../preload/contract.js';
import type { ConnectionState } from './studio-client.js';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5000;

type Listener = (payload: unknown) => void;

/**
 * One WebSocket to the web host's /events, kept alive with capped exponential
 * backoff. The token rides in the subprotocol list because browsers cannot set
 * headers on a WebSocket handshake.
 */
export class EventSocket {
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private socket: WebSocket | null = null;
  private delayMs = FIRST_DELAY_MS;
  private state: ConnectionState = 'connecting';

  constructor(private readonly token: string) {
    this.connect();
  }

  on(name: EventName, listener: Listener): Unsubscribe {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  onReconnect(listener: () => void): Unsubscribe {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  onStateChange(listener: (state: ConnectionState) => void): Unsubscribe {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  currentState(): ConnectionState {
    return this.state;
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  private connect(): void {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    let socket: WebSocket;
    try {
      socket = new WebSocket(`${scheme}://${window.location.host}/events`, ['atelier', `bearer.${this.token}`]);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.delayMs = FIRST_DELAY_MS;
      this.setState('open');
      for (const listener of this.reconnectListeners) listener();
    });
    socket.addEventListener('message', (message) => this.dispatch(message.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    this.setState('reconnecting');
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, MAX_DELAY_MS);
    window.setTimeout(() => this.connect(), delay);
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let message: { event?: unknown; payload?: unknown };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    const name = message.event;
    if (typeof name !== 'string' || !isEventName(name)) return;
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(message.payload);
      } catch (error) {
        // One broken listener must not starve the others of the same event.
        console.error(`Listener for ${name} failed`, error);
      }
    }
  }
}
