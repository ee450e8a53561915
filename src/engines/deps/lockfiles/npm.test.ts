import { describe, expect, it } from 'vitest';
import { byName, parseFixture } from '../test/factories.ts';

const lockV3 = JSON.stringify(
  {
    name: 'shop',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': {
        name: 'shop',
        version: '1.0.0',
        workspaces: ['packages/*'],
        dependencies: { express: '^4.17.1' },
        devDependencies: { vitest: '^1.0.0' },
      },
      'node_modules/express': {
        version: '4.17.1',
        resolved: 'https://example.test/express-4.17.1.tgz',
        dependencies: { qs: '6.7.0', 'body-parser': '1.19.0' },
      },
      'node_modules/body-parser': { version: '1.19.0', dependencies: { qs: '6.7.0' } },
      'node_modules/qs': { version: '6.7.0' },
      'node_modules/express/node_modules/qs': { version: '6.5.2' },
      'node_modules/vitest': { version: '1.0.0', dev: true },
      'node_modules/@shop/ui': { resolved: 'packages/ui', link: true },
      'packages/ui': {
        name: '@shop/ui',
        version: '0.1.0',
        dependencies: { '@babel/runtime': '^7.0.0' },
      },
      'node_modules/@babel/runtime': { version: '7.12.0' },
    },
  },
  null,
  2,
);

describe('npm package-lock v2/v3', () => {
  it('resolves nested copies the way node does and marks direct dependencies', () => {
    const { packages, error } = parseFixture('package-lock.json', lockV3);

    expect(error).toBeUndefined();
    expect(byName(packages, 'express').isDirect).toBe(true);
    expect(byName(packages, 'vitest').isDirect).toBe(true);
    expect(byName(packages, 'qs', '6.5.2').path).toEqual(['express@4.17.1', 'qs@6.5.2']);
    expect(byName(packages, 'qs', '6.7.0').path).toEqual([
      'express@4.17.1',
      'body-parser@1.19.0',
      'qs@6.7.0',
    ]);
    expect(byName(packages, 'qs', '6.7.0').isDirect).toBe(false);
  });

  it('treats workspace dependencies as direct and records the line of each package', () => {
    const { packages } = parseFixture('package-lock.json', lockV3);

    expect(byName(packages, '@babel/runtime').isDirect).toBe(true);
    expect(packages.some((p) => p.name === '@shop/ui')).toBe(false);
    expect(byName(packages, 'qs', '6.7.0').line).toBe(
      lockV3.split('\n').findIndex((l) => l.includes('"node_modules/qs"')) + 1,
    );
  });

  it('reads v1 nested dependencies and takes direct ones from package.json', () => {
    const v1 = JSON.stringify({
      name: 'legacy',
      lockfileVersion: 1,
      dependencies: {
        minimist: { version: '1.2.0' },
        mkdirp: {
          version: '0.5.1',
          requires: { minimist: '0.0.8' },
          dependencies: { minimist: { version: '0.0.8' } },
        },
      },
    });

    const { packages } = parseFixture('npm-shrinkwrap.json', v1, {
      'package.json': '{"dependencies":{"mkdirp":"^0.5.1"}}',
    });
    const inferred = parseFixture('npm-shrinkwrap.json', v1).packages;

    expect(packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual([
      'minimist@0.0.8',
      'minimist@1.2.0',
      'mkdirp@0.5.1',
    ]);
    expect(byName(packages, 'minimist', '0.0.8').path).toEqual(['mkdirp@0.5.1', 'minimist@0.0.8']);
    expect(byName(packages, 'mkdirp').isDirect).toBe(true);
    expect(byName(packages, 'minimist', '1.2.0').isDirect).toBe(false);
    expect(byName(inferred, 'minimist', '1.2.0').isDirect).toBe(true);
  });

  it('names the line of a syntax error', () => {
    const broken =
      '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {},\n    "node_modules/a": { "version": "1.0.0", }\n  }\n}\n';

    const { error } = parseFixture('package-lock.json', broken);

    expect(error).toMatchObject({ file: 'package-lock.json', line: 5 });
    expect(error?.message).toMatch(/invalid JSON/);
  });
});
