import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRepo } from '../secrets/fixtures/git-repo.ts';
import {
  displayUrl,
  fetchSource,
  hasUrlCredentials,
  hostOf,
  isGitUrl,
  maskUrlCredentials,
  redact,
  refuseGitUrl,
  refuseTokenUser,
} from './git-source.ts';

describe('git source', () => {
  it('refuses option injection, remote helpers, odd transports and file:// unless allowed', () => {
    const refused = [
      '--upload-pack=touch /tmp/x',
      'ext::sh -c touch% /tmp/pwned',
      'https://h.test/a.git --upload-pack=x',
      'https://h.test/a.git\n-c',
      'file:///etc',
      'ftp://h.test/a.git',
      'https://user:secret@h.test/a.git',
    ];

    const reasons = refused.map((url) => refuseGitUrl(url));

    expect(reasons.every((r) => typeof r === 'string')).toBe(true);
    expect(refuseGitUrl('file:///srv/repo.git', { allowFileUrls: true })).toBeNull();
    expect(refuseGitUrl('https://git.acme.test/a/b.git')).toBeNull();
    expect(refuseGitUrl('git@git.acme.test:a/b.git')).toBeNull();
  });

  it('refuses any credential in a URL, masked in the message: a token alone, user and password, an `@` inside', () => {
    const token = 'ghp_' + 'Qm3Xr8Tz1Lp6Vw9Nb4Kc7Yd2';
    const carrying = [
      `https://${token}@git.acme.test/a/b.git`,
      `https://x-access-token:${token}@git.acme.test/a/b.git`,
      `https://me:${token}@with-at@git.acme.test/a/b.git`,
      `http://${token}:@git.acme.test:8080/a/b.git`,
      `git://${token}@git.acme.test/a/b.git`,
      `ssh://git:${token}@git.acme.test/a/b.git`,
    ];

    const reasons = carrying.map((url) => refuseGitUrl(url, { tokenHint: 'use --token-env VAR' }));

    expect(carrying.every(hasUrlCredentials)).toBe(true);
    expect(reasons[0]).toBe(
      'the URL carries credentials (https://***@git.acme.test/a/b.git); use --token-env VAR',
    );
    expect(maskUrlCredentials(carrying[2]!)).toBe('https://***@git.acme.test/a/b.git');
    expect(maskUrlCredentials(carrying[3]!)).toBe('http://***@git.acme.test:8080/a/b.git');
    expect(reasons.every((reason) => reason?.startsWith('the URL carries credentials ('))).toBe(
      true,
    );
    expect(reasons.join('\n')).not.toContain(token);
    expect(refuseGitUrl(carrying[0]!)).toMatch(/put the access token in the token field/);
    // An ssh login name is not a secret; a path holding an `@` is no user information.
    for (const url of [
      'ssh://git@git.acme.test/a/b.git',
      'git@git.acme.test:a/b.git',
      'https://git.acme.test/@scope/b.git',
    ]) {
      expect(hasUrlCredentials(url)).toBe(false);
      expect(refuseGitUrl(url)).toBeNull();
    }
  });

  it('redacts URL credentials in git messages, up to the last `@` of the host part', () => {
    const message = "fatal: unable to access 'https://me:p@ss@git.acme.test/a.git/': 403";

    expect(redact(message)).toBe("fatal: unable to access 'https://***@git.acme.test/a.git/': 403");
  });

  it('tells URLs from folders and finds the host', () => {
    expect(['https://h.test/a.git', 'git@h.test:a/b.git', 'ext::x'].every(isGitUrl)).toBe(true);
    expect(['.', '/tmp/repo', 'src'].some(isGitUrl)).toBe(false);
    expect(hostOf('git@Git.Acme.test:a/b.git')).toBe('git.acme.test');
    expect(hostOf('https://[::1]:8443/a.git')).toBe('::1');
    expect(displayUrl('https://bot@h.test/a.git')).toBe('https://h.test/a.git');
  });

  it('clones a file:// repository when allowed, then fetches new commits into the same folder', async () => {
    const origin = buildRepo();
    origin.write('README.md', 'hello\n');
    origin.commit('init');
    const dir = join(mkdtempSync(join(tmpdir(), 'keel-src-')), 'clone');

    const first = await fetchSource({ url: `file://${origin.dir}`, dir, allowFileUrls: true });
    origin.write('more.txt', 'x\n');
    origin.commit('more');
    const second = await fetchSource({ url: `file://${origin.dir}`, dir, allowFileUrls: true });

    expect(first.ok && first.value.isFresh).toBe(true);
    expect(second.ok && !second.value.isFresh).toBe(true);
    expect(readFileSync(join(dir, 'more.txt'), 'utf8')).toBe('x\n');
  });

  it('asks the host policy first and stops when it refuses', async () => {
    const asked: string[] = [];

    const result = await fetchSource({
      url: 'https://metadata.internal.test/a.git',
      dir: join(mkdtempSync(join(tmpdir(), 'keel-src-')), 'c'),
      checkHost: async (host) => {
        asked.push(host);
        return { ok: false, error: `${host} resolves to a cloud metadata address` };
      },
    });

    expect(asked).toEqual(['metadata.internal.test']);
    expect(!result.ok && result.error).toMatch(/metadata address/);
  });

  it('hands the token to git through the credential helper, never in the URL or the error', async () => {
    const token = 'tok_' + 'Zx81QwErTy55';

    const { seen, result } = await fetchWithRecordedAuth({ token });

    expect(seen).toContain(`x-access-token:${token}`);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('sends the user name given with the token, over KEEL_GIT_USER, which beats the default', async () => {
    const token = 'tok_' + 'Ub27MnBv90Kd';
    const before = process.env.KEEL_GIT_USER;
    process.env.KEEL_GIT_USER = 'instance-user';
    try {
      const given = await fetchWithRecordedAuth({ token, tokenUser: 'x-token-auth' });
      const fromEnv = await fetchWithRecordedAuth({ token });

      expect(given.seen).toContain(`x-token-auth:${token}`);
      expect(fromEnv.seen).toContain(`instance-user:${token}`);
    } finally {
      if (before === undefined) delete process.env.KEEL_GIT_USER;
      else process.env.KEEL_GIT_USER = before;
    }
  });

  it('refuses a user name that is not a plain one, before git runs, without repeating it', async () => {
    const token = 'tok_' + 'Pw63RtYu18Lz';
    const bad = [
      '',
      'me:secret',
      'x-token-auth\npassword=x',
      'two words',
      'é-user',
      'u'.repeat(101),
    ];

    const reasons = bad.map(refuseTokenUser);
    const { seen, result } = await fetchWithRecordedAuth({ token, tokenUser: 'me:secret' });

    expect(reasons.every((reason) => typeof reason === 'string')).toBe(true);
    expect(reasons[1]).toMatch(/may not contain ":"/);
    expect(reasons[2]).toMatch(/spaces or control characters/);
    expect(
      ['x-token-auth', 'oauth2', 'dev.one+ci@acme.test', 'u'.repeat(100)].map(refuseTokenUser),
    ).toEqual([null, null, null, null]);
    expect(seen).toEqual([]);
    expect(!result.ok && result.error).toBe(
      'the user name for the token is refused: a user name may not contain ":" (it would be read as user name and password)',
    );
  });
});

/**
 * Runs fetchSource against a loopback HTTP server that asks for Basic auth, records the
 * `user:password` it is sent and refuses it.
 */
async function fetchWithRecordedAuth(options: { token: string; tokenUser?: string }) {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const auth = request.headers.authorization;
    if (!auth) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      return;
    }
    seen.push(Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString());
    response.writeHead(403).end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  try {
    const result = await fetchSource({
      url: `http://127.0.0.1:${port}/acme/app.git`,
      dir: join(mkdtempSync(join(tmpdir(), 'keel-src-')), 'c'),
      timeoutMs: 20_000,
      ...options,
    });
    return { seen, result };
  } finally {
    server.close();
  }
}
