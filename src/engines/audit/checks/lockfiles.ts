/** @module Check: every dependency manifest has a lockfile, so builds install the same versions. */
import type { CheckDefinition } from './check-types.ts';
import { clampScore, notApplicable } from './check-types.ts';
import { findManifests, lockfileFor } from './manifests.ts';

export const lockfiles: CheckDefinition = {
  id: 'lockfiles',
  title: 'Lockfile for each dependency manifest',
  risk: 'high',
  level: 'bronze',
  whyItMatters:
    'Without a lockfile, two builds of the same code can pull different library versions, so a release can break, or pick up a compromised package, with no code change.',
  howToFix:
    'Commit the lockfile your package manager writes (package-lock.json, poetry.lock, Cargo.lock, go.sum, Gemfile.lock, composer.lock) next to each manifest.',
  async run(context) {
    const manifests = findManifests(context.paths);
    if (manifests.length === 0) return notApplicable('No dependency manifests.');
    const evidence: string[] = [];
    const findings = [];
    let locked = 0;
    for (const { path, ecosystem } of manifests) {
      const lock = lockfileFor(path, ecosystem, context.paths);
      if (lock) {
        locked++;
        evidence.push(`${path} → ${lock}`);
      } else {
        evidence.push(`${path} → no lockfile`);
        findings.push({ message: `${ecosystem.name} manifest ${path} has no lockfile.`, path });
      }
    }
    return {
      score: clampScore((10 * locked) / manifests.length),
      summary: `${locked} of ${manifests.length} manifests have a lockfile.`,
      evidence,
      findings,
    };
  },
};
