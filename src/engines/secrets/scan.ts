/**
 * @module Entry point of the secrets engine: rules → mode (tree, history, staged) → baseline.
 * Plain inputs, plain results; expected failures are values.
 */
import { stat } from 'node:fs/promises';
import { readBaseline } from './baseline.ts';
import type { RuleError, RuleSet } from './compile.ts';
import { compileRuleSet } from './compile.ts';
import { sortFindings } from './findings.ts';
import { describeProblem, loadGitleaksConfig } from './gitleaks-config.ts';
import { isGitWorkTree } from './git.ts';
import { defaultGlobalAllow } from './rules/global-allow.ts';
import { defaultRules } from './rules/index.ts';
import { scanHistory, scanStaged } from './scan-history.ts';
import { scanTree } from './scan-tree.ts';
import type { Result, ScanMode, ScanResult, ScanStats } from './types.ts';
import { err, ok } from './types.ts';

export interface RuleOptions {
  /** A gitleaks-format TOML config; default rules when absent. */
  configFile?: string;
  /** Drop rules that fail to load instead of failing the scan. */
  isSkippingInvalidRules?: boolean;
  /** The config and its `[extend] path`s must lie inside this folder (a scanned repository). */
  configRoot?: string;
}

export interface SecretsScanOptions extends RuleOptions {
  root: string;
  mode: ScanMode;
  baselineFile?: string;
  maxFileBytes?: number;
  onProgress?: (stats: ScanStats) => void;
}

export interface ScanFailure {
  kind: 'input' | 'config';
  messages: string[];
}

const describeRuleError = (e: RuleError): string => `rule "${e.ruleId}": ${e.field}: ${e.message}`;

/** Loads and compiles the rules; problems either fail or become warnings. */
export async function prepareRules(
  options: RuleOptions,
): Promise<Result<{ ruleSet: RuleSet; warnings: string[] }, ScanFailure>> {
  let specs = defaultRules();
  let globalAllow = defaultGlobalAllow;
  const messages: string[] = [];
  const warnings: string[] = [];
  if (options.configFile) {
    const loaded = await loadGitleaksConfig(
      options.configFile,
      options.configRoot === undefined ? {} : { root: options.configRoot },
    );
    if (!loaded.ok) {
      if (!options.isSkippingInvalidRules)
        return err({ kind: 'config', messages: loaded.error.map(describeProblem) });
      messages.push(
        ...loaded.error.map(describeProblem),
        'config unusable: running the default rules',
      );
    } else {
      messages.push(...loaded.value.problems.map(describeProblem));
      warnings.push(...loaded.value.warnings.map(describeProblem));
      specs = loaded.value.config.rules;
      globalAllow = loaded.value.config.globalAllow;
    }
  }
  const { ruleSet, errors } = compileRuleSet(specs, globalAllow);
  messages.push(
    ...errors.map((e) => `${options.configFile ?? 'default rules'}: ${describeRuleError(e)}`),
  );
  if (messages.length > 0 && !options.isSkippingInvalidRules)
    return err({ kind: 'config', messages });
  return ok({ ruleSet, warnings: [...warnings, ...messages] });
}

/** Scans a folder in one mode and applies the baseline. */
export async function scanSecrets(
  options: SecretsScanOptions,
): Promise<Result<ScanResult, ScanFailure>> {
  const info = await stat(options.root).catch(() => undefined);
  if (!info?.isDirectory())
    return err({ kind: 'input', messages: [`${options.root}: not a folder`] });
  const prepared = await prepareRules(options);
  if (!prepared.ok) return prepared;
  const { ruleSet, warnings } = prepared.value;
  let baseline = new Set<string>();
  if (options.baselineFile) {
    const loaded = await readBaseline(options.baselineFile);
    if (!loaded.ok) return err({ kind: 'input', messages: [loaded.error] });
    baseline = loaded.value;
  }
  if (options.mode !== 'tree' && !(await isGitWorkTree(options.root))) {
    return err({
      kind: 'input',
      messages: [`${options.root}: not a git repository (needed for --${options.mode})`],
    });
  }
  const scanOptions = {
    root: options.root,
    ruleSet,
    onProgress: options.onProgress,
    maxFileBytes: options.maxFileBytes,
  };
  let output;
  if (options.mode === 'tree') output = await scanTree(scanOptions);
  else {
    const result =
      options.mode === 'history' ? await scanHistory(scanOptions) : await scanStaged(scanOptions);
    if (!result.ok) return err({ kind: 'input', messages: [result.error] });
    output = result.value;
  }
  // A history finding at an older path is the same secret as the tree finding at its current
  // path: a baseline written from a tree scan lists the latter (currentFingerprints).
  const findings = output.findings.filter(
    (f) => !baseline.has(f.fingerprint) && !f.currentFingerprints?.some((fp) => baseline.has(fp)),
  );
  return ok({
    mode: options.mode,
    target: options.root,
    findings: sortFindings(findings),
    suppressed: {
      baseline: output.findings.length - findings.length,
      inline: output.inlineAllowed,
    },
    stats: output.stats,
    warnings,
  });
}
