/**
 * @module `keel secrets <folder | git URL>`: finds credentials in the working tree, the whole
 * history (--history) or the staged changes (--staged). Exit 1 when blocking findings remain
 * after the baseline and inline allowances (or findings at --fail-on's severity and above),
 * 2 on bad usage or input.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { addTokenEnvOption, repositoryAccess, TOKEN_ENV_HINT } from '../repository-url.ts';
import {
  applyFailOn,
  cloneToCache,
  failLevels,
  isGitUrl,
  reportFormats,
  scanSecrets,
  writeBaseline,
  type FailLevel,
  type ReportFormat,
  type ScanMode,
} from '../../engines/secrets/index.ts';

interface SecretsOptions {
  history?: boolean;
  staged?: boolean;
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  format: ReportFormat;
  output?: string;
  skipInvalidRules?: boolean;
  allowFileUrl?: boolean;
  maxFileSize: string;
  failOn?: FailLevel;
  tokenEnv?: string;
}

/** Progress on a terminal only, redrawn in place at most four times a second. */
function progressPrinter():
  ((stats: { commits: number; files: number; bytes: number }) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = 0;
  return (stats) => {
    const now = Date.now();
    if (now - last < 250) return;
    last = now;
    process.stderr.write(
      `\rkeel secrets: ${stats.commits} commits, ${stats.files} files, ${(stats.bytes / 1048576).toFixed(1)} MiB`,
    );
  };
}

async function runSecrets(target: string, options: SecretsOptions): Promise<void> {
  const token = repositoryAccess(target, options.tokenEnv);
  if (options.history && options.staged)
    throw new CliError('--history and --staged cannot be combined', 2);
  const maxMiB = Number(options.maxFileSize);
  if (!Number.isFinite(maxMiB) || maxMiB <= 0)
    throw new CliError('--max-file-size needs a positive number of MiB', 2);
  let root = resolve(target);
  if (isGitUrl(target)) {
    const cloned = await cloneToCache(target, {
      isFileAllowed: options.allowFileUrl,
      token,
      tokenHint: TOKEN_ENV_HINT,
    });
    if (!cloned.ok) throw new CliError(cloned.error, 2);
    root = cloned.value;
  }
  const mode: ScanMode = options.history ? 'history' : options.staged ? 'staged' : 'tree';
  const onProgress = progressPrinter();
  const scanned = await scanSecrets({
    root,
    mode,
    configFile: options.config,
    baselineFile: options.baseline,
    isSkippingInvalidRules: options.skipInvalidRules,
    maxFileBytes: maxMiB * 1024 * 1024,
    onProgress,
  });
  if (onProgress) process.stderr.write('\r\x1b[K');
  if (!scanned.ok) throw new CliError(scanned.error.messages.join('\n'), 2);
  const result = {
    ...scanned.value,
    target,
    // Reports and the exit code agree on what blocks: --fail-on moves the bar both ways.
    ...(options.failOn ? { findings: applyFailOn(scanned.value.findings, options.failOn) } : {}),
  };
  for (const warning of result.warnings) process.stderr.write(`keel: warning: ${warning}\n`);
  const report = reportFormats[options.format](result);
  if (options.output) await writeFile(options.output, report);
  else process.stdout.write(report);
  if (options.writeBaseline) await writeBaseline(options.writeBaseline, result.findings);
  else if (result.findings.some((f) => f.isBlocking)) process.exitCode = 1;
}

export function registerSecretsCommand(program: Command): void {
  const command = program
    .command('secrets')
    .description(
      'Find credentials in a folder or git URL: working tree, whole history or staged changes.',
    )
    .argument('<target>', 'folder or git URL to scan')
    .option('--history', 'scan every commit on every ref (added lines only, each blob once)')
    .option('--staged', 'scan the staged changes (for a pre-commit hook)')
    .option('--config <file>', 'gitleaks-format TOML config (default: the built-in rules)')
    .option('--baseline <file>', 'suppress findings whose fingerprints are in this file')
    .option(
      '--write-baseline <file>',
      'write the fingerprints of every finding to this file and exit 0',
    )
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(Object.keys(reportFormats))
        .default('text'),
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 on findings of this severity or above: critical (blocking, high confidence), ' +
          'high (every blocking rule), medium (also non-blocking rules), low (also generic ' +
          'rules); default: blocking rules only, generic ones never',
      ).choices(failLevels),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--skip-invalid-rules', 'drop rules that fail to load (warnings) instead of stopping')
    .option('--allow-file-url', 'allow file:// git URLs')
    .option('--max-file-size <MiB>', 'skip working-tree files larger than this', '25');
  addTokenEnvOption(command).action(async (target: string, options: SecretsOptions) =>
    runSecrets(target, options),
  );
}
