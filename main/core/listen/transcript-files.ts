import { CAPTION_LINE_CHARS, chunkSentence, sentences } from '../../../preload/caption-text.js';
import type { Transcript, TranscriptFormat } from '../../../preload/schemas/transcribe.js';
import { toSrt, toVtt } from '../export/caption-files.js';
import type { Cue } from '../export/captions.js';

/**
 * Subtitle cues from a transcript: each segment (up to 28 s of speech) is split the way
 * the export's captions are (sentences, then at most two lines of 42 characters), and
 * the segment's time is shared among its pieces by character count, since Whisper gives
 * times per segment, not per word.
 */
function transcriptCues(transcript: Transcript): Cue[] {
  const cues: Cue[] = [];
  for (const segment of transcript.segments) {
    const pieces = sentences(segment.text).flatMap((sentence) => chunkSentence(sentence, CAPTION_LINE_CHARS));
    const total = pieces.reduce((sum, lines) => sum + lines.join(' ').length, 0);
    let at = segment.start;
    for (const lines of pieces) {
      const share = total > 0 ? lines.join(' ').length / total : 1 / pieces.length;
      const end = Math.min(segment.end, at + share * (segment.end - segment.start));
      cues.push({ start: at, end, lines });
      at = end;
    }
  }
  return cues;
}

/** The transcript's words alone, one segment a line. */
function plainText(transcript: Transcript): string {
  return transcript.segments.map((s) => s.text.trim()).join('\n');
}

/** The transcript as `format`: txt, json (language, duration, model and segments with start/end/text), srt or vtt. */
export function renderTranscript(transcript: Transcript, format: TranscriptFormat): string {
  switch (format) {
    case 'txt':
      return `${plainText(transcript)}\n`;
    case 'json':
      return `${JSON.stringify(transcript, null, 2)}\n`;
    case 'srt':
      return toSrt(transcriptCues(transcript));
    case 'vtt':
      return toVtt(transcriptCues(transcript));
  }
}

/** The MIME type each format is served and saved as. */
export const TRANSCRIPT_MIME: Record<TranscriptFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  srt: 'application/x-subrip',
  vtt: 'text/vtt; charset=utf-8',
};
