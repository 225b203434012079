import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createStudio, type Studio } from '../../main/app/studio.js';
import { AtelierError, type DictationResult, type InstalledModel } from '../../preload/contract.js';
import { TINY_WHISPER_TEXT } from '../../models/fixtures/tiny-whisper.js';
import { tempHome } from '../support/web-host.js';
import { speechWav, whisperModelFolder } from '../support/whisper-model.js';

// `transcribe.dictation`: the Write tab's take heard by the installed Whisper model; nothing kept.
let root: string;
let studio: Studio;

/** A take as the upload route registers one: our own copy, deleted when released. */
async function uploadedTake(name: string, spans: [number, number][]): Promise<{ ref: string; file: string }> {
  const file = await speechWav(path.join(root, name), 6, spans);
  const ref = studio.fileRefs.register({ path: file, name, size: (await fs.stat(file)).size, owned: true });
  return { ref: ref.ref, file };
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

before(async () => {
  root = await tempHome('atelier-dictation-');
  studio = await createStudio({ host: 'cli', home: path.join(root, 'home') });
});

after(async () => {
  await studio.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('dictation (transcribe.dictation)', () => {
  test('with no speech-to-text model: MODEL_NOT_FOUND naming the Models tab, and the take is deleted', async () => {
    const take = await uploadedTake('refused.wav', [[1, 3]]);
    await assert.rejects(studio.call('transcribe.dictation', { fileRef: take.ref }), (error: unknown) => {
      return error instanceof AtelierError && error.code === 'MODEL_NOT_FOUND' && /Models tab/.test(error.message);
    });
    assert.equal(await exists(take.file), false);
    assert.throws(
      () => studio.fileRefs.resolve(take.ref),
      (error: unknown) => error instanceof AtelierError && error.code === 'NOT_FOUND',
    );
  });

  test('a bad request is refused by the contract before anything runs', async () => {
    await assert.rejects(
      studio.call('transcribe.dictation', { fileRef: '' }),
      (error: unknown) => error instanceof AtelierError && error.code === 'INVALID_INPUT',
    );
    await assert.rejects(
      studio.call('transcribe.dictation', { fileRef: 'x', language: 'English' }),
      (error: unknown) => error instanceof AtelierError && error.code === 'INVALID_INPUT',
    );
  });

  test('the fixture model hears the take: its words are the job result, with no project open and no asset or file left', async () => {
    const folder = await whisperModelFolder(root);
    const imported = await studio.jobs.settled(studio.models.import({ path: folder, label: 'tiny-whisper' }, 'reference').id);
    assert.equal(imported.state, 'done', JSON.stringify(imported.error));
    assert.equal((imported.result as InstalledModel).modality, 'speech-to-text');
    const take = await uploadedTake('dictated.wav', [
      [0.5, 2],
      [3, 5],
    ]);
    const { jobId } = (await studio.call('transcribe.dictation', { fileRef: take.ref })) as { jobId: string };
    const done = await studio.jobs.settled(jobId);
    assert.equal(done.state, 'done', JSON.stringify(done.error));
    const result = done.result as DictationResult;
    assert.equal(result.text, `${TINY_WHISPER_TEXT} ${TINY_WHISPER_TEXT}`);
    assert.ok(Math.abs(result.seconds - 6) < 0.1, String(result.seconds));
    assert.equal(await exists(take.file), false, 'the take is deleted once heard');
    assert.equal(studio.projects.current(), null);
  });

  test('cancelled: the job ends cancelled and the take is deleted all the same', async () => {
    const take = await uploadedTake('stopped.wav', [[0.5, 5]]);
    const { jobId } = (await studio.call('transcribe.dictation', { fileRef: take.ref })) as { jobId: string };
    studio.jobs.cancel(jobId);
    const ended = await studio.jobs.settled(jobId);
    assert.equal(ended.state, 'cancelled');
    assert.equal(await exists(take.file), false);
  });
});
