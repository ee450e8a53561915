import { describe, expect, it } from 'vitest';
import { byName, dedent, parseFixture } from '../test/factories.ts';

const gemfileLock = dedent(`
  GIT
    remote: https://example.test/acme/pagy.git
    revision: 3f4a1b2c
    specs:
      pagy (6.0.0)

  GEM
    remote: https://example.test/
    specs:
      actionpack (6.1.7)
        rack (~> 2.0, >= 2.0.9)
        rails-html-sanitizer (~> 1.0, >= 1.2.0)
      nokogiri (1.13.10-x86_64-linux)
        racc (~> 1.4)
      rack (2.2.6.2)
      racc (1.6.2)
      rails-html-sanitizer (1.4.4)
        nokogiri (~> 1.6)

  PLATFORMS
    x86_64-linux

  DEPENDENCIES
    actionpack (~> 6.1)
    pagy!

  BUNDLED WITH
     2.3.26
`);

const lineOf = (text: string): number => gemfileLock.split('\n').indexOf(text) + 1;

describe('Gemfile.lock', () => {
  it('reads specs, strips platforms and follows the DEPENDENCIES section', () => {
    const { packages, error } = parseFixture('Gemfile.lock', gemfileLock);

    expect(error).toBeUndefined();
    expect(byName(packages, 'nokogiri')).toMatchObject({
      version: '1.13.10',
      isDirect: false,
      line: lineOf('    nokogiri (1.13.10-x86_64-linux)'),
    });
    expect(byName(packages, 'nokogiri').path).toEqual([
      'actionpack@6.1.7',
      'rails-html-sanitizer@1.4.4',
      'nokogiri@1.13.10',
    ]);
    expect(byName(packages, 'pagy').isDirect).toBe(true);
    expect(byName(packages, 'rack').version).toBe('2.2.6.2');
  });

  it('names the line of a malformed spec', () => {
    const { error } = parseFixture(
      'Gemfile.lock',
      gemfileLock.replace('racc (1.6.2)', 'racc 1.6.2'),
    );

    expect(error).toMatchObject({ file: 'Gemfile.lock', line: lineOf('    racc (1.6.2)') });
  });
});
