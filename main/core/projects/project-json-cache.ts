import { checkJsonText, readTextFile, type JsonReadResult } from '../files/read-json.js';
import { ProjectFileSchema, type ProjectFile } from './project-file.js';

/**
 * project.json checked once per content. Opening a project reads it twice (finding the
 * folder by id, then loading it) and the project list reads every closed project after
 * each change; at 2,000 assets the schema's check is most of that read (about 100 ms
 * here), and the text is usually the one checked a moment ago. The value is shared:
 * project data is never changed in place (every change spreads a new object).
 */
const KEEP = 8;
const checked = new Map<string, { text: string; value: ProjectFile }>();

export async function readProjectJson(file: string): Promise<JsonReadResult<ProjectFile>> {
  const text = await readTextFile(file);
  if (text === null) return { ok: false, reason: 'missing' };
  const hit = checked.get(file);
  if (hit && hit.text === text) {
    // Most recently used last, so the oldest entry is the first to go.
    checked.delete(file);
    checked.set(file, hit);
    return { ok: true, value: hit.value, text };
  }
  const result = checkJsonText(text, ProjectFileSchema);
  if (result.ok) {
    checked.delete(file);
    checked.set(file, { text, value: result.value });
    if (checked.size > KEEP) checked.delete(checked.keys().next().value as string);
  }
  return result;
}
