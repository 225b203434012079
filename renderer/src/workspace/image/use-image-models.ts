import { useEffect, useState } from 'react';
import type { ImageTemplate, InstalledModel } from '../../../../preload/contract.js';
import { useClient } from '../../state/client-context.js';
import { useNotify } from '../../state/notifications.js';

/** The installed image models, kept current by models.changed. */
export function useImageModels(): InstalledModel[] | null {
  return useInstalledModels('image');
}

/** The installed upscalers (Real-ESRGAN-style ONNX), for the editor's Upscale. */
export function useUpscalers(): InstalledModel[] | null {
  return useInstalledModels('upscaler');
}

function useInstalledModels(modality: InstalledModel['modality']): InstalledModel[] | null {
  const { api } = useClient();
  const [models, setModels] = useState<InstalledModel[] | null>(null);
  useEffect(() => {
    const load = () =>
      api.models
        .list({})
        .then((all) => setModels(all.filter((m) => m.modality === modality)))
        .catch(() => setModels([]));
    void load();
    return api.events.on('models.changed', () => void load());
  }, [api, modality]);
  return models;
}

/** The procedural templates; empty until they load (a failure is told, the form still works). */
export function useImageTemplates(): ImageTemplate[] {
  const { api } = useClient();
  const notify = useNotify();
  const [templates, setTemplates] = useState<ImageTemplate[]>([]);
  useEffect(() => {
    api.image
      .templates({})
      .then(setTemplates)
      .catch((error: unknown) => notify.error(error, 'load the image templates'));
  }, [api, notify]);
  return templates;
}
