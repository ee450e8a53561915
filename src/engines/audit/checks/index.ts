/**
 * @module The check registry: every hygiene and code-health check, one file each, registered in
 * one map by id. Adding a check = one file + one line here (see ../README.md).
 */
import type { CheckDefinition } from './check-types.ts';
import { adrs } from './adrs.ts';
import { binaryArtifacts } from './binary-artifacts.ts';
import { ciConfigured } from './ci-configured.ts';
import { complexity } from './complexity.ts';
import { contributing } from './contributing.ts';
import { dangerousWorkflow } from './dangerous-workflow.ts';
import { dependencyUpdateTool } from './dependency-update-tool.ts';
import { dockerfile } from './dockerfile.ts';
import { duplication } from './duplication.ts';
import { envFiles } from './env-files.ts';
import { knowledgeRisk } from './knowledge-risk.ts';
import { license } from './license.ts';
import { lockfiles } from './lockfiles.ts';
import { pinnedActions } from './pinned-actions.ts';
import { readme } from './readme.ts';
import { securityPolicy } from './security-policy.ts';
import { testsPresent } from './tests-present.ts';
import { tokenPermissions } from './token-permissions.ts';

export const CHECKS: ReadonlyMap<string, CheckDefinition> = new Map(
  [
    ciConfigured,
    testsPresent,
    readme,
    license,
    lockfiles,
    envFiles,
    dangerousWorkflow,
    securityPolicy,
    dependencyUpdateTool,
    pinnedActions,
    tokenPermissions,
    binaryArtifacts,
    dockerfile,
    complexity,
    duplication,
    contributing,
    adrs,
    knowledgeRisk,
  ].map((check) => [check.id, check]),
);

export type { CheckContext, CheckDefinition, CheckOutcome, FindingDraft } from './check-types.ts';
