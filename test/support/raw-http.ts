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

/**
 * A WebSocket upgrade for `rawPath`, written byte for byte on a TCP socket; resolves with
 * the status line's code (101 means the socket opened) and whatever body followed.
 */
export function rawUpgrade(port: number, rawPath: string, protocols: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      socket.destroy();
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    };
    socket.on('connect', () =>
      socket.write(
        [
          `GET ${rawPath} HTTP/1.1`,
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Protocol: ${protocols}`,
          '',
          '',
        ].join('\r\n'),
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head < 0) return;
      // A 101 has no body; a refusal's JSON follows its headers (Content-Length).
      const length = Number(/content-length: (\d+)/i.exec(text.slice(0, head))?.[1] ?? 0);
      if (text.startsWith('HTTP/1.1 101') || text.length >= head + 4 + length) done();
    });
    socket.on('end', done);
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error(`no answer to the upgrade of ${rawPath}`)));
  });
}
