import type { StudioServices as Studio } from '../core/studio-services.js';
import type { Handlers } from '../core/rpc/dispatch.js';

type ProjectCalls = 'projects.create' | 'projects.list' | 'projects.current' | 'projects.open' | 'projects.rename' | 'projects.delete' | 'projects.reveal';

export function projectHandlers({ projects, capabilities }: Studio): Pick<Handlers, ProjectCalls> {
  return {
    'projects.create': async ({ title }) => projects.create(title),
    'projects.list': async () => projects.list(),
    'projects.current': async () => projects.current(),
    'projects.open': async ({ id }) => projects.openById(id),
    'projects.rename': async ({ id, title }) => projects.rename(id, title),
    'projects.delete': async ({ id }) => projects.remove(id),
    'projects.reveal': async ({ id }) => {
      // Only folders the store knows by id: the renderer never names a path to show.
      const path = await projects.folderFor(id);
      const show = capabilities.showItemInFolder;
      if (show) show(path);
      return { path, shown: show !== undefined };
    },
  };
}
