import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { toErrorShape } from '../../../preload/errors.js';
import { resolveAssetFile } from '../../core/assets/asset-files.js';
import { resolveInside } from '../../core/security/path-inside.js';
import type { Studio } from '../../core/studio.js';
import { httpStatusFor } from '../web/http-status.js';
import { parseAssetUrl, rendererRelativePath } from './trusted-urls.js';

/** Must run before app.whenReady(): schemes are privileged once, at start-up. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: 'atelier-asset', privileges: { secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

/** app:// serves the built renderer; atelier-asset:// serves only files of the open project. */
export function handleProtocols(studio: Studio, rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const relative = rendererRelativePath(request.url);
    if (!relative) return new Response('Not found', { status: 404 });
    try {
      return await net.fetch(pathToFileURL(resolveInside(rendererDir, relative)).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
  protocol.handle('atelier-asset', async (request) => {
    const parsed = parseAssetUrl(request.url);
    if (!parsed) return new Response('Not found', { status: 404 });
    try {
      const file = await resolveAssetFile(studio.projects, parsed.assetId, parsed.variant);
      const response = await net.fetch(pathToFileURL(path.resolve(file.path)).toString());
      return new Response(response.body, { headers: { 'Content-Type': file.mime, 'X-Content-Type-Options': 'nosniff' } });
    } catch (error) {
      const shape = toErrorShape(error);
      return new Response(shape.message, { status: httpStatusFor(shape.code) });
    }
  });
}
