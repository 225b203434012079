/** The music bed's level under the whole video before ducking (about −14 dB). */
const MUSIC_GAIN = 0.2;
const FADE_IN_SECONDS = 2;
const FADE_OUT_SECONDS = 3;

interface SoundtrackInputs {
  /** ffmpeg input arguments, in order: the mixed scenes, the narration alone, then the music. */
  args: string[];
  /** The filter graph from those inputs to the label `[mix]`. */
  graph: string;
}

/**
 * The soundtrack's inputs and graph. `mixFile` is the scenes' mix (narration and beds),
 * `voiceFile` the narration alone, both raw 32-bit float mono. A music file is looped
 * (or cut) to the video's length, faded in and out, and pressed down by a sidechain
 * compressor keyed on the narration whenever someone speaks. `first` is the index of the
 * first of these inputs among all of ffmpeg's.
 */
export function soundtrackInputs(mixFile: string, voiceFile: string, sampleRate: number, total: number, first: number, music?: string): SoundtrackInputs {
  const raw = (file: string): string[] => ['-f', 'f32le', '-ar', String(sampleRate), '-ac', '1', '-i', file];
  if (!music) return { args: raw(mixFile), graph: `[${first}:a]anull[mix]` };
  const fadeOut = Math.max(0, total - FADE_OUT_SECONDS).toFixed(3);
  const graph = [
    `[${first + 2}:a]aformat=sample_fmts=flt:sample_rates=${sampleRate}:channel_layouts=mono,atrim=end=${total.toFixed(3)},asetpts=PTS-STARTPTS,` +
      `volume=${MUSIC_GAIN},afade=t=in:d=${FADE_IN_SECONDS},afade=t=out:st=${fadeOut}:d=${FADE_OUT_SECONDS}[music]`,
    `[${first + 1}:a]aformat=sample_fmts=flt:channel_layouts=mono[key]`,
    // About 10 dB further down under speech; back up within half a second after it.
    `[music][key]sidechaincompress=threshold=0.02:ratio=6:attack=20:release=450[ducked]`,
    // amix halves each input; doubling restores the scenes' own level.
    `[${first}:a][ducked]amix=inputs=2:duration=first:dropout_transition=0,volume=2[mix]`,
  ].join(';');
  return { args: [...raw(mixFile), ...raw(voiceFile), '-stream_loop', '-1', '-i', music], graph };
}
