import { AudioWaveform, LoaderCircle, Pause, Play } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Asset } from '../../../../preload/contract.js';
import type { ClipPlayer } from '../../state/use-clip-player.js';
import { useVoicePeaks } from './use-voice-peaks.js';
import { describeClip } from './sound/clip-list.js';
import { narrationFacts } from './clip-facts.js';
import { drawWaveform, waveColors } from './waveform-draw.js';

interface WaveformPlayerProps {
  /** The selected or newest clip; null when the project has none yet. */
  asset: Asset | null;
  player: ClipPlayer;
  autoplay: boolean;
  onAutoplayChange(value: boolean): void;
}

/** "0:03.2": tenths matter for short clips and for finding a word. */
function formatClock(seconds: number): string {
  const safe = Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
  const minutes = Math.floor(safe / 60);
  const rest = safe - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** Where the clip is: the audio element itself while it plays (smooth), the player's last report otherwise. */
function usePlayhead(player: ClipPlayer, assetId: string | null): number {
  const current = assetId !== null && player.currentId === assetId;
  const playing = current && player.state === 'playing';
  const [live, setLive] = useState(0);
  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function tick() {
      setLive(player.audioRef.current?.currentTime ?? 0);
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, player.audioRef]);
  if (!current) return 0;
  return playing ? live : player.currentTime;
}

/** Redraws when the theme changes: the canvas holds colours, not CSS. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      media.removeEventListener('change', bump);
      observer.disconnect();
    };
  }, []);
  return version;
}

/** The clip's waveform, drawn from its decoded samples, with play/pause and seeking by click, drag or keys. */
export function WaveformPlayer({ asset, player, autoplay, onAutoplayChange }: WaveformPlayerProps) {
  const ids = { heading: useId(), time: useId() };
  const assetId = asset?.id ?? null;
  const peaks = useVoicePeaks(assetId);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [dragging, setDragging] = useState<number | null>(null);
  const theme = useThemeVersion();
  const playhead = usePlayhead(player, assetId);
  const duration = peaks.status === 'ready' ? peaks.peaks.duration : (asset?.origin.durationMs ?? 0) / 1000;
  const shownTime = dragging ?? playhead;
  const current = assetId !== null && player.currentId === assetId;
  const state = current ? player.state : null;
  const playing = state === 'playing' || state === 'loading';

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(element);
    return () => observer.disconnect();
  }, [peaks.status]);

  useEffect(() => {
    const element = canvas.current;
    if (!element || peaks.status !== 'ready' || width === 0) return;
    const fraction = current || dragging !== null ? Math.min(1, shownTime / Math.max(duration, 1e-6)) : null;
    drawWaveform(element, peaks.peaks, fraction, waveColors(element));
  }, [peaks, width, shownTime, duration, current, dragging, theme]);

  const autoplayBox = (
    <label className="checkbox voice-autoplay">
      <input type="checkbox" checked={autoplay} onChange={(event) => onAutoplayChange(event.target.checked)} />
      <span>Play each new sound</span>
    </label>
  );

  if (!asset) {
    return (
      <section className="sound-card voice-player" aria-label="Player">
        <div className="voice-player-empty">
          <AudioWaveform aria-hidden="true" size={20} strokeWidth={1.75} />
          <p>Generate a narration or pick a clip: its waveform shows here, ready to play and scrub.</p>
          {autoplayBox}
        </div>
      </section>
    );
  }

  const shown = asset;
  const seekTo = (seconds: number) => void player.seek(shown, Math.min(duration, Math.max(0, seconds)));
  const timeAt = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return (Math.min(box.width, Math.max(0, event.clientX - box.left)) / Math.max(1, box.width)) * duration;
  };

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0 || duration <= 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    event.currentTarget.focus();
    const at = timeAt(event);
    setDragging(at);
    seekTo(at);
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (dragging === null) return;
    const at = timeAt(event);
    setDragging(at);
    seekTo(at);
  }

  function onPointerUp(event: PointerEvent<HTMLDivElement>) {
    if (dragging === null) return;
    event.currentTarget.releasePointerCapture(event.pointerId);
    setDragging(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // A step that suits both a half-second coin and a five-minute story.
    const step = Math.min(5, Math.max(0.1, duration / 20));
    const moves: Record<string, number> = {
      ArrowLeft: playhead - step,
      ArrowRight: playhead + step,
      Home: 0,
      End: duration,
      PageDown: playhead - step * 4,
      PageUp: playhead + step * 4,
    };
    const to = moves[event.key];
    if (to !== undefined) {
      event.preventDefault();
      seekTo(to);
    } else if (event.key === ' ' || event.key === 'Spacebar') {
      event.preventDefault();
      player.toggle(shown);
    }
  }

  const narration = narrationFacts(asset.origin);
  const title = asset.name.replace(/\.wav$/i, '');

  return (
    <section className="sound-card voice-player" aria-labelledby={ids.heading}>
      <header className="voice-player-top">
        <button
          type="button"
          className="voice-play"
          aria-label={`${playing ? 'Pause' : 'Play'} ${asset.name}`}
          aria-pressed={playing}
          onClick={() => player.toggle(shown)}
        >
          {state === 'loading' ? (
            <LoaderCircle aria-hidden="true" size={18} className="spin" />
          ) : playing ? (
            <Pause aria-hidden="true" size={18} fill="currentColor" />
          ) : (
            <Play aria-hidden="true" size={18} fill="currentColor" />
          )}
        </button>
        <div className="voice-player-title">
          <h3 id={ids.heading} className="voice-player-name">
            {title}
          </h3>
          <p className="voice-player-meta">{describeClip(asset).join(' · ')}</p>
        </div>
        <span id={ids.time} className="voice-time" aria-live="off">
          {formatClock(shownTime)} / {formatClock(duration)}
        </span>
        {autoplayBox}
      </header>
      <div
        className="voice-wave"
        role="slider"
        tabIndex={0}
        aria-label="Playback position"
        aria-valuemin={0}
        aria-valuemax={Math.round(duration * 10) / 10}
        aria-valuenow={Math.round(shownTime * 10) / 10}
        aria-valuetext={`${formatClock(shownTime)} of ${formatClock(duration)}`}
        aria-keyshortcuts="Space ArrowLeft ArrowRight Home End"
        data-state={peaks.status}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      >
        {peaks.status === 'ready' ? <canvas ref={canvas} className="voice-wave-canvas" aria-hidden="true" /> : null}
        {peaks.status === 'loading' || peaks.status === 'idle' ? <p className="voice-wave-note">Reading the clip…</p> : null}
        {peaks.status === 'failed' ? <p className="voice-wave-note">The waveform could not be drawn ({peaks.message}); the clip still plays.</p> : null}
      </div>
      {narration?.excerpt ? <p className="voice-player-excerpt">“{narration.excerpt}”</p> : null}
    </section>
  );
}
