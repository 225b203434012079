export type VideoFormat = 'mp4' | 'webm';

/**
 * How each format is made: the picture is encoded in segments (`segment` names their
 * container: MPEG-TS for H.264 and IVF for VP9 keep exact 1/24 s timestamps, so the concat
 * demuxer joins them without a gap or a repeated frame), the sound once beside them, and
 * both are copied into the final container.
 *
 * The encoder settings were chosen by measurement (bench/README.md, "Video encoder settings"):
 * x264 `superfast` costs about 25% less CPU than `veryfast` on moving slideshow frames at
 * the same CRF and keeps SSIM ≥ 0.998 against the unencoded frames; one thread per x264,
 * because segments are encoded side by side (one per core). A segment is one scene whose
 * picture moves smoothly, so x264 places its B-frames without looking (`b-adapt=0`, no
 * pyramid) and looks for no scene cut: a fifth less CPU for the same size and SSIM (bench/
 * README.md, "Ten times real time"). VP9 keeps its row threads:
 * on one thread it cost more CPU, not less.
 *
 * VP9 looks no frames ahead (`-lag-in-frames 0`): in realtime mode its frames come out
 * bit for bit the same, for a third less CPU (its lookahead buffers cost the most at start).
 *
 * AAC uses ffmpeg's `fast` coder: about half the CPU of its default (`twoloop`) on the
 * export's soundtrack (1.0 s against 2.0 for 40 s), and at 160 kbit/s its error is 44 dB
 * under the signal (twoloop's, shaped to the ear, 32 dB); both are clean on narration and
 * music beds.
 *
 * `last` is added for the last segment to start, which would otherwise finish alone on one
 * core while the other idles (for up to a second): x264 then runs two threads.
 *
 * `held` is added for a held picture's few frames (a variable frame rate): x264's B-frames
 * would delay its timestamps by whole seconds of reordering, so it has none.
 */
export const CODECS: Record<
  VideoFormat,
  { video: string[]; held: string[]; last: string[]; audio: string[]; container: string[]; segment: string; audioFile: string }
> = {
  mp4: {
    video: [
      '-c:v',
      'libx264',
      '-preset',
      'superfast',
      '-x264-params',
      'b-adapt=0:b-pyramid=none:scenecut=0',
      '-crf',
      '23',
      '-threads',
      '1',
      '-pix_fmt',
      'yuv420p',
      '-f',
      'mpegts',
    ],
    held: ['-bf', '0'],
    last: ['-threads', '2'],
    audio: ['-ac', '2', '-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '160k', '-f', 'ipod'],
    container: ['-movflags', '+faststart', '-f', 'mp4'],
    segment: 'ts',
    audioFile: 'm4a',
  },
  webm: {
    video: [
      '-c:v',
      'libvpx-vp9',
      '-b:v',
      '0',
      '-crf',
      '34',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-row-mt',
      '1',
      '-lag-in-frames',
      '0',
      '-pix_fmt',
      'yuv420p',
      '-f',
      'ivf',
    ],
    held: [],
    last: [],
    audio: ['-ac', '2', '-c:a', 'libopus', '-b:a', '96k', '-f', 'webm'],
    container: ['-f', 'webm'],
    segment: 'ivf',
    audioFile: 'webm',
  },
};

/** Soft captions: the text track each container plays (MP4 players read mov_text, WebM players WebVTT). */
export const SUBTITLE_CODEC: Record<VideoFormat, string> = { mp4: 'mov_text', webm: 'webvtt' };
