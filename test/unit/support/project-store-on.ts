import type { EventPayload } from '../../../preload/contract.js';
import { appPaths, type AppPaths } from '../../../main/core/app-paths.js';
import { EventBus } from '../../../main/core/events/event-bus.js';
import { AppState } from '../../../main/core/projects/app-state.js';
import { ProjectStore } from '../../../main/core/projects/project-store.js';
import { recordingLogger } from './recording-logger.js';

export interface StoreHarness {
  paths: AppPaths;
  store: ProjectStore;
  /** Every project.changed the store announced, in order. */
  changes: Array<EventPayload<'project.changed'>>;
  log: ReturnType<typeof recordingLogger>;
}

/** A project store on the data folder `home`, built the way the studio builds one. */
export async function projectStoreOn(home: string): Promise<StoreHarness> {
  const paths = appPaths(home);
  const state = new AppState(paths.stateFile);
  await state.load();
  const bus = new EventBus();
  const changes: Array<EventPayload<'project.changed'>> = [];
  bus.subscribe((name, payload) => {
    if (name === 'project.changed') changes.push(payload as EventPayload<'project.changed'>);
  });
  const log = recordingLogger();
  return { paths, store: new ProjectStore(paths, state, bus, log), changes, log };
}
