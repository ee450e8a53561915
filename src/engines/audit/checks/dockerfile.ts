/** @module Check: Dockerfile basics — base images pinned (digest, or at least a version tag) and a non-root USER. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';

// `Dockerfile`, `Containerfile` (any case), `Dockerfile.<variant>` (case-sensitive, so
// `dockerfile.ts` is not one) and `<name>.Dockerfile`.
const PLAIN = /(^|\/)(dockerfile|containerfile)$/i;
const VARIANT = /(^|\/)(Dockerfile|Containerfile)\.[\w.-]+$/;
const SUFFIXED = /[^/]\.(dockerfile|containerfile)$/i;
const VENDORED = /(^|\/)(node_modules|vendor)\//;

/** Whether a name can be a Dockerfile; variants are then confirmed by their content. */
export function isDockerfileName(path: string): 'plain' | 'variant' | null {
  if (VENDORED.test(path)) return null;
  if (PLAIN.test(path)) return 'plain';
  return VARIANT.test(path) || SUFFIXED.test(path) ? 'variant' : null;
}

/**
 * A Dockerfile's first instruction is FROM or ARG (after comments, blank lines and parser
 * directives): `Dockerfile.ts`, a TypeScript module named after Docker, is not one.
 */
export function looksLikeDockerfile(text: string): boolean {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    return /^(FROM|ARG)\s/i.test(line);
  }
  return false;
}

export const dockerfile: CheckDefinition = {
  id: 'dockerfile',
  title: 'Dockerfiles pinned and non-root',
  risk: 'medium',
  level: 'silver',
  whyItMatters:
    'An unpinned base image changes under you between builds, and a container running as root turns any bug into full control of the machine.',
  howToFix:
    'Pin base images (`FROM node:20.11-slim@sha256:…`) and add a `USER` with a non-root account in the final stage.',
  async run(context) {
    const files: string[] = [];
    for (const path of [...context.paths].sort()) {
      const kind = isDockerfileName(path);
      if (
        kind === 'plain' ||
        (kind === 'variant' && looksLikeDockerfile((await context.read(path)) ?? ''))
      )
        files.push(path);
    }
    if (files.length === 0) return notApplicable('No Dockerfiles.');
    const findings: FindingDraft[] = [];
    let points = 0;
    const stageNames = new Set<string>();
    for (const path of files) {
      const lines = ((await context.read(path)) ?? '').split('\n');
      let images = 0;
      let imagePoints = 0;
      let lastUser: string | null = null;
      lines.forEach((raw, index) => {
        const line = raw.trim();
        const from = /^FROM\s+(--platform=\S+\s+)?(\S+)(\s+AS\s+(\S+))?/i.exec(line);
        if (from) {
          const image = from[2] ?? '';
          lastUser = null; // USER applies per stage; only the final stage's counts
          if (from[4]) stageNames.add(from[4].toLowerCase());
          if (stageNames.has(image.toLowerCase()) || image === 'scratch') return;
          images++;
          if (image.includes('@sha256:')) imagePoints += 1;
          else if (/:[\w.-]+$/.test(image) && !/:latest$/.test(image)) {
            imagePoints += 0.5;
            findings.push({
              message: `Base image ${image} is pinned by tag, not by digest.`,
              path,
              line: index + 1,
              severity: 'low',
              key: `tag:${image}`,
            });
          } else
            findings.push({
              message: `Base image ${image} is not pinned (no tag or :latest).`,
              path,
              line: index + 1,
              key: `unpinned:${image}`,
            });
        }
        const user = /^USER\s+(\S+)/i.exec(line);
        if (user) lastUser = user[1] ?? null;
      });
      const nonRoot = lastUser !== null && !/^(root|0)(:|$)/.test(lastUser);
      if (!nonRoot)
        findings.push({
          message: 'The final stage runs as root (no non-root USER).',
          path,
          line: 1,
          key: 'root',
        });
      points += (images === 0 ? 1 : imagePoints / images) * 0.5 + (nonRoot ? 0.5 : 0);
    }
    return {
      score: clampScore((10 * points) / files.length),
      summary: `${files.length} Dockerfiles checked.`,
      evidence: files,
      findings,
    };
  },
};
