import { describe, expect, it } from 'vitest';
import { compileRuleSet } from './compile.ts';
import { detect } from './detect.ts';
import { fakeToken } from './fixtures/git-repo.ts';
import { defaultGlobalAllow } from './rules/global-allow.ts';
import { defaultRules } from './rules/index.ts';

const { ruleSet } = compileRuleSet(defaultRules(), defaultGlobalAllow);
const ids = (text: string, path = 'src/app.ts'): string[] =>
  detect(text, ruleSet, { path }).hits.map((h) => h.rule.id);

describe('detect', () => {
  it('drops placeholders, env references and documentation examples', () => {
    expect(ids('GITHUB_TOKEN=ghp_' + 'x'.repeat(36))).toEqual([]);
    expect(ids('STRIPE_SECRET_KEY=your-key-here')).toEqual([]);
    expect(ids('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE')).toEqual([]);
    expect(ids('api_token: ${{ secrets.API_TOKEN }}')).toEqual([]);
  });

  it('drops secret-manager and variable references, password hashes and publishable keys', () => {
    expect(ids('database_password: vault:secret/data/prod/db#password', 'c.yaml')).toEqual([]);
    expect(ids('stripe_key: "ref+awssm://prod/stripe#secret_key"', 'c.yaml')).toEqual([]);
    expect(ids('GITHUB_TOKEN=op://CI/github-bot/token', '.env')).toEqual([]);
    expect(ids('set API_TOKEN=%DEPLOY_API_TOKEN%', 'deploy.cmd')).toEqual([]);
    expect(ids('  NPM_TOKEN: $(npmPublishToken)', 'azure-pipelines.yml')).toEqual([]);
    expect(ids(`  password_hash: "$2b$12$${fakeToken('{A:53}', 3)}"`, 'users.yml')).toEqual([]);
    expect(ids(`mapboxgl.accessToken = 'pk.eyJ1Ijoi${fakeToken('{u:20}', 4)}.x';`)).toEqual([]);
    expect(ids(`SMTP_PASSWORD=${fakeToken('{A:8}', 5)}$x${fakeToken('{A:8}', 6)}`, '.env')).toEqual(
      ['generic-password'],
    );
  });

  it('finds names written with dots or dashes as with underscores', () => {
    const key = fakeToken('{h:32}', 7);

    expect(ids(`dd.api.key=${key}`, 'application.properties')).toEqual(['datadog-api-key']);
    expect(ids(`dd-api-key: ${key}`, 'values.yaml')).toEqual(['datadog-api-key']);
  });

  it('reports generic assignments as low-confidence, non-blocking', () => {
    const [hit] = detect(`internal_service_secret = "${fakeToken('{A:12}-{u:20}', 1)}"`, ruleSet, {
      path: 'a.py',
    }).hits;

    expect(hit?.rule.id).toBe('generic-api-key');
    expect(hit?.rule.isBlocking).toBe(false);
  });

  it('treats unquoted member expressions in code as references, not literals', () => {
    expect(ids('const apiKey = config.services.apiKeyValue;', 'src/client.ts')).toEqual([]);
    expect(ids('  password: input.newPassword,', 'src/routes.py')).toEqual([]);
    expect(ids(`SERVICE_API_KEY=${fakeToken('{A:12}-{u:20}', 9)}`, 'deploy/.env')).toEqual([
      'generic-api-key',
    ]);
  });

  it('prefers a specific rule over a generic one on the same secret', () => {
    expect(ids(`GITHUB_API_TOKEN = "ghp_${fakeToken('{A:36}', 2)}"`)).toEqual(['github-pat']);
  });

  it('honours inline keel:allow and gitleaks:allow', () => {
    const token = `ghp_${fakeToken('{A:36}', 3)}`;

    const keel = detect(`t = "${token}" # keel:allow test fixture`, ruleSet, { path: 'a.py' });
    const gitleaks = detect(`t = "${token}" // gitleaks:allow`, ruleSet, { path: 'a.js' });

    expect([
      keel.hits.length,
      keel.inlineAllowed,
      gitleaks.hits.length,
      gitleaks.inlineAllowed,
    ]).toEqual([0, 1, 0, 1]);
  });

  it('finds a secret inside a megabyte-long minified line', () => {
    const filler = 'var a=function(b){return b+1};'.repeat(40_000);
    const token = `xoxb-${fakeToken('{d:12}-{d:12}-{A:24}', 4)}`;

    const hits = detect(`${filler}var t="${token}";${filler}`, ruleSet, {
      path: 'dist/app.min.js',
    }).hits;

    expect(hits.map((h) => [h.rule.id, h.line])).toEqual([['slack-bot-token', 1]]);
  });

  it('survives invalid UTF-8 and multi-line private keys', () => {
    const decoded = new TextDecoder().decode(Buffer.from([0xff, 0xfe, 0x41, 0x0a]));
    const body = fakeToken('{pem:900}', 5);
    const pem = `-----BEGIN RSA PRIVATE KEY-----\n${body}\n-----END RSA PRIVATE KEY-----\n`;

    expect(ids(decoded + pem, 'deploy/key.pem')).toEqual(['private-key-rsa']);
  });

  it('reads indexed names, header fields in JSON, .pgpass lines and Discord tokens by shape', () => {
    const password = `${fakeToken('{A:18}', 11)}!x%`;

    expect(ids(`gitlab_rails['smtp_password'] = '${password}'`, 'gitlab.rb')).toEqual([
      'generic-password',
    ]);
    expect(
      ids(`{ "key": "Authorization", "value": "Bearer ${fakeToken('{u:48}', 12)}" }`, 'c.json'),
    ).toEqual(['authorization-bearer']);
    expect(ids(`db.internal:5432:app:app_rw:${password}\n`, 'home/.pgpass')).toEqual([
      'pgpass-password',
    ]);
    expect(ids('localhost:5432:*:postgres:postgres\n', '.pgpass')).toEqual([]);
    expect(ids(`client.login('MT${fakeToken('{A:24}.{u:6}.{u:38}', 13)}');`, 'bot.mjs')).toEqual([
      'discord-bot-token',
    ]);
  });

  it('reads hex under a credential name as a secret, unless the name says digest or public', () => {
    const hex = fakeToken('{h:32}', 14);

    expect(ids(`  val authToken = "${hex}"`, 'Notifier.scala')).toEqual(['generic-hex-secret']);
    expect(ids(`token_sha256: "${fakeToken('{h:64}', 15)}"`, 'c.yaml')).toEqual([]);
    expect(ids(`"cacheKey": "${fakeToken('{h:40}', 16)}"`, 'c.json')).toEqual([]);
    expect(ids(`PublicKey = ${fakeToken('{b:43}', 17)}=`, 'wg0.conf')).toEqual([]);
  });

  it('skips lockfiles and binary assets by path', () => {
    const token = `ghp_${fakeToken('{A:36}', 6)}`;

    expect(ids(`"resolved": "${token}"`, 'package-lock.json')).toEqual([]);
    expect(ids(token, 'img/logo.png')).toEqual([]);
  });
});
