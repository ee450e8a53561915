import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBaseline } from './baseline.ts';
import { buildRepo, fakeToken } from './fixtures/git-repo.ts';
import { reportFormats } from './report/index.ts';
import { scanSecrets } from './scan.ts';
import type { ScanMode } from './types.ts';

const ghToken = (seed: number): string => `ghp_${fakeToken('{A:36}', seed)}`;
const slackToken = (seed: number): string => `xoxb-${fakeToken('{d:12}-{d:12}-{A:24}', seed)}`;

describe('scanSecrets', () => {
  it('scans the working tree and reports rule, file, line, masked secret and fingerprint', async () => {
    const repo = buildRepo();
    const token = ghToken(1);
    repo.write('src/client.ts', `import x from 'y';\nconst token = '${token}';\n`);

    const result = await scanSecrets({ root: repo.dir, mode: 'tree' });

    expect(result.ok).toBe(true);
    const [finding] = result.ok ? result.value.findings : [];
    expect(finding).toMatchObject({
      ruleId: 'github-pat',
      file: 'src/client.ts',
      line: 2,
      presence: 'current',
      secretLength: 40,
      isBlocking: true,
    });
    expect(finding?.secretMasked).toBe('ghp_…');
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('scans history on all refs: added lines only, commit and author, history-only vs current, each secret once', async () => {
    const repo = buildRepo();
    const removed = ghToken(2);
    const kept = slackToken(3);
    repo.write('config.env', `GITHUB_TOKEN=${removed}\n`);
    repo.commit('add token', 'Alice <alice@acme.io>');
    repo.write('config.env', 'GITHUB_TOKEN=${GITHUB_TOKEN}\n');
    repo.commit('remove token');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('bot.js', `const slack = "${kept}";\n`);
    repo.commit('bot', 'Bob <bob@acme.io>');
    repo.git('checkout', '-q', '-b', 'copy', 'main');
    repo.write('bot.js', `const slack = "${kept}";\n`); // same blob again on another branch
    repo.commit('same bot');
    repo.git('checkout', '-q', 'feature');

    const result = await scanSecrets({ root: repo.dir, mode: 'history' });

    expect(result.ok).toBe(true);
    const findings = result.ok ? result.value.findings : [];
    expect(findings).toHaveLength(2);
    const gh = findings.find((f) => f.ruleId === 'github-pat');
    expect(gh).toMatchObject({
      file: 'config.env',
      line: 1,
      author: 'Alice',
      email: 'alice@acme.io',
      presence: 'history-only',
    });
    expect(gh?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(findings.find((f) => f.ruleId === 'slack-bot-token')).toMatchObject({
      file: 'bot.js',
      presence: 'current',
    });
  });

  it('calls a secret current by its value anywhere in HEAD or at another ref tip, not by path', async () => {
    const repo = buildRepo();
    const moved = ghToken(21);
    const onBranch = slackToken(22);
    const multiline = `-----BEGIN OPENSSH PRIVATE KEY-----\n${fakeToken('{A:64}', 23)}\n${fakeToken('{A:64}', 24)}\n-----END OPENSSH PRIVATE KEY-----`;
    repo.write('config.env', `GITHUB_TOKEN=${moved}\n`);
    repo.write('keys/deploy', `${multiline}\n`);
    repo.commit('add token and key');
    repo.git('mv', 'config.env', 'app.env');
    repo.git('mv', 'keys/deploy', 'keys/deploy_key');
    repo.commit('move config');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('bot.js', `const slack = "${onBranch}";\n`);
    repo.commit('bot');
    repo.git('checkout', '-q', 'main');

    const history = await scanSecrets({ root: repo.dir, mode: 'history' });
    const tree = await scanSecrets({ root: repo.dir, mode: 'tree' });
    const baselineFile = join(repo.dir, '.keel-secrets-baseline.json');
    writeFileSync(baselineFile, JSON.stringify(buildBaseline(tree.ok ? tree.value.findings : [])));
    const suppressed = await scanSecrets({ root: repo.dir, mode: 'history', baselineFile });

    const findings = history.ok ? history.value.findings : [];
    expect(findings.map((f) => [f.ruleId, f.file, f.presence]).sort()).toEqual(
      [
        ['github-pat', 'config.env', 'current'],
        ['slack-bot-token', 'bot.js', 'current'],
        ['private-key-openssh', 'keys/deploy', 'current'],
      ].sort(),
    );
    const gh = findings.find((f) => f.ruleId === 'github-pat')!;
    const treeGh = (tree.ok ? tree.value.findings : []).find((f) => f.ruleId === 'github-pat')!;
    expect(treeGh.file).toBe('app.env');
    expect(gh.currentFingerprints).toEqual([treeGh.fingerprint]);
    expect(suppressed.ok && suppressed.value.findings.map((f) => f.file)).toEqual(['bot.js']);
  });

  it('scans staged changes only', async () => {
    const repo = buildRepo();
    repo.write('old.env', `GITHUB_TOKEN=${ghToken(4)}\n`);
    repo.commit('old');
    repo.write('new.env', `SLACK=${slackToken(5)}\n`);
    repo.git('add', 'new.env');

    const result = await scanSecrets({ root: repo.dir, mode: 'staged' });

    expect(result.ok && result.value.findings.map((f) => [f.ruleId, f.file, f.presence])).toEqual([
      ['slack-bot-token', 'new.env', 'staged'],
    ]);
  });

  it('suppresses by baseline and by inline keel:allow the same way in every mode', async () => {
    const repo = buildRepo();
    repo.write('a.env', `GITHUB_TOKEN=${ghToken(6)}\n`);
    repo.write('b.js', `const t = "${slackToken(7)}"; // keel:allow rotated test workspace\n`);
    repo.commit('both');
    repo.write('a.env', `GITHUB_TOKEN=${ghToken(6)}\nEXTRA=1\n`);
    repo.git('add', 'a.env');
    const first = await scanSecrets({ root: repo.dir, mode: 'tree' });
    const baselineFile = join(repo.dir, '.keel-baseline.json');
    writeFileSync(
      baselineFile,
      JSON.stringify(buildBaseline(first.ok ? first.value.findings : [])),
    );

    for (const mode of ['tree', 'history'] as ScanMode[]) {
      const result = await scanSecrets({ root: repo.dir, mode, baselineFile });

      expect(result.ok && result.value.findings, mode).toEqual([]);
      expect(result.ok && result.value.suppressed, mode).toEqual({ baseline: 1, inline: 1 });
    }
    repo.write('a.env', `GITHUB_TOKEN=${ghToken(6)}\nEXTRA=1\nAGAIN=${ghToken(6)}\n`);
    repo.write('c.js', `const t = "${slackToken(8)}"; // keel:allow\n`);
    repo.git('add', 'a.env', 'c.js');
    const staged = await scanSecrets({ root: repo.dir, mode: 'staged', baselineFile });
    expect(staged.ok && staged.value.findings).toEqual([]);
    expect(staged.ok && staged.value.suppressed).toEqual({ baseline: 1, inline: 1 });
  });

  it('never writes the raw secret in any output format', async () => {
    const repo = buildRepo();
    const secrets = [
      ghToken(8),
      slackToken(9),
      `sk_live_${fakeToken('{A:40}', 10)}`,
      fakeToken('{A:24}', 11),
    ];
    repo.write(
      'app.env',
      `GITHUB_TOKEN=${secrets[0]}\nSLACK_BOT_TOKEN=${secrets[1]}\nSTRIPE_SECRET_KEY=${secrets[2]}\nDATABASE_URL=postgres://app:${secrets[3]}@db.acme.io/app\n`,
    );
    repo.commit('leak');

    for (const mode of ['tree', 'history'] as ScanMode[]) {
      const result = await scanSecrets({ root: repo.dir, mode });
      expect(result.ok && result.value.findings.length, mode).toBe(4);
      const outputs = Object.values(reportFormats).map((render) =>
        result.ok ? render(result.value) : '',
      );

      for (const output of outputs) {
        for (const secret of secrets) {
          expect(output.includes(secret)).toBe(false);
          expect(output.includes(secret.slice(-12))).toBe(false);
        }
      }
    }
  });

  it('writes SARIF 2.1.0 with rules, locations and fingerprints', async () => {
    const repo = buildRepo();
    repo.write('deploy/values.yaml', `env:\n  slack_bot_token: "${slackToken(12)}"\n`);
    const result = await scanSecrets({ root: repo.dir, mode: 'tree' });

    const sarif = JSON.parse(result.ok ? reportFormats.sarif(result.value) : '{}') as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: unknown[];
          partialFingerprints: Record<string, string>;
        }[];
      }[];
    };

    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['slack-bot-token']);
    expect(sarif.runs[0]?.results[0]).toMatchObject({
      ruleId: 'slack-bot-token',
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'deploy/values.yaml' },
            region: { startLine: 2 },
          },
        },
      ],
    });
    expect(sarif.runs[0]?.results[0]?.partialFingerprints['keelSecret/v1']).toMatch(
      /^[0-9a-f]{32}$/,
    );
  });

  it('skips binary files and counts them, and reads invalid UTF-8 as text', async () => {
    const repo = buildRepo();
    repo.write('blob.bin', `\u0000\u0001GITHUB_TOKEN=${ghToken(13)}\n`);
    repo.write(
      'latin1.env',
      Buffer.concat([
        Buffer.from([0xe9, 0xff, 0x0a]),
        Buffer.from(`GITHUB_TOKEN=${ghToken(14)}\n`),
      ]),
    );

    const result = await scanSecrets({ root: repo.dir, mode: 'tree' });

    expect(result.ok && result.value.stats.skippedBinary).toBe(1);
    expect(result.ok && result.value.findings.map((f) => [f.file, f.line])).toEqual([
      ['latin1.env', 2],
    ]);
  });

  it('reports input problems as values', async () => {
    const repo = buildRepo();

    const notGit = await scanSecrets({ root: join(repo.dir, '..'), mode: 'history' });
    const missing = await scanSecrets({ root: join(repo.dir, 'nope'), mode: 'tree' });
    const badBaseline = await scanSecrets({
      root: repo.dir,
      mode: 'tree',
      baselineFile: join(repo.dir, 'missing.json'),
    });

    expect(notGit.ok || notGit.error.messages[0]).toMatch(/not a git repository/);
    expect(missing.ok || missing.error.kind).toBe('input');
    expect(badBaseline.ok || badBaseline.error.messages[0]).toMatch(/baseline .*missing\.json/);
  });
});
