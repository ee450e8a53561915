// `npm test`: the whole suite. Unit and server tests on PGlite (and on PostgreSQL when
// TEST_DATABASE_URL is set), then the browser tests when a Chromium is found. It says plainly
// what it skipped; under CI=true a missing Chromium or database fails the run instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const isCi = process.env.CI === 'true' || process.env.CI === '1';
const chromiumPath = process.env.KEEL_CHROMIUM_PATH ?? '/usr/bin/chromium';
const extraArgs = process.argv.slice(2);
const out = mkdtempSync(path.join(os.tmpdir(), 'keel-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

if (isCi && !process.env.TEST_DATABASE_URL) {
  problems.push('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL run would be skipped');
}

function vitest(label, args) {
  const report = path.join(out, `${label}.json`);
  const result = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    { stdio: 'inherit' },
  );
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
    if (json.numFailedTestSuites > 0 && json.numFailedTests === 0)
      totals.failed += json.numFailedTestSuites;
  } else {
    totals.failed += 1;
  }
  if (result.status !== 0) problems.push(`${label} tests failed`);
}

if (!process.env.TEST_DATABASE_URL) {
  console.log(
    '\nNote: TEST_DATABASE_URL is not set, so the server tests run on PGlite only (set it to a PostgreSQL URL to run them there too).\n',
  );
}
vitest('unit-and-server', extraArgs);

if (existsSync(chromiumPath)) {
  // The browser config's global setup builds the web app and the server bundle when stale.
  vitest('browser', ['--config', 'vitest.browser.config.ts']);
} else if (isCi) {
  problems.push(
    `no Chromium at ${chromiumPath}: browser tests cannot run (apt-get install chromium)`,
  );
} else {
  console.log(
    `\nSKIPPED browser tests: no Chromium at ${chromiumPath}. Install it (Debian: apt-get install chromium) or set KEEL_CHROMIUM_PATH.\n`,
  );
}

for (const problem of problems) console.error(`keel tests: ${problem}`);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length > 0 || totals.failed > 0 ? 1 : 0);
