import { describe, expect, it } from 'vitest';
import { byName, dedent, parseFixture } from '../test/factories.ts';

const goMod = dedent(`
  module github.com/acme/billing

  go 1.21

  toolchain go1.21.5

  require (
  	github.com/gin-gonic/gin v1.9.0
  	golang.org/x/crypto v0.0.0-20220314234659-1baeb1ce4c0b // indirect
  	github.com/docker/docker v20.10.24+incompatible
  )

  require golang.org/x/net v0.7.0 // indirect

  replace github.com/gin-gonic/gin => github.com/acme/gin v1.9.1-acme.1

  replace example.com/local => ../local
`);

describe('go.mod and go.sum', () => {
  it('reads requires, indirect markers, pseudo-versions and replacements', () => {
    const { packages, error } = parseFixture('go.mod', goMod);

    expect(error).toBeUndefined();
    expect(byName(packages, 'golang.org/x/crypto')).toMatchObject({
      version: 'v0.0.0-20220314234659-1baeb1ce4c0b',
      isDirect: false,
      line: 9,
    });
    expect(byName(packages, 'github.com/docker/docker')).toMatchObject({
      version: 'v20.10.24+incompatible',
      isDirect: true,
    });
    expect(byName(packages, 'github.com/acme/gin').version).toBe('v1.9.1-acme.1');
    expect(byName(packages, 'golang.org/x/net').isDirect).toBe(false);
  });

  it('names the line of an unknown directive', () => {
    const { error } = parseFixture('go.mod', 'module x\n\nrequire (\n\tgithub.com/a/b\n)\n');

    expect(error).toMatchObject({ file: 'go.mod', line: 4 });
  });

  it('reads go.sum alone, keeping the highest version of each module', () => {
    const goSum = dedent(`
      golang.org/x/text v0.3.7 h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=
      golang.org/x/text v0.3.7/go.mod h1:u+2+/6zg+i71rQMx5EYifcz6MCKuco9NR6JIITiCfzQ=
      golang.org/x/text v0.3.8 h1:nAL+RVCQ9uMn3vJZbV+MRnydTJFPf8qqY42YiA6MrqY=
      golang.org/x/text v0.9.0/go.mod h1:e1OnstbJyHTd6l/uOt8jFFHp6TRDWZR/bV3emEE/zU8=
    `);

    const { packages } = parseFixture('go.sum', goSum);

    expect(packages).toEqual([
      expect.objectContaining({ name: 'golang.org/x/text', version: 'v0.3.8' }),
    ]);
  });
});
