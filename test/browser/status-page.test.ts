/**
 * The public status page in a real browser against `keel serve`: the owner publishes a page with
 * one component under a public name and adds a maintenance window; a signed-out visitor opens
 * `/status/<slug>` and sees the component and the maintenance, and nothing of the monitor's
 * internal name or target. A page whose component is beyond the first 200 monitors (all the
 * settings page loads) keeps it when saved.
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

describe('status page in a browser', () => {
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

  it('publishes a status page with a maintenance window that a signed-out visitor can read', async () => {
    const page = await browser.newPage();
    await createOwner(page, keel.url);
    await createClient(page, 'Acme Shop');
    const clientId = /\/clients\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    // Monitor forms belong to another page; the API makes one here, as a script would.
    const created = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/clients/${id}/monitors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          name: 'acme-prod-web-01 internal',
          target: { kind: 'http', url: 'https://shop-origin.acme.example/healthz' },
          enabled: false,
        }),
      });
      return response.status;
    }, clientId);
    expect(created).toBe(201);

    await page.reload();
    await page.getByRole('link', { name: 'Status page and maintenance windows' }).click();
    await page.getByRole('heading', { name: 'Status page and maintenance' }).waitFor();
    const save = page.getByRole('button', { name: 'Save status page' });
    await save.waitFor();
    const publish = page.getByLabel('Publish the status page');
    await publish.check();
    await page.getByLabel('Address (slug)').fill('acme');
    await page.getByLabel('Page title').fill('Acme Shop status');
    await page.getByLabel('Show acme-prod-web-01 internal').check();
    await page.getByLabel('Public name for acme-prod-web-01 internal').fill('Shop website');
    // What is saved is what was typed (a CI run once saw no page published: say where it went).
    expect(await publish.isChecked()).toBe(true);
    expect(await page.getByLabel('Address (slug)').inputValue()).toBe('acme');
    await save.click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved.' })
      .or(page.getByRole('alert'))
      .first()
      .waitFor();
    const refused = page.getByRole('alert');
    if ((await refused.count()) > 0)
      throw new Error(`saving the status page failed: ${await refused.first().innerText()}`);
    await page.getByRole('link', { name: '/status/acme' }).waitFor();
    await page.getByLabel('Window name (shown on the status page)').fill('Database upgrade');
    await page.getByLabel('Repeats').selectOption('cron');
    await page.getByLabel('Cron expression').fill('0 3 * * *');
    await page.getByLabel('Duration (minutes)').fill('60');
    await page.getByLabel('Time zone').fill('Europe/Paris');
    await page.getByRole('button', { name: 'Add window' }).click();
    await page.getByRole('button', { name: 'Delete Database upgrade' }).waitFor();

    if (process.env.KEEL_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.KEEL_SCREENSHOTS}/status-page-settings.png`,
        fullPage: true,
      });
    const visitor = await browser.newContext();
    const publicPage = await visitor.newPage();
    const response = await publicPage.goto(`${keel.url}/status/acme`);
    await publicPage.getByRole('heading', { name: 'Acme Shop status' }).waitFor();
    const text = await publicPage.locator('main').innerText();
    const html = await publicPage.content();
    if (process.env.KEEL_SCREENSHOTS)
      await publicPage.screenshot({
        path: `${process.env.KEEL_SCREENSHOTS}/status-page.png`,
        fullPage: true,
      });
    const cookies = await visitor.cookies();
    await visitor.close();

    expect(response?.status()).toBe(200);
    expect(cookies).toEqual([]);
    expect(text).toContain('Shop website');
    expect(text).toContain('Database upgrade');
    expect(text).toContain('Scheduled');
    expect(html).not.toContain('acme-prod-web-01');
    expect(html).not.toContain('shop-origin.acme.example');
  });

  it('keeps a component beyond the first 200 monitors when the page is saved', async () => {
    const page = await browser.newPage();
    await page.goto(keel.url);
    await page.getByLabel('Email').fill('olivia@cto.example');
    await page.getByLabel('Password').fill('a strong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Portfolio' }).waitFor();
    await createClient(page, 'Big Fleet');
    const clientId = /\/clients\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    // 201 monitors through the API; the settings page loads the first 200.
    const unlisted = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/v1/session')).json()) as { csrfToken: string };
      const send = (method: string, path: string, body: unknown) =>
        fetch(path, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify(body),
        });
      const ids: string[] = [];
      for (let i = 0; i < 201; i++) {
        const response = await send('POST', `/api/v1/clients/${id}/monitors`, {
          name: `node-${String(i).padStart(3, '0')}`,
          target: { kind: 'tcp', host: 'node.fleet.example', port: 443 },
          enabled: false,
        });
        ids.push(((await response.json()) as { id: string }).id);
      }
      const listed = (await (await fetch(`/api/v1/clients/${id}/monitors?limit=200`)).json()) as {
        monitors: { id: string }[];
      };
      const shown = new Set(listed.monitors.map((m) => m.id));
      const missing = ids.find((m) => !shown.has(m))!;
      await send('PUT', `/api/v1/clients/${id}/status-page`, {
        enabled: false,
        slug: 'big-fleet',
        title: 'Big Fleet status',
        components: [{ monitorId: missing, displayName: 'Payments API' }],
      });
      return missing;
    }, clientId);

    await page.goto(`${keel.url}/clients/${clientId}/status-page`);
    await page.getByRole('heading', { name: 'Status page and maintenance' }).waitFor();
    const isChecked = await page.getByLabel('Show Payments API').isChecked();
    await page.getByLabel('Page title').fill('Big Fleet service status');
    await page.getByRole('button', { name: 'Save status page' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const saved = await page.evaluate(async (id) => {
      const body = (await (await fetch(`/api/v1/clients/${id}/status-page`)).json()) as {
        page: { title: string; components: { monitorId: string; displayName: string }[] };
      };
      return body.page;
    }, clientId);

    expect(isChecked).toBe(true);
    expect(saved.title).toBe('Big Fleet service status');
    expect(saved.components).toEqual([{ monitorId: unlisted, displayName: 'Payments API' }]);
  });
});
