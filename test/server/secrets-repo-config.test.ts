/**
 * Server secret scans use the repository's own `.gitleaks.toml` and `.keel-secrets-baseline.json`,
 * as `keel secrets --config --baseline` would; a broken config is recorded on the run and the
 * default rules run instead; a file that points outside the repository is never read.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBaseline, scanSecrets } from '../../src/engines/secrets/index.ts';
import { executeScanRun } from '../../src/server/security/scans.service.ts';
import type { Repository, ScanRun, SecurityFinding } from '../../src/shared/scans.ts';
import { createClientRow, signedInAs } from './factories.ts';
import { startTestServer, type ApiClient, type TestServer } from './harness.ts';
import { buildGitRepo, tempFolder } from './scan-factories.ts';

const SECRET = 'ghp_' + 'Q7wE2rT9yU4iO1pA6sD3fG8hJ5kL0zX2cV7b';
const INTERNAL = 'acme_int_' + 'k8Jq2Lm9Xv4Rt7Wp';
const ownRule = `
[extend]
useDefault = true

[[rules]]
id = "acme-internal-token"
description = "Acme internal service token"
regex = '''acme_int_[A-Za-z0-9]{16}'''
keywords = ["acme_int_"]
`;

function buildGitRepoMove(dir: string) {
  execFileSync('git', ['mv', 'config.env', 'settings.env'], { cwd: dir });
}

describe('secret scans with the repository’s own config and baseline', () => {
  let server: TestServer;
  let owner: ApiClient;

  const scanned = async (
    files: Record<string, string>,
    more?: (dir: string) => void,
    kind: 'git' | 'path' = 'git',
  ) => {
    const clientId = (await createClientRow(server.ctx.db, { name: 'Acme' })).id;
    const repo = buildGitRepo(files);
    if (more) {
      more(repo.dir);
      repo.commit('more');
    }
    const connected = (
      await owner.post<Repository>(`/api/v1/clients/${clientId}/repositories`, {
        kind,
        location: kind === 'git' ? repo.url : repo.dir,
      })
    ).body;
    const queued = await owner.post<{ runs: ScanRun[] }>(
      `/api/v1/clients/${clientId}/repositories/${connected.id}/scans`,
      { kinds: ['secrets'] },
    );
    for (const run of queued.body.runs) await executeScanRun(server.ctx, run.id);
    const runs = await owner.get<{ runs: ScanRun[] }>(`/api/v1/clients/${clientId}/scans`);
    const list = await owner.get<{ findings: SecurityFinding[] }>(
      `/api/v1/clients/${clientId}/security/findings`,
    );
    return { run: runs.body.runs[0]!, findings: list.body.findings, dir: repo.dir };
  };

  beforeAll(async () => {
    server = await startTestServer({ config: { gitAllowFileUrls: true } });
    owner = (await signedInAs(server, { role: 'owner' })).api;
  });

  it('runs the rules of .gitleaks.toml and honours .keel-secrets-baseline.json', async () => {
    const files = {
      '.gitleaks.toml': ownRule,
      'src/internal.ts': `export const service = '${INTERNAL}';\n`,
      'src/github.ts': `export const token = '${SECRET}';\n`,
    };
    const accepted = buildGitRepo({ 'src/github.ts': files['src/github.ts'] });
    const tree = await scanSecrets({ root: accepted.dir, mode: 'tree' });
    const baseline = JSON.stringify(buildBaseline(tree.ok ? tree.value.findings : []));

    const { run, findings } = await scanned({ ...files, '.keel-secrets-baseline.json': baseline });

    expect(findings.map((f) => f.detail.rule)).toEqual(['acme-internal-token']);
    expect(run.summary).toMatchObject({
      config: '.gitleaks.toml',
      baseline: '.keel-secrets-baseline.json',
      configProblems: [],
    });
    expect(run.summary.suppressedByBaseline).toBeGreaterThanOrEqual(1);
  });

  it('records a broken config on the run and falls back to the default rules', async () => {
    const { run, findings } = await scanned({
      '.gitleaks.toml': '[[rules]]\nid = "broken"\nregex = 12\n',
      'src/github.ts': `export const token = '${SECRET}';\n`,
    });

    expect(run.status).toBe('succeeded');
    expect(findings.map((f) => f.detail.rule)).toEqual(['github-pat']);
    expect(run.summary.config).toBeNull();
    expect(run.summary.configProblems).toEqual([
      '.gitleaks.toml: rule "broken": regex must be a string',
      '.gitleaks.toml not used: the default rules ran instead',
    ]);
  });

  it('records the config’s warnings on the run: a rule id that names no rule disables nothing', async () => {
    const { run, findings } = await scanned({
      '.gitleaks.toml': '[extend]\nuseDefault = true\ndisabledRules = ["github-pat-typo"]\n',
      'src/github.ts': `export const token = '${SECRET}';\n`,
    });

    expect(findings.map((f) => f.detail.rule)).toEqual(['github-pat']);
    expect(run.summary.config).toBe('.gitleaks.toml');
    expect(run.summary.warnings).toEqual([
      expect.stringMatching(/^\.gitleaks\.toml.*github-pat-typo.*nothing was disabled/),
    ]);
    // The server's temporary checkout path is not part of the message.
    expect(JSON.stringify(run.summary)).not.toContain(tmpdir());
  });

  it('never reads a config or baseline that links outside a folder repository', async () => {
    const outside = tempFolder();
    writeFileSync(join(outside, 'x.toml'), '[[rules]]\nid = "x"\nregex = "x"\n');
    const { run } = await scanned(
      { 'src/github.ts': `export const token = '${SECRET}';\n` },
      (dir) => {
        symlinkSync(join(outside, 'x.toml'), join(dir, '.gitleaks.toml'));
        symlinkSync('/etc/passwd', join(dir, '.keel-secrets-baseline.json'));
      },
      'path',
    );

    expect(run.summary.config).toBeNull();
    expect(run.summary.baseline).toBeNull();
    expect(run.summary.configProblems).toEqual([
      expect.stringMatching(/the file is outside the repository$/),
      '.gitleaks.toml not used: the default rules ran instead',
      expect.stringMatching(/the file is outside the repository$/),
      '.keel-secrets-baseline.json not used: nothing was suppressed by it',
    ]);
    expect(JSON.stringify(run.summary)).not.toContain('root:');
  });

  it('keeps one finding for a secret whose file was renamed', async () => {
    const { findings } = await scanned({ 'config.env': `GITHUB_TOKEN=${SECRET}\n` }, (dir) =>
      buildGitRepoMove(dir),
    );

    expect(findings.map((f) => [f.detail.file, f.detail.presence])).toEqual([
      ['settings.env', 'current'],
    ]);
  });
});
