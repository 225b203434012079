import { AtelierError } from '../../preload/errors.js';
import { listAssets } from '../core/assets/asset-index.js';
import { importAsset } from '../core/assets/asset-import.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

export function assetHandlers(studio: Studio): Pick<Handlers, 'assets.list' | 'assets.import' | 'files.pick'> {
  const { projects, fileRefs, jobs, log } = studio;
  return {
    'assets.list': async ({ limit }) => {
      const list = listAssets(projects.requireOpen().data.assets);
      return limit === undefined ? list : list.slice(0, limit);
    },
    'assets.import': async ({ fileRef }) => {
      const project = projects.requireOpen().data;
      const { name } = fileRefs.resolve(fileRef);
      const job = jobs.submit({
        kind: 'asset.import',
        title: `Import ${name}`,
        queue: 'files',
        run: (context) => importAsset({ projects, fileRefs, log }, fileRef, project.id, context),
      });
      return { jobId: job.id };
    },
    'files.pick': async ({ kind }) => {
      const pick = studio.capabilities.pickFiles;
      if (!pick) throw new AtelierError('UNSUPPORTED', 'This host has no file dialog; upload the file instead.');
      const picked = await pick(kind);
      return picked.map((file) => fileRefs.register({ ...file, owned: false }));
    },
  };
}
