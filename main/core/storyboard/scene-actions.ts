import type { Scene } from '../../../preload/contract.js';
import { AtelierError } from '../../../preload/errors.js';
import type { SceneAction } from '../../../preload/schemas/storyboard.js';
import type { ImageService } from '../image/image-service.js';
import type { JobContext, JobManager } from '../jobs/job-manager.js';
import type { ModelManager } from '../models/model-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { parseCallInput } from '../rpc/dispatch.js';
import type { TextService } from '../text/text-service.js';
import type { VoiceService } from '../voice/voice-service.js';
import type { CastService } from '../voice/cast-service.js';
import { runChildJob } from './child-job.js';
import { sceneImageRequest, useDiffusion } from './scene-image-request.js';
import { SCENE_WRITE_MAX_TOKENS, sceneWriteMessages, tidySceneText } from './scene-write-prompt.js';
import { findScene } from './storyboard-edits.js';
import type { SceneActionResult } from '../../../preload/schemas/job-results.js';

/** Each action its own queue: a scene can be narrated while another is drawn; the engines' own queues order the real work. */
const SCENE_ACTION_QUEUES = { write: 'scene-write', illustrate: 'scene-illustrate', narrate: 'scene-narrate' } as const;

type ActionServices = {
  text: TextService;
  image: ImageService;
  voice: VoiceService;
  cast: CastService;
  projects: ProjectStore;
  jobs: JobManager;
  models: ModelManager;
};

/**
 * The storyboard card's Write, Illustrate and Narrate buttons (issue 7): each is one job
 * that puts its result on the scene when it finishes. Illustrate and Narrate start the
 * image / voice service's generation as a child job (shown under it in the tray), exactly as the
 * prompt pipeline does. A job's change to a scene is not an undo step (see
 * storyboard-history.ts for how undo keeps it).
 */
export class SceneActions {
  constructor(private readonly studio: ActionServices) {}

  /** Checks the scene can take the action now (typed errors before any job), then starts the job. */
  async start({ sceneId, action }: SceneAction): Promise<{ jobId: string }> {
    const open = this.studio.projects.requireOpen();
    const projectId = open.data.id;
    const { scene, index } = findScene(open.data.scenes, sceneId);
    const label = `scene ${index + 1}`;
    switch (action) {
      case 'write': {
        if (scene.title.trim() === '') throw new AtelierError('INVALID_INPUT', `Give ${label} a title first: Write drafts the scene's text from its title.`);
        const model = await this.studio.text.resolveModel();
        return this.submit(action, `Write ${label} · ${model.name}`, (context) => this.write(projectId, sceneId, context));
      }
      case 'illustrate':
        if (scene.text.trim() === '')
          throw new AtelierError('INVALID_INPUT', `${capital(label)} has no text to picture yet: write its text (or use Write) first.`);
        return this.submit(action, `Illustrate ${label}`, (context, jobId) =>
          this.attachChild(projectId, sceneId, 'imageAssetId', jobId, context, async (current) => {
            const request = sceneImageRequest({ prompt: current.text, title: cardTitle(current) }, useDiffusion('auto', this.studio.models));
            return this.studio.image.generate(parseCallInput('image.generate', request));
          }),
        );
      case 'narrate':
        if (scene.text.trim() === '')
          throw new AtelierError('INVALID_INPUT', `${capital(label)} has no text to narrate yet: write its text (or use Write) first.`);
        // A script's unknown speaker or a bad mark answers the call, before any job.
        this.studio.cast.check(scene.text);
        return this.submit(action, `Narrate ${label}`, (context, jobId) =>
          this.attachChild(projectId, sceneId, 'narrationAssetId', jobId, context, async (current) => this.studio.cast.narrate(current.text)),
        );
    }
  }

  private submit(
    action: SceneAction['action'],
    title: string,
    run: (context: JobContext, jobId: () => string) => Promise<SceneActionResult>,
  ): { jobId: string } {
    let jobId = '';
    const job = this.studio.jobs.submit({
      kind: `storyboard.${action}`,
      title,
      queue: SCENE_ACTION_QUEUES[action],
      // The job may start inside submit(), before its id is known here: the run reads it later.
      run: (context) => run(context, () => jobId),
    });
    jobId = job.id;
    return { jobId };
  }

  private async write(projectId: string, sceneId: string, context: JobContext): Promise<SceneActionResult> {
    const { signal, progress } = context;
    // Read when the job runs, not when it was queued: the title or the neighbours may have changed.
    const { data } = this.openProject(projectId);
    const { index } = findScene(data.scenes, sceneId);
    const model = await this.studio.text.resolveModel();
    progress({ fraction: null, detail: `Loading ${model.name}…` });
    let text = '';
    let tokens = 0;
    const reply = await this.studio.text.generate(
      {
        kind: 'chat',
        messages: sceneWriteMessages(data.title, data.scenes, index),
        sampling: { temperature: 0.8, topP: 0.95, maxTokens: SCENE_WRITE_MAX_TOKENS },
      },
      signal,
      (chunk) => {
        text += chunk;
        tokens += 1;
        progress({ fraction: Math.min(0.99, tokens / SCENE_WRITE_MAX_TOKENS), detail: `${tokens} tokens`, partial: { text } });
      },
    );
    signal.throwIfAborted();
    const written = tidySceneText(reply.text);
    if (written === '')
      throw new AtelierError('ENGINE_UNAVAILABLE', `${reply.model.name} wrote nothing for this scene. Try again, or pick a larger text model.`);
    progress({ fraction: 1, detail: `${reply.tokens} tokens · ${reply.tokensPerSecond.toFixed(1)} tok/s`, partial: { text: written } });
    // Read again now: the creator may have typed while the model wrote. Their words are never replaced by a job.
    const { scene } = findScene(this.openProject(projectId).data.scenes, sceneId);
    if (scene.text.trim() !== '' && scene.text !== written) return { sceneId, text: written, proposed: true };
    await this.setScene(projectId, sceneId, { text: written });
    return { sceneId, text: written };
  }

  private async attachChild(
    projectId: string,
    sceneId: string,
    field: 'imageAssetId' | 'narrationAssetId',
    parentId: () => string,
    context: JobContext,
    start: (scene: Scene) => Promise<{ jobId: string }>,
  ): Promise<SceneActionResult> {
    const { scene } = findScene(this.openProject(projectId).data.scenes, sceneId);
    if (scene.text.trim() === '') throw new AtelierError('INVALID_INPUT', 'The scene has no text any more.');
    context.progress({ fraction: null, detail: field === 'imageAssetId' ? 'Drawing…' : 'Speaking…' });
    const assetId = await runChildJob(this.studio.jobs, parentId, context.signal, () => start(scene));
    if (this.wouldReplaceChosen(projectId, sceneId, field)) {
      context.progress({ fraction: 1, detail: field === 'imageAssetId' ? 'Picture made: accept or discard it' : 'Narration made: accept or discard it' });
      return { sceneId, assetId, proposed: true };
    }
    await this.setScene(projectId, sceneId, { [field]: assetId });
    context.progress({ fraction: 1, detail: field === 'imageAssetId' ? 'Picture attached' : 'Narration attached' });
    return { sceneId, assetId };
  }

  /**
   * Whether attaching now would replace something the creator chose: any picture already
   * on the scene, or a narration they recorded (imported). A narration this studio spoke
   * is simply re-spoken: that is what Narrate (and the card's Re-narrate) asks for.
   */
  private wouldReplaceChosen(projectId: string, sceneId: string, field: 'imageAssetId' | 'narrationAssetId'): boolean {
    const { data } = this.openProject(projectId);
    const current = findScene(data.scenes, sceneId).scene[field];
    if (current === undefined) return false;
    if (field === 'imageAssetId') return true;
    return data.assets[current]?.origin.engine === 'import';
  }

  private openProject(projectId: string) {
    const open = this.studio.projects.requireOpen();
    if (open.data.id !== projectId) throw new AtelierError('NO_PROJECT_OPEN', 'The scene’s project was closed; open it again and retry.');
    return open;
  }

  /** A job's change to one scene: saved like an edit, but not an undo step. */
  private async setScene(projectId: string, sceneId: string, change: Partial<Pick<Scene, 'text' | 'imageAssetId' | 'narrationAssetId'>>): Promise<void> {
    await this.studio.projects.update(projectId, (data) => {
      findScene(data.scenes, sceneId);
      return { ...data, scenes: data.scenes.map((s) => (s.id === sceneId ? { ...s, ...change } : s)) };
    });
  }
}

/** An untitled scene's card shows its first words instead. */
function cardTitle(scene: Scene): string {
  const title = scene.title.trim();
  if (title) return title;
  const words = scene.text.trim().split(/\s+/);
  return words.length > 8 ? `${words.slice(0, 8).join(' ')}…` : words.join(' ');
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
