// Vite build of the renderer: root renderer/, output dist/renderer, everything bundled locally (no CDN).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  // Relative asset URLs so the same build loads from the web server and from Electron's custom protocol.
  base: './',
  plugins: [vue(), vuetify({ autoImport: true })],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2023',
    // Keep every font/icon as a file: the CSP allows fonts from 'self' only, not data: URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
