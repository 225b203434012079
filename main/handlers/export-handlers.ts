import { importBundleRef } from '../core/bundle-import/import-job.js';
import { exportSource, submitExport } from '../core/export/export-job.js';
import { estimateVideo } from '../core/export/video-estimate.js';
import { exportFolderFor, isFolder } from '../core/export/export-folder.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function exportHandlers(studio: Studio): Pick<Handlers, 'projects.export' | 'projects.exportEstimate' | 'projects.exportFolder' | 'projects.import'> {
  return {
    'projects.export': async (request) => ({ jobId: (await submitExport(studio, request)).id }),
    'projects.exportEstimate': async (request) => estimateVideo(await exportSource(studio, request.projectId), request, AbortSignal.timeout(60_000)),
    'projects.exportFolder': async ({ projectId }) => {
      const folder = exportFolderFor(studio.settings.get().outputFolder, (await exportSource(studio, projectId)).dir);
      return { folder, exists: await isFolder(folder), canChooseFile: studio.capabilities.chooseSaveFile !== undefined };
    },
    'projects.import': async ({ fileRef, title }) => importBundleRef(studio, fileRef, title),
  };
}
