import type { AppPaths } from './app-paths.js';
import type { EventBus } from './events/event-bus.js';
import type { FileRefs } from './files/file-refs.js';
import type { JobManager } from './jobs/job-manager.js';
import type { Logger } from '../platform/log.js';
import type { ModelManager } from './models/model-manager.js';
import type { ProjectStore } from './projects/project-store.js';
import type { SettingsStore } from './settings/settings-store.js';
import type { EngineInfo } from '../../preload/contract.js';
import type { TextService } from './text/text-service.js';
import type { EmbeddingService } from './text/embedding-service.js';
import type { ImageService } from './image/image-service.js';
import type { VoiceService } from './voice/voice-service.js';
import type { CastService } from './voice/cast-service.js';
import type { SoundService } from './sound/sound-service.js';
import type { TranscribeService } from './listen/transcribe-service.js';
import type { StoryboardPipeline } from './storyboard/prompt-to-storyboard.js';
import type { StoryboardEditor } from './storyboard/storyboard-editor.js';
import type { SceneActions } from './storyboard/scene-actions.js';
import type { RemoteStore } from './remotes/remote-store.js';
import type { ExportRecords } from './export/export-records.js';
import type { DirectorService } from './director/director-service.js';

export type HostKind = 'electron' | 'web' | 'cli';

/** What only a host can do (a native file dialog); absent capabilities answer UNSUPPORTED. */
export interface HostCapabilities {
  pickFiles?: (kind: 'any' | 'image' | 'audio' | 'text') => Promise<{ path: string; name: string; size: number }[]>;
  /** Opens the system file manager at a folder (Electron's shell.showItemInFolder). */
  showItemInFolder?: (path: string) => void;
  /** Asks where to save an export in the system's save dialog (Electron's dialog.showSaveDialog); null when dismissed. */
  chooseSaveFile?: (suggestion: SaveSuggestion) => Promise<string | null>;
}

/** What a save dialog starts from: a full suggested path and the ending its file must have. */
export interface SaveSuggestion {
  defaultPath: string;
  /** Without the dot: `mp4`, `md.zip`. */
  extension: string;
  /** The kind of file in words, for the dialog's filter: "MP4 video". */
  label: string;
}

/** The engines this build carries, as `app.info` describes them (whether each can run here, and why not). */
export interface EngineCatalog {
  describe(): Promise<EngineInfo[]>;
}

/**
 * What handlers work with: the core services, without the host-facing entry points.
 * Engines stay behind the services: nothing here hands an engine to a handler or a host.
 */
export interface StudioServices {
  readonly host: HostKind;
  readonly paths: AppPaths;
  readonly log: Logger;
  readonly events: EventBus;
  readonly settings: SettingsStore;
  readonly projects: ProjectStore;
  readonly jobs: JobManager;
  readonly fileRefs: FileRefs;
  readonly engines: EngineCatalog;
  readonly models: ModelManager;
  /** Local language models through the text engine host (node-llama-cpp), or a remote's. */
  readonly text: TextService;
  /** Vectors from local embedding GGUFs, through their own engine host. */
  readonly embeddings: EmbeddingService;
  /** Pictures: procedural, diffusion or a remote's, into the project or to the caller. */
  readonly image: ImageService;
  /** Speech: espeak-ng, neural Piper voices or a remote's. */
  readonly voice: VoiceService;
  /** The open project's characters and pronunciation dictionary, and narration with them. */
  readonly cast: CastService;
  /** Effects, ambience and loops from the built-in synthesizer. */
  readonly sound: SoundService;
  /** Listening: Whisper transcripts of audio and video (files, project assets, /v1/audio/transcriptions). */
  readonly transcribe: TranscribeService;
  /** One prompt → a narrated, illustrated storyboard project. */
  readonly storyboard: StoryboardPipeline;
  /** The open project's scene edits, saved at once, with undo and redo. */
  readonly storyboardEditor: StoryboardEditor;
  /** A scene card's Write, Illustrate and Narrate jobs. */
  readonly sceneActions: SceneActions;
  /** The Write tab's director: a chat whose tool calls the creator approves. */
  readonly director: DirectorService;
  /** OpenAI-compatible servers whose models appear as `remote:<name>/<model>`. */
  readonly remotes: RemoteStore;
  /** The files finished export jobs wrote: the only ones a host hands out as downloads. */
  readonly exports: ExportRecords;
  readonly capabilities: HostCapabilities;
}
