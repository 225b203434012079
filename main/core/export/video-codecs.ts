export type VideoFormat = 'mp4' | 'webm';

/** Encoder settings for the picture (stream v:0) and the sound; the cover picture (v:1) has its own. */
export const CODECS: Record<VideoFormat, string[]> = {
  mp4: [
    ...['-c:v:0', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt:v:0', 'yuv420p'],
    ...['-ac', '2', '-c:a', 'aac', '-b:a', '160k', '-movflags', '+faststart', '-f', 'mp4'],
  ],
  webm: [
    ...['-c:v:0', 'libvpx-vp9', '-b:v', '0', '-crf', '34', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-pix_fmt:v:0', 'yuv420p'],
    ...['-ac', '2', '-c:a', 'libopus', '-b:a', '96k', '-f', 'webm'],
  ],
};

/** Soft captions: the text track each container plays (MP4 players read mov_text, WebM players WebVTT). */
export const SUBTITLE_CODEC: Record<VideoFormat, string> = { mp4: 'mov_text', webm: 'webvtt' };
