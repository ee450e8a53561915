/**
 * A secret header and a secret query value in the monitor form, in a real browser against the
 * real `keel serve`: the check sends them to a loopback target, the edit form shows only their
 * masks, saving the form as it is keeps the values, and deleting a header line removes it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  createClient,
  createOwner,
  launchBrowser,
  startKeelProcess,
  type RunningKeel,
} from './browser-harness.ts';

const TOKEN = 'Bearer sk_live_browser_0123456789abcdef0123';
const API_KEY = 'qk-browser-0123456789abcdef0123456789';

describe('secret monitor headers in the browser', () => {
  let keel: RunningKeel;
  let browser: Browser;
  let target: http.Server;
  let targetUrl: string;
  let page: Page;
  let monitorsPage: string;
  const received: { path: string; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    target = http.createServer((req, res) => {
      received.push({ path: req.url ?? '', authorization: req.headers.authorization });
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

  /** The next request to a path after this call (each monitor checks its own path). */
  async function nextRequest(path: string) {
    const seen = received.length;
    const next = () => received.slice(seen).find((r) => r.path.startsWith(path));
    for (let i = 0; i < 400 && !next(); i++) await new Promise((r) => setTimeout(r, 100));
    const request = next();
    if (!request) throw new Error(`no check reached ${path} on the target`);
    return request;
  }
  /** The Authorization header of the next check of /health after this call. */
  const nextCheck = async () => (await nextRequest('/health')).authorization;

  it('keeps, shows masked, and removes a secret header', async () => {
    page = await browser.newPage();
    await createOwner(page, keel.url);
    await createClient(page, 'Acme Shop');
    await page.getByRole('link', { name: 'All monitors, incidents and alert channels' }).click();
    await page.getByRole('link', { name: 'Add monitor' }).waitFor();
    monitorsPage = page.url();
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

  it('shows a secret query value masked in the URL and keeps it when saved as it is', async () => {
    const url = page.getByLabel('URL', { exact: true });
    await page.goto(monitorsPage);
    await page.getByRole('link', { name: 'Add monitor' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Partner feed');
    await url.fill(`${targetUrl.replace('/health', '/feed')}?apikey=${API_KEY}&page=2`);
    await page.getByLabel('Check every (seconds)').fill('10');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { name: 'Partner feed' }).waitFor();
    const sentFirst = await nextRequest('/feed');
    const summary = await page.content();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Partner feed' }).waitFor();
    const shown = await url.inputValue();
    const html = await page.content();
    await page.getByRole('button', { name: 'Save monitor' }).click();
    await page.getByRole('heading', { name: 'Partner feed' }).waitFor();
    await nextRequest('/feed'); // may have started before the save
    const sentAfterSave = await nextRequest('/feed');

    expect(sentFirst.path).toBe(`/feed?apikey=${API_KEY}&page=2`);
    expect(shown).toBe(`${targetUrl.replace('/health', '/feed')}?apikey=qk…(37 chars)&page=2`);
    expect(summary).not.toContain(API_KEY);
    expect(html).not.toContain(API_KEY);
    expect(sentAfterSave.path).toBe(`/feed?apikey=${API_KEY}&page=2`);
  });
});
