import { describe, expect, it } from 'vitest';
import { checkContext } from '../testing/check-context.ts';
import { detectSpdx, license, manifestLicense } from './license.ts';

describe('license check', () => {
  it('recognises licence texts wrapped at any place, with any indentation', () => {
    expect(detectSpdx('Permission is hereby granted, free of\n  charge, to any person')).toBe(
      'MIT',
    );
    expect(
      detectSpdx('                 Apache License\n           Version 2.0, January 2004'),
    ).toBe('Apache-2.0');
    expect(detectSpdx('GNU GENERAL PUBLIC LICENSE\n                       Version 3')).toBe(
      'GPL-3.0',
    );
    expect(detectSpdx('Redistribution and use\nin source and binary forms, with')).toBe(
      'BSD-2-Clause',
    );
  });

  it('reads the license field of package.json, Cargo.toml and pyproject.toml', () => {
    expect(manifestLicense('package.json', '{ "license": "MIT" }')).toBe('MIT');
    expect(manifestLicense('package.json', '{ "license": "SEE LICENSE IN terms.txt" }')).toBeNull();
    expect(
      manifestLicense('Cargo.toml', '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n'),
    ).toBe('MIT OR Apache-2.0');
    expect(manifestLicense('pyproject.toml', '[project]\nlicense = "BSD-3-Clause"\n')).toBe(
      'BSD-3-Clause',
    );
    expect(manifestLicense('pyproject.toml', '[project]\nlicense = { text = "MIT" }\n')).toBe(
      'MIT',
    );
    expect(manifestLicense('pyproject.toml', '[tool.poetry]\nlicense = "GPL-3.0"\n')).toBe(
      'GPL-3.0',
    );
    expect(manifestLicense('package.json', '{ not json')).toBeNull();
  });

  it('passes an unrecognised licence file backed by the manifest, and a manifest alone with a finding', async () => {
    const custom = await license.run(
      checkContext({
        LICENSE: 'Copyright Acme. All rights reserved.\n',
        'package.json': '{ "license": "UNLICENSED" }',
      }),
    );
    const manifestOnly = await license.run(
      checkContext({ 'Cargo.toml': '[package]\nlicense = "MIT"\n' }),
    );
    const none = await license.run(checkContext({ 'package.json': '{}' }));

    expect(custom).toMatchObject({
      score: 10,
      evidence: ['LICENSE', 'package.json: license UNLICENSED'],
    });
    expect(manifestOnly).toMatchObject({ score: 7, evidence: ['Cargo.toml: license MIT'] });
    expect(manifestOnly.findings).toHaveLength(1);
    expect(none.score).toBe(0);
  });
});
