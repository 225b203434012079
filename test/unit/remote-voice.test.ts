import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import wavefile from 'wavefile';
import { AtelierError } from '../../preload/errors.js';
import { VoiceRequestSchema } from '../../preload/schemas/voice.js';
import { wavDurationMs } from '../../main/core/voice/remote-voice-job.js';
import { activeEngine, chosenRemoteModel } from '../../renderer/src/workspace/voice/voice-engine-choice.js';

function wav(sampleRate: number, samples: number): Uint8Array {
  const file = new wavefile.WaveFile();
  file.fromScratch(1, sampleRate, '16', new Int16Array(samples));
  return file.toBuffer();
}

const MODELS = [
  { id: 'remote:b/espeak', remoteId: 'espeak', remote: 'b', modality: 'voice' as const },
  { id: 'remote:c/tts-1', remoteId: 'tts-1', remote: 'c', modality: 'voice' as const },
];

describe('remote speech', () => {
  test('a WAV’s playing time comes from its header, capped by the bytes that arrived', () => {
    assert.equal(wavDurationMs(wav(22_050, 22_050)), 1000);
    assert.equal(wavDurationMs(wav(16_000, 8_000)), 500);
    const streamed = wav(8_000, 8_000);
    new DataView(streamed.buffer, streamed.byteOffset).setUint32(40, 0xffffffff, true); // a streaming server's "unknown size"
    assert.equal(wavDurationMs(streamed), 1000);
    assert.throws(
      () => wavDurationMs(new TextEncoder().encode('RIFF\0\0\0\0WAVEjunkjunkjunk')),
      (error: unknown) => error instanceof AtelierError && error.code === 'REMOTE_FAILED',
    );
  });

  test('the request: remote is a third engine, remoteVoice is optional and bounded; old requests read as before', () => {
    assert.equal(VoiceRequestSchema.parse({ text: 'hi' }).engine, 'espeak');
    assert.equal(VoiceRequestSchema.parse({ text: 'hi' }).remoteVoice, undefined);
    assert.equal(VoiceRequestSchema.parse({ text: 'hi', engine: 'remote', voice: 'remote:b/espeak', remoteVoice: ' nova ' }).remoteVoice, 'nova');
    assert.equal(VoiceRequestSchema.safeParse({ text: 'hi', engine: 'remote', voice: 'remote:b/espeak', remoteVoice: 'x'.repeat(65) }).success, false);
    assert.equal(VoiceRequestSchema.safeParse({ text: 'hi', engine: 'remote', voice: 'remote:b/espeak', remoteVoice: '' }).success, false);
  });

  test('the Voice tab speaks with the stored engine while it is offered, else with the built-in voice', () => {
    assert.equal(activeEngine('remote', 0, 2), 'remote');
    assert.equal(activeEngine('remote', 3, 0), 'espeak', 'the remote went away');
    assert.equal(activeEngine('piper', 0, 2), 'espeak');
    assert.equal(activeEngine('piper', 1, 0), 'piper');
    assert.equal(chosenRemoteModel(MODELS, 'remote:c/tts-1')?.id, 'remote:c/tts-1');
    assert.equal(chosenRemoteModel(MODELS, 'remote:gone/x')?.id, 'remote:b/espeak', 'a model that went away falls back to the first');
    assert.equal(chosenRemoteModel([], ''), null);
  });
});
