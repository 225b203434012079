// Audio tools: pure functions on mono Float32 clips, plus WAV and MP3/OGG encoding.
export { concatenate, resample, type ConcatOptions } from './concat.js';
export { mixWithDucking, type DuckOptions } from './duck.js';
export { fade } from './fade.js';
export { EXPORT_FORMATS, exportAudio, ffmpegPath, runFfmpeg, type ExportFormat } from './ffmpeg-export.js';
export { dbToGain, gainToDb, peak, rms } from './levels.js';
export { normalizePeak } from './normalize.js';
export { trimSilence, type TrimOptions } from './trim.js';
export { decodeWav, encodeClip, encodeWav, toFloat32, toInt16, type Clip } from '../../platform/audio/wav.js';
