import { useEffect, useState } from 'react';

const KEY = 'atelier.voice.script';

function read(): string {
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

/** The narration text, kept a moment after typing pauses so a reload does not lose a script. */
export function useVoiceScript(): [string, (text: string) => void] {
  const [text, setText] = useState(read);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      try {
        window.localStorage.setItem(KEY, text);
      } catch {
        // A script too big for storage still lives in the box until the page closes.
      }
    }, 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  return [text, setText];
}
