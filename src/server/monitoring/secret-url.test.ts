/**
 * Secret query values in a monitor URL: masked in place and rebuilt byte for byte, repeated
 * parameters and fragments, a mask that survives URL re-serialization, refusals, and the URL a
 * message may show.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/app-error.ts';
import { scrubSecrets } from './secret-headers.ts';
import { displayUrl, isMask, maskParam, splitUrlSecrets, withUrlSecrets } from './secret-url.ts';

const KEY = 'k3y-0a1b2c3d4e5f60718293a4b5c6d7e8';

describe('secret query values', () => {
  it('masks secret values in place and rebuilds the URL exactly as written', () => {
    const url = `https://api.example.com/v1/health?apikey=${KEY}&page=2&Signature=a%2Bb+c%3D&token=#top`;

    const split = splitUrlSecrets(url, undefined, 'body.target');
    const rebuilt = withUrlSecrets(split.url, split.secrets);

    expect(split.url).toBe(
      `https://api.example.com/v1/health?apikey=k3…(34 chars)&page=2&Signature=…(10 chars)&token=#top`,
    );
    expect(split.secrets).toEqual({ '?apikey': KEY, '?signature': 'a%2Bb+c%3D' });
    expect(new URL(split.url).hostname).toBe('api.example.com');
    expect(rebuilt).toBe(url);
  });

  it('keeps repeated parameters apart and leaves harmless ones alone', () => {
    const url = 'https://h.example/?key=first-value&q=shoes&KEY=second-value&access_token=t0k3n';

    const split = splitUrlSecrets(url, undefined, 'target');

    expect(split.secrets).toEqual({
      '?key': 'first-value',
      '?key#2': 'second-value',
      '?access_token': 't0k3n',
    });
    expect(split.url).toBe(
      'https://h.example/?key=…(11 chars)&q=shoes&KEY=…(12 chars)&access_token=…(5 chars)',
    );
    expect(withUrlSecrets(split.url, split.secrets)).toBe(url);
  });

  it('keeps a stored value when its mask comes back, even re-serialized by a URL parser', () => {
    const first = splitUrlSecrets(
      `https://h.example/x?apikey=${KEY}&page=2`,
      undefined,
      'body.target',
    );
    const reparsed = new URL(first.url).href;
    const formEncoded = first.url.replace('…(34 chars)', '%E2%80%A6%2834+chars%29');

    const kept = splitUrlSecrets(
      reparsed,
      { url: first.url, secrets: first.secrets },
      'body.target',
    );
    const keptToo = splitUrlSecrets(formEncoded, { url: first.url, secrets: first.secrets }, 'b');

    expect(reparsed).toContain('apikey=k3%E2%80%A6(34%20chars)');
    expect(kept.secrets).toEqual(first.secrets);
    expect(keptToo.secrets).toEqual(first.secrets);
    expect(withUrlSecrets(kept.url, kept.secrets)).toBe(`https://h.example/x?apikey=${KEY}&page=2`);
  });

  it('refuses a mask that matches nothing stored, or that stands in a harmless parameter', () => {
    const attempt = (url: string) => {
      try {
        splitUrlSecrets(
          url,
          { url: 'https://h.example/?apikey=…(3 chars)', secrets: {} },
          'body.target',
        );
        return undefined;
      } catch (error) {
        return error as AppError;
      }
    };

    const unmatched = attempt('https://h.example/?apikey=…(3 chars)');
    const harmless = attempt('https://h.example/?page=…(3 chars)');

    expect(unmatched).toBeInstanceOf(AppError);
    expect(unmatched?.message).toMatch(/apikey.*matches no stored secret/);
    expect(harmless?.message).toMatch(/"page", which is not a secret parameter/);
  });

  it('sends a value an older version stored in plain, and nothing for a mask without its value', () => {
    expect(withUrlSecrets('https://h.example/?token=plain-old', undefined)).toBe(
      'https://h.example/?token=plain-old',
    );
    expect(withUrlSecrets('https://h.example/?token=…(9 chars)', {})).toBeUndefined();
  });

  it('shows a URL in a message without its secret values or password', () => {
    const url = new URL(`https://bot:hunter2@h.example/loop?apikey=${KEY}&page=2`);

    expect(displayUrl(url)).toBe('https://bot:…@h.example/loop?apikey=…&page=2');
  });

  it('masks like a header: the length, and two characters of a long plain value only', () => {
    expect(maskParam('short')).toBe('…(5 chars)');
    expect(maskParam('%2Fslash-first-in-a-long-value')).toBe('…(30 chars)');
    expect(isMask(maskParam(KEY))).toBe(true);
    expect(isMask(KEY)).toBe(false);
  });
});

describe("a check's message", () => {
  it('loses every opened value, as written, decoded or without its scheme', () => {
    const secrets = {
      Authorization: 'Bearer tok-0a1b2c3d4e5f',
      '?apikey': 'a%2Fb-key-value',
      '?sig': 'ab1',
    };
    const message =
      'redirect loop at http://h/login?next=%2Fx%3Fapikey%3Da%2Fb-key-value, saw tok-0a1b2c3d4e5f and a/b-key-value; ab1';

    expect(scrubSecrets(message, secrets)).toBe(
      'redirect loop at http://h/login?next=%2Fx%3Fapikey%3D…, saw … and …; ab1',
    );
  });
});
