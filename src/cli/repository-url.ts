/**
 * @module What the CLI commands that read a git URL share (`keel audit`, `keel secrets`): the
 * `--token-env VAR` option for a private repository (the user name sent with the token comes
 * from `KEEL_GIT_USER`, which the git-source engine reads and checks), and the refusal, before
 * anything runs, of
 * a URL carrying credentials (already in `ps` and the shell history, and bound for git's
 * config and messages). Commands that take a folder refuse URLs with the same masking.
 */
import type { Command } from 'commander';
import {
  hasUrlCredentials,
  isGitUrl,
  maskUrlCredentials,
} from '../engines/git-source/git-source.ts';
import { CliError } from './cli-error.ts';

/** Where a token goes on the command line, in the words of every message that needs it. */
export const TOKEN_ENV_HINT = 'put the token in an environment variable and pass --token-env VAR';

/** Adds `--token-env <VAR>` to a command, described the same way everywhere. */
export function addTokenEnvOption(command: Command): Command {
  return command.option(
    '--token-env <VAR>',
    'clone a private https URL with the access token held in this environment variable (never put the token in the URL); git sends it with the user name x-access-token, or the one in KEEL_GIT_USER for a host that wants another (Bitbucket: KEEL_GIT_USER=x-token-auth)',
  );
}

/** Throws (exit 2) when a git URL carries credentials; the message shows them masked. */
export function refuseUrlCredentials(target: string): void {
  if (isGitUrl(target) && hasUrlCredentials(target))
    throw new CliError(
      `refused git URL ${maskUrlCredentials(target)}: the URL carries credentials; ${TOKEN_ENV_HINT}`,
      2,
    );
}

/**
 * How a --token-env argument appears in messages: a conventional variable name as given; anything
 * else may be the token itself, typed where its variable's name belongs, so it is not repeated.
 */
const shown = (variable: string): string =>
  /^[A-Z_][A-Z0-9_]{0,63}$/.test(variable) ? `--token-env ${variable}` : '--token-env';

/** The token named by --token-env: read from the environment, never from the command line. */
export function tokenFromEnv(variable: string | undefined): string | undefined {
  if (variable === undefined) return undefined;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable))
    throw new CliError(
      `${shown(variable)}: give the name of an environment variable holding the token, not the token (GIT_TOKEN=… keel … --token-env GIT_TOKEN)`,
      2,
    );
  const token = process.env[variable];
  if (!token) {
    const label = shown(variable);
    const name = label === '--token-env' ? 'it names' : variable;
    throw new CliError(
      `${label}: the environment variable ${name} is ${token === undefined ? 'not set' : 'empty'}`,
      2,
    );
  }
  return token;
}

/**
 * The checks every URL-reading command runs first: the URL's credentials, then the token.
 * Returns the token, if one was named.
 */
export function repositoryAccess(target: string, tokenEnv: string | undefined): string | undefined {
  refuseUrlCredentials(target);
  return tokenFromEnv(tokenEnv);
}

/** For a command that reads a folder: a git URL is refused, masked, with what to do instead. */
export function refuseGitUrlForFolder(target: string, command: string): void {
  if (isGitUrl(target))
    throw new CliError(
      `${maskUrlCredentials(target)}: ${command} reads a folder, not a git URL; clone the repository and pass its folder`,
      2,
    );
}
