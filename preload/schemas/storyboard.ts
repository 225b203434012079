import { z } from 'zod';
import { SceneSchema } from './scene.js';
import { CaptionModeSchema, FocusPointSchema, ProjectVideoSettingsSchema, SCENE_DURATION_LIMITS, SceneMotionSchema, SceneTransitionSchema } from './video.js';

/** Limits shared by the contract and the Project tab. */
export const STORYBOARD_LIMITS = {
  /** Raised from 500 once the Project tab rendered only the cards in view (issue 23). */
  scenes: 2000,
  title: 200,
  text: 100_000,
  /** Undo steps kept per open project. */
  history: 200,
} as const;

const SceneIdSchema = z.string().min(1).max(64);
const AssetRefSchema = z.string().min(1).max(64).nullable();

/** What a scene card may change; `null` detaches an asset. */
export const SceneChangesSchema = z.strictObject({
  title: z.string().max(STORYBOARD_LIMITS.title).optional(),
  text: z.string().max(STORYBOARD_LIMITS.text).optional(),
  imageAssetId: AssetRefSchema.optional(),
  narrationAssetId: AssetRefSchema.optional(),
  bedAssetId: AssetRefSchema.optional(),
  /** The scene's video settings to change; a field left out stays, `null` returns it to the default. */
  video: z
    .strictObject({
      motion: SceneMotionSchema.optional(),
      transition: SceneTransitionSchema.optional(),
      durationSeconds: z.number().min(SCENE_DURATION_LIMITS.min).max(SCENE_DURATION_LIMITS.max).nullable().optional(),
      focus: FocusPointSchema.nullable().optional(),
    })
    .optional(),
});
export type SceneChanges = z.infer<typeof SceneChangesSchema>;

/** The project's video settings to change; a field left out stays, `null` returns it to the default (no music, a title-card poster). */
export const ProjectVideoChangesSchema = z.strictObject({
  musicAssetId: AssetRefSchema.optional(),
  posterSceneId: SceneIdSchema.nullable().optional(),
  captions: CaptionModeSchema.optional(),
});
export type ProjectVideoChanges = z.infer<typeof ProjectVideoChangesSchema>;

/** One storyboard edit; each is one undo step (typing in one field of one scene coalesces). */
export const StoryboardEditSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('add'),
    /** Where the new scene goes; the end when absent. */
    index: z.int().min(0).max(STORYBOARD_LIMITS.scenes).optional(),
    title: z.string().max(STORYBOARD_LIMITS.title).optional(),
    text: z.string().max(STORYBOARD_LIMITS.text).optional(),
  }),
  z.strictObject({ op: z.literal('duplicate'), sceneId: SceneIdSchema }),
  z.strictObject({ op: z.literal('delete'), sceneId: SceneIdSchema }),
  z.strictObject({ op: z.literal('move'), sceneId: SceneIdSchema, toIndex: z.int().min(0).max(STORYBOARD_LIMITS.scenes) }),
  z.strictObject({ op: z.literal('update'), sceneId: SceneIdSchema, changes: SceneChangesSchema }),
  /** The whole video's settings (music bed, poster scene, captions): an undo step like a scene's. */
  z.strictObject({ op: z.literal('video'), changes: ProjectVideoChangesSchema }),
]);
export type StoryboardEdit = z.infer<typeof StoryboardEditSchema>;

/** The open project's scenes and whether undo / redo would do anything. */
export const StoryboardStateSchema = z.object({
  projectId: z.uuid(),
  scenes: z.array(SceneSchema),
  /** The project's video settings (music bed, poster scene, captions). */
  video: ProjectVideoSettingsSchema,
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  /** The project's revision this state was read at (project.changed carries the same number); absent from older hosts. */
  revision: z.number().int().nonnegative().optional(),
});
export type StoryboardState = z.infer<typeof StoryboardStateSchema>;

/** A per-scene job: draft the text, picture it, or speak it. */
export const SceneActionSchema = z.strictObject({
  sceneId: SceneIdSchema,
  action: z.enum(['write', 'illustrate', 'narrate']),
});
export type SceneAction = z.infer<typeof SceneActionSchema>;
