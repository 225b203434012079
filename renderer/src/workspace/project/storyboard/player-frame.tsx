import type { CSSProperties } from 'react';
import { captionLineChars, chunkSentence, sentences } from '../../../../../preload/caption-text.js';
import type { Scene, SceneTransition, VideoAspect } from '../../../../../preload/contract.js';
import { resolveMove } from '../../../../../preload/video-motion.js';
import '../../../styles/player-frame.css';

/** The frame's shape in the same proportions as the export's (720p's short side; only the ratio matters here). */
const FRAME: Record<VideoAspect, { width: number; height: number }> = {
  '16:9': { width: 1280, height: 720 },
  '9:16': { width: 720, height: 1280 },
  '1:1': { width: 720, height: 720 },
};

/**
 * The scene's caption cues as the export words them (the same sentences, two-line chunks
 * and line length for the frame); the cue shown is the one whose share of the text the
 * narration has reached. The export times them against the voice's pauses; sharing the
 * time by characters is near enough for a preview.
 */
export function cueAt(text: string, aspect: VideoAspect, spoken: number): string[] | null {
  const { width, height } = FRAME[aspect];
  const chunks = sentences(text).flatMap((s) => chunkSentence(s, captionLineChars(width, height)));
  const total = chunks.reduce((sum, lines) => sum + lines.join(' ').length, 0);
  if (total === 0) return null;
  let at = 0;
  const target = Math.min(0.999, Math.max(0, spoken)) * total;
  for (const lines of chunks) {
    at += lines.join(' ').length;
    if (target < at) return lines;
  }
  return chunks.at(-1) ?? null;
}

interface PlayerFrameProps {
  scene: Scene;
  number: number;
  heading: string;
  aspect: VideoAspect;
  pictureUrl: string | null;
  /** Seconds the scene is on screen: the length of its move. */
  seconds: number;
  paused: boolean;
  motion: boolean;
  /** The caption lines to draw, or null for none. */
  caption: string[] | null;
  /** Set while the next scene enters over this one: how it enters (fade through black fades this one out first). */
  leaving?: SceneTransition;
  /** The entering animation ended: the scene beneath can go. */
  onEntered?(): void;
  /** A picture of the frame, not a moment of playback (the poster preview): no entrance, no move. */
  still?: boolean;
}

/**
 * One scene as the export frames it: the chosen shape; a picture of another shape on a
 * blurred fill of itself, or cropped to the scene's focus point; its pan or zoom as a CSS
 * animation over the scene's length; captions burned in the export's place and size.
 */
export function PlayerFrame({ scene, number, heading, aspect, pictureUrl, seconds, paused, motion, caption, leaving, onEntered, still }: PlayerFrameProps) {
  const { width, height } = FRAME[aspect];
  const move = motion ? resolveMove(scene.video?.motion, scene.id) : 'off';
  const focus = scene.video?.focus;
  const transition = number === 1 ? 'cut' : (scene.video?.transition ?? 'cross-fade');
  const style = {
    '--frame-ratio': `${width} / ${height}`,
    '--frame-aspect': width / height,
    '--move-seconds': `${Math.max(0.5, seconds)}s`,
    '--move-state': paused ? 'paused' : 'running',
  } as CSSProperties;
  return (
    <div
      className="player-frame"
      style={style}
      data-aspect={aspect}
      data-transition={leaving || still ? undefined : transition}
      data-leaving={leaving}
      data-testid={still ? 'still-frame' : leaving ? 'player-frame-leaving' : 'player-frame'}
      aria-hidden={leaving ? true : undefined}
      onAnimationEnd={(event) => {
        // Only the frame's own entrance, not its picture's move.
        if (event.target === event.currentTarget && !leaving) onEntered?.();
      }}
    >
      <div className="player-frame-motion" data-move={move}>
        {pictureUrl ? (
          <>
            {focus ? null : <img className="player-frame-fill" src={pictureUrl} alt="" aria-hidden="true" />}
            <img
              className="player-frame-picture"
              data-focus={focus ? true : undefined}
              style={focus ? { objectPosition: `${focus.x * 100}% ${focus.y * 100}%` } : undefined}
              src={pictureUrl}
              alt={`Scene ${number}: ${heading}`}
            />
          </>
        ) : (
          <div className="player-frame-card" role="img" aria-label={`Scene ${number}: ${heading}`}>
            <span>{heading}</span>
          </div>
        )}
      </div>
      {caption ? (
        <p className="player-frame-caption" data-vertical={height > width || undefined}>
          <span className="player-frame-caption-box" data-testid="player-burned-caption">
            {caption.map((line, i) => (
              <span key={i} className="player-frame-caption-line">
                {i > 0 ? ' ' : ''}
                {line}
              </span>
            ))}
          </span>
        </p>
      ) : null}
    </div>
  );
}
