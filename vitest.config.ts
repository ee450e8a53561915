// Test projects:
// - unit: the standalone engines and pure modules, no database (no global setup to wait for);
// - pglite: server and CLI tests on the embedded database;
// - postgres: the server tests again on a PostgreSQL server, when TEST_DATABASE_URL is set.
// Browser tests live in vitest.browser.config.ts.
import os from 'node:os';
import { defineConfig } from 'vitest/config';

const hasServerDatabase = Boolean(process.env.TEST_DATABASE_URL);
const unitFiles = [
  'src/engines/**/*.test.ts',
  'src/cli/**/*.test.ts',
  'src/shared/**/*.test.ts',
  'src/server/config/**/*.test.ts',
  'src/server/crypto/**/*.test.ts',
];
const serverFiles = ['src/server/**/*.test.ts', 'test/server/**/*.test.ts'];

export default defineConfig({
  test: {
    // Generous: argon2 and PGlite are CPU-bound, and a loaded CI machine can be slow.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (one fork per CPU minus one) runs one file at a time on a 2-core machine.
    // The test files are independent (their own database, ports and temp folders), and much of
    // their time is spent waiting on child processes and sockets, so two forks at least.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true as const,
        test: { name: 'unit', include: unitFiles },
      },
      {
        extends: true as const,
        test: {
          name: 'pglite',
          include: [...serverFiles, 'test/cli/**/*.test.ts'],
          exclude: unitFiles,
          globalSetup: ['test/global-setup-pglite.ts'],
          env: { KEEL_TEST_DB: 'pglite' },
        },
      },
      ...(hasServerDatabase
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: serverFiles,
                exclude: unitFiles,
                globalSetup: ['test/global-setup-postgres.ts'],
                env: { KEEL_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
