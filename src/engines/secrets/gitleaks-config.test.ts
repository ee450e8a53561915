import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.ts';
import { fakeToken } from './fixtures/git-repo.ts';
import { loadGitleaksConfig } from './gitleaks-config.ts';
import { gitleaksRuleIds } from './gitleaks-ids.ts';
import { defaultRules } from './rules/index.ts';
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

describe('gitleaks default rule ids', () => {
  it('maps each listed gitleaks id to Keel rules that exist', () => {
    const keel = new Set(defaultRules().map((r) => r.id));

    const missing = [...gitleaksRuleIds.values()].flat().filter((id) => !keel.has(id));

    expect(missing).toEqual([]);
    expect([...gitleaksRuleIds.keys()].filter((id) => keel.has(id))).toEqual([]);
  });

  const awsKey = `AKIA${fakeToken('{U:16}', 41)}`;
  const pem = `-----BEGIN RSA PRIVATE KEY-----\n${fakeToken('{a:64}', 42)}\n${fakeToken('{a:64}', 43)}\n-----END RSA PRIVATE KEY-----\n`;

  it('disables, refines and targets Keel rules by their gitleaks ids', async () => {
    const file = configFile(`
[extend]
useDefault = true
disabledRules = ["aws-access-token"]

[[rules]]
id = "stripe-access-token"
  [[rules.allowlists]]
  paths = ['''^fixtures/''']

[[allowlists]]
targetRules = ["private-key"]
paths = ['''^keys/''']
`);

    const prepared = await prepareRules({ configFile: file });

    expect(prepared.ok && prepared.value.warnings).toEqual([]);
    if (!prepared.ok) return;
    const { ruleSet } = prepared.value;
    const ids = (text: string, path: string) =>
      detect(text, ruleSet, { path }).hits.map((h) => h.rule.id);
    const stripe = `STRIPE_KEY=sk_live_${fakeToken('{a:24}', 44)}\n`;
    expect(ids(`AWS_ACCESS_KEY_ID=${awsKey}\n`, 'a.env')).not.toContain('aws-access-key-id');
    expect(ids(stripe, 'a.env')).toContain('stripe-secret-key');
    expect(ids(stripe, 'fixtures/a.env')).not.toContain('stripe-secret-key');
    expect(ids(pem, 'deploy/id_rsa')).toContain('private-key-rsa');
    expect(ids(pem, 'keys/id_rsa')).not.toContain('private-key-rsa');
  });

  it('warns about an id that matches no rule instead of ignoring it', async () => {
    const file = configFile(`
[extend]
useDefault = true
disabledRules = ["github-pat-typo"]

[[allowlists]]
targetRules = ["no-such-rule"]
paths = ['''^x/''']
`);

    const prepared = await prepareRules({ configFile: file });
    const loaded = await loadGitleaksConfig(file);

    expect(prepared.ok && prepared.value.warnings).toEqual([
      `${file}: rule "github-pat-typo": [extend] disabledRules: no rule has this id; nothing was disabled`,
      `${file}: rule "no-such-rule": allowlist targetRules: no rule has this id; the allowlist applies to none`,
    ]);
    expect(loaded.ok && loaded.value.problems).toEqual([]);
  });

  it('names the problem when an unknown id only adds an allowlist', async () => {
    const file = configFile(`
[extend]
useDefault = true

[[rules]]
id = "adafruit-api-key"
  [[rules.allowlists]]
  paths = ['''^x/''']
`);

    const prepared = await prepareRules({ configFile: file });

    expect(prepared.ok).toBe(false);
    expect(!prepared.ok && prepared.error.messages).toEqual([
      `${file}: rule "adafruit-api-key": no rule has this id to refine, and a new rule needs a regex or a path`,
    ]);
  });
});
