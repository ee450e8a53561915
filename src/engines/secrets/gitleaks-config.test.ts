import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import { fakeToken } from './fixtures/git-repo.ts';
import { loadGitleaksConfig } from './gitleaks-config.ts';
import { prepareRules } from './scan.ts';

function configFile(toml: string, name = 'gitleaks.toml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-gitleaks-'));
  writeFileSync(join(dir, name), toml);
  return join(dir, name);
}

const TEAM_CONFIG = `
title = "acme"
[extend]
useDefault = true
disabledRules = ["generic-password"]

[[rules]]
id = "acme-internal-token"
description = "ACME internal token"
regex = '''acme_(?:live|prod)_([a-z0-9]{32})'''
secretGroup = 1
entropy = 3.0
keywords = ["acme_live", "acme_prod"]
  [[rules.allowlists]]
  paths = ['''^testdata/''']
  [rules.allowlist]
  stopwords = ["deadbeef"]

[allowlist]
description = "global"
paths = ['''(?:^|/)vendor/''']
regexes = ['''^acme_live_0{8}''']
`;

describe('gitleaks configs', () => {
  it('loads [extend], [[rules]], both allowlist forms, secretGroup, entropy and keywords as they are', async () => {
    const file = configFile(TEAM_CONFIG);

    const prepared = await prepareRules({ configFile: file });

    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    const { ruleSet } = prepared.value;
    expect(ruleSet.rules.some((r) => r.id === 'github-pat')).toBe(true);
    expect(ruleSet.rules.some((r) => r.id === 'generic-password')).toBe(false);
    const secret = fakeToken('{a:32}', 1);
    const line = `ACME_INTERNAL = "acme_live_${secret}"\n`;
    const found = detect(line, ruleSet, { path: 'src/a.py' }).hits;
    expect(found.map((h) => [h.rule.id, h.secret === secret])).toEqual([
      ['acme-internal-token', true],
    ]);
    expect(detect(line, ruleSet, { path: 'testdata/a.py' }).hits).toEqual([]);
    expect(detect(line, ruleSet, { path: 'vendor/a.py' }).hits).toEqual([]);
  });

  it('reports files matched by a path-only rule', async () => {
    const prepared = await prepareRules({
      configFile: configFile(`[[rules]]\nid = "p12-file"\npath = '''\\.p12$'''\n`),
    });

    const hits = prepared.ok
      ? detect('binary-ish', prepared.value.ruleSet, { path: 'certs/prod.p12' }).hits
      : [];

    expect(hits.map((h) => h.rule.id)).toEqual(['p12-file']);
  });

  it('follows [extend] path relative to the config', async () => {
    const base = configFile(
      `[[rules]]\nid = "base-rule"\nregex = '''base_[0-9a-f]{16}'''\nkeywords = ["base_"]\n`,
      'base.toml',
    );
    const top = join(base, '..', 'top.toml');
    writeFileSync(top, `[extend]\npath = "base.toml"\n`);

    const loaded = await loadGitleaksConfig(top);

    expect(loaded.ok && loaded.value.config.rules.map((r) => r.id)).toEqual(['base-rule']);
  });

  it('names the rule and the problem for a malformed or hostile config', async () => {
    const file = configFile(`
[[rules]]
id = "broken-group"
regex = '''(unclosed'''
[[rules]]
id = "exploding"
regex = '''((a{100}){100}){100}'''
[[rules]]
id = "bad-group"
regex = '''x(y)'''
secretGroup = 3
[[rules]]
id = "wrong-type"
regex = 42
`);

    const prepared = await prepareRules({ configFile: file });

    expect(prepared.ok).toBe(false);
    const messages = prepared.ok ? [] : prepared.error.messages.join('\n');
    expect(messages).toMatch(/rule "broken-group": regex: .*missing closing \)/);
    expect(messages).toMatch(/rule "exploding": regex: .*invalid repeat count/);
    expect(messages).toMatch(/rule "bad-group": secretGroup/);
    expect(messages).toMatch(/rule "wrong-type": regex must be a string/);
  });

  it('reports invalid TOML with the file, and still runs the default rules when asked', async () => {
    const file = configFile('[[rules]\nid = ');

    const strict = await prepareRules({ configFile: file });
    const lenient = await prepareRules({ configFile: file, isSkippingInvalidRules: true });

    expect(strict.ok || strict.error.messages[0]).toMatch(/gitleaks\.toml: invalid TOML/);
    expect(lenient.ok && lenient.value.ruleSet.rules.length).toBeGreaterThan(150);
    expect(lenient.ok && lenient.value.warnings.join('\n')).toMatch(/running the default rules/);
  });

  it('keeps a catastrophic-backtracking pattern linear on hostile input', async () => {
    const file = configFile(`[[rules]]\nid = "redos"\nregex = '''(a+)+$'''\n`);
    const prepared = await prepareRules({ configFile: file });
    const hostile = 'a'.repeat(200_000) + '!';

    const out = prepared.ok ? detect(hostile, prepared.value.ruleSet, { path: 'x' }) : undefined;

    expect(out?.hits).toEqual([]);
  });
});
