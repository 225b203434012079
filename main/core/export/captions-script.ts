import { z } from 'zod';
import type { Asset } from '../../../preload/contract.js';
import { stripMarks } from '../voice/narration-marks.js';
import { sceneCues, type Cue } from './captions.js';
import { transcriptCues, type TimedText } from './captions-transcript.js';

/** What a cast narration records per line (core/voice/script-join.ts's LineTiming). */
const LinesSchema = z.array(z.object({ speaker: z.string(), text: z.string(), startMs: z.number().nonnegative(), endMs: z.number().nonnegative() }));

interface NarratedScene {
  text: string;
  narrationAt: number;
  samples: Float32Array;
  sampleRate: number;
  until: number;
  /** The narration asset: a cast narration's origin says who speaks when. */
  asset?: Asset | undefined;
  /** A recording's transcript (export-transcripts.ts): its segments time the captions. */
  transcript?: readonly TimedText[] | undefined;
}

/** The lines a cast narration recorded, and whether it was a script (speakers shown); undefined for other clips. */
function recordedLines(asset: Asset | undefined): { script: boolean; lines: z.infer<typeof LinesSchema> } | undefined {
  const parameters = asset?.origin.parameters;
  const lines = LinesSchema.safeParse(parameters?.['lines']);
  if (!lines.success || lines.data.length === 0) return undefined;
  return { script: parameters?.['script'] === true, lines: lines.data };
}

/**
 * A scene's cues. A cast narration is captioned line by line in the span each line took,
 * a script's cues naming their speaker ("Fox: …") and carrying it in `speaker`; a clip
 * with a transcript (a recording) is captioned with the words heard, when they were heard;
 * any other clip is captioned from the scene's text. Marks (`[pause 2]`, `[spell NASA]`) never show.
 */
export function narrationCues(scene: NarratedScene, perLine: number): Cue[] {
  if (scene.transcript) return transcriptCues(scene.transcript, scene.narrationAt, scene.until, perLine);
  const recorded = recordedLines(scene.asset);
  if (!recorded) return sceneCues({ ...scene, text: stripMarks(scene.text) }, perLine);
  return recorded.lines.flatMap((line, i) => {
    const from = Math.min(scene.samples.length, Math.round((line.startMs / 1000) * scene.sampleRate));
    const to = Math.min(scene.samples.length, Math.round((line.endMs / 1000) * scene.sampleRate));
    const next = recorded.lines[i + 1];
    const until = Math.min(scene.until, next ? scene.narrationAt + next.startMs / 1000 : scene.until);
    const text = recorded.script ? `${line.speaker}: ${line.text}` : line.text;
    const cues = sceneCues(
      { text, narrationAt: scene.narrationAt + from / scene.sampleRate, samples: scene.samples.subarray(from, to), sampleRate: scene.sampleRate, until },
      perLine,
    );
    return recorded.script ? cues.map((cue) => ({ ...cue, speaker: line.speaker })) : cues;
  });
}
