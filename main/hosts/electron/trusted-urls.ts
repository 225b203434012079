/**
 * URL checks for the desktop shell, kept free of Electron imports so they are unit
 * tested like any other code.
 */
export const RENDERER_ORIGIN = 'app://renderer';

/** Only our own bundled page may call main. */
export function isTrustedRendererUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'renderer';
  } catch {
    return false;
  }
}

/**
 * Links a creator clicks open outside only when they are https pages or mail addresses:
 * never file:, javascript:, data:, plain http or a custom scheme some other app registered.
 */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return parsed.username === '' && parsed.password === '' && parsed.hostname !== '';
  // mailto:someone@example.com, with nothing that could smuggle a host or a second scheme.
  if (parsed.protocol === 'mailto:') return /^[^\s/\\:@]+@[^\s/\\:@]+$/.test(decodeSafely(parsed.pathname) ?? '');
  return false;
}

function decodeSafely(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Maps app://renderer/<path> to a file path relative to the built renderer, or null. */
export function rendererRelativePath(requestUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== 'renderer') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const relative = pathname.replace(/^\/+/, '') || 'index.html';
  // A backslash is never in a built file's name; on Windows it would be a separator.
  if (relative.includes('\\') || relative.split('/').some((part) => part === '..' || part === '.') || relative.includes('\0')) return null;
  return relative;
}

/** atelier-asset://asset/<id>[/thumbnail] → the asset id and variant, or null. */
export function parseAssetUrl(requestUrl: string): { assetId: string; variant: 'file' | 'thumbnail' } | null {
  let parsed: URL;
  try {
    parsed = new URL(requestUrl);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'atelier-asset:' || parsed.host !== 'asset') return null;
  const match = /^\/([A-Za-z0-9_-]{1,64})(\/thumbnail)?$/.exec(parsed.pathname);
  if (!match) return null;
  return { assetId: match[1] as string, variant: match[2] ? 'thumbnail' : 'file' };
}
