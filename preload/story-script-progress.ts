/**
 * What a story script being written says so far. The text model streams the script as
 * JSON (`{"title": …, "scenes": [{"title": …, …}, …]}`); long before it parses, the
 * finished scene titles can be read off the text, so the studio shows them as they
 * arrive instead of a still bar. Shared by main (the job's detail line) and the renderer.
 */
interface ScriptProgress {
  /** The titles of the scenes begun so far, in order (a title still being written is left out). */
  sceneTitles: string[];
  /** Roughly how many words the model has written. */
  words: number;
}

/** A complete JSON string value of a "title" key, escapes included. */
const TITLE = /"title"\s*:\s*"((?:[^"\\]|\\.)*)"/g;

function unescape(value: string): string {
  try {
    return JSON.parse(`"${value}"`) as string;
  } catch {
    return value;
  }
}

export function scriptProgress(text: string): ScriptProgress {
  const scenesAt = text.indexOf('"scenes"');
  const sceneTitles: string[] = [];
  if (scenesAt >= 0) {
    for (const match of text.slice(scenesAt).matchAll(TITLE)) sceneTitles.push(unescape(match[1] ?? '').trim() || 'Untitled');
  }
  // Keys are not words; nor is a trailing `"capt…` that may yet become a key (so the count never goes back).
  const words = text.replace(/"[a-zA-Z]+"\s*:|"[a-zA-Z]*$/g, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return { sceneTitles, words };
}

/**
 * The share of the writing done, 0..1: scenes begun out of those asked for, and within
 * the current one the words against a typical scene's, so the bar moves with every few
 * tokens and never passes the finished script.
 */
export function scriptFraction(progress: ScriptProgress, sceneCount: number): number {
  const WORDS_PER_SCENE = 60;
  const begun = progress.sceneTitles.length;
  const bySceneWords = progress.words / (WORDS_PER_SCENE * Math.max(1, sceneCount));
  const byScenes = Math.max(0, begun - 1) / Math.max(1, sceneCount);
  return Math.min(0.97, Math.max(bySceneWords, byScenes));
}
