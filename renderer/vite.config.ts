import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * The Latin face of Inter is asked for with the page, not once the stylesheet has been
 * read and text laid out, so the first paint's text is not drawn twice.
 */
function preloadLatinFont(): Plugin {
  return {
    name: 'atelier-preload-latin-font',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const font = Object.keys(context.bundle ?? {}).find((name) => /inter-latin-wght-normal-[\w-]+\.woff2$/.test(name));
        if (!font) return [];
        return [{ tag: 'link', attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `./${font}`, crossorigin: '' }, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs so the same build loads from app:// in Electron and from / in the web host.
  base: './',
  plugins: [react(), preloadLatinFont()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Fonts and icons stay files so the strict CSP (no data: fonts) holds.
    assetsInlineLimit: 0,
  },
});
