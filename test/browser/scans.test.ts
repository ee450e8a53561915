/**
 * Audits and security in a real browser against `keel serve` (web and worker): connect a local
 * git repository with a token, run an audit and scans from the client page, read the score and
 * the findings, accept a risk, answer a checklist item. The token is never on any page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildGitRepo } from '../server/scan-factories.ts';
import {
  createClient,
  createOwner,
  launchBrowser,
  startKeelProcess,
  type RunningKeel,
} from './browser-harness.ts';

const TOKEN = 'glpat-' + 'BrowserTok3n99xyz';
const SECRET = 'ghp_' + 'R8xK2mPq7Lw9Zt4Vb6Nc1Yd3Hf5Jg0Ss8Ua2';

async function waitForText(page: Page, text: string | RegExp) {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      await page.getByText(text).first().waitFor({ timeout: 4000 });
      return;
    } catch {
      await page.reload();
    }
  }
  throw new Error(`never saw ${String(text)} in:\n${await page.locator('main').innerText()}`);
}

describe('audits and security in a browser', () => {
  let keel: RunningKeel;
  let browser: Browser;
  let page: Page; // signed in by the first test, which the second continues from

  beforeAll(async () => {
    keel = await startKeelProcess({ KEEL_GIT_ALLOW_FILE_URLS: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await keel?.stop();
  });

  it('connects a repository, audits and scans it, and handles a finding and the checklist', async () => {
    const repo = buildGitRepo({
      'README.md': '# Shop\n\n## Install\n\nnpm ci\n\n## Usage\n\nnpm start\n',
      'src/config.ts': `export const token = '${SECRET}';\n`,
      // A typo in the repository's own rules: the scan still runs, and the page says why.
      '.gitleaks.toml': '[extend]\nuseDefault = true\ndisabledRules = ["github-pat-typo"]\n',
    });
    page = await browser.newPage();
    await createOwner(page, keel.url);
    await createClient(page, 'Acme Shop');

    await page.getByRole('button', { name: 'Connect a repository' }).click();
    await page.getByLabel('Repository URL').fill(repo.url);
    await page.getByLabel('Name (optional)').fill('shop');
    await page.getByLabel(/Access token/).fill(TOKEN);
    await page.getByLabel('User name for the token (optional)').fill('x-token-auth');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByText(`token set …${TOKEN.slice(-4)}`).waitFor();
    await page.getByText('user x-token-auth').waitFor();
    await page.getByRole('button', { name: 'Audit now' }).click();
    await page.getByText('Audit of shop queued.').waitFor();
    await page.getByRole('button', { name: 'Scan now' }).click();
    await page.getByText(/scans of shop queued/).waitFor();
    await waitForText(page, 'Full audit result');
    await waitForText(page, /GitHub personal access token/);

    expect(await page.content()).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(SECRET);
    await page.getByRole('link', { name: 'Full audit result' }).click();
    await page.getByRole('heading', { name: 'Audit of shop' }).waitFor();
    await page.getByRole('heading', { name: 'Checks' }).waitFor();
    await page.goBack();

    await page.getByRole('link', { name: 'Findings and checklist' }).click();
    await page.getByRole('heading', { name: 'Security' }).waitFor();
    await page.getByText('Revoke and rotate this key first').waitFor();
    // Nothing was imported: the deps scan checked nothing, and the page says so.
    await page.getByText('advisories: none imported').first().waitFor();
    await page
      .getByRole('list', { name: 'Rule warnings' })
      .getByText(/github-pat-typo.*nothing was disabled/)
      .waitFor();
    await page.getByRole('button', { name: 'Accept the risk…' }).first().click();
    await page.getByLabel('Why is this acceptable?').fill('test key for the sandbox only');
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Until (it reopens then)').fill(until);
    await page.getByRole('button', { name: 'Accept', exact: true }).click();
    await page.getByText(/accepted: 1/).waitFor();

    await page.getByRole('button', { name: 'Answer' }).first().click();
    await page.getByLabel('Owner').fill('Dana');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Dana').waitFor();
    expect(await page.content()).not.toContain(SECRET);
  });

  it("shows each repository's own score in area 3, not only the one audited last", async () => {
    const billing = buildGitRepo({ 'billing.py': 'def charge(x):\n    return x\n' });
    await page.goto(keel.url);
    await page.getByRole('link', { name: 'Acme Shop' }).first().click();
    await page.getByRole('heading', { name: 'Acme Shop' }).waitFor();

    await page.getByRole('button', { name: 'Connect a repository' }).click();
    await page.getByLabel('Repository URL').fill(billing.url);
    await page.getByLabel('Name (optional)').fill('billing');
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'billing' })
      .getByRole('button', { name: 'Audit now' })
      .click();
    await page.getByText('Audit of billing queued.').waitFor();
    await waitForText(page, 'Full audit result of billing');

    const lines = await page.locator('.score-line').allInnerTexts();
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.includes('· shop'))).toMatch(/^\d+(\.\d)? \/ 10/);
    expect(lines.find((line) => line.includes('· billing'))).toMatch(/^\d+(\.\d)? \/ 10/);
    await page.getByRole('link', { name: 'Full audit result of shop' }).waitFor();
  });
});
