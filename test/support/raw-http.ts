import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

export interface RawReply {
  status: number;
  body: string;
  headers?: http.IncomingHttpHeaders;
}

/** One request with the path sent exactly as given (no URL parsing or normalising on our side). */
export function rawRequest(port: number, method: string, rawPath: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path: rawPath, setHost: false, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: response.headers }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export interface UpgradeOptions {
  /** Headers sent instead of (or beside) the defaults, e.g. another Host or an Origin. */
  headers?: Record<string, string>;
  /**
   * After a refusal, wait this long for the server to close the socket and report whether it did
   * (`closedByServer`): Node's HTTP server hands an upgrade's socket over and no longer reads or closes it.
   */
  serverCloseWithinMs?: number;
}

/**
 * A WebSocket upgrade for `rawPath`, written byte for byte on a TCP socket; resolves with
 * the status line's code (101 means the socket opened) and whatever body followed.
 */
export function rawUpgrade(port: number, rawPath: string, protocols: string, options: UpgradeOptions = {}): Promise<RawReply & { closedByServer?: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let ended = false;
    let answered = false;
    const done = () => {
      if (answered) return;
      answered = true;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const reply = { status, body: text.slice(text.indexOf('\r\n\r\n') + 4) };
      const wait = options.serverCloseWithinMs;
      if (wait === undefined || status === 101) {
        socket.destroy();
        resolve(reply);
        return;
      }
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ ...reply, closedByServer: false });
      }, wait);
      const closed = () => {
        clearTimeout(timer);
        socket.destroy();
        resolve({ ...reply, closedByServer: true });
      };
      if (ended) closed();
      else socket.once('end', closed);
    };
    const headers: Record<string, string> = {
      Host: `127.0.0.1:${port}`,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Protocol': protocols,
      ...options.headers,
    };
    socket.on('connect', () =>
      socket.write([`GET ${rawPath} HTTP/1.1`, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', ''].join('\r\n')),
    );
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head < 0) return;
      // A 101 has no body; a refusal's JSON follows its headers (Content-Length).
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, head))?.[1] ?? 0);
      if (text.startsWith('HTTP/1.1 101') || text.length >= head + 4 + length) done();
    });
    socket.on('end', () => {
      ended = true;
      done();
    });
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error(`no answer to the upgrade of ${rawPath}`)));
  });
}
