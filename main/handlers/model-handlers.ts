import { AtelierError } from '../../preload/errors.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import type { StudioServices as Studio } from '../core/studio-services.js';

type ModelCalls = 'models.catalog' | 'models.list' | 'models.download' | 'models.import' | 'models.use' | 'models.remove';

export function modelHandlers({ models, fileRefs }: Studio): Pick<Handlers, ModelCalls> {
  return {
    'models.catalog': async () => models.catalog(),
    'models.list': async () => models.list(),
    'models.download': async ({ catalogId }) => ({ jobId: (await models.download(catalogId)).id }),
    'models.import': async ({ fileRef, mode }) => {
      const file = fileRefs.resolve(fileRef);
      if (file.owned && mode === 'reference') {
        throw new AtelierError('UNSUPPORTED', 'An uploaded file has no place of its own to be referenced from; import it as a copy.');
      }
      const job = models.import({ path: file.path, label: file.name, recordOrigin: !file.owned }, mode, () => fileRefs.release(fileRef));
      return { jobId: job.id };
    },
    'models.use': async ({ id }) => models.use(id),
    'models.remove': async ({ id }) => models.remove(id),
  };
}
