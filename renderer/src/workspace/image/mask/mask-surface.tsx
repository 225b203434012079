import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { maskToOverlay, stamp, strokeLine, type Brush, type Mask, type Point } from './mask-model.js';
import type { MaskView } from './use-mask-view.js';

interface MaskSurfaceProps {
  imageUrl: string;
  imageAlt: string;
  mask: Mask;
  brush: Brush;
  view: MaskView;
  /** Bumped by the owner after a whole-mask change (undo, invert, clear) so the overlay is redrawn. */
  revision: number;
  /** Called once before a stroke changes the mask: the owner records the undo step. */
  onStrokeStart(): void;
  onStrokeEnd(): void;
  onZoom(factor: number, origin: { x: number; y: number }): void;
  onPan(dx: number, dy: number): void;
  /** Keys the surface does not use itself go to the painter's shortcuts. */
  onShortcut(event: KeyboardEvent<HTMLDivElement>): void;
  describedBy: string;
  stageRef: RefObject<HTMLDivElement | null>;
}

const TINT: readonly [number, number, number] = [233, 54, 94];
const KEY_STEP = 8;

/**
 * The picture with the mask painted over it. Pointer strokes paint in picture pixels
 * whatever the zoom; keyboard users move a brush cursor with the arrows and dab with
 * Enter (Shift+arrows paint as they move), so the mask can be made without a mouse.
 */
export function MaskSurface(props: MaskSurfaceProps) {
  const { mask, brush, view, revision, onStrokeStart, onStrokeEnd, onZoom, onPan, onShortcut } = props;
  const stage = props.stageRef;
  const canvas = useRef<HTMLCanvasElement>(null);
  const last = useRef<Point | null>(null);
  const panning = useRef<{ x: number; y: number } | null>(null);
  const frame = useRef(0);
  const [cursor, setCursor] = useState<Point>({ x: mask.width / 2, y: mask.height / 2 });
  const [spaceHeld, setSpaceHeld] = useState(false);

  const redraw = useCallback(() => {
    cancelAnimationFrame(frame.current);
    // One paint a frame, however many pointer events arrive in it.
    frame.current = requestAnimationFrame(() => {
      const context = canvas.current?.getContext('2d');
      if (!context) return;
      context.putImageData(new ImageData(maskToOverlay(mask, TINT, 0.55), mask.width, mask.height), 0, 0);
    });
  }, [mask]);

  useEffect(() => {
    redraw();
    return () => cancelAnimationFrame(frame.current);
  }, [redraw, revision]);

  const toPicture = (event: { clientX: number; clientY: number }): Point => {
    const rect = canvas.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return { x: 0, y: 0 };
    return { x: ((event.clientX - rect.left) * mask.width) / rect.width, y: ((event.clientY - rect.top) * mask.height) / rect.height };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    stage.current?.focus({ preventScroll: true });
    if (event.button === 1 || spaceHeld) {
      panning.current = { x: event.clientX, y: event.clientY };
      return;
    }
    if (event.button !== 0) return;
    onStrokeStart();
    const point = toPicture(event);
    stamp(mask, point, brush);
    last.current = point;
    setCursor(point);
    redraw();
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (panning.current) {
      onPan(event.clientX - panning.current.x, event.clientY - panning.current.y);
      panning.current = { x: event.clientX, y: event.clientY };
      return;
    }
    const point = toPicture(event);
    setCursor(point);
    if (!last.current) return;
    strokeLine(mask, last.current, point, brush);
    last.current = point;
    redraw();
  };
  const endStroke = () => {
    panning.current = null;
    if (!last.current) return;
    last.current = null;
    onStrokeEnd();
  };
  // The wheel zooms about the pointer and must not scroll the page too: React's wheel handler is passive, so a native one.
  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const onWheel = (event: globalThis.WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      onZoom(event.deltaY < 0 ? 1.25 : 0.8, { x: event.clientX - rect.left, y: event.clientY - rect.top });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [stage, onZoom]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = arrows[event.key];
    if (move && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      const next = {
        x: Math.min(mask.width, Math.max(0, cursor.x + move[0] * KEY_STEP)),
        y: Math.min(mask.height, Math.max(0, cursor.y + move[1] * KEY_STEP)),
      };
      if (event.shiftKey) {
        onStrokeStart();
        strokeLine(mask, cursor, next, brush);
        onStrokeEnd();
        redraw();
      }
      setCursor(next);
      return;
    }
    if (event.key === ' ') {
      // Held Space turns a drag into a pan, as in other painting tools; it never scrolls the page.
      event.preventDefault();
      setSpaceHeld(true);
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      onStrokeStart();
      stamp(mask, cursor, brush);
      onStrokeEnd();
      redraw();
      return;
    }
    onShortcut(event);
  };

  const scale = view.zoom;
  const ring = (brush.radius * 2 * 100) / mask.width;
  return (
    <div
      ref={stage}
      className="mask-stage"
      role="application"
      aria-roledescription="mask painter"
      aria-label={`Paint the area to repaint on ${props.imageAlt}`}
      aria-describedby={props.describedBy}
      tabIndex={0}
      data-panning={spaceHeld || undefined}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endStroke}
      onPointerCancel={endStroke}
      onKeyDown={onKeyDown}
      onKeyUp={(event) => event.key === ' ' && setSpaceHeld(false)}
      onBlur={() => setSpaceHeld(false)}
    >
      <div
        className="mask-layers"
        style={{
          transform: `translate(${view.panX}px, ${view.panY}px) scale(${scale})`,
          aspectRatio: `${mask.width} / ${mask.height}`,
          // A tall picture fits the height of the view rather than running off it.
          width: `min(100%, calc(70vh * ${mask.width / mask.height}))`,
        }}
      >
        <img src={props.imageUrl} alt="" draggable={false} />
        <canvas ref={canvas} width={mask.width} height={mask.height} aria-hidden="true" />
        <span
          className="mask-cursor"
          aria-hidden="true"
          data-mode={brush.mode}
          style={{ left: `${(cursor.x * 100) / mask.width}%`, top: `${(cursor.y * 100) / mask.height}%`, width: `${ring}%` }}
        />
      </div>
    </div>
  );
}
