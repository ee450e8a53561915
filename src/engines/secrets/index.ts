/** @module Public surface of the secrets engine, for the CLI and the server's jobs. */
export { scanSecrets, prepareRules } from './scan.ts';
export { applyFailOn, failLevels, severityOf, type FailLevel } from './findings.ts';
export type { SecretsScanOptions, ScanFailure } from './scan.ts';
export { isInside, loadGitleaksConfig } from './gitleaks-config.ts';
export { readBaseline, buildBaseline, writeBaseline } from './baseline.ts';
export { reportFormats, isReportFormat } from './report/index.ts';
export type { ReportFormat } from './report/index.ts';
export { toJsonReport } from './report/json.ts';
export type { JsonReport } from './report/json.ts';
export { cloneToCache, isGitUrl, validateGitUrl } from './git-url.ts';
export { defaultRules, ruleFamilies } from './rules/index.ts';
export type { Finding, ScanResult, ScanMode, RuleSpec, AllowSpec, Confidence } from './types.ts';
