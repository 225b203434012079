import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';
import { AtelierError } from '../../../preload/errors.js';
import { redirectProblem } from '../security/redirect-policy.js';
import { discardPartial, findResumePoint, partialPaths, writeSidecar, type PartialSidecar } from './download-resume.js';

interface DownloadFileOptions {
  url: string;
  /** Final path; bytes go to `<dest>.part` until they are complete and verified. */
  dest: string;
  /** Exact size the file must have, when known. */
  expectedSize?: number;
  sha256?: string;
  signal: AbortSignal;
  /** Called as bytes arrive (`done` counts bytes already on disk from an earlier attempt). */
  onProgress?: (done: number, total: number | null) => void;
  /** Attempts in a row that may fail without getting a byte further (default 5). */
  retries?: number;
  /** First backoff delay; it doubles on each failure in a row (default 1 s, at most `maxRetryDelayMs`). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** A server that sends nothing for this long is given up on for this attempt (default 60 s). */
  stallTimeoutMs?: number;
  /** Names the file in messages. */
  label?: string;
}

interface DownloadedFile {
  size: number;
  sha256: string;
  /** Bytes that were already there from an earlier attempt or run. */
  resumedFrom: number;
}

/** One attempt failed in a way another attempt may fix (a dropped connection, a 503). */
class RetryableError extends Error {}

interface State {
  offset: number;
  hash: Hash;
  sidecar: PartialSidecar | null;
  total: number | null;
}

const TOTAL_ATTEMPTS_CAP = 50;
/** Hops one request may take; Hugging Face needs one or two (resolve → CDN). */
export const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function host(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function cancelled(): AtelierError {
  return new AtelierError('CANCELLED', 'Download cancelled; the partial file is kept so the download can resume.');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function hashExisting(file: string, length: number, hash: Hash, signal: AbortSignal): Promise<void> {
  if (length === 0) return;
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4 * 1024 * 1024);
    for (let pos = 0; pos < length;) {
      if (signal.aborted) throw cancelled();
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, length - pos), pos);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      pos += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

/** `bytes 100-199/1000` → start 100, total 1000 (null when the server says `*`). */
function parseContentRange(value: string | null): { start: number; total: number | null } | null {
  const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(value?.trim() ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[3] === '*' ? null : Number(match[3]) };
}

function strongEtag(etag: string | undefined): string | undefined {
  return etag && !etag.startsWith('W/') ? etag : undefined;
}

/**
 * Fetches one file with resume: bytes land in `<dest>.part`; after a dropped connection,
 * a stall or a restart of the app, the next attempt asks for the rest with `Range`,
 * guarded by `If-Range` so a file that changed on the server is fetched afresh (as it is
 * when a server ignores ranges and answers 200). Failures in a row back off exponentially
 * and are bounded; the finished file is checked against its size and sha256 before it
 * takes its real name. A mismatch deletes the partial; a cancel keeps it.
 */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadedFile> {
  const { url, dest, expectedSize, sha256, signal } = options;
  const label = options.label ?? url;
  const retries = options.retries ?? 5;
  const baseDelay = options.retryDelayMs ?? 1000;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  if (signal.aborted) throw cancelled();

  const resume = await findResumePoint(dest, { url, ...(expectedSize !== undefined && { expectedSize }), ...(sha256 && { sha256 }) });
  const state: State = { offset: resume.offset, hash: createHash('sha256'), sidecar: resume.sidecar, total: expectedSize ?? null };
  await hashExisting(partialPaths(dest).part, state.offset, state.hash, signal);
  const resumedFrom = state.offset;
  options.onProgress?.(state.offset, state.total);

  let failuresInARow = 0;
  let attempts = 0;
  while (!(expectedSize !== undefined && state.offset === expectedSize)) {
    const before = state.offset;
    attempts += 1;
    try {
      await attempt(options, state);
      break;
    } catch (error) {
      if (signal.aborted) throw cancelled();
      if (!(error instanceof RetryableError)) throw error;
      failuresInARow = state.offset > before ? 1 : failuresInARow + 1;
      if (failuresInARow > retries || attempts >= TOTAL_ATTEMPTS_CAP) {
        throw new AtelierError('DOWNLOAD_FAILED', `Could not download ${label} after ${attempts} attempts: ${error.message}`);
      }
      await sleep(Math.min(maxDelay, baseDelay * 2 ** (failuresInARow - 1)), signal);
    }
  }

  const { part } = partialPaths(dest);
  if (expectedSize !== undefined && state.offset !== expectedSize) {
    throw new AtelierError('DOWNLOAD_FAILED', `${label} arrived with ${state.offset} bytes instead of ${expectedSize}.`);
  }
  const actual = state.hash.digest('hex');
  if (sha256 && actual !== sha256) {
    await discardPartial(dest);
    throw new AtelierError(
      'CHECKSUM_MISMATCH',
      `checksum mismatch for ${label}: expected sha256 ${sha256}, got ${actual}. The damaged download was deleted; try again, and if it repeats the file on the server has changed.`,
    );
  }
  // An empty file never had a chance to create its .part.
  await fs.appendFile(part, new Uint8Array(0));
  const handle = await fs.open(part, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(part, dest);
  await fs.rm(partialPaths(dest).sidecar, { force: true });
  return { size: state.offset, sha256: actual, resumedFrom };
}

async function attempt(options: DownloadFileOptions, state: State): Promise<void> {
  const { url, dest, expectedSize, sha256, signal } = options;
  const label = options.label ?? url;
  const stallMs = options.stallTimeoutMs ?? 60_000;
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  signal.addEventListener('abort', onOuterAbort, { once: true });
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const armStallTimer = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };

  const headers: Record<string, string> = { 'Accept-Encoding': 'identity', 'User-Agent': 'Atelier (model download)' };
  if (state.offset > 0) {
    headers.Range = `bytes=${state.offset}-`;
    const validator = strongEtag(state.sidecar?.etag) ?? state.sidecar?.lastModified;
    if (validator) headers['If-Range'] = validator;
  }

  let handle: fs.FileHandle | undefined;
  try {
    armStallTimer();
    const response = await fetchFollowing(url, headers, controller.signal, label, () => {
      if (signal.aborted) return cancelled();
      return stalled ? new RetryableError(`the server at ${host(url)} did not answer within ${Math.round(stallMs / 1000)} s`) : undefined;
    });

    const status = response.status;
    if (status === 416 && state.offset > 0) {
      // The range we asked for does not exist there (the file shrank or changed): start over.
      await response.body?.cancel();
      await restart(dest, state);
      throw new RetryableError(`the server refused to resume ${label}; starting it again`);
    }
    if (status >= 400) {
      await response.body?.cancel().catch(() => undefined);
      const line = `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''} from ${host(url)}`;
      if (status >= 500 || status === 408 || status === 429) throw new RetryableError(line);
      throw new AtelierError('DOWNLOAD_FAILED', `Could not download ${label}: ${line}.`);
    }
    if (status !== 200 && status !== 206) {
      await response.body?.cancel().catch(() => undefined);
      throw new RetryableError(`unexpected HTTP ${status} from ${host(url)}`);
    }

    const length = Number(response.headers.get('content-length') ?? NaN);
    if (status === 206) {
      const range = parseContentRange(response.headers.get('content-range'));
      if (!range || range.start !== state.offset) {
        await response.body?.cancel().catch(() => undefined);
        await restart(dest, state);
        throw new RetryableError(`the server sent the wrong part of ${label}; starting it again`);
      }
      if (range.total !== null) checkTotal(range.total, expectedSize, label);
      state.total = range.total ?? expectedSize ?? null;
    } else {
      // A 200 is the whole file: the server ignores ranges, or the file changed since the
      // partial was saved (If-Range failed). Either way the old bytes are worthless.
      if (state.offset > 0) await restart(dest, state);
      if (Number.isFinite(length)) checkTotal(length, expectedSize, label);
      state.total = Number.isFinite(length) ? length : (expectedSize ?? null);
    }

    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    if (!state.sidecar || state.sidecar.etag !== etag || state.sidecar.lastModified !== lastModified) {
      state.sidecar = {
        version: 1,
        url,
        ...(expectedSize !== undefined && { expectedSize }),
        ...(sha256 && { sha256 }),
        ...(etag && { etag }),
        ...(lastModified && { lastModified }),
        startedAt: state.sidecar?.startedAt ?? new Date().toISOString(),
      };
      await writeSidecar(dest, state.sidecar);
    }

    const { part } = partialPaths(dest);
    handle = await fs.open(part, state.offset > 0 ? 'r+' : 'w');
    if (!response.body) throw new RetryableError(`the server sent no body for ${label}`);
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        armStallTimer();
        if (expectedSize !== undefined && state.offset + chunk.length > expectedSize) {
          throw new AtelierError('DOWNLOAD_FAILED', `${label} is larger on the server than the ${expectedSize} bytes expected.`);
        }
        await handle.write(chunk, 0, chunk.length, state.offset);
        state.hash.update(chunk);
        state.offset += chunk.length;
        options.onProgress?.(state.offset, state.total);
      }
    } catch (error) {
      if (error instanceof AtelierError) throw error;
      if (signal.aborted) throw cancelled();
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
        throw new AtelierError('DISK_FULL', 'The disk is full; free some space and the download resumes.');
      if (stalled) throw new RetryableError(`the server stopped sending data for ${Math.round(stallMs / 1000)} s`);
      throw new RetryableError(`the connection dropped (${describe(error)})`);
    }
    if (state.total !== null && state.offset < state.total) {
      throw new RetryableError(`the connection closed after ${state.offset} of ${state.total} bytes`);
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onOuterAbort);
    await handle?.close();
  }
}

/**
 * fetch, following redirects by hand so each hop is held to the rules of the first
 * address (redirect-policy.ts): no https→http, no hop onto this computer or the local
 * network from a public address, at most MAX_REDIRECTS hops.
 */
async function fetchFollowing(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
  label: string,
  whyAborted: () => Error | undefined,
): Promise<Response> {
  const first = new URL(url);
  let current = first;
  for (let hops = 0; ; hops++) {
    let response: Response;
    try {
      response = await fetch(current, { headers, signal, redirect: 'manual' });
    } catch (error) {
      throw whyAborted() ?? new RetryableError(`could not reach ${current.host} (${describe(error)})`);
    }
    if (!REDIRECT_STATUSES.has(response.status)) return response;
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    let next: URL;
    try {
      next = new URL(location ?? '', current);
    } catch {
      throw new AtelierError('DOWNLOAD_FAILED', `Could not download ${label}: ${current.host} redirected to an invalid address.`);
    }
    if (!location)
      throw new AtelierError('DOWNLOAD_FAILED', `Could not download ${label}: ${current.host} answered HTTP ${response.status} without a Location.`);
    if (hops >= MAX_REDIRECTS) throw new AtelierError('DOWNLOAD_FAILED', `Could not download ${label}: more than ${MAX_REDIRECTS} redirects.`);
    const problem = redirectProblem(first, current, next);
    if (problem) throw new AtelierError('DOWNLOAD_FAILED', `Could not download ${label}: a redirect from ${current.host} was refused because ${problem}.`);
    current = next;
  }
}

function checkTotal(total: number, expectedSize: number | undefined, label: string): void {
  if (expectedSize !== undefined && total !== expectedSize) {
    throw new AtelierError(
      'DOWNLOAD_FAILED',
      `The server offers ${label} with ${total} bytes, but the catalog expects ${expectedSize}: the file there has changed.`,
    );
  }
}

async function restart(dest: string, state: State): Promise<void> {
  await fs.truncate(partialPaths(dest).part, 0).catch(() => undefined);
  state.offset = 0;
  state.hash = createHash('sha256');
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
