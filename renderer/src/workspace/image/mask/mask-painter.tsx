import { Brush as BrushIcon, Eraser, FlipHorizontal2, Maximize, Redo2, Trash2, Undo2, ZoomIn, ZoomOut } from 'lucide-react';
import { useCallback, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { MaskHistory } from './mask-history.js';
import { BRUSH_LIMITS, clearMask, emptyMask, invertMask, isMaskEmpty, maskCoverage, maskToRgba, type Brush, type BrushMode, type Mask } from './mask-model.js';
import { MaskSurface } from './mask-surface.js';
import { useMaskView, ZOOM_LIMITS } from './use-mask-view.js';
import '../../../styles/mask-painter.css';

/** What the painter hands its footer: whether anything is marked, and the mask as a PNG when asked. */
export interface MaskResult {
  empty: boolean;
  coverage: number;
  toPng(): Promise<Blob>;
}

interface MaskPainterProps {
  imageUrl: string;
  imageAlt: string;
  width: number;
  height: number;
  /** The action row under the picture (the prompt and Repaint), given the current mask. */
  footer(result: MaskResult): ReactNode;
}

const SIZE_KEYS = 1.2;

async function maskPng(mask: Mask): Promise<Blob> {
  const canvas = new OffscreenCanvas(mask.width, mask.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw the mask (no 2D canvas).');
  context.putImageData(new ImageData(maskToRgba(mask), mask.width, mask.height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * The mask painter: brush and eraser with size and hardness, invert, clear, undo and redo,
 * zoom and pan, the mask shown as a tinted overlay. Every tool has a shortcut (listed under
 * the picture) and a button, so it works from the keyboard as well as with a pointer.
 */
export function MaskPainter({ imageUrl, imageAlt, width, height, footer }: MaskPainterProps) {
  const ids = { size: useId(), hardness: useId(), keys: useId() };
  // The mask is mutated in place by strokes (60 events a second); React hears of it through `revision`.
  const mask = useMemo(() => emptyMask(width, height), [width, height]);
  const history = useRef(new MaskHistory());
  const [revision, setRevision] = useState(0);
  const [mode, setMode] = useState<BrushMode>('paint');
  const [radius, setRadius] = useState(() => Math.max(4, Math.round(Math.min(width, height) / 24)));
  const [hardness, setHardness] = useState(0.6);
  const { view, zoomBy, panBy, fit } = useMaskView();
  const brush: Brush = { radius, hardness, mode };
  const bump = useCallback(() => setRevision((n) => n + 1), []);

  const whole = (change: (mask: Mask) => void) => {
    history.current.record(mask);
    change(mask);
    bump();
  };
  const undo = () => history.current.undo(mask) && bump();
  const redo = () => history.current.redo(mask) && bump();
  const resize = (factor: number) =>
    setRadius((r) =>
      Math.round(Math.min(BRUSH_LIMITS.radius.max, Math.max(BRUSH_LIMITS.radius.min, factor > 1 ? Math.max(r + 1, r * factor) : Math.min(r - 1, r * factor)))),
    );
  const stage = useRef<HTMLDivElement>(null);
  // Buttons and keys zoom about the middle of what is in view; the wheel zooms about the pointer.
  const centre = () => ({ x: (stage.current?.clientWidth ?? 0) / 2, y: (stage.current?.clientHeight ?? 0) / 2 });

  const onShortcut = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = event.key.toLowerCase();
    const command = event.ctrlKey || event.metaKey;
    const actions: Record<string, () => unknown> = command
      ? { z: event.shiftKey ? redo : undo, y: redo }
      : {
          b: () => setMode('paint'),
          e: () => setMode('erase'),
          x: () => setMode((m) => (m === 'paint' ? 'erase' : 'paint')),
          i: () => whole(invertMask),
          delete: () => whole(clearMask),
          backspace: () => whole(clearMask),
          '[': () => (event.shiftKey ? setHardness((h) => Math.max(0, h - 0.1)) : resize(1 / SIZE_KEYS)),
          ']': () => (event.shiftKey ? setHardness((h) => Math.min(1, h + 0.1)) : resize(SIZE_KEYS)),
          '{': () => setHardness((h) => Math.max(0, h - 0.1)),
          '}': () => setHardness((h) => Math.min(1, h + 0.1)),
          '+': () => zoomBy(1.25, centre()),
          '=': () => zoomBy(1.25, centre()),
          '-': () => zoomBy(0.8, centre()),
          '0': fit,
        };
    const action = actions[key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const empty = isMaskEmpty(mask);
  const coverage = maskCoverage(mask);
  const tool = (value: BrushMode, label: string, shortcut: string, icon: ReactNode) => (
    <button type="button" className="icon-button mask-tool" aria-pressed={mode === value} title={`${label} (${shortcut})`} onClick={() => setMode(value)}>
      {icon}
      <span>{label}</span>
    </button>
  );
  return (
    <div className="mask-painter" data-revision={revision}>
      <div className="mask-toolbar" role="toolbar" aria-label="Mask tools">
        <div className="mask-tool-group">
          {tool('paint', 'Brush', 'B', <BrushIcon aria-hidden="true" size={15} />)}
          {tool('erase', 'Eraser', 'E', <Eraser aria-hidden="true" size={15} />)}
        </div>
        <label className="mask-slider" htmlFor={ids.size}>
          <span>Size</span>
          <input
            id={ids.size}
            type="range"
            min={BRUSH_LIMITS.radius.min}
            max={Math.min(BRUSH_LIMITS.radius.max, Math.max(width, height) / 2)}
            value={radius}
            onChange={(e) => setRadius(Number(e.target.value))}
          />
          <output>{radius * 2} px</output>
        </label>
        <label className="mask-slider" htmlFor={ids.hardness}>
          <span>Hardness</span>
          <input
            id={ids.hardness}
            type="range"
            min={0}
            max={100}
            step={5}
            value={Math.round(hardness * 100)}
            onChange={(e) => setHardness(Number(e.target.value) / 100)}
          />
          <output>{Math.round(hardness * 100)}%</output>
        </label>
        <div className="mask-tool-group">
          <button type="button" className="icon-button" title="Undo (Ctrl+Z)" aria-label="Undo" disabled={!history.current.canUndo} onClick={undo}>
            <Undo2 aria-hidden="true" size={15} />
          </button>
          <button type="button" className="icon-button" title="Redo (Ctrl+Shift+Z)" aria-label="Redo" disabled={!history.current.canRedo} onClick={redo}>
            <Redo2 aria-hidden="true" size={15} />
          </button>
          <button type="button" className="icon-button" title="Invert (I)" aria-label="Invert" onClick={() => whole(invertMask)}>
            <FlipHorizontal2 aria-hidden="true" size={15} />
          </button>
          <button type="button" className="icon-button" title="Clear (Delete)" aria-label="Clear" disabled={empty} onClick={() => whole(clearMask)}>
            <Trash2 aria-hidden="true" size={15} />
          </button>
        </div>
        <div className="mask-tool-group">
          <button
            type="button"
            className="icon-button"
            title="Zoom out (−)"
            aria-label="Zoom out"
            disabled={view.zoom <= 1}
            onClick={() => zoomBy(0.8, centre())}
          >
            <ZoomOut aria-hidden="true" size={15} />
          </button>
          <output className="mask-zoom" aria-label="Zoom">
            {Math.round(view.zoom * 100)}%
          </output>
          <button
            type="button"
            className="icon-button"
            title="Zoom in (+)"
            aria-label="Zoom in"
            disabled={view.zoom >= ZOOM_LIMITS.max}
            onClick={() => zoomBy(1.25, centre())}
          >
            <ZoomIn aria-hidden="true" size={15} />
          </button>
          <button type="button" className="icon-button" title="Fit (0)" aria-label="Fit" disabled={view.zoom === 1} onClick={fit}>
            <Maximize aria-hidden="true" size={15} />
          </button>
        </div>
      </div>
      <MaskSurface
        imageUrl={imageUrl}
        imageAlt={imageAlt}
        mask={mask}
        brush={brush}
        view={view}
        revision={revision}
        onStrokeStart={() => history.current.record(mask)}
        onStrokeEnd={bump}
        onZoom={zoomBy}
        onPan={panBy}
        onShortcut={onShortcut}
        describedBy={ids.keys}
        stageRef={stage}
      />
      <p id={ids.keys} className="inline-field-note mask-keys">
        Paint what should change; the rest stays as it is. {Math.round(coverage * 100)}% marked. Keys: B brush, E eraser, [ ] size, Shift+[ ] hardness, I
        invert, Delete clear, Ctrl+Z undo, + − zoom, 0 fit, Space+drag pan; arrows move the brush, Enter dabs, Shift+arrows paint.
      </p>
      {footer({ empty, coverage, toPng: () => maskPng(mask) })}
    </div>
  );
}
