import { importBundleRef } from '../core/bundle-import/import-job.js';
import { submitExport } from '../core/export/export-job.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function exportHandlers(studio: Studio): Pick<Handlers, 'projects.export' | 'projects.import'> {
  return {
    'projects.export': async (request) => ({ jobId: (await submitExport(studio, request)).id }),
    'projects.import': async ({ fileRef, title }) => importBundleRef(studio, fileRef, title),
  };
}
