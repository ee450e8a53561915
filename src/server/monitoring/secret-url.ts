/**
 * @module Secrets in an HTTP monitor's URL: the values of query parameters named like a
 * credential (`isSecretParam`: apikey, token, access_token, key, secret, password, sig…).
 * `secret-headers.ts` seals them in the monitor's credential row beside its secret headers,
 * under keys such as `?apikey` that no header name can take, and the stored URL keeps a mask in
 * their place: `https://api.example.com/health?apikey=ab…(41 chars)&page=2`, the same mask as a
 * header's, written as is (a URL parser percent-encodes the `…` and the space, so the stored
 * URL stays valid and reads well in the form); a mask that comes back percent- or form-encoded
 * (`ab%E2%80%A6(41%20chars)`) is recognised too. Values are kept exactly as written in the URL,
 * escapes and `+` included, so the URL a check sends is byte for byte the one the user gave (a
 * signature survives). The query is read by hand rather than with URLSearchParams, which would
 * re-encode it.
 */
import { isSecretParam } from '../../shared/monitoring.ts';
import { invalid } from '../http/app-error.ts';

const MASK = /…\(\d+ chars\)$/;

/** Whether a value is a mask (`Bearer ab…(41 chars)`, `…(12 chars)`), as written or URL-encoded. */
export const isMask = (value: string) => MASK.test(value) || MASK.test(decode(value));

/** A query parameter's mask: its length and, when long, its first two characters if plain. */
export function maskParam(value: string): string {
  const shown = value.length >= 20 && /^[\w.~-]{2}/.test(value) ? value.slice(0, 2) : '';
  return `${shown}…(${value.length} chars)`;
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** A URL around its query: before the `?`, the query, and the fragment with its `#`. */
function partsOf(url: string) {
  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : url.slice(hashAt);
  const queryAt = beforeHash.indexOf('?');
  return queryAt === -1
    ? { head: beforeHash, query: undefined, hash }
    : { head: beforeHash.slice(0, queryAt), query: beforeHash.slice(queryAt + 1), hash };
}

interface Param {
  /** Position among the query's `&`-separated parts. */
  index: number;
  /** Decoded, as written. */
  name: string;
  /** As written in the URL. */
  value: string;
  /** The sealed values' key of a secret one: `?apikey`, `?apikey#2` for the second. */
  key?: string;
}

/** The query's parameters that have a name and a value; secret ones carry their key. */
function paramsOf(url: string): Param[] {
  const { query } = partsOf(url);
  if (!query) return [];
  const seen = new Map<string, number>();
  const params: Param[] = [];
  query.split('&').forEach((part, index) => {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) return;
    const name = decode(part.slice(0, eq));
    const param: Param = { index, name, value: part.slice(eq + 1) };
    if (isSecretParam(name)) {
      const lower = name.toLowerCase();
      const nth = (seen.get(lower) ?? 0) + 1;
      seen.set(lower, nth);
      param.key = nth === 1 ? `?${lower}` : `?${lower}#${nth}`;
    }
    params.push(param);
  });
  return params;
}

/** The URL with the values of some query parts (by index) replaced; the rest untouched. */
function replaceValues(url: string, values: Map<number, string>): string {
  const { head, query, hash } = partsOf(url);
  if (query === undefined || values.size === 0) return url;
  const parts = query.split('&').map((part, index) => {
    const value = values.get(index);
    return value === undefined ? part : `${part.slice(0, part.indexOf('=') + 1)}${value}`;
  });
  return `${head}?${parts.join('&')}${hash}`;
}

/**
 * Splits a URL into what is stored (secret values replaced by their masks) and the secret
 * values by key. A mask sent back keeps the stored value of that parameter; a mask that
 * matches nothing stored, or stands in a parameter that is not secret, is refused.
 */
export function splitUrlSecrets(
  url: string,
  previous: { url: unknown; secrets: Record<string, string> } | undefined,
  field: string,
): { url: string; secrets: Record<string, string> } {
  const oldMasks = new Map(
    (typeof previous?.url === 'string' ? paramsOf(previous.url) : [])
      .filter((p) => p.key)
      .map((p) => [p.key!, decode(p.value)]),
  );
  const secrets: Record<string, string> = {};
  const masks = new Map<number, string>();
  for (const param of paramsOf(url)) {
    const masked = isMask(param.value);
    if (!param.key) {
      if (masked)
        throw invalid(
          `${field}.url`,
          `holds a masked value in "${param.name}", which is not a secret parameter; enter the value again`,
        );
      continue;
    }
    let value = param.value;
    if (masked) {
      const kept = previous?.secrets[param.key];
      if (kept === undefined || oldMasks.get(param.key) !== decode(param.value))
        throw invalid(
          `${field}.url`,
          `holds a masked value in "${param.name}" that matches no stored secret; enter the value again`,
        );
      value = kept;
    }
    secrets[param.key] = value;
    masks.set(param.index, maskParam(value));
  }
  return { url: replaceValues(url, masks), secrets };
}

/**
 * The URL a check sends: each mask replaced by its sealed value, or undefined when one has none.
 * A secret value stored in plain (a row older than this code) is sent as it is.
 */
export function withUrlSecrets(
  url: string,
  secrets: Record<string, string> | undefined,
): string | undefined {
  const values = new Map<number, string>();
  for (const param of paramsOf(url)) {
    if (!param.key || !isMask(param.value)) continue;
    const value = secrets?.[param.key];
    if (value === undefined) return undefined;
    values.set(param.index, value);
  }
  return replaceValues(url, values);
}

/** Whether a URL holds a secret query value in plain (not a mask). */
export const hasPlainUrlSecrets = (url: string) =>
  paramsOf(url).some((p) => p.key && !isMask(p.value));

/**
 * A URL fit for a message (a redirect loop names where it looped): the values of secret query
 * parameters and a password become `…`.
 */
export function displayUrl(url: URL): string {
  let href = url.href;
  if (url.password) {
    const shown = new URL(href);
    shown.password = 'x';
    // The user name cannot hold a bare colon: the first `:x@` is the password.
    href = shown.href.replace(':x@', ':…@');
  }
  const values = new Map(paramsOf(href).flatMap((p) => (p.key ? [[p.index, '…'] as const] : [])));
  return replaceValues(href, values);
}
