import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AssetSchema, SceneSchema } from '../../../preload/contract.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { asDiskFull } from '../files/disk-full.js';
import { parseJsonText } from '../files/read-json.js';
import { PRIVATE_FILE_MODE } from '../../platform/private-files.js';
import { ProjectFileSchema, type ProjectFile } from './project-file.js';

/**
 * The journal beside project.json: one JSON line per change since project.json was last
 * written whole, so an edit at 500 scenes writes the scenes it changed, not all of them.
 * The first line names the project.json it continues (a hash of its bytes): a journal
 * left behind by a compaction that crashed before removing it names an older file and
 * is ignored, never replayed twice. A line cut short by a crash is the end of the journal.
 */
export const JOURNAL_FILE = 'project.journal';

const HeadSchema = ProjectFileSchema.omit({ scenes: true, assets: true });
const EntrySchema = z.object({
  /** Title, times, video settings: small, so every entry carries all of them. */
  head: HeadSchema,
  /** The scene ids in order, only when the order or the set of scenes changed. */
  order: z.array(z.string()).optional(),
  /** Scenes new or changed by this entry, by id. */
  scenes: z.array(SceneSchema).optional(),
  assets: z.record(z.string(), AssetSchema).optional(),
  removedAssets: z.array(z.string()).optional(),
});
type JournalEntry = z.infer<typeof EntrySchema>;
const HeaderSchema = z.object({ journal: z.literal(1), base: z.string() });

/** What the writer knows of a project folder's journal. */
export interface JournalState {
  /** Hash of the project.json the journal continues. */
  base: string;
  /** Size of project.json: the journal is folded in once it outgrows it. */
  baseBytes: number;
  entries: number;
  /** Bytes of the journal's complete lines (the next line is written there). */
  bytes: number;
}

/** Past this many entries, or past the size of project.json, the journal is folded in. */
const MAX_ENTRIES = 1_000;
const MIN_BYTES_BEFORE_COMPACTION = 256 * 1024;

function hashProjectText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function freshJournal(projectText: string): JournalState {
  return { base: hashProjectText(projectText), baseBytes: Buffer.byteLength(projectText), entries: 0, bytes: 0 };
}

export function journalWantsCompaction(state: JournalState): boolean {
  return state.entries >= MAX_ENTRIES || state.bytes > Math.max(MIN_BYTES_BEFORE_COMPACTION, state.baseBytes);
}

/**
 * The entry that turns `prev` into `next`, its new parts checked by the schema. Changes are
 * made by spreading, so unchanged scenes and assets are the same objects as before: the
 * comparisons are by reference and the work is a pointer walk, not a serialization.
 */
export function journalEntryFor(prev: ProjectFile, next: ProjectFile): JournalEntry {
  const { scenes, assets, ...head } = next;
  const entry: JournalEntry = { head: HeadSchema.parse(head) };
  if (scenes !== prev.scenes) {
    const before = new Map(prev.scenes.map((s) => [s.id, s]));
    const sameOrder = scenes.length === prev.scenes.length && scenes.every((s, i) => prev.scenes[i]?.id === s.id);
    if (!sameOrder) entry.order = scenes.map((s) => s.id);
    const changed = scenes.filter((s) => before.get(s.id) !== s);
    if (changed.length > 0) entry.scenes = changed.map((s) => SceneSchema.parse(s));
  }
  if (assets !== prev.assets) {
    const changed: Record<string, z.infer<typeof AssetSchema>> = {};
    let any = false;
    for (const [id, asset] of Object.entries(assets)) {
      if (prev.assets[id] === asset) continue;
      changed[id] = AssetSchema.parse(asset);
      any = true;
    }
    const removed = Object.keys(prev.assets).filter((id) => !(id in assets));
    if (any) entry.assets = changed;
    if (removed.length > 0) entry.removedAssets = removed;
  }
  return entry;
}

/** `data` with one journal entry applied; a journal that names a scene it never held is damaged. */
export function applyJournalEntry(data: ProjectFile, entry: JournalEntry): ProjectFile {
  let scenes = data.scenes;
  if (entry.order || entry.scenes) {
    const byId = new Map(data.scenes.map((s) => [s.id, s]));
    for (const scene of entry.scenes ?? []) byId.set(scene.id, scene);
    scenes = entry.order
      ? entry.order.map((id) => {
          const scene = byId.get(id);
          if (!scene) throw new Error(`the journal orders scene ${id}, which it never added`);
          return scene;
        })
      : data.scenes.map((s) => byId.get(s.id) ?? s);
  }
  let assets = data.assets;
  if (entry.assets || entry.removedAssets) {
    assets = { ...data.assets, ...entry.assets };
    for (const id of entry.removedAssets ?? []) delete assets[id];
  }
  return { ...entry.head, scenes, assets };
}

interface ReadJournal {
  /** The entries to replay, in order; empty when there is no journal or it continues another file. */
  entries: JournalEntry[];
  state: JournalState;
  /** A journal file is there that holds something not yet folded into project.json, or is stale. */
  present: boolean;
  /** Lines dropped: a torn last line, or everything from the first damaged line on. */
  dropped: number;
}

/** Reads the journal continuing the project.json whose text is `projectText`. */
export async function readJournal(dir: string, projectText: string): Promise<ReadJournal> {
  const state = freshJournal(projectText);
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, JOURNAL_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], state, present: false, dropped: 0 };
    throw error;
  }
  // Everything after the last newline was being written when the process died.
  const lines = text.split('\n');
  lines.pop();
  const header = HeaderSchema.safeParse(safeJson(lines[0] ?? ''));
  if (!header.success || header.data.base !== state.base) return { entries: [], state, present: true, dropped: lines.length };
  const entries: JournalEntry[] = [];
  let bytes = Buffer.byteLength(`${lines[0]}\n`);
  for (const line of lines.slice(1)) {
    const entry = EntrySchema.safeParse(safeJson(line));
    if (!entry.success) break;
    entries.push(entry.data);
    bytes += Buffer.byteLength(`${line}\n`);
  }
  return { entries, state: { ...state, entries: entries.length, bytes }, present: true, dropped: lines.length - 1 - entries.length };
}

function safeJson(line: string): unknown {
  try {
    return parseJsonText(line, 'a journal line');
  } catch {
    return undefined;
  }
}

/**
 * Appends one entry durably and returns the journal's new state. The first entry creates
 * the file whole (header and entry, atomically); later ones are written at the end of the
 * last complete line, so a line a failed write left half-done is overwritten, not continued.
 *
 * Null when the journal on disk no longer continues `state`: another Atelier on the same
 * data folder (the CLI beside the app, say) opened the project and folded the journal into
 * project.json, or began a journal of its own. Appending there would write into a file that
 * means something else, so the caller saves the whole project instead (saveProjectChange).
 */
export async function appendJournal(dir: string, state: JournalState, entry: JournalEntry): Promise<JournalState | null> {
  const file = path.join(dir, JOURNAL_FILE);
  const line = `${JSON.stringify(entry)}\n`;
  const header = `${JSON.stringify({ journal: 1, base: state.base })}\n`;
  if (state.entries === 0) {
    await writeFileAtomic(file, header + line);
    return { ...state, entries: 1, bytes: Buffer.byteLength(header + line) };
  }
  const bytes = Buffer.from(line);
  const expected = Buffer.from(header);
  try {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(file, 'r+', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      const start = Buffer.alloc(expected.length);
      const { bytesRead } = await handle.read(start, 0, start.length, 0);
      if (bytesRead !== expected.length || !start.equals(expected)) return null;
      await handle.write(bytes, 0, bytes.length, state.bytes);
      await handle.truncate(state.bytes + bytes.length);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw asDiskFull(error, 'the project change');
  }
  return { ...state, entries: state.entries + 1, bytes: state.bytes + bytes.length };
}

/** Removes the journal once project.json holds everything it said. */
export async function removeJournal(dir: string): Promise<void> {
  await fs.rm(path.join(dir, JOURNAL_FILE), { force: true });
}
