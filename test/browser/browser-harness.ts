/**
 * @module Browser test harness: the real `keel serve`, from the bundle that `npm start` runs, in a
 * child process on a temporary data directory and a free port, and Debian's Chromium driven by
 * playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.KEEL_CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(chromiumPath);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface RunningKeel {
  url: string;
  stop(): Promise<void>;
}

export async function startKeelProcess(env: Record<string, string> = {}): Promise<RunningKeel> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-browser-'));
  // The bundle `npm start` runs (built by global-setup.ts), so the shipped form is what is tested.
  const child: ChildProcess = spawn(process.execPath, ['dist/server/main.js', 'serve'], {
    env: {
      ...process.env,
      KEEL_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`keel did not start in time:\n${output}`)),
      180_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Keel is ready at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`keel exited with ${code}:\n${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first-run form: creates the owner account and waits for the portfolio. */
export async function createOwner(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Welcome to Keel' }).waitFor();
  await page.getByLabel('Your name').fill('Olivia Owner');
  await page.getByLabel('Email').fill('olivia@cto.example');
  await page.getByLabel('Password').fill('a strong password');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await page.getByRole('heading', { name: 'Portfolio' }).waitFor();
}

/** From the portfolio: "New client" with a name and stage, then waits for the client page. */
export async function createClient(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Company name').fill(name);
  await page.getByLabel('Stage').selectOption('seed');
  await page.getByRole('button', { name: 'Create client' }).click();
  await page.getByRole('heading', { name }).waitFor();
}
