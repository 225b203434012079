import path from 'node:path';
import { z } from 'zod';
import { StoryboardPromptSchema, StoryScriptSchema } from '../../../preload/schemas/storyboard-prompt.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import { readJsonFile } from '../files/read-json.js';

/**
 * The prompt-to-storyboard run of a project, beside its project.json: the request, the
 * script once the text model wrote it, and whether the run is over. Scenes that already
 * have their image or narration are not made again, so a run resumes after a crash.
 */
export const PipelineStateSchema = z.object({
  version: z.literal(1),
  request: StoryboardPromptSchema,
  script: StoryScriptSchema.optional(),
  /** The scene ids the script became, in order. */
  sceneIds: z.array(z.string()).default([]),
  status: z.enum(['running', 'done', 'cancelled', 'failed']),
  error: z.string().optional(),
  updatedAt: z.iso.datetime(),
});
export type PipelineState = z.infer<typeof PipelineStateSchema>;

const PIPELINE_FILE = 'storyboard-run.json';

export async function readPipelineState(projectDir: string): Promise<PipelineState | undefined> {
  const read = await readJsonFile(path.join(projectDir, PIPELINE_FILE), PipelineStateSchema);
  return read.ok ? read.value : undefined;
}

export async function writePipelineState(projectDir: string, state: Omit<PipelineState, 'updatedAt' | 'version'>): Promise<PipelineState> {
  const full: PipelineState = { version: 1, ...state, updatedAt: new Date().toISOString() };
  await writeFileAtomic(path.join(projectDir, PIPELINE_FILE), `${JSON.stringify(full, null, 2)}\n`);
  return full;
}
