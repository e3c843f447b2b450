// Vitest projects: Node-side layers run in node, the renderer in happy-dom with Vue and Vuetify.
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'engine/**/*.test.ts', 'main/**/*.test.ts', 'bench/**/*.test.ts', '.ci/**/*.test.ts', 'packaging/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [vue(), vuetify({ autoImport: true })],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts'],
          setupFiles: ['renderer/test/setup.ts'],
          // Mounting the whole window takes seconds on a busy machine; slower is fine, red is not.
          testTimeout: 20_000,
          server: { deps: { inline: ['vuetify'] } },
        },
      },
    ],
  },
});
