import type { z } from 'zod';
import { AtelierError } from '../../../preload/errors.js';
import { AMBIENCE_PRESETS, type AmbiencePreset } from '../../../preload/schemas/sound.js';
import { DIRECTOR_TOOL_ARGS, type DirectorToolName } from '../../../preload/schemas/director.js';
import type { ImageService } from '../image/image-service.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ModelManager } from '../models/model-manager.js';
import type { ProjectStore } from '../projects/project-store.js';
import { parseCallInput } from '../rpc/dispatch.js';
import type { SoundService } from '../sound/sound-service.js';
import { assetIdOf } from '../storyboard/child-job.js';
import { sceneImageRequest, useDiffusion } from '../storyboard/scene-image-request.js';
import type { StoryboardEditor } from '../storyboard/storyboard-editor.js';
import { readTextDocument } from '../text/text-documents.js';
import type { CastService } from '../voice/cast-service.js';

export interface DirectorToolServices {
  image: ImageService;
  cast: CastService;
  sound: SoundService;
  storyboardEditor: StoryboardEditor;
  projects: ProjectStore;
  jobs: JobManager;
  models: ModelManager;
}

type Args<T extends DirectorToolName> = z.output<(typeof DIRECTOR_TOOL_ARGS)[T]>;
type ParsedCall = { [T in DirectorToolName]: { tool: T; args: Args<T> } }[DirectorToolName];

/** What a call does once approved: a job's id when it runs as one (picture, clip, sound), and its outcome. */
interface StartedCall {
  jobId?: string;
  outcome: Promise<{ assetId?: string; sceneId?: string; summary: string }>;
}

/**
 * The model's call, checked against the tool's own schema before anything runs: an
 * unknown tool or arguments that do not fit are INVALID_INPUT, and nothing is started.
 */
export function parseDirectorCall(tool: string, argumentsText: string): ParsedCall {
  if (!Object.hasOwn(DIRECTOR_TOOL_ARGS, tool)) throw new AtelierError('INVALID_INPUT', `The director has no tool called "${tool}".`);
  let raw: unknown;
  try {
    raw = JSON.parse(argumentsText || '{}');
  } catch {
    throw new AtelierError('INVALID_INPUT', `The arguments of ${tool} are not JSON.`);
  }
  const parsed = DIRECTOR_TOOL_ARGS[tool as DirectorToolName].safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AtelierError('INVALID_INPUT', `The arguments of ${tool} do not fit: ${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}.`);
  }
  return { tool, args: parsed.data } as ParsedCall;
}

/** Waits for a generation job and names the asset it made. */
async function assetOutcome(jobs: JobManager, jobId: string, what: string): Promise<{ assetId: string; summary: string }> {
  const job = await jobs.settled(jobId);
  if (job.state !== 'done') {
    const error = job.error ?? { code: 'INTERNAL' as const, message: `${job.title} did not finish.` };
    throw new AtelierError(error.code, error.message);
  }
  const assetId = assetIdOf(job);
  return { assetId, summary: `${what} saved in the project as asset ${assetId}.` };
}

/** The words a picture's title card carries: the passage's first few. */
function firstWords(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length > 8 ? `${words.slice(0, 8).join(' ')}…` : words.join(' ');
}

/**
 * Runs an approved call through the services a host's call would use (the same parse,
 * the same jobs with progress and Stop in the tray); a check that fails throws before
 * any job starts.
 */
export async function startDirectorCall(services: DirectorToolServices, call: ParsedCall): Promise<StartedCall> {
  const { jobs, projects } = services;
  switch (call.tool) {
    case 'illustrate': {
      const request = sceneImageRequest({ prompt: call.args.passage, title: firstWords(call.args.passage) }, useDiffusion('auto', services.models));
      const { jobId } = await services.image.generate(parseCallInput('image.generate', request));
      return { jobId, outcome: assetOutcome(jobs, jobId, 'The picture was') };
    }
    case 'narrate': {
      const { text, character } = call.args;
      let script = text;
      if (character) {
        const known = services.cast.get().characters.find((c) => c.name.toLowerCase() === character.toLowerCase());
        if (!known) throw new AtelierError('NOT_FOUND', `The cast has no character called "${character}".`);
        // One line of the cast's script form, so the character's voice, rate and pitch apply.
        script = `${known.name}: ${text.replace(/\s*\n\s*/g, ' ')}`;
      }
      const { jobId } = services.cast.narrate(script);
      return { jobId, outcome: assetOutcome(jobs, jobId, 'The clip was') };
    }
    case 'make_sound': {
      const effect = call.args.effect;
      const request = (AMBIENCE_PRESETS as readonly string[]).includes(effect)
        ? { kind: 'ambience' as const, preset: effect as AmbiencePreset, seconds: 10, seed: 0 }
        : { kind: 'sfx' as const, preset: effect as Exclude<typeof effect, AmbiencePreset>, seed: 0 };
      const { jobId } = await services.sound.generate(parseCallInput('sound.generate', request));
      return { jobId, outcome: assetOutcome(jobs, jobId, 'The sound was') };
    }
    case 'add_scene': {
      const before = new Set(projects.requireOpen().data.scenes.map((s) => s.id));
      const state = await services.storyboardEditor.edit({ op: 'add', title: call.args.title, text: call.args.text });
      const index = state.scenes.findIndex((s) => !before.has(s.id));
      const scene = state.scenes[index];
      if (!scene) throw new AtelierError('INTERNAL', 'The scene was not added.');
      return { outcome: Promise.resolve({ sceneId: scene.id, summary: `Added scene ${index + 1}, "${scene.title}".` }) };
    }
    case 'edit_scene': {
      const { scene: number, title, text } = call.args;
      if (title === undefined && text === undefined) throw new AtelierError('INVALID_INPUT', 'edit_scene needs a new title or text.');
      const scenes = projects.requireOpen().data.scenes;
      const scene = scenes[number - 1];
      if (!scene) throw new AtelierError('NOT_FOUND', `There is no scene ${number}; the storyboard has ${scenes.length}.`);
      const changes = { ...(title !== undefined && { title }), ...(text !== undefined && { text }) };
      await services.storyboardEditor.edit({ op: 'update', sceneId: scene.id, changes });
      return { outcome: Promise.resolve({ sceneId: scene.id, summary: `Changed scene ${number}'s ${Object.keys(changes).join(' and ')}.` }) };
    }
    case 'list_assets': {
      const assets = Object.values(projects.requireOpen().data.assets)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 50)
        .map((a) => ({ id: a.id, kind: a.kind, name: a.name }));
      return { outcome: Promise.resolve({ summary: JSON.stringify(assets) }) };
    }
    case 'read_asset': {
      const asset = projects.requireOpen().data.assets[call.args.asset];
      if (!asset) throw new AtelierError('NOT_FOUND', `The project has no asset "${call.args.asset}".`);
      if (asset.kind === 'text') {
        const { markdown } = await readTextDocument(projects, asset.id);
        // The model's context is small: the start of the document is what it can use.
        return { outcome: Promise.resolve({ assetId: asset.id, summary: markdown.slice(0, 4000) }) };
      }
      const made = { id: asset.id, kind: asset.kind, name: asset.name, engine: asset.origin.engine, prompt: asset.origin.prompt };
      return { outcome: Promise.resolve({ assetId: asset.id, summary: JSON.stringify(made) }) };
    }
  }
}
