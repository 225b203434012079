// Edits one project over and over through the journal until killed; journal-crash.test.ts
// SIGKILLs it between and inside journal writes. Prints each edit's number once it is durable.
import type { ProjectFile } from '../../main/core/projects/project-file.js';
import { loadProject, saveProjectChange } from '../../main/core/projects/project-folder.js';

/**
 * Edit `n` of the loop, the same in the child and in the test that checks it: most edits
 * retitle and rewrite one scene; every fifth moves the last scene to the front, every
 * seventh adds a scene and every eleventh removes one, so order entries are exercised too.
 */
export function journalEdit(data: ProjectFile, n: number): ProjectFile {
  let scenes = data.scenes;
  if (n % 5 === 0 && scenes.length > 1) scenes = [scenes.at(-1) as ProjectFile['scenes'][number], ...scenes.slice(0, -1)];
  else if (n % 7 === 0) scenes = [...scenes, { id: `added-${n}`, title: `Added ${n}`, text: `born at edit ${n}` }];
  else if (n % 11 === 0 && scenes.length > 1) scenes = scenes.filter((_, i) => i !== n % scenes.length);
  else scenes = scenes.map((s, i) => (i === n % scenes.length ? { ...s, text: `${s.text.slice(0, 200)} edit ${n}` } : s));
  return { ...data, title: `Edit ${n}`, scenes };
}

/** The edit number a project's title records (0 before the first). */
export function editNumber(data: ProjectFile): number {
  return Number(/^Edit (\d+)$/.exec(data.title)?.[1] ?? 0);
}

if (process.argv[1]?.endsWith('journal-loop.ts')) {
  const [dir] = process.argv.slice(2) as [string];
  let open = await loadProject(dir);
  process.stdout.write('ready\n');
  for (let n = editNumber(open.data) + 1; ; n += 1) {
    open = await saveProjectChange(open, journalEdit(open.data, n));
    process.stdout.write(`${n}\n`);
  }
}
