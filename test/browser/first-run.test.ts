/**
 * The first hour of Keel in a real browser: set up the owner, sign out and in, create two
 * clients, invite a founder to one; the founder signs up from the link, sees only that client,
 * and cannot reach the other by URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startKeelProcess, type RunningKeel } from './browser-harness.ts';

describe('first run in a browser', () => {
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

  it('sets up, creates clients, invites a founder who sees only their client', async () => {
    const owner = await browser.newPage();
    await owner.goto(keel.url);

    await owner.getByRole('heading', { name: 'Welcome to Keel' }).waitFor();
    await owner.getByLabel('Your name').fill('Olivia Owner');
    await owner.getByLabel('Email').fill('olivia@cto.example');
    await owner.getByLabel('Password').fill('a strong password');
    await owner.getByRole('button', { name: 'Create owner account' }).click();
    await owner.getByRole('heading', { name: 'Portfolio' }).waitFor();

    await owner.getByRole('button', { name: 'Sign out' }).click();
    await owner.getByRole('heading', { name: 'Sign in to Keel' }).waitFor();
    await owner.getByLabel('Password').fill('the wrong password');
    await owner.getByLabel('Email').fill('olivia@cto.example');
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await owner.getByRole('alert').filter({ hasText: 'wrong email or password' }).waitFor();
    await owner.getByLabel('Password').fill('a strong password');
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await owner.getByRole('heading', { name: 'Portfolio' }).waitFor();

    const clientUrls: string[] = [];
    for (const [name, stack] of [
      ['Acme Robotics', 'Python, ROS'],
      ['Globex Health', 'TypeScript, PostgreSQL'],
    ] as const) {
      await owner.getByRole('button', { name: 'New client' }).click();
      await owner.getByLabel('Company name').fill(name);
      await owner.getByLabel('Stage').selectOption('seed');
      await owner.getByLabel('Stack (comma-separated)').fill(stack);
      await owner.getByLabel('What is blocking them right now').fill(`${name} cannot ship weekly`);
      await owner.getByRole('button', { name: 'Create client' }).click();
      await owner.getByRole('heading', { name }).waitFor();
      await owner.getByRole('heading', { name: 'Security, compliance & releases' }).waitFor();
      clientUrls.push(owner.url());
      await owner.getByRole('link', { name: 'Portfolio' }).click();
    }
    await owner.getByRole('link', { name: 'Acme Robotics' }).waitFor();
    await owner.getByRole('link', { name: 'Globex Health' }).waitFor();

    await owner.getByRole('link', { name: 'People' }).click();
    await owner.getByLabel('Email').fill('fiona@acme.example');
    await owner.getByLabel(/Founder/).check();
    await owner.getByLabel('Acme Robotics').check();
    await owner.getByRole('button', { name: 'Create invite link' }).click();
    const inviteLink = await owner.getByLabel('Invite link').inputValue();
    expect(inviteLink).toMatch(/\/invite#token=/);

    const founderContext = await browser.newContext();
    const founder = await founderContext.newPage();
    await founder.goto(inviteLink);
    await founder.getByText('You are invited as').waitFor();
    await founder.getByLabel('Your name').fill('Fiona Founder');
    await founder.getByLabel('Choose a password').fill('founder password 1');
    await founder.getByRole('button', { name: 'Create my account' }).click();
    await founder.getByRole('heading', { name: 'Portfolio' }).waitFor();

    await founder.getByRole('link', { name: 'Acme Robotics' }).waitFor();
    const visible = await founder
      .getByRole('list', { name: 'Clients' })
      .getByRole('heading')
      .allTextContents();
    expect(visible).toEqual(['Acme Robotics']);
    await expect(founder.getByRole('button', { name: 'New client' }).count()).resolves.toBe(0);

    await founder.goto(clientUrls[1]!);
    await founder.getByRole('alert').filter({ hasText: 'client not found' }).waitFor();
    await expect(founder.getByRole('heading', { name: 'Globex Health' }).count()).resolves.toBe(0);

    await founder.goto(clientUrls[0]!);
    await founder.getByRole('heading', { name: 'Acme Robotics' }).waitFor();
    await expect(founder.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0);
    await founderContext.close();
  });
});
