import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Node hands an upgrade's socket to its 'upgrade' listeners and from then on neither reads
 * nor closes it. An upgrade answered with anything but 101 (a wrong token, Host or Origin,
 * no route, a path that cannot be decoded) is closed here once its answer is out, or the
 * socket lingers and the server's close() waits on it forever. A successful upgrade is
 * hijacked by the WebSocket plugin: its response never finishes, so it is left alone.
 */
export function closeRefusedUpgrade(request: IncomingMessage, response: ServerResponse): void {
  if (!isUpgrade(request)) return;
  if (response.writableFinished) request.socket.destroy();
  else response.once('finish', () => request.socket.destroy());
}

/** What makes Node emit 'upgrade' rather than 'request' (RFC 9110 §7.8). */
function isUpgrade(request: IncomingMessage): boolean {
  return request.headers.upgrade !== undefined && /(^|,)\s*upgrade\s*(,|$)/i.test(request.headers.connection ?? '');
}
