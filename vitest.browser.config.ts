// Browser tests: the real server in a child process, started from the bundle `npm start` runs,
// driven through Debian's Chromium. The global setup builds the web app and the bundle if needed.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    globalSetup: ['test/browser/global-setup.ts'],
  },
});
