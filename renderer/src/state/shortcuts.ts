const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** The modifier as the creator's keyboard labels it. */
export const MOD = isMac ? '⌘' : 'Ctrl';

interface Shortcut {
  keys: string[];
  action: string;
}

export const SHORTCUTS: Shortcut[] = [
  { keys: [MOD, '1…5'], action: 'Go to Write, Image, Voice, Project or Models' },
  { keys: ['←', '→'], action: 'Move between tabs when a tab has focus (Home and End jump to the ends)' },
  { keys: [MOD, 'N'], action: 'New project' },
  { keys: [MOD, 'I'], action: 'Import files into the open project' },
  { keys: [MOD, ','], action: 'Settings' },
  { keys: [MOD, 'E'], action: 'Project: export (zip, HTML, Markdown, PDF, MP4, WebM)' },
  { keys: ['Esc'], action: 'Close a dialog or menu' },
  { keys: [MOD, 'Z'], action: 'Project: undo a storyboard edit (inside a text field, undo the typing)' },
  { keys: ['Shift', MOD, 'Z'], action: 'Project: redo a storyboard edit (Ctrl+Y too)' },
  { keys: ['Alt', '↑ / ↓'], action: 'Project: move the focused scene card up or down' },
  { keys: ['Space'], action: 'Storyboard player: pause or play (←/→ previous or next scene, Esc closes)' },
  { keys: [MOD, 'S'], action: 'Write: save the document into the open project' },
  { keys: [MOD, 'Enter'], action: 'Write: run the last assistant action again (Esc stops it)' },
  { keys: [MOD, 'Shift', 'Space'], action: 'Write: hold to dictate at the cursor; let go to insert the words (Esc discards them)' },
  { keys: [MOD, 'Enter'], action: 'Voice: speak the text into a new clip (Esc stops it)' },
  { keys: ['Space'], action: 'Voice waveform: play or pause (←/→ seek, Home/End jump to the ends)' },
];
