import { Play, Plus, Redo2, Sparkles, Undo2 } from 'lucide-react';
import { MOD } from '../../../state/shortcuts.js';

interface StoryboardToolbarProps {
  sceneCount: number;
  canUndo: boolean;
  canRedo: boolean;
  onAdd(): void;
  onUndo(): void;
  onRedo(): void;
  onFromPrompt(): void;
  onPlay(): void;
}

export function StoryboardToolbar(props: StoryboardToolbarProps) {
  return (
    <div className="storyboard-toolbar" role="toolbar" aria-label="Storyboard">
      <button type="button" className="button button-small" onClick={props.onAdd}>
        <Plus aria-hidden="true" size={14} />
        Add scene
      </button>
      <div className="storyboard-toolbar-group">
        <button
          type="button"
          className="icon-button icon-button-small"
          aria-label="Undo"
          title={`Undo (${MOD}+Z)`}
          aria-keyshortcuts="Control+Z Meta+Z"
          disabled={!props.canUndo}
          onClick={props.onUndo}
        >
          <Undo2 aria-hidden="true" size={15} />
        </button>
        <button
          type="button"
          className="icon-button icon-button-small"
          aria-label="Redo"
          title={`Redo (Shift+${MOD}+Z)`}
          aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z Control+Y"
          disabled={!props.canRedo}
          onClick={props.onRedo}
        >
          <Redo2 aria-hidden="true" size={15} />
        </button>
      </div>
      <span className="storyboard-toolbar-spacer" />
      <button type="button" className="button button-small" onClick={props.onFromPrompt}>
        <Sparkles aria-hidden="true" size={14} />
        From a prompt…
      </button>
      <button type="button" className="button button-small button-primary" disabled={props.sceneCount === 0} onClick={props.onPlay}>
        <Play aria-hidden="true" size={14} />
        Play storyboard
      </button>
    </div>
  );
}
