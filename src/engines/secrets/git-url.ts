/**
 * @module Git URL targets: validate (no option injection, no `ext::` transports, `file://`
 * only when allowed) and clone or refresh into a cache folder.
 * Kept here until the audit engine's clone helper lands; the two are to be merged.
 */
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runGit } from './git.ts';
import type { Result } from './types.ts';
import { err, ok } from './types.ts';

const SCP_LIKE = /^[\w.-]+@[\w.-]+:[\w./~-]+$/;
const URL_LIKE = /^(?:https?|ssh|git|file):\/\//i;

/** True when the target should be cloned rather than read as a folder. */
export const isGitUrl = (target: string): boolean =>
  URL_LIKE.test(target) || SCP_LIKE.test(target) || target.includes('::');

export interface UrlPolicy {
  isFileAllowed?: boolean;
}

/** Refuses anything git could read as an option or a command to run. */
export function validateGitUrl(url: string, policy: UrlPolicy = {}): Result<string> {
  if (url.startsWith('-'))
    return err(`refusing git URL ${JSON.stringify(url)}: it starts with "-" (option injection)`);
  if (/[\s\0]/.test(url))
    return err('refusing git URL: it contains whitespace or control characters');
  if (/--upload-pack|--receive-pack|--config|-c\s/i.test(url))
    return err('refusing git URL: it carries git options');
  if (url.includes('::'))
    return err(
      `refusing git URL ${JSON.stringify(url)}: transport helpers ("ext::", "fd::") are not allowed`,
    );
  if (/^file:\/\//i.test(url) && !policy.isFileAllowed)
    return err('refusing file:// URL (pass --allow-file-url to scan a local repository this way)');
  if (!URL_LIKE.test(url) && !SCP_LIKE.test(url))
    return err(`not a git URL: ${JSON.stringify(url)}`);
  return ok(url);
}

/** `$KEEL_CACHE_DIR`, else `.keel-cache/` in the working directory. */
export const cacheRoot = (): string => resolve(process.env.KEEL_CACHE_DIR ?? '.keel-cache');

/** Clones (or fetches) the URL into the cache and returns the checkout folder. */
export async function cloneToCache(url: string, policy: UrlPolicy = {}): Promise<Result<string>> {
  const valid = validateGitUrl(url, policy);
  if (!valid.ok) return valid;
  const dir = join(
    cacheRoot(),
    'repos',
    createHash('sha256').update(url).digest('hex').slice(0, 16),
  );
  const protocol = [
    '-c',
    'protocol.ext.allow=never',
    '-c',
    `protocol.file.allow=${policy.isFileAllowed ? 'always' : 'never'}`,
  ];
  const exists = await stat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
  if (exists) {
    const fetched = await runGit(
      [...protocol, 'fetch', '--quiet', '--prune', '--tags', 'origin'],
      dir,
    );
    if (!fetched.ok || fetched.value.code !== 0)
      return err(
        `git fetch failed for ${url}: ${fetched.ok ? fetched.value.stderr.trim() : fetched.error}`,
      );
    const checkout = await runGit(
      ['checkout', '--quiet', '--force', '--detach', 'origin/HEAD'],
      dir,
    );
    if (checkout.ok && checkout.value.code !== 0)
      await runGit(['checkout', '--quiet', '--force', '--detach', 'FETCH_HEAD'], dir);
    return ok(dir);
  }
  await mkdir(join(cacheRoot(), 'repos'), { recursive: true });
  const cloned = await runGit(
    [...protocol, 'clone', '--quiet', '--no-local', '--', url, dir],
    process.cwd(),
  );
  if (!cloned.ok) return err(cloned.error);
  if (cloned.value.code !== 0)
    return err(
      `git clone failed for ${url}: ${cloned.value.stderr.trim().split('\n').pop() ?? ''}`,
    );
  return ok(dir);
}
