/**
 * Takes the README's screenshots (docs/screenshots/*.png) from a real Keel with the demo
 * portfolio loaded: the portfolio home, a client page and a weekly report. Runs Keel from the
 * bundle `npm start` runs, on a temporary data directory, through Debian's Chromium.
 * Usage: npx tsx scripts/screenshots.ts [out-dir]   (default: docs/screenshots)
 */
import path from 'node:path';
import { ensureServerBuilt } from './server-build.mjs';
import { ensureWebBuilt } from './web-build.mjs';
import { createOwner, launchBrowser, startKeelProcess } from '../test/browser/browser-harness.ts';

const out = process.argv[2] ?? 'docs/screenshots';
ensureWebBuilt();
await ensureServerBuilt();
const keel = await startKeelProcess();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await createOwner(page, keel.url);
  await page.getByRole('button', { name: 'Load demo portfolio' }).click();
  await page.getByRole('link', { name: 'Tidewater Freight (demo)', exact: true }).waitFor();
  // The attention list and each client's status line arrive with the portfolio reload.
  await page.locator('ol.attention li').first().waitFor();
  await page.locator('.client-card .status-line').first().waitFor();
  await page.screenshot({ path: path.join(out, 'portfolio.png'), fullPage: true });

  await page.getByRole('link', { name: 'Tidewater Freight (demo)', exact: true }).click();
  await page.getByRole('heading', { name: 'Tidewater Freight (demo)' }).waitFor();
  // Each area loads on its own: wait until none says "Loading…".
  await page.waitForFunction(() => !document.body.innerText.includes('Loading…'));
  await page.screenshot({ path: path.join(out, 'client.png'), fullPage: true });

  const clientUrl = page.url();
  await page.goto(`${clientUrl}/report`);
  await page.getByRole('heading', { name: /week/i }).first().waitFor();
  await page.screenshot({ path: path.join(out, 'report.png'), fullPage: true });
  console.log(`screenshots written to ${out}`);
} finally {
  await browser.close();
  await keel.stop();
}
