import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { loudnessFilter, measureLoudness } from '../../main/core/export/loudness.js';

/** ffmpeg's log after running `graph` (ending in `[mix]`), then `last` on it, over `inputs`. */
function filterLog(inputs: string[], graph: string, last: string): string {
  const args = ['-hide_banner', '-nostdin', '-nostats', ...inputs, '-filter_complex', `${graph};[mix]${last}[out]`, '-map', '[out]', '-f', 'null', '-'];
  return spawnSync(ffmpeg.path, args, { encoding: 'utf8' }).stderr;
}

/** loudnorm's own first pass on the same sound: what its second pass was given before. */
function loudnormFigures(inputs: string[], graph: string): Record<string, string> {
  const log = filterLog(inputs, graph, 'loudnorm=I=-19:TP=-2:LRA=20:print_format=json');
  return JSON.parse(/\{[^{}]*"input_i"[^{}]*\}/.exec(log)?.[0] ?? '{}') as Record<string, string>;
}

test('the loudness measure agrees with loudnorm’s own first pass (integrated, gate, range, true peak)', async () => {
  // A tone that swells and falls (a loudness range), with a quiet stretch under the gate.
  const inputs = ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=12'];
  const graph = "[0:a]volume='0.05+0.4*abs(sin(t/2))':eval=frame,afade=t=out:st=9:d=3[mix]";
  const measured = await measureLoudness(inputs, graph, new AbortController().signal);
  assert.ok(measured, 'a sound has a loudness');
  const reference = loudnormFigures(inputs, graph);
  const near = (key: keyof typeof measured & string, within: number) =>
    assert.ok(Math.abs(Number(measured[key]) - Number(reference[key])) <= within, `${key}: ${measured[key]} vs loudnorm ${reference[key]}`);
  // The two meters gate and window alike but not identically (loudnorm measures its 192 kHz copy).
  near('input_i', 0.4);
  near('input_thresh', 0.4);
  near('input_lra', 1);
  near('input_tp', 0.2);
  assert.ok(Number(measured.input_i) < -10 && Number(measured.input_i) > -40, `integrated ${measured.input_i}`);
});

/** A buzzy tone in bursts with pauses (speech-like) at `voice`, and 10 ms clicks twice a second at `clicks`. */
function speechLike(voice: number, clicks: number): string[] {
  const tone = `${voice}*sin(2*PI*180*t)*sin(2*PI*3*t)*gt(sin(2*PI*0.4*t),-0.3)`;
  return ['-f', 'lavfi', '-i', `aevalsrc='${tone}+${clicks}*lt(mod(t,0.5),0.01)*sin(2*PI*1000*t)':s=48000:d=20`];
}

/** The integrated loudness and true peak after `filter` (a pass two). */
function after(inputs: string[], filter: string): { integrated: number; peak: number } {
  const log = filterLog(inputs, '[0:a]anull[mix]', `${filter},ebur128=peak=true:framelog=verbose`);
  const summary = log.slice(log.lastIndexOf('Summary:'));
  return { integrated: Number(/^\s*I:\s+(-?[\d.]+)/m.exec(summary)?.[1]), peak: Number(/^\s*Peak:\s+(-?[\d.]+)/m.exec(summary)?.[1]) };
}

/** Pass two as it was: loudnorm given the measured figures, onto the stereo track (dynamic where the peaks do not allow linear). */
function loudnormPass(m: { input_i: string; input_tp: string; input_lra: string; input_thresh: string }): string {
  const figures = `measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}`;
  return `aformat=channel_layouts=mono,loudnorm=I=-19.01:TP=-2:LRA=20:${figures}:linear=true,aresample=48000,pan=stereo|c0=c0|c1=c0`;
}

test('pass two: a soundtrack whose peaks allow it gets one gain, onto −16 LUFS under −2 dBTP', async () => {
  const inputs = speechLike(0.05, 0);
  const filter = loudnessFilter(await measureLoudness(inputs, '[0:a]anull[mix]', new AbortController().signal));
  assert.doesNotMatch(filter, /alimiter|loudnorm/);
  const { integrated, peak } = after(inputs, filter);
  assert.ok(Math.abs(integrated + 16) <= 0.2, `integrated ${integrated} LUFS`);
  assert.ok(peak <= -2, `true peak ${peak} dBTP`);
});

test('pass two: narration whose peaks would pass the ceiling is limited, onto −16 ±1 LUFS under −2 dBTP, as loudnorm did', async () => {
  // Clicks 18 to 20 dB over the tone's loudness, as speech's peaks are over its own.
  for (const inputs of [speechLike(0.244, 0.9), speechLike(0.2, 0.9)]) {
    const measured = await measureLoudness(inputs, '[0:a]anull[mix]', new AbortController().signal);
    assert.ok(measured);
    const filter = loudnessFilter(measured);
    assert.match(filter, /alimiter/);
    const { integrated, peak } = after(inputs, filter);
    assert.ok(Math.abs(integrated + 16) <= 1, `integrated ${integrated} LUFS`);
    assert.ok(peak <= -1.9, `true peak ${peak} dBTP`);
    const before = after(inputs, loudnormPass(measured));
    assert.ok(Math.abs(integrated - before.integrated) <= 0.3, `${integrated} LUFS, loudnorm ${before.integrated}`);
  }
});

test('pass two: where the loudness is in the clicks, the limiter lands no further from −16 LUFS than loudnorm', async () => {
  const inputs = speechLike(0.06, 0.9);
  const measured = await measureLoudness(inputs, '[0:a]anull[mix]', new AbortController().signal);
  assert.ok(measured);
  const ours = after(inputs, loudnessFilter(measured));
  const before = after(inputs, loudnormPass(measured));
  assert.ok(Math.abs(ours.integrated + 16) <= Math.abs(before.integrated + 16) + 0.2, `${ours.integrated} LUFS, loudnorm ${before.integrated}`);
  assert.ok(ours.peak <= -1.9, `true peak ${ours.peak} dBTP`);
});

test('silence has no loudness to correct', async () => {
  const inputs = ['-f', 'lavfi', '-i', 'anullsrc=sample_rate=48000:channel_layout=mono', '-t', '3'];
  assert.equal(await measureLoudness(inputs, '[0:a]anull[mix]', new AbortController().signal), undefined);
});
