import { CAPTION_LINE_CHARS } from '../../../preload/caption-text.js';
import type { Transcript, TranscriptFormat } from '../../../preload/schemas/transcribe.js';
import { toSrt, toVtt } from '../export/caption-files.js';
import type { Cue } from '../export/captions.js';
import { transcriptCues } from '../export/captions-transcript.js';

/** Subtitle cues from a transcript, split and timed as the export's captions from a recording are. */
function cuesOf(transcript: Transcript): Cue[] {
  return transcriptCues(transcript.segments, 0, Number.POSITIVE_INFINITY, CAPTION_LINE_CHARS);
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
      return toSrt(cuesOf(transcript));
    case 'vtt':
      return toVtt(cuesOf(transcript));
  }
}

/** The MIME type each format is served and saved as. */
export const TRANSCRIPT_MIME: Record<TranscriptFormat, string> = {
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  srt: 'application/x-subrip',
  vtt: 'text/vtt; charset=utf-8',
};
