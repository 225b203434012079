import { z } from 'zod';

/** Frame shapes a video export can take; `720p`/`1080p` name the short side. */
export const VIDEO_ASPECTS = ['16:9', '9:16', '1:1'] as const;
export const VideoAspectSchema = z.enum(VIDEO_ASPECTS);
export type VideoAspect = z.infer<typeof VideoAspectSchema>;

/** soft: a subtitle track players can switch; burn: drawn into the picture; off: none. */
export const CAPTION_MODES = ['soft', 'burn', 'off'] as const;
export const CaptionModeSchema = z.enum(CAPTION_MODES);
export type CaptionMode = z.infer<typeof CaptionModeSchema>;

/** auto: a gentle move chosen from the scene's id, the same on every export. */
export const SCENE_MOTIONS = ['auto', 'off', 'zoom-in', 'zoom-out', 'pan-left', 'pan-right', 'pan-up', 'pan-down'] as const;
export const SceneMotionSchema = z.enum(SCENE_MOTIONS);
export type SceneMotion = z.infer<typeof SceneMotionSchema>;

/** How a scene enters from the one before (the first scene always starts plainly). */
export const SCENE_TRANSITIONS = ['cross-fade', 'cut', 'fade-black'] as const;
export const SceneTransitionSchema = z.enum(SCENE_TRANSITIONS);
export type SceneTransition = z.infer<typeof SceneTransitionSchema>;

export const SCENE_DURATION_LIMITS = { min: 1, max: 600 } as const;

/** Where the picture is cropped around when it does not fit the frame: 0..1 from the left and top. */
export const FocusPointSchema = z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) });
export type FocusPoint = z.infer<typeof FocusPointSchema>;

/** A scene's video settings; every field has a default, so projects saved before them load unchanged. */
export const SceneVideoSchema = z.object({
  motion: SceneMotionSchema.default('auto'),
  transition: SceneTransitionSchema.default('cross-fade'),
  /** Seconds on screen whatever the narration; absent: the narration plus a pad (or a default length). */
  durationSeconds: z.number().min(SCENE_DURATION_LIMITS.min).max(SCENE_DURATION_LIMITS.max).optional(),
  /** Crop to this point instead of a blurred fill when the picture's shape differs from the frame's. */
  focus: FocusPointSchema.optional(),
});
export type SceneVideo = z.infer<typeof SceneVideoSchema>;

/** Project-level video settings (absent in older projects: the defaults). */
export const ProjectVideoSettingsSchema = z.object({
  /** A sound asset looped under the whole video, ducked under the narration. */
  musicAssetId: z.string().min(1).max(64).optional(),
  captions: CaptionModeSchema.default('soft'),
  /** The scene whose picture is the poster frame; absent: a title card. */
  posterSceneId: z.string().min(1).max(64).optional(),
});
export type ProjectVideoSettings = z.infer<typeof ProjectVideoSettingsSchema>;

export const VIDEO_PRESET_IDS = ['youtube-1080p', 'shorts-9x16', 'square-1x1', 'small-720p'] as const;
export const VideoPresetIdSchema = z.enum(VIDEO_PRESET_IDS);
export type VideoPresetId = z.infer<typeof VideoPresetIdSchema>;

export interface VideoPreset {
  id: VideoPresetId;
  label: string;
  format: 'mp4' | 'webm';
  aspect: VideoAspect;
  resolution: '720p' | '1080p';
}

/** The Export dialog's presets (and `--preset` on the command line). */
export const VIDEO_PRESETS: readonly VideoPreset[] = [
  { id: 'youtube-1080p', label: 'YouTube 1080p', format: 'mp4', aspect: '16:9', resolution: '1080p' },
  { id: 'shorts-9x16', label: 'Shorts / Reels 9:16', format: 'mp4', aspect: '9:16', resolution: '1080p' },
  { id: 'square-1x1', label: 'Square 1:1', format: 'mp4', aspect: '1:1', resolution: '1080p' },
  { id: 'small-720p', label: 'Small 720p', format: 'mp4', aspect: '16:9', resolution: '720p' },
];

/** What a video export will be, worked out before it starts. */
export const VideoEstimateSchema = z.object({
  durationSeconds: z.number().nonnegative(),
  width: z.int().positive(),
  height: z.int().positive(),
  /** A rough size: the encoders' usual rate for stills with gentle motion. */
  bytes: z.int().nonnegative(),
  scenes: z.int().nonnegative(),
  captionCues: z.int().nonnegative(),
});
export type VideoEstimate = z.infer<typeof VideoEstimateSchema>;
