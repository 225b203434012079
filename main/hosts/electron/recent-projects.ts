import fs from 'node:fs/promises';
import path from 'node:path';
import { peekProject } from '../../core/projects/project-folder.js';

const PROJECT_FILE = 'project.json';

/**
 * The project a launch names: an argument that is a project folder or its project.json
 * (what the OS passes when a recent document or a file in the file manager is opened).
 * Flags and anything that is not a readable project are passed over.
 */
export async function projectInArgs(args: readonly string[], cwd: string): Promise<{ id: string; dir: string } | undefined> {
  for (const arg of args) {
    if (arg.startsWith('-') || arg.trim() === '') continue;
    const resolved = path.resolve(cwd, arg);
    const stat = await fs.stat(resolved).catch(() => null);
    if (!stat) continue;
    const dir = stat.isDirectory() ? resolved : path.basename(resolved) === PROJECT_FILE ? path.dirname(resolved) : undefined;
    if (!dir) continue;
    const project = await peekProject(dir).catch(() => undefined);
    if (project) return { id: project.data.id, dir };
  }
  return undefined;
}

/** The part of a BrowserWindow a second launch brings forward. */
interface FocusableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** A second launch focuses the first window (restored if minimized) and opens the project it names, if any. */
export async function onSecondLaunch(
  args: readonly string[],
  cwd: string,
  deps: { window(): FocusableWindow | undefined; openProject(id: string): Promise<unknown>; onError?(error: unknown): void },
): Promise<void> {
  const window = deps.window();
  if (window) {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
  const project = await projectInArgs(args, cwd);
  if (project) await deps.openProject(project.id).catch((error: unknown) => deps.onError?.(error));
}

/**
 * Each project the creator opens joins the operating system's recent documents (the
 * Jump List on Windows, the Dock and File ▸ Open Recent on macOS, the desktop's recent
 * files on Linux), as its folder, so choosing it there launches Atelier on it.
 */
export function followRecentProjects(
  subscribe: (listener: (name: string, payload: unknown) => void) => () => void,
  deps: { openFolder(): string | undefined; addRecentDocument(path: string): void },
): () => void {
  let last: string | undefined;
  return subscribe((name, payload) => {
    if (name !== 'project.changed' || (payload as { projectId?: unknown }).projectId === null) return;
    const dir = deps.openFolder();
    if (!dir || dir === last) return;
    last = dir;
    deps.addRecentDocument(dir);
  });
}
