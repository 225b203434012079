// Saves one project over and over until killed; the crash-safety test SIGKILLs it mid-write.
import { saveProject } from '../../main/core/projects/project-folder.js';
import { newProjectFile } from '../../main/core/projects/project-file.js';

const [dir, id] = process.argv.slice(2) as [string, string];
const data = newProjectFile(id, 'Crash test');
// Big enough that a write takes a while, so kills land inside writes.
const scenes = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, title: `Scene ${i}`, text: 'lorem ipsum '.repeat(6_000) }));
let revision = 0;
for (;;) {
  revision += 1;
  await saveProject(dir, { ...data, title: `Revision ${revision}`, scenes });
  if (revision === 3) process.stdout.write('saving\n');
}
