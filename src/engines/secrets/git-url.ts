/**
 * @module Git URL targets of `keel secrets`: a thin adapter over the shared git-source module
 * (one place refuses option injection, `ext::`, `file://` and credentials in the URL, hands a
 * token to git through its environment, and runs clones with a time limit).
 */
import { cacheDirFor, fetchSource, isGitUrl, refuseGitUrl } from '../git-source/git-source.ts';
import type { Result } from './types.ts';
import { err, ok } from './types.ts';

export { isGitUrl };

export interface UrlPolicy {
  isFileAllowed?: boolean | undefined;
  /** Access token for a private https URL: reaches git through its environment only. */
  token?: string | undefined;
  /** Where a token goes instead of the URL, in the caller's words (the CLI: `--token-env`). */
  tokenHint?: string | undefined;
}

/** Refuses anything git could read as an option or a command to run. */
export function validateGitUrl(url: string, policy: UrlPolicy = {}): Result<string> {
  const refusal = refuseGitUrl(url, {
    allowFileUrls: policy.isFileAllowed,
    tokenHint: policy.tokenHint,
  });
  return refusal ? err(`refusing git URL: ${refusal}`) : ok(url);
}

/**
 * Clones (or fetches) the URL into `$KEEL_CACHE_DIR` (else `.keel-cache/`), with the policy's
 * token if any; returns the checkout.
 */
export async function cloneToCache(url: string, policy: UrlPolicy = {}): Promise<Result<string>> {
  const fetched = await fetchSource({
    url,
    dir: cacheDirFor(url),
    allowFileUrls: policy.isFileAllowed,
    token: policy.token,
    tokenHint: policy.tokenHint,
  });
  return fetched.ok ? ok(fetched.value.dir) : fetched;
}
