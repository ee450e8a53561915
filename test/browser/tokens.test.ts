/**
 * API tokens in a real browser, as the README tells a CTO to set up a client's metrics script:
 * a "KPI readings only" token needs a client (the form says so under Client), is listed with
 * its scope, and from a script posts readings for that client's KPIs and is refused elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  createClient,
  createOwner,
  launchBrowser,
  startKeelProcess,
  type RunningKeel,
} from './browser-harness.ts';

const WRITE = 'Read and change anything I can';
const READINGS = "KPI readings only (one client's scripts)";

/** Fills the token form, submits it and returns the token shown once. */
async function createToken(page: Page, name: string, client: string, access: string) {
  await page.getByLabel('Token name').fill(name);
  await page.getByLabel('Client', { exact: true }).selectOption({ label: client });
  await page.getByLabel('Access').selectOption({ label: access });
  await page.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByLabel('New API token');
  await page.getByRole('cell', { name, exact: true }).waitFor();
  return shown.inputValue();
}

describe('API tokens in a browser', () => {
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

  it('creates a KPI readings token for one client that a script can use for readings only', async () => {
    const owner = await browser.newPage();
    await createOwner(owner, keel.url);
    await createClient(owner, 'Acme Robotics');
    const clientId = new URL(owner.url()).pathname.split('/')[2]!;
    await owner.getByRole('link', { name: 'API tokens' }).click();
    await owner.getByRole('heading', { name: 'API tokens' }).waitFor();

    // For every client: refused, with the reason under the Client field.
    await owner.getByLabel('Token name').fill('too wide');
    await owner.getByLabel('Access').selectOption({ label: READINGS });
    await owner.getByRole('button', { name: 'Create token' }).click();
    await owner
      .locator('.field', { has: owner.getByLabel('Client', { exact: true }) })
      .getByText(/is required for a kpi-readings token/)
      .waitFor();

    const setup = await createToken(owner, 'setup', 'Acme Robotics only', WRITE);
    const script = await createToken(owner, 'nightly job', 'Acme Robotics only', READINGS);
    await owner
      .getByRole('row')
      .filter({ hasText: 'nightly job' })
      .getByText('Acme Robotics, KPI readings only')
      .waitFor();

    const call = (token: string, method: string, path: string, body?: unknown) =>
      fetch(`${keel.url}/api/v1/clients/${clientId}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const kpi = {
      name: 'Weekly active users',
      direction: 'higher',
      target: 900,
      cadence: 'weekly',
    };
    expect((await call(setup, 'POST', '/kpis', kpi)).status).toBe(201);

    const reading = await call(script, 'POST', '/kpi-readings', {
      kpi: 'Weekly active users',
      value: 812,
      date: '2026-11-24',
      source: 'nightly-job',
    });
    const listed = await call(script, 'GET', '/kpis');
    const newKpi = await call(script, 'POST', '/kpis', { ...kpi, name: 'Churn' });
    const client = await call(script, 'GET', '');

    expect(reading.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(newKpi.status).toBe(403);
    expect(((await newKpi.json()) as { error: { message: string } }).error.message).toContain(
      "this token's scope is kpi-readings",
    );
    expect(client.status).toBe(403);
  });
});
