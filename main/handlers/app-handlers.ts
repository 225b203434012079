import type { StudioServices as Studio } from '../core/studio-services.js';
import type { Handlers } from '../core/rpc/dispatch.js';
import { APP_NAME, APP_VERSION } from '../core/app-version.js';
import { readHardware } from '../core/hardware.js';

export function appHandlers(studio: Studio): Pick<Handlers, 'app.info' | 'app.hardware' | 'settings.get' | 'settings.set'> {
  return {
    'app.info': async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      host: studio.host,
      platform: `${process.platform}-${process.arch}`,
      dataFolder: studio.paths.home,
      engines: await studio.engines.describe(),
    }),
    'app.hardware': async () => {
      if (studio.settings.get().gpuOffload === 'off') return readHardware();
      return readHardware(await studio.text.hardware().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    },
    'settings.get': async () => studio.settings.get(),
    'settings.set': async (patch) => studio.settings.set(patch),
  };
}
