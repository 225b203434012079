import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SFX_PRESETS, type SoundRequest } from '../../preload/contract.js';
import { SFX_PRESET_DEFINITIONS, sfxParameters } from '../../main/engines/sound/sfx-presets.js';
import { synthEngine } from '../../main/engines/sound/synth-engine.js';
import { dbfs, wavFacts } from '../support/wav-facts.js';

const signal = new AbortController().signal;
const quiet = () => undefined;

async function render(request: SoundRequest): Promise<Uint8Array> {
  return (await synthEngine.generate(request, signal, quiet)).wav;
}

describe('effect presets', () => {
  test('seed 0 is the canonical preset; any seed gives the same parameters every time', () => {
    for (const preset of SFX_PRESETS) {
      assert.deepEqual(sfxParameters(preset, 0), SFX_PRESET_DEFINITIONS[preset].canonical, preset);
      assert.deepEqual(sfxParameters(preset, 1234), sfxParameters(preset, 1234), preset);
      assert.notDeepEqual(sfxParameters(preset, 1), sfxParameters(preset, 2), `${preset}: seeds 1 and 2 differ`);
    }
  });

  test('a seed moves parameters only within their ranges', () => {
    for (const preset of SFX_PRESETS) {
      const { ranges, waves } = SFX_PRESET_DEFINITIONS[preset];
      for (let seed = 1; seed <= 40; seed += 1) {
        const parameters = sfxParameters(preset, seed);
        assert.ok(waves.includes(parameters.wave), `${preset} seed ${seed}: wave ${parameters.wave}`);
        for (const [name, [min, max]] of Object.entries(ranges) as [keyof typeof parameters, [number, number]][]) {
          const value = parameters[name] as number;
          assert.ok(value >= min && value <= max, `${preset} seed ${seed}: ${name} ${value} outside ${min}..${max}`);
        }
      }
    }
  });

  for (const preset of SFX_PRESETS) {
    test(`${preset}: byte-identical per seed, different across seeds, loud and unclipped`, async () => {
      const first = await render({ kind: 'sfx', preset, seed: 7 });
      const again = await render({ kind: 'sfx', preset, seed: 7 });
      assert.deepEqual(Buffer.from(again), Buffer.from(first), 'same seed, same bytes');
      const other = await render({ kind: 'sfx', preset, seed: 8 });
      assert.notDeepEqual(Buffer.from(other), Buffer.from(first), 'another seed, another sound');

      for (const seed of [0, 7, 8, 99_999, 4_294_967_295]) {
        const facts = wavFacts(await render({ kind: 'sfx', preset, seed }));
        assert.equal(facts.atFullScale, 0, `${preset} seed ${seed} does not clip`);
        // Normalized to about −1 dBFS peak.
        assert.ok(Math.abs(dbfs(facts.peak) + 1) < 0.1, `${preset} seed ${seed}: peak ${dbfs(facts.peak).toFixed(2)} dBFS`);
        assert.ok(dbfs(facts.rms) > -30, `${preset} seed ${seed} is not silent: RMS ${dbfs(facts.rms).toFixed(1)} dBFS`);
        // The fades: the first and last samples are (nearly) zero, so the clip starts and stops without a click.
        assert.ok(
          Math.abs(facts.samples[0] as number) < 1200 && Math.abs(facts.samples[facts.length - 1] as number) < 200,
          `${preset} seed ${seed} ends are faded`,
        );
      }
    });
  }

  test('each preset has its own character: length and brightness set them apart', async () => {
    const signatures = new Map<string, { seconds: number; crossingsPerSecond: number }>();
    for (const preset of SFX_PRESETS) {
      const facts = wavFacts(await render({ kind: 'sfx', preset, seed: 0 }));
      let crossings = 0;
      for (let i = 1; i < facts.length; i += 1) if ((facts.samples[i - 1] as number) < 0 !== (facts.samples[i] as number) < 0) crossings += 1;
      signatures.set(preset, { seconds: facts.length / facts.sampleRate, crossingsPerSecond: crossings / (facts.length / facts.sampleRate) });
    }
    const at = (preset: string) => signatures.get(preset) as { seconds: number; crossingsPerSecond: number };
    assert.ok(at('click').seconds < 0.05, 'a click is a few milliseconds');
    assert.ok(at('explosion').seconds > 1, 'an explosion rolls on for over a second');
    assert.ok(at('powerup').seconds > at('coin').seconds, 'a power-up is longer than a coin');
    assert.ok(at('explosion').crossingsPerSecond < at('laser').crossingsPerSecond, 'an explosion is darker than a laser');
    const keys = [...signatures.values()].map((s) => `${s.seconds.toFixed(3)}:${Math.round(s.crossingsPerSecond / 50)}`);
    assert.equal(new Set(keys).size, SFX_PRESETS.length, 'no two presets share length and brightness');
  });
});
