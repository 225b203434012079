import { ChevronLeft, ChevronRight, Pause, Play, RotateCcw, X } from 'lucide-react';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { VIDEO_ASPECTS, type Asset, type Scene, type SceneTransition, type VideoAspect } from '../../../../../preload/contract.js';
import { CROSSFADE_SECONDS, TAIL_SECONDS } from '../../../../../preload/video-motion.js';
import { useAssetUrl } from '../../../state/use-asset-url.js';
import { PlayerFrame, cueAt } from './player-frame.js';
import { DEFAULT_SCENE_MS, sceneMs as sceneLength } from './scene-timing.js';

/** How long a scene without narration stays on screen. */
const BED_VOLUME = 0.35;

interface StoryboardPlayerProps {
  scenes: Scene[];
  assetsById: ReadonlyMap<string, Asset>;
  onClose(): void;
}

/**
 * Plays the storyboard as the video export will show it: each scene's picture (or its
 * title on a card) in the chosen frame, with its move and the burned captions while its
 * narration plays, then the next; a scene with a fixed length stays that long, one without
 * narration (or whose sound will not play) DEFAULT_SCENE_MS. Space pauses, ←/→ step, Esc closes.
 */
export function StoryboardPlayer({ scenes, assetsById, onClose }: StoryboardPlayerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const bedAudio = useRef<HTMLAudioElement>(null);
  const [index, setIndex] = useState(0);
  const [paused, setPaused] = useState(false);
  const [finished, setFinished] = useState(false);
  const [fraction, setFraction] = useState(0);
  /** The narration would not play: the scene falls back to the default length. */
  const [silent, setSilent] = useState(false);
  /** How far the narration has got (0..1): which caption shows. */
  const [spoken, setSpoken] = useState(0);
  const [aspect, setAspect] = useState<VideoAspect>('16:9');
  const [captions, setCaptions] = useState(true);
  /** The scene the current one is entering over (a cross-fade or a fade through black), until its entrance ends. */
  const [leaving, setLeaving] = useState<{ index: number; url: string | null; seconds: number; transition: SceneTransition } | null>(null);
  const shown = useRef<{ index: number; url: string | null; seconds: number }>({ index: 0, url: null, seconds: 0 });
  const elapsed = useRef(0);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  const scene = scenes[Math.min(index, scenes.length - 1)] as Scene;
  const picture = scene.imageAssetId ? assetsById.get(scene.imageAssetId) : undefined;
  const narration = scene.narrationAssetId ? assetsById.get(scene.narrationAssetId) : undefined;
  const bed = scene.bedAssetId ? assetsById.get(scene.bedAssetId) : undefined;
  const pictureUrl = useAssetUrl(picture?.kind === 'image' ? picture.id : null, 'file');
  const bedUrl = useAssetUrl(bed?.kind === 'audio' ? bed.id : null, 'file');
  const voiced = narration?.kind === 'audio' && !silent;
  /** A fixed length runs on the clock, the narration playing within it, as the export cuts it. */
  const fixedMs = scene.video?.durationSeconds !== undefined ? scene.video.durationSeconds * 1000 : undefined;
  const timed = !voiced || fixedMs !== undefined;
  const sceneMs = sceneLength(scene, assetsById, voiced);

  // Stepping on to the next scene keeps the one before beneath it while it enters, as the export overlaps them.
  useLayoutEffect(() => {
    const before = shown.current;
    const transition = index === 0 ? 'cut' : (scene.video?.transition ?? 'cross-fade');
    setLeaving(index === before.index + 1 && transition !== 'cut' ? { ...before, transition } : null);
    shown.current = { index, url: null, seconds: before.seconds };
  }, [index, scene.video?.transition]);
  useEffect(() => {
    shown.current = { index, url: pictureUrl.status === 'ready' ? pictureUrl.url : null, seconds: sceneMs / 1000 };
  }, [index, pictureUrl, sceneMs]);

  const goTo = useCallback(
    (next: number) => {
      elapsed.current = 0;
      setFraction(0);
      setSpoken(0);
      setSilent(false);
      if (next >= scenes.length) {
        setFinished(true);
        setPaused(true);
        setFraction(1);
        return;
      }
      setFinished(false);
      setIndex(Math.max(0, next));
    },
    [scenes.length],
  );

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    element.addEventListener('cancel', onCancel);
    return () => {
      element.removeEventListener('cancel', onCancel);
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // A scene without narration: a clock that pauses with the player.
  useEffect(() => {
    if (!timed || paused) return;
    const started = performance.now() - elapsed.current;
    const timer = window.setInterval(() => {
      elapsed.current = performance.now() - started;
      const length = fixedMs ?? DEFAULT_SCENE_MS;
      if (elapsed.current >= length) goTo(index + 1);
      else setFraction(elapsed.current / length);
    }, 100);
    return () => window.clearInterval(timer);
  }, [timed, fixedMs, paused, index, goTo]);

  useEffect(() => {
    const audio = bedAudio.current;
    if (!audio) return;
    if (bedUrl.status !== 'ready') {
      audio.pause();
      return;
    }
    if (audio.src !== bedUrl.url) audio.src = bedUrl.url;
    audio.volume = BED_VOLUME;
    if (paused) audio.pause();
    else audio.play().catch(() => undefined);
  }, [bedUrl, paused]);

  const toggle = () => {
    if (finished) {
      goTo(0);
      setPaused(false);
      return;
    }
    setPaused((current) => !current);
  };

  function onKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    // The frame picker keeps its own keys (arrows change it, Space opens it).
    if (event.target instanceof HTMLSelectElement && event.key !== 'Tab') return;
    if (event.key === ' ' || event.key === 'k') {
      event.preventDefault();
      toggle();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      goTo(index + 1);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      goTo(index - 1);
    } else if (event.key === 'Tab') {
      // The player is the whole screen; keep Tab inside it.
      const focusable = Array.from(dialog.current?.querySelectorAll<HTMLElement>('button:not([disabled]), select, input') ?? []);
      const first = focusable[0];
      const last = focusable.at(-1);
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  }

  const heading = headingOf(scene, index);

  return (
    <dialog ref={dialog} className="player" aria-label="Storyboard player" onKeyDown={onKeyDown}>
      <div className="player-stage">
        <div className="player-frame-stack">
          {leaving && scenes[leaving.index] ? (
            <PlayerFrame
              key={leaving.index}
              scene={scenes[leaving.index] as Scene}
              number={leaving.index + 1}
              heading={headingOf(scenes[leaving.index] as Scene, leaving.index)}
              aspect={aspect}
              pictureUrl={leaving.url}
              seconds={leaving.seconds}
              paused={paused}
              motion
              caption={null}
              leaving={leaving.transition}
            />
          ) : null}
          <PlayerFrame
            key={index}
            scene={scene}
            number={index + 1}
            heading={heading}
            aspect={aspect}
            pictureUrl={pictureUrl.status === 'ready' ? pictureUrl.url : null}
            seconds={sceneMs / 1000}
            paused={paused}
            motion
            caption={captions && voiced && spoken < 1 && !finished ? cueAt(scene.text, aspect, spoken) : null}
            onEntered={() => setLeaving(null)}
          />
        </div>
        <p className="player-heading" aria-live="polite">
          <span className="player-caption-number">
            {index + 1} / {scenes.length}
          </span>
          {heading}
        </p>
      </div>

      <div className="player-strip" role="group" aria-label="Scenes">
        {scenes.map((s, i) => (
          <button
            key={s.id}
            type="button"
            className="player-segment"
            aria-label={`Go to scene ${i + 1}${s.title.trim() ? `: ${s.title.trim()}` : ''}`}
            aria-current={i === index ? 'step' : undefined}
            onClick={() => goTo(i)}
          >
            <span
              className="player-segment-fill"
              style={{ width: `${i < index || (finished && i === index) ? 100 : i === index ? Math.round(fraction * 100) : 0}%` }}
            />
          </button>
        ))}
      </div>

      <div className="player-controls">
        <button type="button" className="player-button" aria-label="Previous scene" disabled={index === 0} onClick={() => goTo(index - 1)}>
          <ChevronLeft aria-hidden="true" size={20} />
        </button>
        <button
          type="button"
          className="player-button player-button-main"
          data-autofocus
          aria-label={finished ? 'Play again' : paused ? 'Play' : 'Pause'}
          aria-keyshortcuts="Space"
          onClick={toggle}
        >
          {finished ? <RotateCcw aria-hidden="true" size={20} /> : paused ? <Play aria-hidden="true" size={20} /> : <Pause aria-hidden="true" size={20} />}
        </button>
        <button type="button" className="player-button" aria-label="Next scene" disabled={finished} onClick={() => goTo(index + 1)}>
          <ChevronRight aria-hidden="true" size={20} />
        </button>
        <label className="player-option">
          Frame
          <select value={aspect} onChange={(event) => setAspect(event.target.value as VideoAspect)}>
            {VIDEO_ASPECTS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="player-option">
          <input type="checkbox" checked={captions} onChange={(event) => setCaptions(event.target.checked)} />
          Captions
        </label>
        <span className="player-status" role="status">
          {finished ? 'The end' : `Scene ${index + 1} of ${scenes.length}${paused ? ' · paused' : ''}`}
        </span>
        <button type="button" className="player-button player-close" aria-label="Close the player" aria-keyshortcuts="Escape" onClick={onClose}>
          <X aria-hidden="true" size={20} />
        </button>
      </div>

      {voiced ? (
        <NarrationTrack
          key={`${index}:${narration.id}`}
          assetId={narration.id}
          paused={paused}
          // As the export times it: the first narration once the first fade-in is over; each
          // later one the tail after the one before (the export overlaps the next scene's
          // fade-in with that tail, the player starts it when the narration ends).
          leadInMs={(index === 0 ? CROSSFADE_SECONDS : TAIL_SECONDS) * 1000}
          onFraction={(f) => {
            setSpoken(f);
            if (fixedMs === undefined) setFraction(f);
          }}
          onEnded={() => {
            setSpoken(1);
            if (fixedMs === undefined) goTo(index + 1);
          }}
          onSilent={() => setSilent(true)}
        />
      ) : null}
      <audio ref={bedAudio} loop />
    </dialog>
  );
}

function headingOf(scene: Scene, index: number): string {
  return scene.title.trim() || `Scene ${index + 1}`;
}

interface NarrationTrackProps {
  assetId: string;
  paused: boolean;
  /** Quiet before the narration starts, counted while playing. */
  leadInMs: number;
  onFraction(fraction: number): void;
  onEnded(): void;
  onSilent(): void;
}

/** One scene's narration; mounted per scene so a late URL or `ended` of the last scene can never reach this one. */
function NarrationTrack({ assetId, paused, leadInMs, onFraction, onEnded, onSilent }: NarrationTrackProps) {
  const audio = useRef<HTMLAudioElement>(null);
  /** The lead-in still to wait; once it has run out the clip plays and pauses as the player does. */
  const leadIn = useRef(leadInMs);
  const url = useAssetUrl(assetId, 'file');
  const onSilentRef = useRef(onSilent);
  onSilentRef.current = onSilent;

  useEffect(() => {
    if (url.status === 'failed') onSilentRef.current();
    const element = audio.current;
    if (!element || url.status !== 'ready') return;
    if (element.src !== url.url) element.src = url.url;
    if (paused) {
      element.pause();
      return;
    }
    const play = () =>
      element.play().catch((error: unknown) => {
        // Closing or skipping aborts the play (AbortError); anything else: show the scene for the default time.
        if (!(error instanceof DOMException && error.name === 'AbortError')) onSilentRef.current();
      });
    if (leadIn.current <= 0) {
      void play();
      return;
    }
    const started = performance.now();
    const timer = window.setTimeout(() => {
      leadIn.current = 0;
      void play();
    }, leadIn.current);
    return () => {
      window.clearTimeout(timer);
      leadIn.current = Math.max(0, leadIn.current - (performance.now() - started));
    };
  }, [url, paused]);

  return (
    <audio
      ref={audio}
      onTimeUpdate={(event) => {
        const element = event.currentTarget;
        if (element.duration > 0) onFraction(element.currentTime / element.duration);
      }}
      onEnded={onEnded}
      onError={() => onSilentRef.current()}
    />
  );
}
