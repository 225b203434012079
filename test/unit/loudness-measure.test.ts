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

test('the second pass, given these figures, lands the stereo soundtrack on −16 LUFS under −2 dBTP', async () => {
  // Speech-like: bursts of a buzzy tone with pauses, peaks near full scale.
  const inputs = ['-f', 'lavfi', '-i', "aevalsrc='0.8*sin(2*PI*180*t)*sin(2*PI*3*t)*gt(sin(2*PI*0.4*t),-0.3)':s=48000:d=20"];
  const graph = '[0:a]anull[mix]';
  const measured = await measureLoudness(inputs, graph, new AbortController().signal);
  assert.ok(measured);
  const log = filterLog(inputs, graph, `${loudnessFilter(measured)},ebur128=peak=true:framelog=verbose`);
  const summary = log.slice(log.lastIndexOf('Summary:'));
  const integrated = Number(/^\s*I:\s+(-?[\d.]+)/m.exec(summary)?.[1]);
  const peak = Number(/^\s*Peak:\s+(-?[\d.]+)/m.exec(summary)?.[1]);
  assert.ok(Math.abs(integrated + 16) <= 0.5, `integrated ${integrated} LUFS (${summary})`);
  assert.ok(peak <= -1.5, `true peak ${peak} dBTP`);
});

test('silence has no loudness to correct', async () => {
  const inputs = ['-f', 'lavfi', '-i', 'anullsrc=sample_rate=48000:channel_layout=mono', '-t', '3'];
  assert.equal(await measureLoudness(inputs, '[0:a]anull[mix]', new AbortController().signal), undefined);
});
