import { AtelierError, buildApi, FileRefSchema, isErrorCode, type CallName, type FileRef } from '../../../preload/contract.js';
import { EventSocket } from './event-socket.js';
import type { AssetVariant, StudioClient } from './studio-client.js';

/** The host is gone: the message already says what to do, so no generic hint is added to it. */
class HostUnreachableError extends AtelierError {
  readonly hint = null;

  constructor(cause: unknown) {
    super('IO_ERROR', 'Atelier is not answering. Check that atelier serve is still running in its terminal, then reload this page.', {
      cause,
    });
  }
}

/** Reads `{result}` or `{error:{code,message}}`; anything else becomes a readable error. */
interface Envelope {
  result?: unknown;
  error?: { code?: unknown; message?: unknown };
}

async function parseEnvelope(response: Response): Promise<Envelope | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as Envelope) : null;
  } catch {
    return null;
  }
}

async function readEnvelope(response: Response): Promise<unknown> {
  const body = await parseEnvelope(response);
  if (response.ok && body && 'result' in body) return body.result;
  const error = body?.error;
  if (error && isErrorCode(error.code) && typeof error.message === 'string') {
    throw new AtelierError(error.code, error.message);
  }
  if (response.status === 401) {
    throw new AtelierError('UNAUTHORIZED', 'This page’s key is no longer valid. Open the link that atelier serve printed.');
  }
  throw new AtelierError('INTERNAL', `The web host answered ${response.status} ${response.statusText}.`);
}

async function send(input: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (cause) {
    throw new HostUnreachableError(cause);
  }
  return readEnvelope(response);
}

export function createWebClient(token: string): StudioClient {
  const authorization = `Bearer ${token}`;
  const socket = new EventSocket(token);
  const urlCache = new Map<string, Promise<string>>();

  const invoke = (name: CallName, input: unknown) =>
    send(`/api/${name}`, {
      method: 'POST',
      headers: { Authorization: authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });

  const api = buildApi(invoke, (name, listener) => socket.on(name, listener));

  async function upload(file: File): Promise<FileRef> {
    const result = await send('/upload', {
      method: 'POST',
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/octet-stream',
        'X-Atelier-File-Name': encodeURIComponent(file.name),
      },
      body: file,
    });
    const parsed = FileRefSchema.safeParse(result);
    if (!parsed.success) throw new AtelierError('INTERNAL', `The upload of “${file.name}” returned no file reference.`);
    return parsed.data;
  }

  async function fetchObjectUrl(assetId: string, variant: AssetVariant): Promise<string> {
    const path = `/files/${encodeURIComponent(assetId)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
    let response: Response;
    try {
      response = await fetch(path, { headers: { Authorization: authorization } });
    } catch (cause) {
      throw new HostUnreachableError(cause);
    }
    if (!response.ok) await readEnvelope(response);
    return URL.createObjectURL(await response.blob());
  }

  return {
    host: 'web',
    api,
    async importFiles(files) {
      // One file at a time: uploads share one connection and the import jobs queue anyway.
      for (const file of Array.from(files ?? [])) {
        try {
          const ref = await upload(file);
          await api.assets.import({ fileRef: ref.ref });
        } catch (error) {
          const code = error instanceof AtelierError ? error.code : 'INTERNAL';
          const message = error instanceof Error ? error.message : String(error);
          throw new AtelierError(code, `Could not import “${file.name}”: ${message}`, { cause: error });
        }
      }
    },
    sendRecording(wav, name) {
      return upload(new File([wav], name, { type: 'audio/wav' }));
    },
    async importModelFiles(files) {
      const jobIds: string[] = [];
      for (const file of Array.from(files ?? [])) {
        try {
          const ref = await upload(file);
          jobIds.push((await api.models.import({ fileRef: ref.ref, mode: 'copy' })).jobId);
        } catch (error) {
          const code = error instanceof AtelierError ? error.code : 'INTERNAL';
          const message = error instanceof Error ? error.message : String(error);
          throw new AtelierError(code, `Could not import “${file.name}”: ${message}`, { cause: error });
        }
      }
      return jobIds;
    },
    async importBundle(files) {
      const file = Array.from(files ?? [])[0];
      if (!file) return null;
      const ref = await upload(file);
      return api.projects.import({ fileRef: ref.ref });
    },
    async downloadExport(downloadUrl, name) {
      let response: Response;
      try {
        response = await fetch(downloadUrl, { headers: { Authorization: authorization } });
      } catch (cause) {
        throw new HostUnreachableError(cause);
      }
      if (!response.ok) await readEnvelope(response);
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: name });
      link.click();
      // The click has started the download; the URL is only needed until then.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    assetUrl(assetId, variant) {
      const key = `${assetId}/${variant}`;
      let url = urlCache.get(key);
      if (!url) {
        url = fetchObjectUrl(assetId, variant);
        // A failed fetch must not stick: the next render may succeed.
        url.catch(() => urlCache.delete(key));
        urlCache.set(key, url);
      }
      return url;
    },
    onReconnect: (listener) => socket.onReconnect(listener),
    onConnectionChange: (listener) => socket.onStateChange(listener),
    connectionState: () => socket.currentState(),
  };
}
