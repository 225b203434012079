// Audio tools: pure functions on mono Float32 clips, plus WAV and MP3/OGG encoding.
export { concatenate, resample } from './concat.js';
export { mixWithDucking } from './duck.js';
export { fade } from './fade.js';
export { exportAudio, ffmpegPath } from './ffmpeg-export.js';
export { gainToDb, peak, rms } from './levels.js';
export { normalizePeak } from './normalize.js';
export { trimSilence } from './trim.js';
export { decodeWav, encodeClip } from '../../platform/audio/wav.js';
