import { AudioLines, Captions, LoaderCircle, Pause, Play } from 'lucide-react';
import { memo, useId, useRef } from 'react';
import type { Asset } from '../../../../../preload/contract.js';
import { SOUND_PRESET_LABELS } from '../../../../../preload/contract.js';
import { formatBytes } from '../../../../../preload/human-units.js';
import { formatDuration } from '../../../format/duration.js';
import type { ClipPlayer } from '../../../state/use-clip-player.js';
import { usePanelVirtualizer } from '../../../state/use-panel-virtualizer.js';
import { narrationFacts } from '../clip-facts.js';
import { useNewClipReveal } from './use-new-clip-reveal.js';
import { useTranscribeAsset } from '../use-transcribe-asset.js';

interface ClipListProps {
  clips: Asset[] | null;
  player: ClipPlayer;
  selectedId: string | null;
  onSelect(asset: Asset): void;
}

/** What made a clip, in a few words: "Coin · seed 42", "Loop in C major · seed 3", "Built-in voice · German", or its file facts. */
export function describeClip(asset: Asset): string[] {
  const facts: string[] = [];
  if (asset.origin.durationMs !== undefined) facts.push(formatDuration(asset.origin.durationMs / 1000));
  const narration = narrationFacts(asset.origin);
  if (narration) return [...facts, ...narration.facts];
  const parameters = asset.origin.parameters ?? {};
  const preset = typeof parameters.preset === 'string' && parameters.preset in SOUND_PRESET_LABELS ? parameters.preset : null;
  if (preset) facts.push(SOUND_PRESET_LABELS[preset as keyof typeof SOUND_PRESET_LABELS]);
  else if (parameters.kind === 'loop') facts.push(`${String(parameters.tempo)} BPM loop`);
  if (asset.origin.seed !== undefined) facts.push(`seed ${asset.origin.seed}`);
  if (asset.origin.engine === 'import') facts.push('imported', formatBytes(asset.size));
  if (asset.origin.engine === 'microphone') facts.push('recorded');
  return facts;
}

export function ClipList({ clips, player, selectedId, onSelect }: ClipListProps) {
  const heading = useId();
  const count = clips?.length ?? 0;
  const listRef = useRef<HTMLUListElement>(null);
  // The playing clip stays rendered, so its progress bar keeps moving when scrolled away and back.
  const playingIndex = clips && player.currentId ? clips.findIndex((clip) => clip.id === player.currentId) : -1;
  const { virtualizer, items, offsetOf } = usePanelVirtualizer(listRef, { count, estimateSize: 58, keep: [playingIndex] });
  const freshId = useNewClipReveal(clips, virtualizer);
  const transcribe = useTranscribeAsset();
  return (
    <section className="sound-card" aria-labelledby={heading}>
      <header className="sound-card-header sound-card-header-tight">
        <h3 id={heading} className="sound-card-title">
          Sound clips
          {count > 0 ? <span className="count-badge">{count}</span> : null}
        </h3>
      </header>
      {clips === null ? (
        <p className="muted">Loading the project’s clips…</p>
      ) : clips.length === 0 ? (
        <div className="clip-empty">
          <AudioLines aria-hidden="true" size={18} strokeWidth={1.75} />
          <p>No clips yet. Narrate some text or pick an effect: it lands here, in the project, ready to play.</p>
        </div>
      ) : (
        <ul ref={listRef} className="clip-list" aria-label="Sound clips" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((row) => {
            const clip = clips[row.index];
            if (!clip) return null;
            const current = player.currentId === clip.id ? player.state : null;
            return (
              <ClipRow
                key={clip.id}
                clip={clip}
                index={row.index}
                count={clips.length}
                offset={offsetOf(row.start)}
                measure={virtualizer.measureElement}
                state={current}
                position={current ? player.position : 0}
                selected={clip.id === selectedId}
                fresh={clip.id === freshId}
                onToggle={player.toggle}
                onSelect={onSelect}
                onTranscribe={transcribe}
              />
            );
          })}
        </ul>
      )}
      <audio
        ref={player.audioRef}
        className="visually-hidden"
        preload="auto"
        aria-label="Sound clip player"
        onPlaying={player.events.onPlaying}
        onPause={player.events.onPause}
        onEnded={player.events.onEnded}
        onTimeUpdate={player.events.onTimeUpdate}
      />
    </section>
  );
}

interface ClipRowProps {
  clip: Asset;
  index: number;
  count: number;
  offset: number;
  measure(element: Element | null): void;
  state: ClipPlayer['state'] | null;
  /** 0–1 through the playing clip. */
  position: number;
  selected: boolean;
  /** Just made: highlighted for a moment (CSS). */
  fresh: boolean;
  onToggle(clip: Asset): void;
  onSelect(clip: Asset): void;
  /** Starts its transcript (a job; the text lands as an asset). */
  onTranscribe(clip: Asset): unknown;
}

const ClipRow = memo(function ClipRow({
  clip,
  index,
  count,
  offset,
  measure,
  state: current,
  position,
  selected,
  fresh,
  onToggle,
  onSelect,
  onTranscribe,
}: ClipRowProps) {
  const playing = current === 'playing' || current === 'loading';
  const excerpt = narrationFacts(clip.origin)?.excerpt;
  return (
    <li
      ref={measure}
      className="clip"
      data-state={current ?? 'idle'}
      data-fresh={fresh || undefined}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={count}
      style={{ transform: `translateY(${offset}px)` }}
    >
      <button
        type="button"
        className="clip-play"
        aria-label={`${playing ? 'Pause' : 'Play'} ${clip.name}`}
        aria-pressed={playing}
        onClick={() => onToggle(clip)}
      >
        {current === 'loading' ? (
          <LoaderCircle aria-hidden="true" size={16} className="spin" />
        ) : playing ? (
          <Pause aria-hidden="true" size={16} fill="currentColor" />
        ) : (
          <Play aria-hidden="true" size={16} fill="currentColor" />
        )}
      </button>
      <button type="button" className="clip-text" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(clip)}>
        <span className="clip-name" title={clip.name}>
          {clip.name.replace(/\.wav$/i, '')}
        </span>
        <span className="clip-meta">{describeClip(clip).join(' · ')}</span>
        {excerpt ? <span className="clip-excerpt">“{excerpt}”</span> : null}
      </button>
      <button
        type="button"
        className="icon-button clip-transcribe"
        title="Transcribe: its words as a text asset"
        aria-label={`Transcribe ${clip.name}`}
        onClick={() => onTranscribe(clip)}
      >
        <Captions aria-hidden="true" size={16} />
      </button>
      <span className="clip-progress" aria-hidden="true">
        {current ? <span className="clip-progress-fill" style={{ width: `${Math.round(position * 1000) / 10}%` }} /> : null}
      </span>
    </li>
  );
});
