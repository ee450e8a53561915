import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { refuseGitUrlForFolder, repositoryAccess, tokenFromEnv } from './repository-url.ts';

/** The message of the CliError `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as CliError).message;
  }
  throw new Error('expected a CliError');
}

describe('repository URL options of the CLI', () => {
  const token = 'ghp_' + 'Vn2Lq8Xr5Tz1Mp7Wb4Kc9Yd3Hf6Jg0';

  afterEach(() => {
    delete process.env.REPO_TOKEN_TEST;
  });

  it('reads the token from the named variable, after refusing a URL that carries one', () => {
    process.env.REPO_TOKEN_TEST = token;

    const read = repositoryAccess('https://git.acme.test/a.git', 'REPO_TOKEN_TEST');
    const refused = messageOf(() =>
      repositoryAccess(`https://${token}@git.acme.test/a.git`, 'REPO_TOKEN_TEST'),
    );

    expect(read).toBe(token);
    expect(refused).toBe(
      'refused git URL https://***@git.acme.test/a.git: the URL carries credentials; put the token in an environment variable and pass --token-env VAR',
    );
  });

  it('does not repeat a --token-env value that may be the token itself', () => {
    const given = [token, 'glpat-Q7rT2xW9mK4pL8vZ3nB6'];

    const messages = given.map((value) => messageOf(() => tokenFromEnv(value)));

    expect(messages[0]).toBe('--token-env: the environment variable it names is not set');
    expect(messages[1]).toMatch(/^--token-env: give the name of an environment variable/);
    expect(messages.join('\n')).not.toMatch(/ghp_|glpat-/);
    expect(messageOf(() => tokenFromEnv('REPO_TOKEN_TEST'))).toBe(
      '--token-env REPO_TOKEN_TEST: the environment variable REPO_TOKEN_TEST is not set',
    );
  });

  it('refuses a git URL where a folder is read, masked', () => {
    const message = messageOf(() =>
      refuseGitUrlForFolder(`https://${token}@git.acme.test/a.git`, 'keel deps'),
    );

    expect(message).toBe(
      'https://***@git.acme.test/a.git: keel deps reads a folder, not a git URL; clone the repository and pass its folder',
    );
  });
});
