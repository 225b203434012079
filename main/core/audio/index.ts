// Audio tools: pure functions on mono Float32 clips, plus WAV and MP3/OGG encoding.
export { concatenate, resample } from './concat.js';
export { mixWithDucking } from './duck.js';
export { fade } from './fade.js';
export { exportAudio, ffmpegPath } from './ffmpeg-export.js';
export { gainToDb, peak, rms } from '../../platform/audio/levels.js';
export { normalizePeak } from '../../platform/audio/normalize.js';
export { trimSilence } from '../../platform/audio/trim.js';
export { decodeWav, encodeClip } from '../../platform/audio/wav.js';
