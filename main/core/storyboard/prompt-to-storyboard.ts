import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Job, Scene } from '../../../preload/contract.js';
import { AtelierError, toErrorShape } from '../../../preload/errors.js';
import { scriptFraction, scriptProgress } from '../../../preload/story-script-progress.js';
import { StoryScriptSchema, projectTitleFromPrompt, type StoryboardPrompt, type StoryScript } from '../../../preload/schemas/storyboard-prompt.js';
import type { ImageService } from '../image/image-service.js';
import type { JobContext } from '../jobs/job-manager.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ModelManager } from '../models/model-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { parseCallInput } from '../rpc/dispatch.js';
import type { TextService } from '../text/text-service.js';
import type { VoiceService } from '../voice/voice-service.js';
import { runChildJob } from './child-job.js';
import { readPipelineState, writePipelineState, type PipelineState } from './pipeline-state.js';
import { sceneImageRequest, useDiffusion } from './scene-image-request.js';
import { tidyScript } from './story-script.js';
import { requestStoryScript } from './story-script-call.js';

const STORYBOARD_QUEUE = 'storyboard';
/** The writing's share of the run's bar; the pictures and narrations fill the rest. */
const WRITE_SHARE = 0.3;

function runFraction(sceneSteps: number, done: number): number {
  return WRITE_SHARE + (1 - WRITE_SHARE) * (sceneSteps === 0 ? 1 : done / sceneSteps);
}

/** The detail line while the model writes: the words so far, then the scene it is on by name. */
function writingDetail(text: string, sceneCount: number): { fraction: number; detail: string } {
  const progress = scriptProgress(text);
  const current = progress.sceneTitles.at(-1);
  const detail = current
    ? `Writing scene ${Math.min(progress.sceneTitles.length, sceneCount)} of ${sceneCount}: “${current}”`
    : `Writing the scenes… ${progress.words} ${progress.words === 1 ? 'word' : 'words'}`;
  return { fraction: WRITE_SHARE * scriptFraction(progress, sceneCount), detail };
}

/**
 * One prompt → a narrated, illustrated storyboard (issue 7): a parent job on its own
 * queue asks the text model for the scenes as schema-constrained JSON, then runs an
 * image and a narration job per scene as its children. Progress lives in the project
 * folder (pipeline-state.ts), so a run that a crash interrupted picks up where it was.
 */
export class StoryboardPipeline {
  private readonly running = new Map<string, string>();

  constructor(
    private readonly studio: { text: TextService; image: ImageService; voice: VoiceService; projects: ProjectStore; jobs: JobManager; models: ModelManager },
  ) {}

  async start(request: StoryboardPrompt): Promise<{ jobId: string; projectId: string }> {
    // Asked now, so "no text model" answers the call instead of leaving an empty project behind.
    const model = await this.studio.text.resolveModel(request.model);
    await fs.access(model.path).catch(() => {
      throw new AtelierError('MODEL_NOT_FOUND', `There is no model file at ${model.path}.`);
    });
    const project = await this.studio.projects.create(request.title ?? projectTitleFromPrompt(request.prompt));
    await writePipelineState(this.studio.projects.requireOpen().dir, { request, sceneIds: [], status: 'running' });
    return { jobId: this.submit(project.id), projectId: project.id };
  }

  /** Continues the open project's run; null when it has none or it is finished. */
  async resumeOpen(options: { onlyInterrupted?: boolean } = {}): Promise<string | null> {
    const open = this.studio.projects.current();
    if (!open) return null;
    const running = this.running.get(open.id);
    if (running) return running;
    const state = await readPipelineState(this.studio.projects.requireOpen().dir);
    if (!state || state.status === 'done') return null;
    // After a restart only runs that were cut off go on by themselves; a cancelled one waits to be asked.
    if (options.onlyInterrupted && state.status !== 'running') return null;
    return this.submit(open.id);
  }

  private submit(projectId: string): string {
    let jobId = '';
    const job: Job = this.studio.jobs.submit({
      kind: 'storyboard.fromPrompt',
      title: 'Storyboard from a prompt',
      queue: STORYBOARD_QUEUE,
      // The job starts inside submit(), before its id is known here: the run reads it later.
      run: (context) => this.run(projectId, () => jobId, context),
    });
    jobId = job.id;
    this.running.set(projectId, job.id);
    void this.studio.jobs.settled(job.id).finally(() => this.running.delete(projectId));
    return job.id;
  }

  private projectDir(projectId: string): string {
    const open = this.studio.projects.requireOpen();
    if (open.data.id !== projectId) throw new AtelierError('NO_PROJECT_OPEN', 'The storyboard’s project was closed; open it again to continue.');
    return open.dir;
  }

  private async run(projectId: string, parentId: () => string, context: JobContext): Promise<{ projectId: string; scenes: number }> {
    let state = await readPipelineState(this.projectDir(projectId));
    if (!state) throw new AtelierError('PROJECT_CORRUPT', 'This project’s storyboard run record is missing or damaged.');
    try {
      if (!state.script) state = await this.writeScript(projectId, state, context);
      const steps = state.sceneIds.length * 2;
      let done = 0;
      for (const [index, sceneId] of state.sceneIds.entries()) {
        const script = (state.script as StoryScript).scenes[index];
        const scene = this.studio.projects.requireOpen().data.scenes.find((s) => s.id === sceneId);
        if (!script || !scene) {
          // The creator deleted the scene meanwhile: nothing to make for it.
          done += 2;
          continue;
        }
        context.progress({ fraction: runFraction(steps, done), detail: `Scene ${index + 1} of ${state.sceneIds.length}: picture` });
        if (!scene.imageAssetId) {
          const imageAssetId = await this.child(parentId(), context, () => this.illustrate(script, state as PipelineState, index));
          await this.attach(projectId, sceneId, { imageAssetId });
        }
        done += 1;
        context.progress({ fraction: runFraction(steps, done), detail: `Scene ${index + 1} of ${state.sceneIds.length}: narration` });
        if (!scene.narrationAssetId) {
          // An active Kokoro model narrates with the Kokoro voice last picked; otherwise the dialog's espeak voice.
          const active = this.studio.voice.narrationRequest(script.narration);
          const narration = active.engine === 'kokoro' ? active : { text: script.narration, voice: state?.request.voice ?? 'en' };
          const narrationAssetId = await this.child(parentId(), context, async () => this.studio.voice.generate(parseCallInput('voice.generate', narration)));
          await this.attach(projectId, sceneId, { narrationAssetId });
        }
        done += 1;
      }
      await writePipelineState(this.projectDir(projectId), { ...state, status: 'done', error: undefined });
      context.progress({ fraction: 1, detail: `${state.sceneIds.length} scenes illustrated and narrated` });
      return { projectId, scenes: state.sceneIds.length };
    } catch (error) {
      const status = context.signal.aborted ? 'cancelled' : 'failed';
      await writePipelineState(this.projectDir(projectId), { ...state, status, error: toErrorShape(error).message }).catch(() => undefined);
      throw error;
    }
  }

  private async writeScript(projectId: string, state: PipelineState, context: JobContext): Promise<PipelineState> {
    const { request } = state;
    // Unknown until the first token: an indeterminate (moving) bar, not a still 0%.
    context.progress({ fraction: null, detail: 'Starting the text model…' });
    // A forced write_storyboard call where the model can take tools, the JSON-schema reply otherwise (story-script-call.ts).
    const reply = await requestStoryScript(this.studio.text, request, context.signal, (text) =>
      context.progress({ ...writingDetail(text, request.sceneCount), partial: { text } }),
    );
    context.signal.throwIfAborted();
    const parsed = StoryScriptSchema.safeParse(reply.json);
    if (!parsed.success || parsed.data.scenes.length === 0) {
      const why = reply.stopReason === 'maxTokens' ? 'it ran out of room before finishing' : 'it was not a complete storyboard';
      throw new AtelierError('ENGINE_UNAVAILABLE', `${reply.model.name} could not write the scenes (${why}). Try again, or pick a larger text model.`);
    }
    const script = tidyScript(parsed.data, request.prompt);
    context.progress({ fraction: WRITE_SHARE, detail: `${script.scenes.length} ${script.scenes.length === 1 ? 'scene' : 'scenes'} written` });
    const scenes: Scene[] = script.scenes.map((s) => ({ id: randomBytes(6).toString('base64url'), title: s.title, text: s.narration }));
    await this.studio.projects.update(projectId, (project) => ({ ...project, scenes: [...project.scenes, ...scenes] }));
    // A title the creator chose wins over the model's.
    if (!request.title && script.title && script.title !== this.studio.projects.current()?.title)
      await this.studio.projects.rename(projectId, script.title.slice(0, 120));
    return writePipelineState(this.projectDir(projectId), { ...state, script, sceneIds: scenes.map((s) => s.id) });
  }

  private async illustrate(scene: StoryScript['scenes'][number], state: PipelineState, index: number): Promise<{ jobId: string }> {
    const { request } = state;
    const seed = request.seed === undefined ? undefined : (request.seed + index) % 0x1_0000_0000;
    const diffusion = useDiffusion(request.imageEngine, this.studio.models);
    const input = sceneImageRequest({ prompt: scene.imagePrompt, title: scene.title, mood: scene.mood, seed }, diffusion);
    return this.studio.image.generate(parseCallInput('image.generate', input));
  }

  /** Starts a step as a child of the run, waits for it, and returns the asset it made. */
  private child(parentId: string, context: JobContext, start: () => Promise<{ jobId: string }>): Promise<string> {
    return runChildJob(this.studio.jobs, parentId, context.signal, start);
  }

  private async attach(projectId: string, sceneId: string, change: Pick<Scene, 'imageAssetId'> | Pick<Scene, 'narrationAssetId'>): Promise<void> {
    await this.studio.projects.update(projectId, (project) => ({
      ...project,
      scenes: project.scenes.map((scene) => (scene.id === sceneId ? { ...scene, ...change } : scene)),
    }));
  }
}
