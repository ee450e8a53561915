/**
 * Monitor import and SLOs in a real browser against `keel serve`: upload a Gatus file, read the
 * preview report (what maps, what does not and why), apply it, then create an SLO over two of
 * the imported monitors and see its target and budget on the SLO page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  createClient,
  createOwner,
  launchBrowser,
  startKeelProcess,
  type RunningKeel,
} from './browser-harness.ts';

// Disabled endpoints: nothing is checked, so nothing leaves this machine.
const GATUS = `endpoints:
  - name: api-health
    url: "https://api.example.com/health"
    enabled: false
    conditions:
      - "[STATUS] == 200"
      - "[BODY].status == UP"
      - "len([BODY].errors) == 0"
  - name: postgres
    url: "tcp://db.example.com:5432"
    enabled: false
    conditions:
      - "[CONNECTED] == true"
  - name: gateway
    url: "icmp://203.0.113.1"
`;

describe('monitor import and SLOs in a browser', () => {
  let keel: RunningKeel;
  let browser: Browser;

  beforeAll(async () => {
    keel = await startKeelProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  it('previews and applies a Gatus import, then creates an SLO over two monitors', async () => {
    const page = await browser.newPage();
    await createOwner(page, keel.url);
    await createClient(page, 'Acme Shop');

    await page.getByRole('link', { name: 'Import from Uptime Kuma or Gatus' }).click();
    await page.getByRole('heading', { name: 'Import monitors' }).waitFor();
    await page.getByLabel('File').setInputFiles({
      name: 'config.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from(GATUS),
    });
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Import report' });
    await preview.getByRole('heading', { name: 'Preview' }).waitFor();
    await preview
      .getByText('Gatus: 2 to create, 0 to update, 0 unchanged, 1 not imported.')
      .waitFor();
    await preview.getByText(/Keel has no ICMP ping check/).waitFor();
    await preview.getByText(/length conditions have no Keel equivalent/).waitFor();
    await page.getByRole('button', { name: 'Apply' }).click();
    await preview.getByText('Gatus: 2 created, 0 updated, 0 unchanged, 1 not imported.').waitFor();

    await page.getByRole('link', { name: '← Client' }).click();
    await page.getByRole('link', { name: 'SLOs and error budgets' }).click();
    await page.getByRole('heading', { name: 'Service level objectives' }).waitFor();
    await page.getByText('No SLOs yet.').waitFor();
    const form = page.getByRole('form', { name: 'New SLO' });
    await form.getByLabel('Name').fill('Checkout');
    await form.getByLabel('Target (%)').fill('99.5');
    await form.getByLabel('api-health').check();
    await form.getByLabel('postgres').check();
    await form.getByRole('button', { name: 'Create SLO' }).click();

    const row = page.getByRole('row', { name: /Checkout/ });
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('99.5 % over 30 days');
    await expect(row.innerText()).resolves.toContain('api-health, postgres');
    await expect(row.innerText()).resolves.toContain('Within budget');
  });
});
