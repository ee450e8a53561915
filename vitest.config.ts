// Test projects: every test on PGlite; server tests again on a PostgreSQL server when
// TEST_DATABASE_URL is set. Browser tests live in vitest.browser.config.ts.
import { defineConfig } from 'vitest/config';

const hasServerDatabase = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/browser/**', 'node_modules/**'],
          env: { KEEL_TEST_DB: 'pglite' },
        },
      },
      ...(hasServerDatabase
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['src/server/**/*.test.ts', 'test/server/**/*.test.ts'],
                env: { KEEL_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
