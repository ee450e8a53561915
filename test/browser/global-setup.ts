/**
 * Builds what `npm start` runs, when its sources changed: the web app (dist/web) and the server
 * bundle (dist/server). The browser tests then drive Keel exactly as a user starts it.
 */
import { ensureServerBuilt } from '../../scripts/server-build.mjs';
import { ensureWebBuilt } from '../../scripts/web-build.mjs';

export default async function setup(): Promise<void> {
  ensureWebBuilt();
  await ensureServerBuilt();
}
