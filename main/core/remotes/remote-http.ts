import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { AtelierError } from '../../../preload/errors.js';
import { httpError } from './remote-error-body.js';
import type { ResolvedRemote } from './remote-store.js';

/**
 * How long a remote may take before Atelier gives up with a typed error instead of
 * waiting forever: to accept the connection, to start answering (for a non-streamed
 * request that is the whole generation), and between two pieces of a streamed reply.
 */
export interface RemoteTimeouts {
  connectMs: number;
  firstByteMs: number;
  idleMs: number;
}

export const TEXT_TIMEOUTS: RemoteTimeouts = { connectMs: 5_000, firstByteMs: 120_000, idleMs: 60_000 };
/** A picture or a clip arrives in one piece, after the whole generation. */
export const MEDIA_TIMEOUTS: RemoteTimeouts = { connectMs: 5_000, firstByteMs: 600_000, idleMs: 60_000 };
export const LIST_TIMEOUTS: RemoteTimeouts = { connectMs: 5_000, firstByteMs: 15_000, idleMs: 15_000 };

const ERROR_BODY_LIMIT = 64 * 1024;

interface RemoteRequest {
  method: 'GET' | 'POST';
  /** Below the remote's base address, e.g. `/v1/chat/completions`. */
  path: string;
  body?: unknown;
  accept?: string;
}

/**
 * Sends one request to a remote and resolves with the response once its headers are in
 * and its status is a success. Failures come back as REMOTE_* errors that say which
 * remote and what went wrong; aborting `signal` tears the connection down (the remote
 * sees a disconnect, which cancels its own job).
 */
export function openRemote(remote: ResolvedRemote, request: RemoteRequest, signal: AbortSignal, timeouts: RemoteTimeouts): Promise<IncomingMessage> {
  const url = new URL(`${remote.url}${request.path}`);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const headers: Record<string, string> = { Accept: request.accept ?? 'application/json' };
  if (remote.key !== undefined) headers.Authorization = `Bearer ${remote.key}`;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  const who = `the remote "${remote.name}" (${remote.url})`;
  return new Promise<IncomingMessage>((resolve, reject) => {
    if (signal.aborted) {
      reject(new AtelierError('CANCELLED', 'Cancelled.'));
      return;
    }
    const lib = url.protocol === 'https:' ? https : http;
    // A fresh connection per request: a pooled socket the remote already closed would fail as a "drop".
    const req = lib.request(url, { method: request.method, headers, agent: false });
    let timer: NodeJS.Timeout | undefined;
    const arm = (ms: number, error: () => AtelierError) => {
      clearTimeout(timer);
      timer = setTimeout(() => req.destroy(error()), ms);
    };
    const onAbort = () => req.destroy(new AtelierError('CANCELLED', 'Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const waitForAnswer = () =>
      arm(timeouts.firstByteMs, () => new AtelierError('REMOTE_TIMEOUT', `${who} accepted the request but sent nothing for ${seconds(timeouts.firstByteMs)}.`));
    arm(timeouts.connectMs, () => new AtelierError('REMOTE_UNREACHABLE', `${who} did not accept a connection within ${seconds(timeouts.connectMs)}.`));
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', waitForAnswer);
      else waitForAnswer();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      done();
      reject(remoteError(error, who, signal));
    });
    req.on('response', (response) => {
      done();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        resolve(response);
        return;
      }
      readLimited(response, ERROR_BODY_LIMIT)
        .then((text) => reject(httpError(status, text, who)))
        .catch(() => reject(httpError(status, '', who)));
    });
    req.end(body);
  });
}

/**
 * The response body piece by piece; a gap longer than `idleMs` destroys it with
 * REMOTE_TIMEOUT, and a connection that breaks off becomes REMOTE_FAILED.
 */
export async function* bodyChunks(response: IncomingMessage, remote: ResolvedRemote, signal: AbortSignal, idleMs: number): AsyncGenerator<Buffer> {
  const who = `the remote "${remote.name}" (${remote.url})`;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => response.destroy(new AtelierError('REMOTE_TIMEOUT', `${who} stopped sending for ${seconds(idleMs)} in the middle of its reply.`)),
      idleMs,
    );
  };
  const onAbort = () => response.destroy(new AtelierError('CANCELLED', 'Cancelled.'));
  signal.addEventListener('abort', onAbort, { once: true });
  arm();
  try {
    for await (const chunk of response) {
      arm();
      yield chunk as Buffer;
    }
    // A chunked body that ends without its terminator is a drop, even if no error fired.
    if (!response.complete) throw new AtelierError('REMOTE_FAILED', `${who} dropped the connection in the middle of its reply.`);
  } catch (error) {
    throw remoteError(error as NodeJS.ErrnoException, who, signal);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
    // Leaving early (a consumer that stops reading) must not keep the socket open.
    if (!response.complete) response.destroy();
  }
}

/** The whole body, for JSON and media answers. */
export async function readBody(response: IncomingMessage, remote: ResolvedRemote, signal: AbortSignal, idleMs: number, limit: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of bodyChunks(response, remote, signal, idleMs)) {
    size += chunk.length;
    if (size > limit)
      throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" sent more than ${Math.round(limit / 1024 / 1024)} MB; refusing the rest.`);
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}

export async function readJson(
  response: IncomingMessage,
  remote: ResolvedRemote,
  signal: AbortSignal,
  idleMs: number,
  limit = 64 * 1024 * 1024,
): Promise<unknown> {
  const body = await readBody(response, remote, signal, idleMs, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AtelierError('REMOTE_FAILED', `The remote "${remote.name}" answered with something that is not JSON.`);
  }
}

/** Server-sent events: the `data:` payload of each event, in order. */
export async function* sseData(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = /\r?\n\r?\n/.exec(buffer);
    while (end) {
      const event = buffer.slice(0, end.index);
      buffer = buffer.slice(end.index + end[0].length);
      const data = event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n');
      if (data !== '') yield data;
      end = /\r?\n\r?\n/.exec(buffer);
    }
  }
}

function remoteError(error: NodeJS.ErrnoException, who: string, signal: AbortSignal): AtelierError {
  if (error instanceof AtelierError) return error;
  if (signal.aborted) return new AtelierError('CANCELLED', 'Cancelled.');
  switch (error.code) {
    case 'ECONNREFUSED':
      return new AtelierError('REMOTE_UNREACHABLE', `${who} refused the connection: is the server running?`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AtelierError('REMOTE_UNREACHABLE', `${who}: the host name does not resolve.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AtelierError('REMOTE_UNREACHABLE', `${who} cannot be reached from this network.`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new AtelierError('REMOTE_FAILED', `${who} dropped the connection before its reply was complete.`);
    default:
      return new AtelierError('REMOTE_FAILED', `${who} failed: ${error.message}`);
  }
}

async function readLimited(response: IncomingMessage, limit: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > limit) break;
    parts.push(chunk as Buffer);
  }
  response.destroy();
  return Buffer.concat(parts).toString('utf8');
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
