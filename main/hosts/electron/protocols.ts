import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { toErrorShape } from '../../../preload/errors.js';
import { isInside, resolveInside } from '../../core/security/path-inside.js';
import { httpStatusFor } from '../web/http-status.js';
import { RENDERER_TYPES } from '../renderer-types.js';
import { parseAssetUrl, rendererRelativePath } from './trusted-urls.js';

/**
 * The two schemes the desktop window loads from, written as plain `Request → Response`
 * functions over real files so that they are tested without Electron; electron-main.ts
 * hands them to `protocol.handle`.
 */
type ProtocolHandler = (request: Request) => Promise<Response>;

interface SchemeRegistrar {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
}

interface ProtocolHost {
  handle(scheme: string, handler: ProtocolHandler): void;
}

/** Must run before app.whenReady(): schemes are privileged once, at start-up. */
export function registerSchemes(protocol: SchemeRegistrar): void {
  protocol.registerSchemesAsPrivileged([
    // codeCache: the studio's scripts are compiled once and kept, so a second launch skips V8's parse and compile.
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    { scheme: 'atelier-asset', privileges: { secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** Asset bytes are somebody's picture or text, never a page: nothing in them may run or load. */
export const ASSET_CSP = "default-src 'none'; sandbox";

/** What each kind of asset may be served as; anything else is refused rather than sniffed. */
const ASSET_MIME_TYPES: Readonly<Record<string, readonly string[]>> = {
  image: ['image/png', 'image/jpeg', 'image/webp'],
  audio: ['audio/wav', 'audio/mpeg'],
  text: ['text/markdown', 'text/plain'],
};

function refusal(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/**
 * The file under `root` that `relative` names, after symlinks, or null when it is missing,
 * not a plain file, or resolves outside the root.
 */
async function realFileInside(root: string, relative: string): Promise<string | null> {
  try {
    const real = await fs.realpath(resolveInside(root, relative));
    if (!isInside(await fs.realpath(root), real)) return null;
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function streamOf(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
}

/** app://renderer/<path> serves the built renderer and nothing else. */
export function appProtocolHandler(rendererDir: string): ProtocolHandler {
  return async (request) => {
    const relative = rendererRelativePath(request.url);
    if (!relative) return refusal(404, 'Not found');
    const type = RENDERER_TYPES[path.extname(relative).toLowerCase()];
    if (!type) return refusal(404, 'Not found');
    const file = await realFileInside(rendererDir, relative);
    if (!file) return refusal(404, 'Not found');
    return new Response(streamOf(file), { headers: { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' } });
  };
}

/** Turns an asset id into its file: the studio's resolveAssetFile (open project only, realpath inside it). */
export type AssetResolver = (assetId: string, variant: 'file' | 'thumbnail') => Promise<{ path: string; mime: string; kind: string }>;

/** atelier-asset://asset/<id>[/thumbnail] serves the open project's files, sandboxed, by their declared type. */
export function assetProtocolHandler(resolveAsset: AssetResolver): ProtocolHandler {
  return async (request) => {
    const parsed = parseAssetUrl(request.url);
    if (!parsed) return refusal(404, 'Not found');
    let file: { path: string; mime: string; kind: string };
    try {
      file = await resolveAsset(parsed.assetId, parsed.variant);
    } catch (error) {
      const shape = toErrorShape(error);
      return refusal(httpStatusFor(shape.code), shape.message);
    }
    if (!(ASSET_MIME_TYPES[file.kind] ?? []).includes(file.mime)) {
      return refusal(415, `The desktop window does not show ${file.kind} files of type ${file.mime}.`);
    }
    const handle = await fs.stat(file.path).catch(() => null);
    if (!handle?.isFile()) return refusal(404, 'Not found');
    return new Response(streamOf(file.path), {
      headers: {
        'Content-Type': file.mime,
        'Content-Security-Policy': ASSET_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  };
}

/** Hands both handlers to Electron's `protocol`. */
export function handleProtocols(protocol: ProtocolHost, handlers: { app: ProtocolHandler; asset: ProtocolHandler }): void {
  protocol.handle('app', handlers.app);
  protocol.handle('atelier-asset', handlers.asset);
}
