const STORAGE_KEY = 'atelier.token';

let token: string | null = null;

/**
 * Takes the per-launch key from `?token=` once, then hides it from the address
 * bar (and so from screenshots and shared links) and keeps it in sessionStorage
 * so that a reload of the same tab still works.
 */
export function initWebToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    token = fromUrl;
    try {
      window.sessionStorage.setItem(STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled; the key then lives only as long as this page.
    }
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    return token;
  }
  try {
    token = window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    token = null;
  }
  return token;
}
