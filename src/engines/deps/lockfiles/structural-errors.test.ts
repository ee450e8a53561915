import { describe, expect, it } from 'vitest';
import { dedent, parseFixture } from '../test/factories.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);

describe('structural lockfile errors name the line of the offending entry', () => {
  it.each([
    [
      'composer.lock',
      json({ packages: [{ name: 'a/b', version: '1.0.0' }, { name: 'c/d' }] }),
      /packages\[1\] needs/,
      7,
    ],
    [
      'composer.lock',
      json({ packages: [], 'packages-dev': { broken: true } }),
      /"packages-dev" is not a list/,
      3,
    ],
    [
      'Cargo.lock',
      dedent(`
        version = 3

        [[package]]
        name = "a"
        version = "1.0.0"

        [[package]]
        name = "b"
      `),
      /\[\[package\]\] number 2 needs/,
      7,
    ],
    [
      'poetry.lock',
      dedent(`
        [[package]]
        version = "1.0.0"
      `),
      /\[\[package\]\] number 1 needs/,
      1,
    ],
    [
      'package-lock.json',
      json({
        lockfileVersion: 3,
        packages: { '': { dependencies: { a: '1' } }, 'node_modules/a': { resolved: 'x' } },
      }),
      /packages\["node_modules\/a"\] has no "version"/,
      9,
    ],
    [
      'package-lock.json',
      json({ lockfileVersion: 3, packages: { '': {}, 'node_modules/a': 'oops' } }),
      /is not an object/,
      5,
    ],
    [
      'package-lock.json',
      json({
        lockfileVersion: 1,
        dependencies: { a: { version: '1.0.0', dependencies: { b: { resolved: 'x' } } } },
      }),
      /dependency "b" has no "version"/,
      7,
    ],
    ['Pipfile.lock', json({ _meta: {}, default: ['x'] }), /"default" is not an object/, 3],
    [
      'yarn.lock',
      dedent(`
        __metadata:
          version: 6

        "a@npm:^1.0.0":
          resolution: "a@npm:1.0.0"
      `),
      /has no version/,
      4,
    ],
  ])('%s (%#)', (file, content, message, line) => {
    const { error } = parseFixture(file, content);

    expect(error?.message).toMatch(message);
    expect(error?.line).toBe(line);
  });
});
