/** @module Check: Dockerfile basics — base images pinned (digest, or at least a version tag) and a non-root USER. */
import type { CheckDefinition, FindingDraft } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';

const DOCKERFILE = /(^|\/)(Dockerfile|Containerfile)(\.[\w.-]+)?$|\.dockerfile$/i;

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
    const files = [...context.paths]
      .filter((path) => DOCKERFILE.test(path) && !/(^|\/)(node_modules|vendor)\//.test(path))
      .sort();
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
