import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RENDERER_TYPES } from '../renderer-types.js';
import { rendererCacheControl } from './renderer-cache.js';

/**
 * The built renderer's files, each its own GET route (and `/` for index.html), found once
 * at start: a URL that is not one of them never reaches the disk, so no spelling of a path
 * can leave the folder. Links and files of a kind the renderer does not build are left out.
 *
 * Written here rather than with @fastify/static: that plugin brings glob and the whole MIME
 * database (270 kB of `atelier serve`'s bundle, read and compiled on every start) to serve
 * some forty files whose names and kinds are known once the build is done.
 */
export async function registerRendererFiles(scope: FastifyInstance, rendererDir: string): Promise<void> {
  const entries = await fs.readdir(rendererDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const type = RENDERER_TYPES[path.extname(entry.name).toLowerCase()];
    if (!type) continue;
    const relative = path.relative(rendererDir, file).split(path.sep).join('/');
    const handler = serveFile(file, type, rendererCacheControl(rendererDir, file));
    scope.get(`/${relative}`, handler);
    if (relative === 'index.html') scope.get('/', handler);
  }
}

function serveFile(file: string, type: string, cacheControl: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      // Removed since the host started (a rebuild under way): as if it never existed.
      return reply.callNotFound();
    }
    // Size and modification time: a rebuild changes the tag, so `no-cache` files are seen anew at once.
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    reply.header('Cache-Control', cacheControl).header('ETag', etag).header('Last-Modified', stat.mtime.toUTCString());
    if (notModified(request, etag, stat.mtime)) return reply.code(304).send();
    return reply.type(type).header('Content-Length', stat.size).send(createReadStream(file));
  };
}

/** RFC 9110 §13.1: If-None-Match (weak comparison, a list or `*`) decides; If-Modified-Since only without it. */
function notModified(request: FastifyRequest, etag: string, modified: Date): boolean {
  const noneMatch = request.headers['if-none-match'];
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  if (noneMatch !== undefined) return noneMatch.trim() === '*' || noneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return Number.isFinite(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}
