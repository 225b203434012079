import type { OpenedProject } from '../../../preload/contract.js';
import type { StudioServices } from '../studio-services.js';
import { importBundle } from './import-bundle.js';

/** Imports a picked or uploaded bundle as a new project and opens it. */
export async function importBundleRef(studio: StudioServices, fileRef: string, title?: string): Promise<OpenedProject> {
  const entry = studio.fileRefs.resolve(fileRef);
  const controller = new AbortController();
  const { data } = await importBundle(entry.path, studio.paths.projectsDir, { signal: controller.signal, progress: () => undefined }, { title });
  await studio.fileRefs.release(fileRef);
  studio.log.info('projects', 'imported a bundle', { from: entry.name, id: data.id });
  return studio.projects.openById(data.id);
}
