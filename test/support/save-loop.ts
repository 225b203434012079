// Saves one project over and over until killed; the crash-safety tests SIGKILL it mid-write.
// `light` (the crash trials' hundred rounds): a smaller project, and "saving" after the first save.
import { saveProject } from '../../main/core/projects/project-folder.js';
import { newProjectFile } from '../../main/core/projects/project-file.js';

const [dir, id, mode] = process.argv.slice(2) as [string, string, string | undefined];
const light = mode === 'light';
const data = newProjectFile(id, 'Crash test');
// Big enough that a write takes a while, so kills land inside writes.
const scenes = Array.from({ length: light ? 20 : 40 }, (_, i) => ({ id: `s${i}`, title: `Scene ${i}`, text: 'lorem ipsum '.repeat(light ? 1_500 : 6_000) }));
let revision = 0;
for (;;) {
  revision += 1;
  await saveProject(dir, { ...data, title: `Revision ${revision}`, scenes });
  if (revision === (light ? 1 : 3)) process.stdout.write('saving\n');
}
