// Runs before the first paint (index.html loads it as a classic script in <head>), so a
// dark-theme user never sees a light frame. The app keeps the key up to date (state/theme.ts).
try {
  const theme = window.localStorage.getItem('atelier.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage may be unavailable; the system setting (prefers-color-scheme) is a fine start.
}
