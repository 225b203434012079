import fs from 'node:fs/promises';
import path from 'node:path';
import { AtelierError } from '../../../preload/errors.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';
import { DAMAGED_ADVICE } from './damaged-project.js';
import { readProjectJson } from './project-json-cache.js';
import { PROJECT_FILE, ProjectFileSchema, migrateProject, projectCast, serializeProject, serializeProjectCompact, type ProjectFile } from './project-file.js';
import type { FolderStamp } from './project-sharing.js';
import { appendJournal, applyJournalEntry, freshJournal, journalEntryFor, readJournal, removeJournal, type JournalState } from './project-journal.js';

export interface LoadedProject {
  dir: string;
  data: ProjectFile;
  recoveredFromBackup: boolean;
  /** The journal continuing project.json on disk (project-journal.ts). */
  journal: JournalState;
  /** How the folder's saved files looked when this process last read or wrote them (project-sharing.ts). */
  stamp?: FolderStamp;
}

interface Peeked extends LoadedProject {
  /** project.json is version 1, or a journal was replayed or found stale: opening rewrites it. */
  needsCompaction: boolean;
}

/** project.json with its journal replayed; a journal that does not replay is refused as damage. */
async function withJournal(dir: string, text: string, data: ProjectFile): Promise<Peeked> {
  const journal = await readJournal(dir, text);
  let replayed = data;
  try {
    for (const entry of journal.entries) replayed = applyJournalEntry(replayed, entry);
  } catch (error) {
    throw new AtelierError('PROJECT_CORRUPT', `project.journal in ${dir} does not fit its project.json (${(error as Error).message}). ${DAMAGED_ADVICE}`);
  }
  const needsCompaction = journal.present || data.schemaVersion !== migrateProject(data).schemaVersion;
  return { dir, data: migrateProject(replayed), recoveredFromBackup: false, journal: journal.state, needsCompaction };
}

async function peek(dir: string): Promise<Peeked> {
  const file = path.join(dir, PROJECT_FILE);
  const main = await readProjectJson(file);
  if (main.ok) return withJournal(dir, main.text, main.value);
  const backup = await readJsonFile(`${file}.bak`, ProjectFileSchema);
  // The journal continues project.json, not its backup: the backup is taken as it is.
  if (backup.ok) return { dir, data: migrateProject(backup.value), recoveredFromBackup: true, journal: freshJournal(backup.text), needsCompaction: true };
  const why = main.reason === 'missing' ? 'project.json is missing' : `project.json is damaged (${main.message})`;
  throw new AtelierError('PROJECT_CORRUPT', `${why} in ${dir}, and there is no usable backup. ${DAMAGED_ADVICE}`);
}

/** Reads a project (project.json and its journal) without changing anything on disk; falls back to the .bak copy. */
export async function peekProject(dir: string): Promise<LoadedProject> {
  const { needsCompaction: _, ...loaded } = await peek(dir);
  return loaded;
}

/** Reads project.json and its journal, never the backup: what the crash tests check is on disk. */
export async function readProjectStrictly(dir: string): Promise<ProjectFile> {
  const main = await readJsonFile(path.join(dir, PROJECT_FILE), ProjectFileSchema);
  if (!main.ok) throw new Error(main.reason === 'missing' ? 'project.json is missing' : main.message);
  return (await withJournal(dir, main.text, main.value)).data;
}

/**
 * Loads a project to work on it, its journal folded into project.json (and a version-1
 * file migrated) so work starts from an empty journal. When project.json is damaged and
 * the backup is good, the damaged file is kept aside (never deleted) and the backup becomes project.json.
 */
export async function loadProject(dir: string): Promise<LoadedProject> {
  const { needsCompaction, ...loaded } = await peek(dir);
  const file = path.join(dir, PROJECT_FILE);
  if (loaded.recoveredFromBackup) {
    await fs.rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
    const text = serializeProject(loaded.data);
    await writeFileAtomic(file, text);
    await removeJournal(dir);
    return { ...loaded, journal: freshJournal(text) };
  }
  // A project saved before casts opens with the default one (saved with its next change or compaction).
  const data = { ...loaded.data, cast: projectCast(loaded.data) };
  if (!needsCompaction) return { ...loaded, data };
  return { ...loaded, data, journal: await saveProject(dir, data) };
}

const WithoutAssetsSchema = ProjectFileSchema.omit({ assets: true });

/**
 * Asset records the schema has already checked, each mapped to what the check returned.
 * A storyboard edit keeps the project's `assets` object as it was (changes are made by
 * spreading), so a save at 2,000 assets checks the scenes, not every asset again.
 */
const checkedAssets = new WeakMap<object, ProjectFile['assets']>();

function checked(data: ProjectFile): ProjectFile {
  const assets = checkedAssets.get(data.assets);
  if (assets) return { ...WithoutAssetsSchema.parse(data), assets };
  const parsed = ProjectFileSchema.parse(data);
  checkedAssets.set(data.assets, parsed.assets);
  return parsed;
}

/**
 * Writes the whole project (a compaction): project.json atomically with its .bak, then the
 * journal it now holds is removed. A crash between the two leaves a journal naming the old
 * file, which the next read ignores. Saved without indentation: at 500 scenes and 2,000
 * assets the indented file is a third larger and slower to write, and every version reads either.
 */
export async function saveProject(dir: string, data: ProjectFile): Promise<JournalState> {
  const text = serializeProjectCompact(checked(migrateProject(data)));
  await writeFileAtomic(path.join(dir, PROJECT_FILE), text, { backup: true });
  await removeJournal(dir);
  return freshJournal(text);
}

/**
 * Saves one change to an open project as a journal line: its cost follows the change, not the
 * project. When another process has folded the journal meanwhile (appendJournal), the whole
 * project is written from what this one holds, which already includes everything folded.
 */
export async function saveProjectChange(open: LoadedProject, data: ProjectFile): Promise<LoadedProject> {
  const journal = (await appendJournal(open.dir, open.journal, journalEntryFor(open.data, data))) ?? (await saveProject(open.dir, data));
  return { ...open, data, journal };
}
