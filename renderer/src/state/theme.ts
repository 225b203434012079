import type { Settings } from '../../../preload/contract.js';

export type Theme = Settings['theme'];

// public/boot-theme.js reads the same key before the first paint.
const CACHE_KEY = 'atelier.theme';

/** The last theme seen, so the first paint is already right before settings arrive. */
export function cachedTheme(): Theme {
  try {
    const value = window.localStorage.getItem(CACHE_KEY);
    if (value === 'light' || value === 'dark' || value === 'system') return value;
  } catch {
    // Storage may be unavailable; the system setting is a fine start.
  }
  return 'system';
}

/** 'system' leaves the choice to `prefers-color-scheme` via the CSS; the others force it. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  try {
    window.localStorage.setItem(CACHE_KEY, theme);
  } catch {
    // Only the first paint of the next launch depends on this.
  }
}
