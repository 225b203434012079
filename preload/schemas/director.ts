import { z } from 'zod';
import { ErrorShapeSchema } from './job.js';
import { AMBIENCE_PRESETS, SFX_PRESETS } from './sound.js';
import { STORYBOARD_LIMITS } from './storyboard.js';

/**
 * The director (issue 17 item 7): the Write tab's chat in which the text model may call
 * the studio's own tools. Each tool's arguments are defined here once: the model is
 * offered their JSON schema (directorToolSpecs) and every call it makes is parsed with the
 * same zod schema before anything runs.
 */
export const DIRECTOR_TOOL_ARGS = {
  illustrate: z.strictObject({
    passage: z.string().trim().min(1).max(2000).describe('The passage to picture, in its own words'),
  }),
  narrate: z.strictObject({
    text: z.string().trim().min(1).max(5000).describe('The words to speak'),
    character: z.string().trim().min(1).max(60).optional().describe('A cast character who speaks them; the narrator when absent'),
  }),
  make_sound: z.strictObject({
    effect: z.enum([...SFX_PRESETS, ...AMBIENCE_PRESETS]).describe('A sound effect or an ambience of the synthesizer'),
  }),
  add_scene: z.strictObject({
    title: z.string().trim().min(1).max(STORYBOARD_LIMITS.title).describe('The scene title'),
    text: z.string().max(5000).describe('What happens in the scene, as it will be narrated'),
  }),
  edit_scene: z.strictObject({
    scene: z.int().min(1).max(STORYBOARD_LIMITS.scenes).describe('The scene number, from 1'),
    title: z.string().trim().min(1).max(STORYBOARD_LIMITS.title).optional(),
    text: z.string().max(5000).optional(),
  }),
  list_assets: z.strictObject({}),
  read_asset: z.strictObject({
    asset: z.string().trim().min(1).max(64).describe('The asset id, as list_assets gives it'),
  }),
} as const;

export type DirectorToolName = keyof typeof DIRECTOR_TOOL_ARGS;
export const DIRECTOR_TOOLS = Object.keys(DIRECTOR_TOOL_ARGS) as [DirectorToolName, ...DirectorToolName[]];
export const DirectorToolNameSchema = z.enum(DIRECTOR_TOOLS);

/** What each tool does, told to the model and shown on the cards. */
export const DIRECTOR_TOOL_INFO: Readonly<Record<DirectorToolName, { label: string; description: string; readOnly: boolean }>> = {
  illustrate: { label: 'Illustrate', description: 'Make a picture of a passage with the active image engine, into the project.', readOnly: false },
  narrate: { label: 'Narrate', description: 'Speak a passage with the narration voice or a cast character, into the project as a clip.', readOnly: false },
  make_sound: { label: 'Make a sound', description: 'Make a sound effect or an ambience with the synthesizer, into the project.', readOnly: false },
  add_scene: { label: 'Add a scene', description: 'Add a scene at the end of the storyboard.', readOnly: false },
  edit_scene: { label: 'Edit a scene', description: "Change a storyboard scene's title or text.", readOnly: false },
  list_assets: { label: 'List assets', description: "List the project's assets (id, kind, name).", readOnly: true },
  read_asset: { label: 'Read an asset', description: 'Read a text asset, or how another asset was made.', readOnly: true },
};

/** Upper bounds the model's grammar is not given: llama.cpp refuses a rule repeated thousands of times; zod checks them after. */
const UNGRAMMATICAL_BOUNDS = new Set(['maxLength', 'maximum', '$schema']);

function forGrammar(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forGrammar);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(Object.entries(schema).flatMap(([key, value]) => (UNGRAMMATICAL_BOUNDS.has(key) ? [] : [[key, forGrammar(value)]])));
}

/** The tools as the text engine takes them: a name, a description and a JSON schema of the arguments. */
export function directorToolSpecs(): { name: DirectorToolName; description: string; parameters: Record<string, unknown> }[] {
  return DIRECTOR_TOOLS.map((name) => {
    const parameters = forGrammar(z.toJSONSchema(DIRECTOR_TOOL_ARGS[name], { io: 'input' })) as Record<string, unknown>;
    return { name, description: DIRECTOR_TOOL_INFO[name].description, parameters };
  });
}

/** What a finished call made: an asset (picture, clip, sound), a scene, or words for the model. */
export const DirectorCallResultSchema = z.object({
  assetId: z.string().optional(),
  sceneId: z.string().optional(),
  summary: z.string(),
});

export const DirectorCallStatusSchema = z.enum(['pending', 'running', 'done', 'rejected', 'failed', 'invalid']);

export const DirectorEntrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('user'), id: z.string(), text: z.string() }),
  z.object({ type: z.literal('assistant'), id: z.string(), text: z.string() }),
  z.object({
    type: z.literal('call'),
    /** The call's id, which its tool result answers. */
    id: z.string(),
    tool: z.string(),
    /** The arguments as the model wrote them (JSON text). */
    arguments: z.string(),
    status: DirectorCallStatusSchema,
    /** Ran without a card: a read-only tool, or one the creator always allows in this project. */
    automatic: z.boolean(),
    jobId: z.string().optional(),
    result: DirectorCallResultSchema.optional(),
    error: ErrorShapeSchema.optional(),
  }),
  /** A turn of the model that failed (no model, the engine crashed): said in the chat, nothing lost. */
  z.object({ type: z.literal('error'), id: z.string(), error: ErrorShapeSchema }),
]);
export type DirectorEntry = z.infer<typeof DirectorEntrySchema>;
export type DirectorCallEntry = Extract<DirectorEntry, { type: 'call' }>;

export const DirectorStateSchema = z.object({
  projectId: z.string(),
  entries: z.array(DirectorEntrySchema),
  /** Tools that run without a card in this project (saved in the project). */
  alwaysAllow: z.array(DirectorToolNameSchema),
  /** The model is writing a turn. */
  thinking: z.boolean(),
});
export type DirectorState = z.infer<typeof DirectorStateSchema>;

export const DirectorSendSchema = z.strictObject({
  text: z.string().trim().min(1).max(20_000),
  /** The creator's pick: `any` makes the model call some tool, a name makes it call that one; absent lets it choose. */
  tool: z.union([DirectorToolNameSchema, z.literal('any')]).optional(),
  /** An installed text model id; absent means the active one. */
  model: z.string().min(1).max(200).optional(),
});
export type DirectorSend = z.infer<typeof DirectorSendSchema>;

export const DirectorDecideSchema = z.strictObject({
  callId: z.string().min(1).max(200),
  approve: z.boolean(),
  /** With approve: run this tool without asking from now on, in this project. */
  always: z.boolean().default(false),
});

export const DirectorAllowSchema = z.strictObject({ tool: DirectorToolNameSchema, allowed: z.boolean() });
