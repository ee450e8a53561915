/**
 * Monitoring in a real browser against the real `keel serve`: an HTTP monitor on a loopback
 * target (after a field error on a bad URL) appears in the list and opens on its page; a backup
 * heartbeat shows its ping URL and curl command once, and the URL answers; a Slack-compatible
 * webhook channel sends a test alert to a loopback receiver and the page says it was sent; a TCP
 * monitor on a closed port opens an incident that is acknowledged and given a root cause.
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

describe('monitoring in a browser', () => {
  let keel: RunningKeel;
  let browser: Browser;
  let target: http.Server;
  let targetUrl: string;
  const received: { path: string; body: string }[] = [];

  beforeAll(async () => {
    target = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.method === 'POST') received.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    keel = await startKeelProcess({ KEEL_MONITOR_ALLOW_PRIVATE: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
    await new Promise((r) => target?.close(r));
  });

  it('creates monitors, a heartbeat and a webhook channel, sends a test alert, handles an incident', async () => {
    const page = await browser.newPage();
    await createOwner(page, keel.url);
    await createClient(page, 'Acme Shop');

    // An HTTP monitor: a bad URL first, named beside its field, then the loopback target.
    await page.getByRole('link', { name: 'All monitors, incidents and alert channels' }).click();
    await page.getByRole('heading', { name: 'Monitors' }).waitFor();
    await page.getByRole('link', { name: 'Add monitor' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Storefront');
    await page.getByLabel('URL', { exact: true }).fill('ftp://shop.test/');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByText('must be an http:// or https:// URL').first().waitFor();
    await page.getByLabel('URL', { exact: true }).fill(`${targetUrl}/health`);
    await page.getByLabel('Body contains').fill('ok');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { name: 'Storefront' }).waitFor();
    await page.getByRole('heading', { name: 'Uptime and latency' }).waitFor();

    // A TCP monitor on a closed loopback port, checked every 10 s: its incident is handled last.
    await page.getByRole('link', { name: '← Monitors' }).click();
    await page.getByRole('link', { name: 'Add monitor' }).click();
    await page.getByRole('heading', { name: 'Add a monitor' }).waitFor();
    await page.getByLabel('Kind').selectOption('tcp');
    await page.getByLabel('Name', { exact: true }).fill('Closed port');
    await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill('1');
    await page.getByLabel('Check every (seconds)').fill('10');
    await page.getByLabel('Failures before down').fill('0');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { name: 'Closed port' }).waitFor();
    const closedPortUrl = page.url();

    // It is in the list, found by its target too, and opens on its page.
    await page.getByRole('link', { name: '← Monitors' }).click();
    await page.getByRole('link', { name: 'Storefront' }).waitFor();
    await page.getByLabel('Search monitors').fill(new URL(targetUrl).host);
    await page.getByText('1 monitor match.').waitFor();
    await page.getByRole('link', { name: 'Storefront' }).click();
    await page.getByRole('heading', { name: 'Storefront' }).waitFor();
    await page.getByRole('button', { name: '30 days' }).click();
    await page.getByRole('img', { name: /Storefront: / }).waitFor();

    // A backup heartbeat: its ping URL and commands, shown once.
    await page.getByRole('link', { name: '← Monitors' }).click();
    await page.getByRole('link', { name: 'Add monitor' }).click();
    // The list has a Kind filter too: wait for the form, or the filter gets the choice.
    await page.getByRole('heading', { name: 'Add a monitor' }).waitFor();
    await page.getByLabel('Kind').selectOption('heartbeat');
    await page.getByLabel('Name', { exact: true }).fill('Nightly backup');
    await page.getByLabel(/This is a backup job/).check();
    await page.getByLabel('Cron expression').check();
    await page.getByLabel('Cron', { exact: true }).fill('30 2 * * *');
    await page.getByLabel('Time zone').fill('Europe/Paris');
    await page.getByRole('button', { name: 'Create monitor' }).click();
    await page.getByRole('heading', { name: 'Set up Nightly backup' }).waitFor();
    const curl = await page.getByRole('textbox', { name: 'Success ping (curl)' }).inputValue();
    const pingUrl = await page.getByRole('textbox', { name: 'Ping URL', exact: true }).inputValue();
    const cronZone = await page.getByRole('textbox', { name: /^Cron time zone/ }).inputValue();
    const cronLine = await page.getByRole('textbox', { name: 'Cron line' }).inputValue();
    expect(curl).toBe(`curl -fsS -m 10 --retry 5 ${pingUrl}`);
    expect(pingUrl).toMatch(new RegExp(`^${keel.url}/ping/hb_[\\w-]+$`));
    expect(cronZone).toBe('CRON_TZ=Europe/Paris');
    expect(cronLine).toBe(
      `30 2 * * * /path/to/job.sh && curl -fsS -m 10 --retry 5 ${pingUrl} > /dev/null`,
    );
    await expect(fetch(pingUrl).then((r) => r.status)).resolves.toBe(200);
    await page.reload();
    await page.getByText('The ping URL was shown once').waitFor();
    expect(await page.content()).not.toContain(pingUrl);

    // The short address leads to the list; then a Slack-compatible webhook channel and a test
    // alert to the loopback receiver.
    await page.goto(`${page.url().split('/monitoring/')[0]}/monitors`);
    await page.getByRole('link', { name: 'Nightly backup' }).waitFor();
    await page.getByRole('link', { name: 'Alert channels' }).click();
    await page.getByRole('heading', { name: 'Alert channels' }).waitFor();
    // The reminder period Keel runs with (KEEL_ALERT_REMINDER_MINUTES, 60 by default).
    await page.getByText('they are reminded every hour, until someone acknowledges').waitFor();
    await page.getByLabel('Channel type').selectOption('webhook');
    await page.getByLabel('Channel name').fill('Ops hook');
    await page.getByLabel('Webhook URL').fill(`${targetUrl}/hook`);
    await page.getByLabel('Payload').selectOption('slack');
    await page.getByRole('button', { name: 'Add channel' }).click();
    await page.getByRole('textbox', { name: 'Signing secret' }).waitFor();
    const channel = page.getByRole('listitem', { name: 'Channel Ops hook' });
    await channel.getByRole('button', { name: 'Send test alert' }).click();
    await channel
      .getByRole('status')
      .filter({ hasText: /Test alert sent/ })
      .waitFor({
        timeout: 60_000,
      });

    // The closed port's incident: timeline, acknowledgement and root cause.
    await page.goto(closedPortUrl);
    const incidentLink = page.getByRole('region', { name: 'Incidents' }).getByRole('link').first();
    for (let i = 0; i < 60 && !(await incidentLink.isVisible()); i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByRole('heading', { name: 'Closed port' }).waitFor();
    }
    await incidentLink.click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText(/open, acknowledged/).waitFor();
    await page.getByLabel('What happened and what was done').fill('Nothing listens on port 1.');
    await page.getByRole('button', { name: 'Save root cause' }).click();
    await page.getByText(/root cause noted by Olivia Owner/).waitFor();

    const hook = received.find((r) => r.path === '/hook');
    expect(hook).toBeDefined();
    expect((JSON.parse(hook!.body) as { text: string }).text).toContain('Test alert from Keel');
  });
});
