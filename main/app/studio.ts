import { appPaths, resolveDataHome } from '../core/app-paths.js';
import { useRemoteLog } from '../core/remotes/remote-error-body.js';
import { EventBus } from '../core/events/event-bus.js';
import { cleanIncoming } from '../core/files/incoming-files.js';
import { FileRefs } from '../core/files/file-refs.js';
import { removeLeftovers } from '../core/files/stale-temp-files.js';
import { JobManager } from '../core/jobs/job-manager.js';
import { openDataHome } from './open-data-home.js';
import { ModelManager, type ModelManagerOptions } from '../core/models/model-manager.js';
import { ModelRegistry } from '../core/models/model-registry.js';
import { AppState } from '../core/projects/app-state.js';
import { ProjectStore } from '../core/projects/project-store.js';
import { dispatch, type Handlers } from '../core/rpc/dispatch.js';
import { SettingsStore } from '../core/settings/settings-store.js';
import { EngineRegistry } from '../engines/engine-registry.js';
import { synthEngine } from '../engines/sound/synth-engine.js';
import { espeakEngine } from '../engines/voice/espeak/espeak-engine.js';
import { PiperClient } from '../engines/voice/piper/piper-client.js';
import { PiperEngine } from '../engines/voice/piper/piper-engine.js';
import { KokoroClient } from '../engines/voice/kokoro/kokoro-client.js';
import { KokoroEngine } from '../engines/voice/kokoro/kokoro-engine.js';
import { proceduralEngine } from '../engines/image/procedural/procedural-engine.js';
import { diffusionDescriptor, stopDiffusionHost, useDiffusionLog } from '../engines/image/diffusion-engine-link.js';
import { allHandlers } from '../handlers/all-handlers.js';
import { LlamaClient } from '../engines/text/llama-client.js';
import { TextService } from '../core/text/text-service.js';
import { EmbeddingService } from '../core/text/embedding-service.js';
import { EmbedClient } from '../engines/text/embed-client.js';
import { ImageService } from '../core/image/image-service.js';
import { VoiceService } from '../core/voice/voice-service.js';
import { CastService } from '../core/voice/cast-service.js';
import { SoundService } from '../core/sound/sound-service.js';
import { TranscribeService } from '../core/listen/transcribe-service.js';
import { WhisperClient } from '../engines/listen/whisper-client.js';
import { StoryboardPipeline } from '../core/storyboard/prompt-to-storyboard.js';
import { StoryboardEditor } from '../core/storyboard/storyboard-editor.js';
import { SceneActions } from '../core/storyboard/scene-actions.js';
import { DirectorService } from '../core/director/director-service.js';
import { RemoteStore } from '../core/remotes/remote-store.js';
import { ExportRecords } from '../core/export/export-records.js';
import { remoteTextRouter } from '../core/remotes/remote-text.js';
import type { HostCapabilities, HostKind, StudioServices } from '../core/studio-services.js';

export type { HostCapabilities, StudioServices };

export interface Studio extends StudioServices {
  readonly handlers: Handlers;
  /** The Piper engine itself, for its own tests; everything else speaks through `voice`. */
  readonly piper: PiperEngine;
  /** Validates against the contract, then runs the handler. */
  call(name: string, input: unknown): Promise<unknown>;
  dispose(): Promise<void>;
}

interface StudioOptions {
  host: HostKind;
  /** Defaults to ATELIER_HOME or the platform's data folder. */
  home?: string;
  capabilities?: HostCapabilities;
  /** Catalog location and download tuning (tests shorten retries and stall timeouts). */
  models?: ModelManagerOptions;
  /** Hosts a creator works in pick up interrupted long work (a storyboard run); one-shot CLI commands do not. */
  resumeWork?: boolean;
}

/** The composition root: one of these per process, shared by every host bound to it. */
export async function createStudio(options: StudioOptions): Promise<Studio> {
  const paths = appPaths(options.home ?? resolveDataHome());
  const log = await openDataHome(paths.home, paths.logsDir);
  const events = new EventBus();
  const settings = new SettingsStore(paths.settingsFile, log);
  await settings.load();
  await removeLeftovers(paths, settings.get().outputFolder, log);
  const state = new AppState(paths.stateFile);
  await state.load();
  const projects = new ProjectStore(paths, state, events, log);
  await projects.restoreLast();
  const jobs = new JobManager(events, { log });
  const fileRefs = new FileRefs();
  // Uploads do not outlive the run that received them; a crash or kill leaves them behind.
  await cleanIncoming(paths.incomingDir).catch((error: Error) => log.warn('files', 'could not clean incoming/', { message: error.message }));
  const engines = new EngineRegistry();
  engines.register(synthEngine);
  engines.register(espeakEngine);
  engines.register(proceduralEngine);
  const piperClient = new PiperClient(log);
  const piper = new PiperEngine(piperClient, log);
  engines.register(piper);
  const kokoroClient = new KokoroClient(log);
  const kokoro = new KokoroEngine(kokoroClient, log);
  engines.register(kokoro);
  const registry = new ModelRegistry(paths.modelsDir, events, log);
  await registry.load();
  // A model added, or the open project changed, from a terminal while the app is open shows up
  // in it; a one-shot command has no one to tell.
  if (options.host !== 'cli') {
    registry.watch();
    projects.watch();
  }
  const models = new ModelManager(registry, jobs, options.models);
  engines.register(diffusionDescriptor(() => registry.list().filter((m) => m.modality === 'image').length));
  useDiffusionLog(log);
  useRemoteLog(log);
  const text = new TextService({ registry, settings, events, log, engine: new LlamaClient(log) });
  const embeddings = new EmbeddingService({ registry, settings, events, log, engine: new EmbedClient(log) });
  const remotes = new RemoteStore(paths.home, log);
  await remotes.load();
  text.setRemoteRouter(remoteTextRouter(remotes));
  // Diffusion on the GPU only where llama.cpp's device check found a real one: unknown while GPU detection is off.
  const hardwareGpu = async () =>
    settings.get().gpuOffload === 'off'
      ? undefined
      : text.hardware().then(
          (found) => found.gpu !== null,
          () => undefined,
        );
  const image = new ImageService({ projects, jobs, models, settings, remotes, log, hardwareGpu });
  const voice = new VoiceService({ projects, jobs, models, remotes, log, piper, kokoro, settings });
  const cast = new CastService({ voice, projects, jobs, log });
  const sound = new SoundService({ projects, jobs, log });
  const transcribe = new TranscribeService({ projects, jobs, models, log, client: new WhisperClient(log) });
  // The storyboard makes its pictures and narrations through the same services the handlers call.
  const storyboard = new StoryboardPipeline({ text, image, voice, projects, jobs, models });
  const storyboardEditor = new StoryboardEditor(projects, events);
  const sceneActions = new SceneActions({ text, image, voice, cast, projects, jobs, models });
  const director = new DirectorService({ text, image, cast, sound, storyboardEditor, projects, jobs, models, events, log });

  const services: StudioServices = {
    host: options.host,
    paths,
    log,
    events,
    settings,
    projects,
    jobs,
    fileRefs,
    engines,
    models,
    text,
    embeddings,
    image,
    voice,
    cast,
    sound,
    transcribe,
    storyboard,
    storyboardEditor,
    sceneActions,
    director,
    remotes,
    exports: new ExportRecords(),
    capabilities: options.capabilities ?? {},
  };
  const handlers: Handlers = allHandlers(services);
  log.info('studio', 'started', { host: options.host, home: paths.home });
  let unsubscribeResume = () => undefined as unknown;
  if (options.resumeWork) {
    const resume = () =>
      void storyboard.resumeOpen({ onlyInterrupted: true }).catch((error: unknown) => log.warn('storyboard', `could not resume: ${(error as Error).message}`));
    unsubscribeResume = events.subscribe((name, payload) => {
      if (name === 'project.changed' && (payload as { projectId: string | null }).projectId) resume();
    });
    resume();
  }
  return {
    ...services,
    handlers,
    piper,
    call: (name, input) => dispatch(handlers, name, input),
    dispose: async () => {
      unsubscribeResume();
      storyboardEditor.dispose();
      await jobs.shutdown();
      // Closing folds the open project's journal into project.json (project-journal.ts).
      services.projects.close();
      await services.projects.compact();
      await registry.close();
      await text.dispose();
      await embeddings.dispose();
      await stopDiffusionHost();
      await piperClient.stop();
      await kokoroClient.stop();
      await transcribe.dispose();
      await fileRefs.dispose();
      log.close();
    },
  };
}
