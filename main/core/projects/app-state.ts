import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';

const RecentSchema = z.object({ id: z.string(), path: z.string(), openedAt: z.iso.datetime() });
const StateSchema = z.object({
  lastProjectId: z.string().nullable().default(null),
  recent: z.array(RecentSchema).default([]),
});
type RecentProject = z.infer<typeof RecentSchema>;
type State = z.infer<typeof StateSchema>;

const MAX_RECENT = 50;

/** What the app remembers between launches that is not a setting: recent and last-open projects. */
export class AppState {
  private state: State = { lastProjectId: null, recent: [] };

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    const read = await readJsonFile(this.file, StateSchema);
    // A damaged state file only costs the recent list; projects themselves are found by scanning.
    if (read.ok) this.state = read.value;
  }

  get lastProjectId(): string | null {
    return this.state.lastProjectId;
  }

  get recent(): readonly RecentProject[] {
    return this.state.recent;
  }

  async touch(id: string, projectPath: string): Promise<void> {
    const recent = [{ id, path: projectPath, openedAt: new Date().toISOString() }, ...this.state.recent.filter((r) => r.id !== id)];
    this.state = { lastProjectId: id, recent: recent.slice(0, MAX_RECENT) };
    await this.save();
  }

  /** A project's folder moved (renamed); its place in the recent list stays. */
  async relocate(id: string, projectPath: string): Promise<void> {
    this.state = { ...this.state, recent: this.state.recent.map((r) => (r.id === id ? { ...r, path: projectPath } : r)) };
    await this.save();
  }

  async forget(id: string): Promise<void> {
    this.state = {
      lastProjectId: this.state.lastProjectId === id ? null : this.state.lastProjectId,
      recent: this.state.recent.filter((r) => r.id !== id),
    };
    await this.save();
  }

  async clearLast(): Promise<void> {
    this.state = { ...this.state, lastProjectId: null };
    await this.save();
  }

  private async save(): Promise<void> {
    await writeFileAtomic(this.file, `${JSON.stringify(this.state, null, 2)}\n`);
  }
}
