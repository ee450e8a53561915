/**
 * @module `keel audit <folder | git URL>` and `keel audit diff OLD.json NEW.json`: the CLI face of
 * the standalone audit engine. Exit 0, 1 when the score is under --fail-under, 2 on bad input.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { CliError } from '../cli-error.ts';
import { isProgressShown, ProgressLine } from '../progress-bar.ts';
import { addTokenEnvOption, repositoryAccess, TOKEN_ENV_HINT } from '../repository-url.ts';
import type { ProgressEvent } from '../../engines/audit/types.ts';
import { FORMATS, isOutputFormat, renderReport } from '../../engines/audit/report/render.ts';

// The engine (TypeScript compiler, grammars, language data) loads only when `audit` runs, so
// other commands and `keel --help` stay fast.
const loadPipeline = () => import('../../engines/audit/pipeline.ts');
const loadDiff = () => import('../../engines/audit/report/diff.ts');

interface AuditFlags {
  format: string;
  out?: string;
  since?: string;
  config?: string;
  baseline?: string;
  failUnder?: string;
  allowFileUrls?: boolean;
  tokenEnv?: string;
}

async function emit(text: string, out: string | undefined): Promise<void> {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    throw new CliError(`cannot write ${out}: ${(error as Error).message}`, 2);
  }
}

/** A bar per running stage on a terminal; nothing when stderr is piped, in CI or on a dumb terminal. */
function progressLine(): ProgressLine | undefined {
  if (!isProgressShown(process.stderr)) return undefined;
  return new ProgressLine({
    title: 'keel audit',
    write: (text) => process.stderr.write(text),
    columns: () => process.stderr.columns || 80,
  });
}

function showProgress(line: ProgressLine, event: ProgressEvent): void {
  if (event.isFinished) line.finish(event.stage);
  else
    line.update(event.stage, {
      label: event.stage,
      done: event.done,
      total: event.total,
      unit: event.unit ?? '',
    });
}

async function audit(target: string, flags: AuditFlags): Promise<void> {
  const token = repositoryAccess(target, flags.tokenEnv);
  if (!isOutputFormat(flags.format))
    throw new CliError(`--format ${flags.format}: use one of ${FORMATS.join(', ')}`, 2);
  // Number('') is 0, which would make an empty --fail-under pass every audit.
  const failUnder =
    flags.failUnder === undefined
      ? undefined
      : flags.failUnder.trim() === ''
        ? Number.NaN
        : Number(flags.failUnder);
  if (failUnder !== undefined && (!Number.isFinite(failUnder) || failUnder < 0 || failUnder > 10))
    throw new CliError(`--fail-under ${flags.failUnder}: use a score from 0 to 10`, 2);
  const line = progressLine();
  const { runAudit } = await loadPipeline();
  const result = await runAudit({
    input: target,
    configFile: flags.config,
    since: flags.since,
    baselineFile: flags.baseline,
    allowFileUrls: flags.allowFileUrls === true,
    tokenHint: TOKEN_ENV_HINT,
    ...(token ? { token } : {}),
    ...(line ? { onProgress: (event: ProgressEvent) => showProgress(line, event) } : {}),
  }).finally(() => line?.clear());
  if (!result.ok) throw new CliError(result.error, 2);
  await emit(renderReport(result.value, flags.format), flags.out);
  const score = result.value.score;
  if (failUnder !== undefined && (score === null || score < failUnder)) {
    process.stderr.write(
      `keel: audit score ${score === null ? 'n/a' : score.toFixed(1)} is under --fail-under ${failUnder}\n`,
    );
    process.exitCode = 1;
  }
}

async function diff(
  oldFile: string,
  newFile: string,
  flags: { format: string; out?: string },
): Promise<void> {
  const { diffReports, readReport, renderDiffText } = await loadDiff();
  const [before, after] = await Promise.all([readReport(oldFile), readReport(newFile)]);
  if (!before.ok) throw new CliError(before.error, 2);
  if (!after.ok) throw new CliError(after.error, 2);
  const result = diffReports(before.value, after.value);
  await emit(
    flags.format === 'json' ? JSON.stringify(result, null, 2) + '\n' : renderDiffText(result),
    flags.out,
  );
}

export function registerAuditCommand(program: Command): void {
  const command = program
    .command('audit')
    .description(
      'Audit a repository (folder or git URL): inventory, hotspots, complexity, duplication, hygiene checks, score and level.',
    )
    .argument('<target>', 'folder or git URL to audit')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--out <file>', 'write the report to a file instead of standard output')
    .option(
      '--since <window>',
      'history window, e.g. 12m, 26w, 90d (default 12m or the config file)',
    )
    .option('--config <file>', 'audit config file (default: keel.audit.json in the audited folder)')
    .option('--baseline <file>', 'previous JSON report whose findings are accepted')
    .option('--fail-under <score>', 'exit 1 when the overall score is under this value')
    .option('--allow-file-urls', 'allow file:// git URLs (off by default)');
  addTokenEnvOption(command).action((target: string, flags: AuditFlags) => audit(target, flags));
  command
    .command('diff')
    .description('Compare two JSON audit reports: what improved and what got worse.')
    .argument('<old>', 'older JSON report')
    .argument('<new>', 'newer JSON report')
    .option('--format <format>', 'text or json', 'text')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((oldFile: string, newFile: string, flags: { format: string; out?: string }) =>
      diff(oldFile, newFile, flags),
    );
}
