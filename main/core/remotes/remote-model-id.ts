import { AtelierError } from '../../../preload/errors.js';

const REMOTE_MODEL_PREFIX = 'remote:';

/** `remote:<name>/<model>`; the model part may itself hold slashes (`meta-llama/Llama-3-8B`). */
export function parseRemoteModelId(id: string): { remote: string; model: string } {
  const rest = id.startsWith(REMOTE_MODEL_PREFIX) ? id.slice(REMOTE_MODEL_PREFIX.length) : '';
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) {
    throw new AtelierError('INVALID_INPUT', `"${id}" is not a remote model id: write remote:<remote name>/<model>.`);
  }
  return { remote: rest.slice(0, slash), model: rest.slice(slash + 1) };
}

export function remoteModelId(remote: string, model: string): string {
  return `${REMOTE_MODEL_PREFIX}${remote}/${model}`;
}

export function isRemoteModelId(id: string | undefined): id is string {
  return id?.startsWith(REMOTE_MODEL_PREFIX) === true;
}
