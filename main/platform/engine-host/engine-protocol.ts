import type { ErrorShape } from '../../../preload/errors.js';

/**
 * The wire between main and an engine host process (DESIGN.md, Engine hosts): every
 * request carries an id; the host answers it once (`reply`) and may stream `event`s for
 * it before that; `cancel` asks it to stop early. Both ends are this codebase, but the
 * host is a separate process that can die at any moment, so main never trusts a reply
 * to arrive: see engine-process.ts.
 */
export interface HostRequest {
  type: 'request';
  id: number;
  method: string;
  params: unknown;
}

export type ToHost = HostRequest | { type: 'cancel'; id: number } | { type: 'shutdown' };

export type FromHost =
  | { type: 'ready'; pid: number }
  | { type: 'event'; id: number; event: unknown }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: ErrorShape };

export function isFromHost(value: unknown): value is FromHost {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return type === 'ready' || type === 'event' || type === 'reply';
}

export function isToHost(value: unknown): value is ToHost {
  if (typeof value !== 'object' || value === null) return false;
  const { type } = value as { type?: unknown };
  return type === 'request' || type === 'cancel' || type === 'shutdown';
}
