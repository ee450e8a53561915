/**
 * A secret header in the monitor form, in a real browser against the real `keel serve`: the
 * check sends it to a loopback target, the edit form shows only its mask, saving the form as it
 * is keeps the value, and deleting the line removes it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  createClient,
  createOwner,
  launchBrowser,
  startKeelProcess,
  type RunningKeel,
} from './browser-harness.ts';

const TOKEN = 'Bearer sk_live_browser_0123456789abcdef0123';

describe('secret monitor headers in the browser', () => {
  let keel: RunningKeel;
  let browser: Browser;
  let target: http.Server;
  let targetUrl: string;
  const received: (string | undefined)[] = [];

  beforeAll(async () => {
    target = http.createServer((req, res) => {
      received.push(req.headers.authorization);
      res.end('ok');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
    keel = await startKeelProcess({ KEEL_MONITOR_ALLOW_PRIVATE: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
    await new Promise((r) => target?.close(r));
  });

  /** The Authorization header of the next check after this call. */
  async function nextCheck(): Promise<string | undefined> {
    const seen = received.length;
    for (let i = 0; i < 400 && received.length === seen; i++)
      await new Promise((r) => setTimeout(r, 100));
    if (received.length === seen) throw new Error('no check reached the target');
    return received.at(-1);
  }

  it('keeps, shows masked, and removes a secret header', async () => {
    const page = await browser.newPage();
    await createOwner(page, keel.url);
    await createClient(page, 'Acme Shop');
    await page.getByRole('link', { name: 'All monitors, incidents and alert channels' }).click();
    await page.getByRole('link', { name: 'Add monitor' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Billing API');
    await page.getByLabel('URL', { exact: true }).fill(targetUrl);
    const headers = page.getByLabel('Headers (one per line, Name: value)');
    await headers.fill(`Authorization: ${TOKEN}\nAccept: text/plain`);
    await page.getByLabel('Check every (seconds)').fill('10');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { name: 'Billing API' }).waitFor();
    const sentFirst = await nextCheck();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Billing API' }).waitFor();
    const shown = await headers.inputValue();
    const html = await page.content();
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.getByRole('heading', { name: 'Billing API' }).waitFor();
    const sentAfterSave = await nextCheck();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Billing API' }).waitFor();
    await headers.fill('Accept: text/plain');
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.getByRole('heading', { name: 'Billing API' }).waitFor();
    await nextCheck(); // may have started before the save
    const sentAfterRemove = await nextCheck();

    expect(sentFirst).toBe(TOKEN);
    expect(shown.split('\n').sort()).toEqual([
      'Accept: text/plain',
      'Authorization: Bearer sk…(43 chars)',
    ]);
    expect(html).not.toContain('sk_live');
    expect(sentAfterSave).toBe(TOKEN);
    expect(sentAfterRemove).toBeUndefined();
  });
});
