import { appPaths, resolveDataHome, type AppPaths } from './app-paths.js';
import { ensurePrivateHome } from './files/private-files.js';
import { useRemoteLog } from './remotes/remote-error-body.js';
import { EventBus } from './events/event-bus.js';
import { cleanIncoming } from './files/incoming-files.js';
import { FileRefs } from './files/file-refs.js';
import { removeStaleTempFiles, staleTempFolders } from './files/stale-temp-files.js';
import { JobManager } from './jobs/job-manager.js';
import { createFileLogger, type Logger } from './log.js';
import { ModelManager, type ModelManagerOptions } from './models/model-manager.js';
import { ModelRegistry } from './models/model-registry.js';
import { AppState } from './projects/app-state.js';
import { ProjectStore } from './projects/project-store.js';
import { dispatch, type Handlers } from './rpc/dispatch.js';
import { SettingsStore } from './settings/settings-store.js';
import { EngineRegistry } from '../engines/engine-registry.js';
import { synthEngine } from '../engines/sound/synth-engine.js';
import { espeakEngine } from '../engines/voice/espeak/espeak-engine.js';
import { PiperClient } from '../engines/voice/piper/piper-client.js';
import { PiperEngine } from '../engines/voice/piper/piper-engine.js';
import { proceduralEngine } from '../engines/image/procedural/procedural-engine.js';
import { diffusionDescriptor, stopDiffusionHost, useDiffusionLog } from '../engines/image/diffusion-engine-link.js';
import { allHandlers } from '../handlers/all-handlers.js';
import { LlamaClient } from '../engines/text/llama-client.js';
import { TextService } from './text/text-service.js';
import { StoryboardPipeline } from './storyboard/prompt-to-storyboard.js';
import { StoryboardEditor } from './storyboard/storyboard-editor.js';
import { SceneActions } from './storyboard/scene-actions.js';
import { RemoteStore } from './remotes/remote-store.js';
import { ExportRecords } from './export/export-records.js';
import { remoteTextRouter } from './remotes/remote-text.js';

export type HostKind = 'electron' | 'web' | 'cli';

/** What only a host can do (a native file dialog); absent capabilities answer UNSUPPORTED. */
export interface HostCapabilities {
  pickFiles?: (kind: 'any' | 'image' | 'audio' | 'text') => Promise<{ path: string; name: string; size: number }[]>;
  /** Opens the system file manager at a folder (Electron's shell.showItemInFolder). */
  showItemInFolder?: (path: string) => void;
}

/** What handlers work with: the core services, without the host-facing entry points. */
export interface StudioServices {
  readonly host: HostKind;
  readonly paths: AppPaths;
  readonly log: Logger;
  readonly events: EventBus;
  readonly settings: SettingsStore;
  readonly projects: ProjectStore;
  readonly jobs: JobManager;
  readonly fileRefs: FileRefs;
  readonly engines: EngineRegistry;
  readonly models: ModelManager;
  /** Local language models through the text engine host (node-llama-cpp). */
  readonly text: TextService;
  /** One prompt → a narrated, illustrated storyboard project. */
  readonly storyboard: StoryboardPipeline;
  /** The open project's scene edits, saved at once, with undo and redo. */
  readonly storyboardEditor: StoryboardEditor;
  /** A scene card's Write, Illustrate and Narrate jobs. */
  readonly sceneActions: SceneActions;
  /** OpenAI-compatible servers whose models appear as `remote:<name>/<model>`. */
  readonly remotes: RemoteStore;
  /** The files finished export jobs wrote: the only ones a host hands out as downloads. */
  readonly exports: ExportRecords;
  /** Neural voices (Piper) through their engine host process (onnxruntime-node). */
  readonly piper: PiperEngine;
  readonly capabilities: HostCapabilities;
}

export interface Studio extends StudioServices {
  readonly handlers: Handlers;
  /** Validates against the contract, then runs the handler. */
  call(name: string, input: unknown): Promise<unknown>;
  dispose(): Promise<void>;
}

export interface StudioOptions {
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
  await ensurePrivateHome(paths.home);
  const log = createFileLogger(paths.logsDir);
  const events = new EventBus();
  const settings = new SettingsStore(paths.settingsFile, log);
  await settings.load();
  await removeLeftovers(paths, settings.get().outputFolder, log);
  const state = new AppState(paths.stateFile);
  await state.load();
  const projects = new ProjectStore(paths, state, events, log);
  await projects.restoreLast();
  const jobs = new JobManager(events);
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
  const registry = new ModelRegistry(paths.modelsDir, events, log);
  await registry.load();
  // A model added from a terminal while the app is open shows up in it; a one-shot command has no one to tell.
  if (options.host !== 'cli') registry.watch();
  const models = new ModelManager(registry, jobs, options.models);
  engines.register(diffusionDescriptor(() => registry.list().filter((m) => m.modality === 'image').length));
  useDiffusionLog(log);
  useRemoteLog(log);
  const text = new TextService({ registry, settings, events, log, engine: new LlamaClient(log) });
  const remotes = new RemoteStore(paths.home, log);
  await remotes.load();
  text.setRemoteRouter(remoteTextRouter(remotes));
  // The pipeline starts jobs through the same validated calls the renderer makes; those exist once the handlers do.
  let handlers: Handlers | undefined;
  const call = (name: string, input: unknown) => dispatch(handlers as Handlers, name, input);
  const storyboard = new StoryboardPipeline({ text, projects, jobs, models }, call);
  const storyboardEditor = new StoryboardEditor(projects, events);
  const sceneActions = new SceneActions({ text, projects, jobs, models }, call);

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
    storyboard,
    storyboardEditor,
    sceneActions,
    remotes,
    exports: new ExportRecords(),
    piper,
    capabilities: options.capabilities ?? {},
  };
  handlers = allHandlers(services);
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
    handlers: handlers as Handlers,
    call,
    dispose: async () => {
      unsubscribeResume();
      storyboardEditor.dispose();
      await jobs.shutdown();
      await registry.close();
      await text.dispose();
      await stopDiffusionHost();
      await piperClient.stop();
      await fileRefs.dispose();
      log.close();
    },
  };
}

/** Temp files of a save or export that a crash or kill interrupted are removed at the next start, not kept for ever. */
async function removeLeftovers(paths: AppPaths, outputFolder: string | null, log: Logger): Promise<void> {
  for (const dir of await staleTempFolders(paths, outputFolder)) {
    const removed = await removeStaleTempFiles(dir);
    if (removed.length > 0) log.info('studio', 'removed temp files of an interrupted write', { dir, files: removed });
  }
}
