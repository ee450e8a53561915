import { describe, expect, it } from 'vitest';
import { byName, parseFixture } from '../test/factories.ts';

const composerLock = JSON.stringify(
  {
    _readme: ['This file locks the dependencies of your project to a known state'],
    'content-hash': '8b5e4c2f9d1a3e7b6c0d2f4a8e1b3c5d',
    packages: [
      {
        name: 'guzzlehttp/guzzle',
        version: '7.4.4',
        require: { php: '^7.2.5 || ^8.0', 'ext-json': '*', 'guzzlehttp/psr7': '^1.9 || ^2.4' },
        type: 'library',
      },
      {
        name: 'guzzlehttp/psr7',
        version: '2.4.1',
        require: { php: '^7.2.5 || ^8.0' },
        type: 'library',
      },
    ],
    'packages-dev': [{ name: 'phpunit/phpunit', version: '9.5.27', require: {}, type: 'library' }],
    'minimum-stability': 'stable',
  },
  null,
  4,
);

describe('composer.lock', () => {
  it('reads packages and dev packages, with direct ones from composer.json', () => {
    const manifest =
      '{"require":{"php":"^8.1","guzzlehttp/guzzle":"^7.4"},"require-dev":{"phpunit/phpunit":"^9.5"}}';

    const { packages, error } = parseFixture('composer.lock', composerLock, {
      'composer.json': manifest,
    });

    expect(error).toBeUndefined();
    expect(byName(packages, 'guzzlehttp/guzzle').isDirect).toBe(true);
    expect(byName(packages, 'phpunit/phpunit').isDirect).toBe(true);
    expect(byName(packages, 'guzzlehttp/psr7')).toMatchObject({
      isDirect: false,
      path: ['guzzlehttp/guzzle@7.4.4', 'guzzlehttp/psr7@2.4.1'],
    });
    expect(byName(packages, 'guzzlehttp/psr7').line).toBe(
      composerLock.split('\n').findIndex((l) => l.includes('"guzzlehttp/psr7",')) + 1,
    );
  });

  it('rejects a package without a version', () => {
    const { error } = parseFixture('composer.lock', '{"packages":[{"name":"a/b"}]}');

    expect(error?.message).toMatch(/packages\[0\] needs "name" and "version"/);
  });
});
