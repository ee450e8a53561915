/**
 * @module Git URL sources, shared by the audit and secrets engines and the server's scan jobs:
 * refuse URLs that git could read as options or commands, check the host through a caller's
 * policy (the server passes its SSRF check), then clone or refresh into a folder with a time
 * limit. An access token reaches git through a credential helper reading an environment
 * variable: never on the command line, never in the stored remote URL.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, rm, stat, statfs } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };
const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

const SCP_LIKE = /^[\w.-]+@[\w.-]+:(?!\/\/)/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** True when the input names a remote (or `file://`) repository rather than a folder. */
export function isGitUrl(input: string): boolean {
  return SCHEME.test(input) || SCP_LIKE.test(input) || /^[a-z][a-z0-9+.-]*::/i.test(input);
}

/** Where a caller's users put a token instead of the URL (the server's form has a token field). */
export const TOKEN_FIELD_HINT =
  'put the access token in the token field instead, where Keel stores it encrypted';

/**
 * The user-information part of a URL (`TOKEN@`, `user:password@`), as the WHATWG parser finds
 * it: everything before the last `@` of the authority. Null when there is none.
 */
function userinfoOf(url: string): string | null {
  const scheme = SCHEME.exec(url);
  if (!scheme) return null;
  const rest = url.slice(scheme[0].length);
  const authority = rest.slice(0, rest.search(/[/?#\\]|$/));
  const at = authority.lastIndexOf('@');
  return at === -1 ? null : authority.slice(0, at);
}

/**
 * True when the URL carries a credential: any user information in an http(s) or git URL (a
 * token alone, `https://TOKEN@host/…`, looks like a user name), a password in an ssh URL. The
 * user name of an ssh URL (`ssh://git@host/…`, `git@host:org/repo.git`) is a login, not a secret.
 */
export function hasUrlCredentials(url: string): boolean {
  if (!SCHEME.test(url)) return false;
  const isSsh = /^ssh:/i.test(url);
  const userinfo = userinfoOf(url);
  if (userinfo && (!isSsh || userinfo.includes(':'))) return true;
  try {
    const parsed = new URL(url);
    return parsed.password !== '' || (!isSsh && parsed.username !== '');
  } catch {
    return false;
  }
}

/** The URL with its user information replaced by `***`, for messages about it. */
export function maskUrlCredentials(url: string): string {
  const scheme = SCHEME.exec(url);
  const userinfo = userinfoOf(url);
  if (!scheme || userinfo === null) return url;
  return `${scheme[0]}***${url.slice(scheme[0].length + userinfo.length)}`;
}

/**
 * Why a URL is refused, or null when it may be cloned. `tokenHint` says where a token goes
 * instead of the URL, in the caller's words (the CLI names its `--token-env` option); the
 * refusal of a URL carrying credentials shows it with them masked.
 */
export function refuseGitUrl(
  url: string,
  options: { allowFileUrls?: boolean | undefined; tokenHint?: string | undefined } = {},
): string | null {
  if (url.startsWith('-')) return 'a URL may not start with "-" (git would read it as an option)';
  if (/^[a-z][a-z0-9+.-]*::/i.test(url) || url.includes('::'))
    return 'remote-helper URLs such as ext:: are refused';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\0-\x1f\x7f]/.test(url)) return 'a URL may not contain spaces or control characters';
  if (/--upload-pack|--receive-pack|--config|(^|[\s=])-c\b/i.test(url))
    return 'a URL may not carry git options such as --upload-pack';
  if (hasUrlCredentials(url))
    return `the URL carries credentials (${maskUrlCredentials(url)}); ${options.tokenHint ?? TOKEN_FIELD_HINT}`;
  if (/^file:/i.test(url))
    return options.allowFileUrls ? null : 'file:// URLs are refused (read the folder directly)';
  if (SCP_LIKE.test(url)) return null;
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !['https', 'http', 'ssh', 'git'].includes(scheme))
    return `the ${scheme ?? 'unknown'} transport is refused (use https, ssh or git)`;
  try {
    const parsed = new URL(url);
    if (!parsed.hostname) return 'the URL names no host';
  } catch {
    return 'not a valid URL';
  }
  return null;
}

/** The host a URL would connect to, or null for `file://`. */
export function hostOf(url: string): string | null {
  if (/^file:/i.test(url)) return null;
  const scp = /^[\w.-]+@([\w.-]+):/.exec(url);
  if (scp && !SCHEME.test(url)) return scp[1]!.toLowerCase();
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/** The URL without user name or password, fit for logs and the database. */
export function displayUrl(url: string): string {
  if (!SCHEME.test(url)) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * Decides whether a host may be reached; returns the addresses git may connect to (pinned for
 * http(s) so a second DNS answer cannot point git somewhere else), or why not.
 */
export type HostCheck = (host: string) => Promise<Result<string[]>>;

/** The user name git sends with a token when none is given (GitHub, GitLab and most forges). */
export const DEFAULT_TOKEN_USER = 'x-access-token';

/**
 * Why a user name to send with a token is refused, or null: letters, digits and `._@+-`, 1 to
 * 100 characters. Anything else could break the credential helper's `key=value` lines (a line
 * break, a `:`) or is not a user name. The value is not repeated: it may be a pasted token.
 */
export function refuseTokenUser(user: string): string | null {
  if (user === '') return `the user name is empty; leave it out to use ${DEFAULT_TOKEN_USER}`;
  if (user.length > 100) return 'a user name is at most 100 characters';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\0-\x1f\x7f]/.test(user))
    return 'a user name may not contain spaces or control characters';
  if (user.includes(':'))
    return 'a user name may not contain ":" (it would be read as user name and password)';
  if (!/^[A-Za-z0-9._@+-]+$/.test(user))
    return 'a user name may only hold letters, digits and . _ @ + -';
  return null;
}

export interface FetchOptions {
  url: string;
  /** The checkout folder; created, or refreshed when it already holds a clone. */
  dir: string;
  token?: string | undefined;
  /**
   * The user name sent with the token, for a forge that wants a particular one (Bitbucket's
   * `x-token-auth`); else `KEEL_GIT_USER` from the environment, else `x-access-token`. Unused
   * without a token.
   */
  tokenUser?: string | undefined;
  allowFileUrls?: boolean | undefined;
  /**
   * Where a token goes, in the caller's words: told when a URL carries credentials and when the
   * server asks for a token that was not given.
   */
  tokenHint?: string | undefined;
  checkHost?: HostCheck | undefined;
  timeoutMs?: number | undefined;
  /** Refuse to clone when the folder's disk has less free space than this. */
  minFreeBytes?: number | undefined;
}

export interface FetchedSource {
  dir: string;
  isFresh: boolean;
  isShallow: boolean;
  /** Things the caller should tell the user (a refresh that failed, a shallow history). */
  notes: string[];
}

const BASE_ENV: NodeJS.ProcessEnv = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new',
  LC_ALL: 'C',
};

/**
 * The helper prints the user name and the token from `KEEL_GIT_USER` and `KEEL_GIT_TOKEN`; the
 * command line only names the variables. Earlier helpers (a user's keychain) are reset so they
 * neither answer nor store the token.
 */
const CREDENTIAL_HELPER =
  '!f() { test "$1" = get || exit 0; echo "username=$KEEL_GIT_USER"; echo "password=$KEEL_GIT_TOKEN"; }; f';

/**
 * The user name to send with the token: the caller's, else `KEEL_GIT_USER` from the environment
 * (the CLI's way, and an instance-wide default on the server), else the default. A bad one is
 * refused, naming where it came from.
 */
function tokenUserOf(options: FetchOptions): Result<string> {
  const fromEnv = process.env.KEEL_GIT_USER;
  const [user, source] =
    options.tokenUser !== undefined
      ? [options.tokenUser, 'the user name for the token']
      : [fromEnv || DEFAULT_TOKEN_USER, 'KEEL_GIT_USER'];
  const refusal = refuseTokenUser(user);
  return refusal ? err(`${source} is refused: ${refusal}`) : ok(user);
}

function runGit(
  args: string[],
  options: { cwd: string; timeoutMs: number; env: NodeJS.ProcessEnv; secret?: string | undefined },
): Promise<Result<string>> {
  return new Promise((done) => {
    execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...BASE_ENV, ...options.env },
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return done(ok(stdout));
        const killed = (error as { killed?: boolean }).killed === true;
        const raw = killed
          ? `timed out after ${Number((options.timeoutMs / 1000).toFixed(1))} s`
          : stderr.trim().split('\n').filter(Boolean).pop() ||
            error.message.split('\n')[0] ||
            'git failed';
        done(err(redact(raw, options.secret)));
      },
    );
  });
}

/** Removes every occurrence of the secret (and URL credentials) from a message. */
export function redact(message: string, secret?: string): string {
  // Up to the last `@` before the path, as a URL parser reads it: a password may hold an `@`.
  let text = message.replace(/(\w+:\/\/)[^/?#\s]*@/g, '$1***@');
  if (secret && secret.length >= 4) text = text.split(secret).join('***');
  return text;
}

/**
 * git's last line, or a plain sentence when the server asked for credentials: none were given
 * (git could not prompt), or it refused the token. Neither names the token.
 */
function explain(gitError: string, options: FetchOptions): string {
  const isAuth =
    /could not read (Username|Password)|terminal prompts disabled|Authentication failed|returned error: 40[13]/i;
  if (!isAuth.test(gitError)) return gitError;
  const where = displayUrl(options.url);
  return options.token
    ? `authentication failed for ${where}: the server refused the access token (check that it is valid, has not expired and may read this repository)`
    : `authentication required: ${where} asks for credentials and no access token was given; ${options.tokenHint ?? TOKEN_FIELD_HINT}`;
}

function pinnedResolves(url: string, addresses: string[]): string[] {
  if (!/^https?:/i.test(url) || addresses.length === 0) return [];
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const list = addresses.map((a) => (a.includes(':') ? `[${a}]` : a)).join(',');
  return ['-c', `http.curloptResolve=${host}:${port}:${list}`];
}

/** Clones `url` into `dir`, or fetches and resets an existing clone there. */
export async function fetchSource(options: FetchOptions): Promise<Result<FetchedSource>> {
  const refusal = refuseGitUrl(options.url, {
    allowFileUrls: options.allowFileUrls,
    tokenHint: options.tokenHint,
  });
  if (refusal) return err(`refused git URL: ${refusal}`);
  // A user name given is checked even without a token (it is wrong either way); the
  // environment's only matters when it is used.
  const user =
    options.token || options.tokenUser !== undefined
      ? tokenUserOf(options)
      : ok(DEFAULT_TOKEN_USER);
  if (!user.ok) return user;
  const host = hostOf(options.url);
  let addresses: string[] = [];
  if (host && options.checkHost) {
    const checked = await options.checkHost(host);
    if (!checked.ok) return err(`refused git URL: ${checked.error}`);
    addresses = checked.value;
  }
  const timeoutMs = options.timeoutMs ?? 300_000;
  const dir = resolve(options.dir);
  await mkdir(dirname(dir), { recursive: true });
  const free = await statfs(dirname(dir))
    .then((s) => s.bavail * s.bsize)
    .catch(() => Number.POSITIVE_INFINITY);
  const minFree = options.minFreeBytes ?? 512 * 1024 ** 2;
  if (free < minFree)
    return err(
      `not enough free disk space for a clone (${Math.round(free / 1024 ** 2)} MiB free, ${Math.round(minFree / 1024 ** 2)} MiB needed)`,
    );
  const safety = [
    '-c',
    'protocol.ext.allow=never',
    '-c',
    `protocol.file.allow=${options.allowFileUrls ? 'always' : 'never'}`,
    '-c',
    'core.symlinks=false',
    '-c',
    'credential.helper=',
    ...(options.token ? ['-c', `credential.helper=${CREDENTIAL_HELPER}`] : []),
    ...pinnedResolves(options.url, addresses),
  ];
  // The user name goes beside the token, never in the URL: a URL may not carry one
  // (refuseGitUrl), as it cannot be told from a token.
  const env: NodeJS.ProcessEnv = options.token
    ? { KEEL_GIT_TOKEN: options.token, KEEL_GIT_USER: user.value }
    : {};
  const run = (args: string[], cwd: string) =>
    runGit(args, { cwd, timeoutMs, env, secret: options.token });
  const notes: string[] = [];
  const hasClone = await stat(join(dir, '.git')).then(
    () => true,
    () => false,
  );
  let isFresh = false;
  if (hasClone) {
    const fetched = await run([...safety, 'fetch', '--quiet', '--prune', '--tags', 'origin'], dir);
    if (!fetched.ok) return err(`git fetch failed: ${explain(fetched.error, options)}`);
    const head = await run(['rev-parse', '--verify', '--quiet', 'origin/HEAD'], dir);
    const target = head.ok ? 'origin/HEAD' : 'FETCH_HEAD';
    const reset = await run(['reset', '--quiet', '--hard', target], dir);
    if (!reset.ok) notes.push(`could not move the clone to the fetched commit: ${reset.error}`);
    await run(['clean', '-qfdx'], dir);
  } else {
    await rm(dir, { recursive: true, force: true });
    const cloned = await run(
      [
        ...safety,
        'clone',
        '--quiet',
        '--no-recurse-submodules',
        '--no-local',
        '--',
        options.url,
        dir,
      ],
      dirname(dir),
    );
    if (!cloned.ok) {
      await rm(dir, { recursive: true, force: true });
      return err(`git clone failed: ${explain(cloned.error, options)}`);
    }
    isFresh = true;
  }
  const shallow = await run(['rev-parse', '--is-shallow-repository'], dir);
  const isShallow = shallow.ok && shallow.value.trim() === 'true';
  if (isShallow) notes.push('shallow clone: history is partial and reported as such');
  return ok({ dir, isFresh, isShallow, notes });
}

/** `$KEEL_CACHE_DIR`, else `.keel-cache/` in the working directory: where the CLI keeps clones. */
export const cacheRoot = (cacheDir?: string): string =>
  resolve(cacheDir ?? process.env.KEEL_CACHE_DIR ?? '.keel-cache');

/** The cache folder for one URL (credentials left out of the key). */
export function cacheDirFor(url: string, cacheDir?: string): string {
  const key = createHash('sha256').update(displayUrl(url)).digest('hex').slice(0, 16);
  return join(cacheRoot(cacheDir), 'repos', key);
}
