import { describe, expect, it } from 'vitest';
import { checkContext } from '../testing/check-context.ts';
import { dockerfile, isDockerfileName, looksLikeDockerfile } from './dockerfile.ts';

const PINNED = 'FROM node:20-slim@sha256:' + 'a'.repeat(64) + '\nUSER node\n';

describe('dockerfile check', () => {
  it('reads Dockerfiles and their variants, not source files named after Docker', async () => {
    const context = checkContext({
      Dockerfile: PINNED,
      'docker/Dockerfile.prod': `# syntax=docker/dockerfile:1\nARG BASE=node\n${PINNED}`,
      'deploy/api.Dockerfile': PINNED,
      'ops/Containerfile': PINNED,
      'src/engines/audit/checks/dockerfile.ts': 'export const dockerfile = 1;\n',
      'src/docker/Dockerfile.ts': 'export const FROM = "node";\n',
      'lib/dockerfile.py': 'FROM = 1\n',
      'vendor/x/Dockerfile': 'FROM ubuntu\n',
    });

    const outcome = await dockerfile.run(context);

    expect(outcome.evidence).toEqual([
      'Dockerfile',
      'deploy/api.Dockerfile',
      'docker/Dockerfile.prod',
      'ops/Containerfile',
    ]);
    expect(outcome.score).toBe(10);
    expect(outcome.findings).toEqual([]);
  });

  it('tells names and contents apart', () => {
    expect(
      [
        'Dockerfile',
        'a/dockerfile',
        'Dockerfile.dev',
        'web.dockerfile',
        'dockerfile.ts',
        'x.ts',
      ].map(isDockerfileName),
    ).toEqual(['plain', 'plain', 'variant', 'variant', null, null]);
    expect(looksLikeDockerfile('\n# comment\nfrom alpine:3.20\n')).toBe(true);
    expect(looksLikeDockerfile('export const FROM = 1;\n')).toBe(false);
  });
});
