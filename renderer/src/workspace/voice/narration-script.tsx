import { FileText } from 'lucide-react';
import type { Ref } from 'react';
import { VOICE_LIMITS } from '../../../../preload/contract.js';

interface NarrationScriptProps {
  text: string;
  onChange(text: string): void;
  onUseWriteDocument(): void;
  /** The sentence that says why Generate refused (empty, too long), tied to the box for screen readers. */
  problemId?: string | undefined;
  invalid: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

/** The words to speak, their count against the limit, and a way to bring over the Write tab's document. */
export function NarrationScript({ text, onChange, onUseWriteDocument, problemId, invalid, ref }: NarrationScriptProps) {
  const over = text.length > VOICE_LIMITS.textChars;
  return (
    <div className="voice-script">
      <textarea
        ref={ref}
        className="text-input voice-script-text"
        aria-label="Text to speak"
        aria-invalid={invalid || over || undefined}
        aria-describedby={problemId}
        spellCheck
        placeholder="Type or paste what the voice should say. Long scripts are spoken sentence by sentence."
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className="voice-script-footer">
        <button
          type="button"
          className="button button-small"
          onClick={onUseWriteDocument}
          title="Copy the Write tab’s document here, without its Markdown marks"
        >
          <FileText aria-hidden="true" size={14} />
          Use the Write document
        </button>
        <span className={over ? 'voice-count field-error' : 'voice-count'}>
          {text.length.toLocaleString()} / {VOICE_LIMITS.textChars.toLocaleString()} characters
        </span>
      </div>
    </div>
  );
}
