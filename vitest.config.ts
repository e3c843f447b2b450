// Vitest projects: Node-side layers run in node, the renderer in happy-dom with Vue and Vuetify.
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

/**
 * Tests wait for states (a reply, an event, a file), never for a stretch of wall-clock time, so a busy machine may
 * make them slower but never red: these limits only stop a test that hangs, and are far above any normal run.
 */
const hangLimitMs = 10 * 60_000;
const stateWait = { timeout: 5 * 60_000, interval: 50 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'engine/**/*.test.ts', 'main/**/*.test.ts', 'bench/**/*.test.ts', '.ci/**/*.test.ts', 'packaging/**/*.test.ts'],
          testTimeout: hangLimitMs,
          hookTimeout: hangLimitMs,
          expect: { poll: stateWait },
        },
      },
      {
        plugins: [vue(), vuetify({ autoImport: true })],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts'],
          setupFiles: ['renderer/test/setup.ts'],
          testTimeout: hangLimitMs,
          hookTimeout: hangLimitMs,
          expect: { poll: stateWait },
          server: { deps: { inline: ['vuetify'] } },
        },
      },
    ],
  },
});
