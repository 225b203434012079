/**
 * The contract: every call the renderer may make and every event it may receive.
 * Main validates each input against these schemas before a handler runs; the
 * preload and the web client derive their methods from the same list, so a call
 * that is not here cannot be made.
 */
import { z } from 'zod';
import { AssetListRequestSchema, AssetSchema } from './schemas/asset.js';
import { HardwareSchema } from './schemas/hardware.js';
import { ErrorShapeSchema, JobPartialSchema, JobSchema } from './schemas/job.js';
import { CatalogModelSchema, InstalledModelSchema, ModelIdSchema, ModelImportModeSchema, ModelsChangedSchema } from './schemas/model.js';
import { OpenedProjectSchema, ProjectIdSchema, ProjectSummarySchema, ProjectTitleSchema, RevealedFolderSchema } from './schemas/project.js';
import { SettingsPatchSchema, SettingsSchema } from './schemas/settings.js';
import { SoundRequestSchema } from './schemas/sound.js';
import { DictationRequestSchema, TranscribeAssetRequestSchema } from './schemas/transcribe.js';
import { DirectorAllowSchema, DirectorDecideSchema, DirectorSendSchema, DirectorStateSchema } from './schemas/director.js';
import { VoiceListSchema, VoiceRequestSchema, VoiceSampleRequestSchema, VoiceSampleSchema } from './schemas/voice.js';
import { RecordingSaveSchema } from './schemas/recording.js';
import { ProjectCastSchema, TryPronunciationSchema } from './schemas/cast.js';
import { SystemPresetSchema, TextDocumentSaveSchema, TextRequestSchema } from './schemas/text.js';
import { StoryboardPromptSchema } from './schemas/storyboard-prompt.js';
import { SceneActionSchema, StoryboardEditSchema, StoryboardStateSchema } from './schemas/storyboard.js';
import { ImageEditRequestSchema, ImageRequestSchema, ImageSettingsSchema, ImageTemplateSchema } from './schemas/image.js';
import { ImageInpaintRequestSchema, ImageOutpaintRequestSchema } from './schemas/image-inpaint.js';
import { ExportFolderSchema, ExportRequestSchema } from './schemas/export.js';
import { VideoEstimateSchema } from './schemas/video.js';
import { RemoteAddSchema, RemoteModelsRequestSchema, RemoteModelsSchema, RemoteNameSchema, RemoteSchema, RemoteTestResultSchema } from './schemas/remote.js';

export * from './errors.js';
export * from './schemas/asset.js';
export * from './schemas/hardware.js';
export * from './schemas/job.js';
export * from './schemas/job-results.js';
export * from './schemas/model.js';
export * from './schemas/project.js';
export * from './schemas/scene.js';
export * from './schemas/settings.js';
export * from './schemas/sound.js';
export * from './schemas/transcribe.js';
export * from './schemas/voice.js';
export * from './schemas/recording.js';
export * from './schemas/cast.js';
export * from './schemas/text.js';
export * from './schemas/storyboard-prompt.js';
export * from './schemas/storyboard.js';
export * from './schemas/image.js';
export * from './schemas/export.js';
export * from './schemas/video.js';
export * from './schemas/remote.js';
export * from './schemas/director.js';

const NoInput = z.strictObject({});

export const EngineInfoSchema = z.object({
  id: z.string(),
  modality: z.enum(['text', 'image', 'voice', 'sound']),
  name: z.string(),
  /** False when the engine needs a model or runtime that is not installed. */
  available: z.boolean(),
  reason: z.string().optional(),
});
export type EngineInfo = z.infer<typeof EngineInfoSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web', 'cli']),
  platform: z.string(),
  dataFolder: z.string(),
  engines: z.array(EngineInfoSchema),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** A file the host vouched for (picked in a dialog or uploaded); the renderer never names paths. */
export const FileRefSchema = z.object({
  ref: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
});
export type FileRef = z.infer<typeof FileRefSchema>;

export const JobTicketSchema = z.object({ jobId: z.string() });

interface CallSpec {
  input: z.ZodType;
  output: z.ZodType;
  summary: string;
}

function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string) {
  return { input, output, summary } satisfies CallSpec;
}

export const calls = {
  'app.info': call(NoInput, AppInfoSchema, 'Name, version and the engines this install can run.'),
  'app.hardware': call(NoInput, HardwareSchema, 'CPU, memory and GPU of this computer, for the fits / tight / too large verdict.'),

  'settings.get': call(NoInput, SettingsSchema, 'All settings, defaults filled in.'),
  'settings.set': call(SettingsPatchSchema, SettingsSchema, 'Change some settings; returns all of them.'),

  'projects.create': call(z.strictObject({ title: ProjectTitleSchema }), ProjectSummarySchema, 'Create a project and open it.'),
  'projects.list': call(NoInput, z.array(ProjectSummarySchema), 'Projects, most recently used first.'),
  'projects.current': call(NoInput, ProjectSummarySchema.nullable(), 'The open project, if any.'),
  'projects.open': call(z.strictObject({ id: ProjectIdSchema }), OpenedProjectSchema, 'Open a project.'),
  'projects.rename': call(z.strictObject({ id: ProjectIdSchema, title: ProjectTitleSchema }), ProjectSummarySchema, 'Give a project a new title.'),
  'projects.delete': call(
    z.strictObject({ id: ProjectIdSchema }),
    z.object({ id: ProjectIdSchema, movedTo: z.string() }),
    'Move a project to the trash folder inside the data folder.',
  ),
  'projects.reveal': call(
    z.strictObject({ id: ProjectIdSchema }),
    RevealedFolderSchema,
    "A project's folder (damaged ones included): shown in the file manager on the desktop, its path elsewhere.",
  ),
  'projects.export': call(
    ExportRequestSchema,
    JobTicketSchema,
    'Export a project (the open one by default) as zip, html, md (a page and its files folder), md-zip, pdf, mp4 or webm (a job; its result is { path, size, format, downloadUrl }).',
  ),
  'projects.exportEstimate': call(
    ExportRequestSchema,
    VideoEstimateSchema,
    'What a video export (mp4 or webm, with its preset, aspect and resolution) will come to before it starts: length, frame, likely size, scenes and caption cues.',
  ),
  'projects.exportFolder': call(
    z.strictObject({ projectId: ProjectIdSchema.optional() }),
    ExportFolderSchema,
    'Where an export goes (the output folder from Settings, else the project’s exports folder), whether it exists yet, and whether the host can offer a save dialog.',
  ),
  'projects.import': call(
    z.strictObject({ fileRef: z.string().min(1).max(128), title: ProjectTitleSchema.optional() }),
    OpenedProjectSchema,
    'Import a picked or uploaded Atelier zip bundle as a new project (checked entry by entry) and open it.',
  ),

  'assets.list': call(
    AssetListRequestSchema,
    z.array(AssetSchema),
    'Assets of the open project, newest first; with limit, only the newest that many (the studio shows those while a large project’s whole list travels).',
  ),
  'assets.import': call(
    z.strictObject({ fileRef: z.string().min(1).max(128) }),
    JobTicketSchema,
    'Copy a picked or uploaded file into the open project (a job).',
  ),

  'files.pick': call(
    z.strictObject({ kind: z.enum(['any', 'image', 'audio', 'text']).default('any') }),
    z.array(FileRefSchema),
    'Let the user pick files in a native dialog (desktop only).',
  ),

  'models.catalog': call(NoInput, z.array(CatalogModelSchema), 'Models that can be downloaded, with sizes, licences and RAM needed.'),
  'models.list': call(NoInput, z.array(InstalledModelSchema), 'Installed models, and which one is active per modality.'),
  'models.download': call(
    z.strictObject({ catalogId: ModelIdSchema }),
    JobTicketSchema,
    'Download a catalog model (a job: progress, resume, checksum, cancel).',
  ),
  'models.import': call(
    z.strictObject({ fileRef: z.string().min(1).max(128), mode: ModelImportModeSchema.default('copy') }),
    JobTicketSchema,
    'Check a picked model file or folder by its content, then copy it in or reference it in place (a job).',
  ),
  'models.use': call(z.strictObject({ id: ModelIdSchema }), InstalledModelSchema, 'Make a model the active one of its modality.'),
  'models.remove': call(
    z.strictObject({ id: ModelIdSchema }),
    z.object({ id: ModelIdSchema, deletedFiles: z.boolean() }),
    'Forget a model; delete its files unless it was referenced in place.',
  ),

  'image.templates': call(NoInput, z.array(ImageTemplateSchema), 'The procedural image templates: name, description and default size.'),
  'image.generate': call(
    ImageRequestSchema,
    JobTicketSchema,
    'Make pictures (procedural, or diffusion with an installed model) into the open project: a job whose result is { assets }, one per image.',
  ),
  'image.edit': call(
    ImageEditRequestSchema,
    JobTicketSchema,
    'Resize, crop, rotate, upscale, adjust, add text or convert an image asset into a NEW asset (a job); the original is kept.',
  ),
  'image.inpaint': call(
    ImageInpaintRequestSchema,
    JobTicketSchema,
    'Repaint the masked part of an image asset with the image model into a NEW asset (a job); everything outside the mask is kept.',
  ),
  'image.outpaint': call(
    ImageOutpaintRequestSchema,
    JobTicketSchema,
    'Extend an image asset to a new aspect or size, the new area painted by the image model, into a NEW asset (a job); the original is kept.',
  ),
  'image.settings': call(
    z.strictObject({ assetId: z.string().min(1).max(64) }),
    ImageSettingsSchema,
    "How an image asset was made (its record, or its PNG's text chunks), to reuse its settings.",
  ),

  'sound.generate': call(
    SoundRequestSchema,
    JobTicketSchema,
    'Make a sound effect, ambience or melodic loop with the built-in synthesizer into the open project (a job).',
  ),

  'transcribe.asset': call(
    TranscribeAssetRequestSchema,
    JobTicketSchema,
    "Transcribe an audio or video asset of the open project with the active (or named) Whisper model into a WebVTT transcript asset with each segment's times (a job).",
  ),
  'transcribe.dictation': call(
    DictationRequestSchema,
    JobTicketSchema,
    'Hear a dictated take (a 16-bit WAV file ref) with the active Whisper model and answer its words as text (a job; the take is deleted, nothing is saved).',
  ),

  'voice.voices': call(
    NoInput,
    VoiceListSchema,
    'The built-in espeak-ng voices (id, name, languages, gender) and its variants, the installed Piper voices, and the installed Kokoro models with their voices.',
  ),
  'voice.sample': call(
    VoiceSampleRequestSchema,
    VoiceSampleSchema,
    'A short clip of one voice of an installed Kokoro model, made now for listening (nothing is saved; no project needed).',
  ),
  'voice.generate': call(
    VoiceRequestSchema,
    JobTicketSchema,
    'Speak text with the built-in espeak-ng voice, an installed Piper voice, a Kokoro voice (engine "kokoro", voice "af_heart") or a remote engine’s speech model (engine "remote", voice "remote:<name>/<model>") into the open project as a WAV clip (a job).',
  ),
  'voice.saveRecording': call(
    RecordingSaveSchema,
    AssetSchema,
    'Keep a take recorded with the microphone (an uploaded or desktop 16-bit WAV file ref) as an audio asset of the open project, its leading and trailing silence trimmed unless trim is false.',
  ),

  'cast.get': call(NoInput, ProjectCastSchema, "The open project's cast (characters with engine, voice, rate, pitch) and pronunciation dictionary."),
  'cast.set': call(ProjectCastSchema, ProjectCastSchema, "Replace the open project's cast and pronunciation dictionary (saved at once)."),
  'cast.try': call(
    TryPronunciationSchema,
    JobTicketSchema,
    'Speak a word with the dictionary applied, in a character’s voice (the narrator by default), into the open project as a WAV clip (a job).',
  ),

  'text.generate': call(
    TextRequestSchema,
    JobTicketSchema,
    'Write with the active (or named) local text model: tokens stream as job progress, the reply is the job result.',
  ),
  'text.presets': call(NoInput, z.array(SystemPresetSchema), 'System-prompt presets, built-in ones first.'),
  'text.savePresets': call(
    z.strictObject({ presets: z.array(SystemPresetSchema).max(100) }),
    z.array(SystemPresetSchema),
    'Replace the saved system-prompt presets.',
  ),
  'text.saveDocument': call(TextDocumentSaveSchema, AssetSchema, 'Save the Write document into the open project as a Markdown asset.'),
  'text.readDocument': call(
    z.strictObject({ assetId: z.string().min(1).max(64) }),
    z.object({ assetId: z.string(), name: z.string(), markdown: z.string() }),
    'Read a text asset of the open project into the Write document.',
  ),

  'director.state': call(NoInput, DirectorStateSchema, "The open project's director chat: messages, tool-call cards and the tools it always allows."),
  'director.send': call(
    DirectorSendSchema,
    DirectorStateSchema,
    'Say something to the director: the text model answers and may call the studio’s tools (each call a card to approve); tool "any" or a name makes it call one.',
  ),
  'director.decide': call(
    DirectorDecideSchema,
    DirectorStateSchema,
    'Approve (it runs as a job; optionally always allow the tool in this project) or reject a pending tool call; the result goes back to the model.',
  ),
  'director.allow': call(DirectorAllowSchema, DirectorStateSchema, 'Allow a tool to run without a card in the open project, or revoke that.'),
  'director.clear': call(NoInput, DirectorStateSchema, 'Start a new director conversation (the always-allowed tools stay).'),

  'storyboard.get': call(NoInput, StoryboardStateSchema, "The open project's scenes, and whether undo and redo are possible."),
  'storyboard.edit': call(
    StoryboardEditSchema,
    StoryboardStateSchema,
    'Add, duplicate, delete, move or change a scene, or change the video settings (saved at once; one undo step).',
  ),
  'storyboard.undo': call(NoInput, StoryboardStateSchema, 'Undo the last storyboard edit of the open project.'),
  'storyboard.redo': call(NoInput, StoryboardStateSchema, 'Redo the last undone storyboard edit.'),
  'storyboard.sceneAction': call(
    SceneActionSchema,
    z.object({ jobId: z.string() }),
    "Write a scene's text from its title, illustrate it, or narrate it (a job that attaches its result to the scene).",
  ),
  'storyboard.fromPrompt': call(
    StoryboardPromptSchema,
    z.object({ jobId: z.string(), projectId: ProjectIdSchema }),
    'One prompt → a new project: the text model writes the scenes, then each is illustrated and narrated (one job with a step per scene).',
  ),
  'storyboard.resumeFromPrompt': call(
    NoInput,
    z.object({ jobId: z.string().nullable() }),
    'Continue the open project’s prompt-to-storyboard run where it stopped (finished scenes are kept).',
  ),

  'remotes.list': call(NoInput, z.array(RemoteSchema), 'OpenAI-compatible servers Atelier may send work to (keys are never returned).'),
  'remotes.add': call(RemoteAddSchema, RemoteSchema, 'Add or replace a remote engine: a name, its base address and an optional key.'),
  'remotes.remove': call(z.strictObject({ name: RemoteNameSchema }), z.null(), 'Forget a remote engine and its key.'),
  'remotes.test': call(
    z.strictObject({ name: RemoteNameSchema }),
    RemoteTestResultSchema,
    'Reach a remote and list its models as remote:<name>/<model> ids (a failure is in the answer).',
  ),
  'remotes.models': call(
    RemoteModelsRequestSchema,
    RemoteModelsSchema,
    'Every remote’s models with what they make, for the pickers: cached, asked again with refresh; a remote that is down is listed apart.',
  ),

  'jobs.list': call(NoInput, z.array(JobSchema), 'Running, queued and recently finished jobs.'),
  'jobs.cancel': call(z.strictObject({ id: z.string().min(1).max(64) }), JobSchema, 'Cancel a job.'),
} as const;

export const events = {
  'job.progress': z.object({ job: JobSchema, partial: JobPartialSchema.optional() }),
  'job.done': z.object({ job: JobSchema }),
  'job.failed': z.object({ job: JobSchema, error: ErrorShapeSchema }),
  /**
   * `revision` moves on every change of the open project (absent from older hosts and when a
   * project was removed); storyboard.get answers with the revision it read, so a client that
   * holds it already skips the read. `storyboard` is false when the change left the scenes and
   * the video settings as they were (an asset imported or made): no need to read the storyboard.
   */
  'project.changed': z.object({
    projectId: ProjectIdSchema.nullable(),
    revision: z.number().int().nonnegative().optional(),
    storyboard: z.boolean().optional(),
  }),
  'models.changed': ModelsChangedSchema,
  /** A remote engine was added, replaced or removed: pickers list remote models again. */
  'remotes.changed': z.object({ name: RemoteNameSchema }),
  /** The director chat of a project changed (a reply, a card, a result): read it again with director.state. */
  'director.changed': z.object({ projectId: ProjectIdSchema }),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const CALL_NAMES = Object.keys(calls) as CallName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isCallName(name: string): name is CallName {
  return Object.hasOwn(calls, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** Calls whose input schema accepts an empty object may be made with no argument. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is exactly "no required fields" here.
type OptionalArg<N extends CallName> = {} extends CallInput<N> ? [input?: CallInput<N>] : [input: CallInput<N>];

type Domain<N extends string> = N extends `${infer D}.${string}` ? D : never;
type MethodsOf<D extends string> = {
  [N in CallName as N extends `${D}.${infer M}` ? M : never]: (...args: OptionalArg<N>) => Promise<CallOutput<N>>;
};

export type Unsubscribe = () => void;

/** What `window.atelier` is: methods grouped by domain, and typed event subscription. */
export type AtelierApi = { [D in Domain<CallName>]: MethodsOf<D> } & {
  events: {
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): Unsubscribe;
  };
};

export type Invoke = (name: CallName, input: unknown) => Promise<unknown>;
export type Subscribe = (name: EventName, listener: (payload: unknown) => void) => Unsubscribe;

/** Builds the grouped API from a transport; used by the preload and the web client alike. */
export function buildApi(invoke: Invoke, subscribe: Subscribe): AtelierApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of CALL_NAMES) {
    const [domain, method] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][method] = (input?: unknown) => invoke(name, input ?? {});
  }
  api.events = {
    on: (name: EventName, listener: (payload: unknown) => void) => {
      if (!isEventName(name)) throw new Error(`Unknown event ${String(name)}`);
      return subscribe(name, listener);
    },
  };
  return api as unknown as AtelierApi;
}
