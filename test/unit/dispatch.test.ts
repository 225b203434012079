import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CALL_NAMES } from '../../preload/contract.js';
import { AtelierError } from '../../preload/errors.js';
import { dispatch, type Handlers } from '../../main/core/rpc/dispatch.js';

interface Recorded {
  name: string;
  input: unknown;
}

/** Handlers for every call in the contract that record what they were given. */
function recordingHandlers(): { handlers: Handlers; calls: Recorded[] } {
  const calls: Recorded[] = [];
  const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) {
    handlers[name] = async (input: unknown) => {
      calls.push({ name, input });
      return { handledBy: name };
    };
  }
  return { handlers: handlers as unknown as Handlers, calls };
}

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<AtelierError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return error instanceof AtelierError && error.code === code && (message === undefined || message.test(error.message));
  });
  return caught as AtelierError;
}

const ID = '0b6f7c1e-7d2a-4c38-9a51-3f2f1e6b9c10';

describe('dispatch', () => {
  test('an unknown call is UNKNOWN_CALL and reaches no handler', async () => {
    const { handlers, calls } = recordingHandlers();
    await rejectsWith(dispatch(handlers, 'projects.explode', {}), 'UNKNOWN_CALL', /projects\.explode/);
    await rejectsWith(dispatch(handlers, '', {}), 'UNKNOWN_CALL');
    assert.equal(calls.length, 0);
  });

  test('names inherited from Object.prototype are unknown calls', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      await rejectsWith(dispatch(handlers, name, {}), 'UNKNOWN_CALL');
    }
    assert.equal(calls.length, 0);
  });

  test('a valid payload reaches the handler parsed (title trimmed)', async () => {
    const { handlers, calls } = recordingHandlers();
    const result = await dispatch(handlers, 'projects.create', { title: '  Harbour Night  ' });
    assert.deepEqual(result, { handledBy: 'projects.create' });
    assert.deepEqual(calls, [{ name: 'projects.create', input: { title: 'Harbour Night' } }]);
  });

  test('defaults from the schema are filled in', async () => {
    const { handlers, calls } = recordingHandlers();
    await dispatch(handlers, 'files.pick', {});
    assert.deepEqual(calls, [{ name: 'files.pick', input: { kind: 'any' } }]);
  });

  test('a call without input may be made with undefined or null', async () => {
    const { handlers, calls } = recordingHandlers();
    await dispatch(handlers, 'projects.list', undefined);
    await dispatch(handlers, 'app.info', null);
    assert.deepEqual(calls, [
      { name: 'projects.list', input: {} },
      { name: 'app.info', input: {} },
    ]);
  });

  test('an invalid field is INVALID_INPUT naming the call and the field', async () => {
    const { handlers, calls } = recordingHandlers();
    const blank = await rejectsWith(dispatch(handlers, 'projects.create', { title: '   ' }), 'INVALID_INPUT', /\btitle\b/);
    assert.match(blank.message, /projects\.create/);
    await rejectsWith(dispatch(handlers, 'projects.create', { title: 'x'.repeat(121) }), 'INVALID_INPUT', /\btitle\b/);
    await rejectsWith(dispatch(handlers, 'projects.create', { title: 42 }), 'INVALID_INPUT', /\btitle\b/);
    await rejectsWith(dispatch(handlers, 'projects.create', {}), 'INVALID_INPUT', /\btitle\b/);
    await rejectsWith(dispatch(handlers, 'projects.open', { id: 'not-a-uuid' }), 'INVALID_INPUT', /\bid\b/);
    assert.equal(calls.length, 0);
  });

  test('unknown extra keys are INVALID_INPUT naming the keys', async () => {
    const { handlers, calls } = recordingHandlers();
    const error = await rejectsWith(dispatch(handlers, 'projects.rename', { id: ID, title: 'New', path: '/etc', admin: true }), 'INVALID_INPUT', /\bpath\b/);
    assert.match(error.message, /\badmin\b/);
    await rejectsWith(dispatch(handlers, 'app.info', { verbose: true }), 'INVALID_INPUT', /\bverbose\b/);
    assert.equal(calls.length, 0);
  });

  test('a payload that is not an object is INVALID_INPUT', async () => {
    const { handlers, calls } = recordingHandlers();
    await rejectsWith(dispatch(handlers, 'projects.create', 'Harbour'), 'INVALID_INPUT');
    await rejectsWith(dispatch(handlers, 'projects.create', ['Harbour']), 'INVALID_INPUT');
    await rejectsWith(dispatch(handlers, 'settings.set', 7), 'INVALID_INPUT');
    assert.equal(calls.length, 0);
  });

  test('settings.set validates each value', async () => {
    const { handlers, calls } = recordingHandlers();
    await rejectsWith(dispatch(handlers, 'settings.set', { theme: 'neon' }), 'INVALID_INPUT', /\btheme\b/);
    await rejectsWith(dispatch(handlers, 'settings.set', { threads: 0 }), 'INVALID_INPUT', /\bthreads\b/);
    await dispatch(handlers, 'settings.set', { theme: 'dark', threads: 8 });
    assert.deepEqual(calls, [{ name: 'settings.set', input: { theme: 'dark', threads: 8 } }]);
  });

  test("a handler's own error passes through unchanged", async () => {
    const { handlers } = recordingHandlers();
    const failing = {
      ...(handlers as unknown as Record<string, unknown>),
      'jobs.cancel': async () => {
        throw new AtelierError('NOT_FOUND', 'No job with id j1.');
      },
    } as unknown as Handlers;
    await rejectsWith(dispatch(failing, 'jobs.cancel', { id: 'j1' }), 'NOT_FOUND', /j1/);
  });
});
