import { useCallback, useRef, useState, type RefObject } from 'react';
import type { Asset } from '../../../preload/contract.js';
import { useClient } from './client-context.js';
import { useNotify } from './notifications.js';

export type ClipState = 'loading' | 'playing' | 'paused';

export interface ClipPlayer {
  audioRef: RefObject<HTMLAudioElement | null>;
  /** The clip in the player, if any. */
  currentId: string | null;
  state: ClipState | null;
  /** 0..1 through the current clip. */
  position: number;
  /** Seconds into the current clip. */
  currentTime: number;
  toggle(asset: Asset): void;
  /** `quiet`: a browser that blocks playing without a click just leaves the clip paused, no toast. */
  play(asset: Asset, options?: { quiet?: boolean }): Promise<void>;
  /** Moves to `seconds` in the clip; a clip not in the player yet is loaded there, paused. */
  seek(asset: Asset, seconds: number): Promise<void>;
  /** Handlers for the one <audio> element the player drives. */
  events: {
    onPlaying(): void;
    onPause(): void;
    onEnded(): void;
    onTimeUpdate(): void;
  };
}

/** One player for all clips: starting one stops the other, as in any audio app. */
export function useClipPlayer(): ClipPlayer {
  const client = useClient();
  const notify = useNotify();
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [state, setState] = useState<ClipState | null>(null);
  const [position, setPosition] = useState(0);
  const [currentTime, setCurrentTime] = useState(0);
  const loading = useRef(0);

  const play = useCallback(
    async (asset: Asset, options: { quiet?: boolean } = {}) => {
      const audio = audioRef.current;
      if (!audio) return;
      const request = ++loading.current;
      setCurrentId(asset.id);
      setState('loading');
      setPosition(0);
      setCurrentTime(0);
      try {
        const url = await client.assetUrl(asset.id, 'file');
        if (request !== loading.current) return;
        if (audio.src !== url) audio.src = url;
        audio.currentTime = 0;
        await audio.play();
      } catch (error) {
        if (request !== loading.current) return;
        setState('paused');
        const name = error instanceof DOMException ? error.name : '';
        // AbortError: another clip was started meanwhile. NotAllowedError: the browser wants a click first.
        if (name === 'AbortError' || (name === 'NotAllowedError' && options.quiet)) return;
        notify.error(error, `play “${asset.name}”`);
      }
    },
    [client, notify],
  );

  const toggle = useCallback(
    (asset: Asset) => {
      const audio = audioRef.current;
      if (!audio) return;
      if (asset.id !== currentId || state === null) {
        void play(asset);
        return;
      }
      if (state === 'playing' || state === 'loading') {
        loading.current += 1;
        audio.pause();
        setState('paused');
      } else {
        audio.play().catch((error: unknown) => notify.error(error, `play “${asset.name}”`));
      }
    },
    [currentId, state, play, notify],
  );

  const seek = useCallback(
    async (asset: Asset, seconds: number) => {
      const audio = audioRef.current;
      if (!audio) return;
      const at = Math.max(0, seconds);
      if (asset.id !== currentId || state === null) {
        // Loading another clip cancels a play still starting, as play() does.
        const request = ++loading.current;
        if (asset.id !== currentId) audio.pause();
        setCurrentId(asset.id);
        setState('paused');
        try {
          const url = await client.assetUrl(asset.id, 'file');
          if (request !== loading.current) return;
          if (audio.src !== url) audio.src = url;
        } catch (error) {
          if (request === loading.current) notify.error(error, `open “${asset.name}”`);
          return;
        }
      }
      // Before the clip's header is read this sets where playback will start, which is what a seek means then.
      audio.currentTime = at;
      setCurrentTime(at);
      if (audio.duration > 0) setPosition(Math.min(1, at / audio.duration));
    },
    [client, notify, currentId, state],
  );

  const events = {
    onPlaying: () => setState('playing'),
    onPause: () => setState((current) => (current === 'loading' ? current : 'paused')),
    // A clip that played to its end goes back to rest: the next click plays it from the start.
    onEnded: () => {
      setState(null);
      setPosition(0);
      setCurrentTime(0);
    },
    onTimeUpdate: () => {
      const audio = audioRef.current;
      if (audio && audio.duration > 0) setPosition(audio.currentTime / audio.duration);
      if (audio) setCurrentTime(audio.currentTime);
    },
  };

  return { audioRef, currentId, state, position, currentTime, toggle, play, seek, events };
}
