/**
 * @module Git URL targets of `keel secrets`: a thin adapter over the shared git-source module
 * (one place refuses option injection, `ext::` and `file://`, and runs clones with a time limit).
 */
import { cacheDirFor, fetchSource, isGitUrl, refuseGitUrl } from '../git-source/git-source.ts';
import type { Result } from './types.ts';
import { err, ok } from './types.ts';

export { isGitUrl };

export interface UrlPolicy {
  isFileAllowed?: boolean | undefined;
}

/** Refuses anything git could read as an option or a command to run. */
export function validateGitUrl(url: string, policy: UrlPolicy = {}): Result<string> {
  const refusal = refuseGitUrl(url, { allowFileUrls: policy.isFileAllowed });
  return refusal ? err(`refusing git URL: ${refusal}`) : ok(url);
}

/** Clones (or fetches) the URL into `$KEEL_CACHE_DIR` (else `.keel-cache/`); returns the checkout. */
export async function cloneToCache(url: string, policy: UrlPolicy = {}): Promise<Result<string>> {
  const fetched = await fetchSource({
    url,
    dir: cacheDirFor(url),
    allowFileUrls: policy.isFileAllowed,
  });
  return fetched.ok ? ok(fetched.value.dir) : fetched;
}
