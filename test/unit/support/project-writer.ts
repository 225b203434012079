// A second Atelier process on the same data folder: `node project-writer.ts HOME PROJECT_ID PREFIX COUNT`
// opens the project and adds COUNT scenes named PREFIX-0…, one change at a time, as the CLI would
// beside a running studio (test/unit/project-two-writers.test.ts).
import { appPaths } from '../../../main/core/app-paths.js';
import { EventBus } from '../../../main/core/events/event-bus.js';
import { AppState } from '../../../main/core/projects/app-state.js';
import { ProjectStore } from '../../../main/core/projects/project-store.js';
import { recordingLogger } from './recording-logger.js';

const [home, projectId, prefix, count] = process.argv.slice(2) as [string, string, string, string];
const paths = appPaths(home);
const state = new AppState(paths.stateFile);
await state.load();
const store = new ProjectStore(paths, state, new EventBus(), recordingLogger());
await store.openById(projectId);
for (let i = 0; i < Number(count); i++) {
  await store.update(projectId, (data) => ({
    ...data,
    scenes: [...data.scenes, { id: `${prefix}-${i}`, title: `${prefix} ${i}`, text: `Written by ${prefix}.` }],
  }));
  // Now and then the journal is folded in, as the bound or opening another project does.
  if (i % 7 === 6) await store.compact();
}
