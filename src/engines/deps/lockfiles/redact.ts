/**
 * @module Keeps lockfile content out of error messages. Lockfiles hold URLs with tokens in them
 * (`git+https://x-access-token:ghp_…@github.com/…`), and errors go to stderr, every report format
 * and the server's stored scan summaries, so parsers name the line and what was expected instead
 * of quoting it; the few fragments they do quote (a package key) go through `stripCredentials`.
 */

const urlCredentials = /([a-z][a-z0-9+.-]*:\/\/)[^\s/@"'`]*@/gi;

/** Removes the `user:password@` part of every URL in `text`. */
export const stripCredentials = (text: string): string => text.replace(urlCredentials, '$1');

/**
 * A JSON syntax error without the excerpt V8 quotes (`Unexpected token 'h', "{"url": https://u…"
 * is not valid JSON`), keeping the position, which the caller turns into a line.
 */
export const jsonErrorWithoutExcerpt = (message: string): string =>
  message.replace(/, ".*" is not valid JSON$/s, ' (not valid JSON)');
