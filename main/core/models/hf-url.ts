import { AtelierError } from '../../../preload/errors.js';
import { downloadUrlProblem } from '../security/redirect-policy.js';

/**
 * `hf:owner/repo/path/in/repo` (or `hf:owner/repo@revision/path`) is shorthand for the
 * file's Hugging Face download address; anything else must already be an https URL.
 */
export function resolveDownloadUrl(input: string): string {
  if (input.startsWith('hf:')) {
    const match = /^hf:([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)(?:@([A-Za-z0-9_.\/-]+?))?\/(.+)$/.exec(input);
    if (!match) throw new AtelierError('INVALID_INPUT', `"${input}" is not of the form hf:owner/repo/path or hf:owner/repo@revision/path.`);
    const [, owner, repo, revision, file] = match as unknown as [string, string, string, string | undefined, string];
    const encoded = file.split('/').map(encodeURIComponent).join('/');
    return `https://huggingface.co/${owner}/${repo}/resolve/${encodeURIComponent(revision ?? 'main')}/${encoded}`;
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new AtelierError('INVALID_INPUT', `"${input}" is neither a catalog id nor a download address.`);
  }
  // The same rule holds for every redirect hop (http-download.ts).
  if (downloadUrlProblem(url)) {
    throw new AtelierError('INVALID_INPUT', `Downloads must use https; "${input}" does not.`);
  }
  return url.href;
}
