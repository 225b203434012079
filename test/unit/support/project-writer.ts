// A second Atelier process on the same data folder: `node project-writer.ts HOME PROJECT_ID PREFIX COUNT`
// opens the project and adds COUNT scenes named PREFIX-0…, one change at a time, as the CLI would
// beside a running studio (test/unit/project-two-writers.test.ts).
import { projectStoreOn } from './project-store-on.js';

const [home, projectId, prefix, count] = process.argv.slice(2) as [string, string, string, string];
const { store } = await projectStoreOn(home);
await store.openById(projectId);
for (let i = 0; i < Number(count); i++) {
  await store.update(projectId, (data) => ({
    ...data,
    scenes: [...data.scenes, { id: `${prefix}-${i}`, title: `${prefix} ${i}`, text: `Written by ${prefix}.` }],
  }));
  // Now and then the journal is folded in, as the bound or opening another project does.
  if (i % 7 === 6) await store.compact();
}
