import { useId } from 'react';
import '../../../styles/cast.css';
import { speakerOfRow, withRowSpeaker } from './line-speakers.js';

interface LineVoicePickerProps {
  /** The scene's number, for the control's name. */
  number: number;
  text: string;
  /** The row the caret was last on in the scene's text. */
  row: number;
  names: readonly string[];
  onPick(next: { text: string; caret: number }): void;
}

/**
 * Who speaks the line the caret is on, as a select: picking writes or changes that row's
 * `NAME:` prefix, so nobody has to type one. Shown when the cast has more than one voice.
 */
export function LineVoicePicker({ number, text, row, names, onPick }: LineVoicePickerProps) {
  const id = useId();
  if (names.length < 2) return null;
  const current = speakerOfRow(text, row, names);
  const known = names.includes(current);
  return (
    <div className="line-voice">
      <label className="line-voice-label" htmlFor={id}>
        Voice of line {row + 1}
      </label>
      <select
        id={id}
        className="text-input line-voice-select"
        aria-label={`Voice of line ${row + 1} of scene ${number}`}
        value={current}
        onChange={(event) => onPick(withRowSpeaker(text, row, event.target.value, names))}
      >
        {known ? null : <option value={current}>{current} (not in the cast)</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
